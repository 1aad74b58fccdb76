/**
 * Intra-procedural taint analysis over tree-sitter trees.
 *
 * Walks statements in order with a variable → taint state, forking at
 * branches and joining after them (so a constant that overwrites a tainted
 * value cleans it, and a branch that never saw taint stays quiet). Only the
 * functions that contain a sink are analysed; same-file helper functions are
 * summarised on demand (does the return value carry a parameter's taint, a
 * source's taint, or nothing?). Calls to unknown functions propagate the
 * taint of their arguments and receiver, as semgrep does.
 */
import type { Node } from 'web-tree-sitter';
import type { SinkMatch, TaintInputs } from '../matcher';
import { snippet, type Hit } from '../report';
import { isComparison, type LangSpec } from './languages';
import { CLEAN, reportedMarker, sanitize, sourceFact, State, union, widen, type Taint } from './state';
import { bindingsIn, callParts, collectHelpers, guardsOf } from './syntax';

/** Methods that store their arguments into the receiver (`list.append(x)`, `sb.append(x)`). */
const MUTATORS = new Set(['push', 'unshift', 'append', 'appendleft', 'extend', 'add', 'addAll', 'put', 'putAll', 'insert', 'set', 'update',
  'setdefault', 'write', 'Write', 'WriteString', 'splice', 'array_push', 'array_unshift']);
const PARAM = '$param';
const MAX_DEPTH = 800;

interface Summary {
  /** The return value carries the parameters' taint, after these sanitizers; undefined when it does not. */
  readonly sanitized: readonly string[] | undefined;
  /** Taint from sources read inside the helper itself. */
  readonly own: Taint;
}

class Walker {
  private readonly sinks = new Map<number, SinkMatch[]>();
  private readonly interesting = new Set<number>();
  private readonly helpers = new Map<string, Node | null>();
  private readonly summaries = new Map<number, Summary | 'pending'>();
  private readonly okAliases = new Map<string, string>();
  private readonly reported = new Set<string>();
  /** Sink node id → rules already reported there; values built from a reported sink are not reported again by those rules. */
  private readonly reportedSinks = new Map<number, string[]>();
  private returns: Taint[] | undefined;
  private depth = 0;
  readonly hits: Hit[] = [];

  constructor(private readonly spec: LangSpec, private readonly root: Node, private readonly inputs: TaintInputs) {
    for (const s of inputs.sinks) {
      const list = this.sinks.get(s.node.id);
      if (list) list.push(s);
      else this.sinks.set(s.node.id, [s]);
      for (let n: Node | null = s.node; n && !this.interesting.has(n.id); n = n.parent) this.interesting.add(n.id);
    }
    collectHelpers(spec, root, this.helpers);
  }

  run(): Hit[] {
    this.exec(this.root, new State());
    return this.hits;
  }

  private exec(node: Node, st: State): void {
    if (st.dead || this.depth > MAX_DEPTH) return;
    this.depth++;
    try {
      this.step(node, st);
    } finally {
      this.depth--;
    }
    const sinks = this.sinks.get(node.id);
    if (sinks) for (const s of sinks) this.checkSink(s, st);
  }

  private step(node: Node, st: State): void {
    const t = node.type;
    const spec = this.spec;
    if (spec.functions.has(t) && node.id !== this.root.id) {
      if (this.interesting.has(node.id)) this.analyzeFunction(node, st.fork());
      return;
    }
    if (spec.loops.has(t)) return this.execLoop(node, st);
    if (spec.ifs.has(t)) return this.execIf(node, st);
    const shape = spec.assignments[t];
    if (shape) {
      const left = node.childForFieldName(shape.left);
      const right = node.childForFieldName(shape.right);
      if (right) this.exec(right, st);
      this.recordOkAlias(left, right);
      if (left) this.assign(left, right ? this.taintOf(right, st) : CLEAN, st, shape.augmented === true, right);
      return;
    }
    this.execChildren(node, st);
    if (t === 'return_statement') {
      const value = node.namedChildren.find((c) => c.type !== 'comment');
      this.returns?.push(value ? this.taintOf(value, st) : CLEAN);
    }
    if (spec.terminators.has(t)) st.dead = true;
    if (spec.calls[t] !== undefined) this.afterCall(node, st);
  }

  private execChildren(node: Node, st: State): void {
    let armsFrom: State | undefined;
    const arms: State[] = [];
    for (const c of node.namedChildren) {
      if (this.spec.arms.has(c.type)) {
        armsFrom ??= st.fork();
        const a = armsFrom.fork();
        this.exec(c, a);
        arms.push(a);
        continue;
      }
      this.exec(c, st);
      if (st.dead) return;
    }
    if (armsFrom) st.become(State.join([armsFrom, ...arms]));
  }

  private execIf(node: Node, st: State): void {
    const init = node.childForFieldName('initializer');
    if (init) this.exec(init, st);
    const cond = node.childForFieldName('condition');
    if (cond) this.exec(cond, st);
    const alts = node.childrenForFieldName('alternative');
    this.branch(cond, node.childForFieldName('consequence') ?? node.childForFieldName('body'), alts, st);
  }

  /** Runs `then` and the alternatives on forks of `st` (narrowed by the condition's guard), then joins them into `st`. */
  private branch(cond: Node | null, then: Node | null, alts: readonly Node[], st: State): void {
    const guards = cond ? guardsOf(this.spec, cond, this.okAliases) : undefined;
    const thenSt = st.fork();
    const elseSt = st.fork();
    for (const k of guards?.whenTrue ?? []) thenSt.set(k, CLEAN);
    for (const k of guards?.whenFalse ?? []) elseSt.set(k, CLEAN);
    if (then) this.exec(then, thenSt);
    const [first, ...rest] = alts;
    if (first && this.spec.elseIfs.has(first.type)) {
      const c = first.childForFieldName('condition');
      if (c) this.exec(c, elseSt);
      this.branch(c, first.childForFieldName('consequence') ?? first.childForFieldName('body'), rest, elseSt);
    } else {
      for (const a of alts) this.exec(a, elseSt);
    }
    st.become(State.join([thenSt, elseSt]));
  }

  private execLoop(node: Node, st: State): void {
    const shape = this.spec.assignments[node.type];
    const body = node.childForFieldName('body');
    const left = shape ? node.childForFieldName(shape.left) : null;
    const right = shape ? node.childForFieldName(shape.right) : null;
    // PHP `foreach ($items as $k => $v)` has no fields: the iterated value comes first, then the targets.
    const parts = node.type === 'foreach_statement' ? node.namedChildren.filter((c) => c.id !== body?.id && c.type !== 'comment') : [];
    const iterated = right ?? parts[0];
    const targets = left ? [left] : parts.slice(1);
    for (const c of node.namedChildren) if (c.id !== body?.id && !targets.some((t) => t.id === c.id)) this.exec(c, st);
    let cur = st.fork();
    for (let i = 0; i < 2; i++) {
      const iter = cur.fork();
      iter.dead = false;
      const value = iterated ? this.taintOf(iterated, iter) : CLEAN;
      for (const t of targets) this.assign(t, value, iter, false, null);
      if (body) this.exec(body, iter);
      cur = State.join([cur, iter], true);
    }
    cur.dead = st.dead;
    st.become(cur);
  }

  private analyzeFunction(fn: Node, st: State): void {
    const saved = this.returns;
    this.returns = undefined;
    const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
    if (params) {
      for (const b of bindingsIn(this.spec, params)) {
        const sets = this.inputs.sources.get(b.id);
        if (sets) st.set(b.text, union(...sets.map((s) => [sourceFact(b, s)])));
        else st.delete(b.text);
      }
    }
    const body = fn.childForFieldName('body');
    if (body) this.exec(body, st);
    this.returns = saved;
  }

  /** Remembers `ok` in Go's `_, ok := allowed[x]` so `if !ok { return }` guards `x`. */
  private recordOkAlias(left: Node | null, right: Node | null): void {
    if (!left || !right || left.namedChildCount !== 2 || right.namedChildCount !== 1) return;
    const idx = right.namedChild(0)!;
    const key = idx.type === 'index_expression' ? idx.childForFieldName('index') : null;
    if (key && this.spec.variables.has(key.type)) this.okAliases.set(left.namedChild(1)!.text, key.text);
  }

  private assign(target: Node, value: Taint, st: State, augmented: boolean, right: Node | null): void {
    const spec = this.spec;
    const put = (key: string, t: Taint, weak: boolean): void => st.set(key, weak ? union(st.get(key) ?? CLEAN, t) : t);
    if (spec.variables.has(target.type) || spec.bindings.has(target.type)) return put(target.text, value, augmented);
    if (spec.members[target.type] !== undefined) {
      put(target.text, value, augmented);
      const base = target.childForFieldName(spec.members[target.type]!);
      if (base && spec.variables.has(base.type) && !/^(this|self|\$this)$/.test(base.text)) put(base.text, value, true);
      return;
    }
    const sub = spec.subscripts[target.type];
    if (sub !== undefined) {
      const base = sub ? target.childForFieldName(sub) : target.namedChild(0);
      if (base) this.assign(base, value, st, true, null);
      return;
    }
    const names = bindingsIn(spec, target);
    const rights = right?.namedChildren.filter((c) => c.type !== 'comment');
    const pairwise = rights && right!.type !== target.type && /list|tuple|pattern/.test(right!.type) && rights.length === names.length && names.length > 1;
    names.forEach((n, i) => put(n.text, pairwise ? this.taintOf(rights[i]!, st) : value, augmented));
  }

  private afterCall(node: Node, st: State): void {
    const { name, receiver, args } = callParts(this.spec, node);
    if (!name) return;
    if (this.spec.exits.test(receiver ? `${receiver.text}.${name}` : name) || this.spec.exits.test(name)) st.dead = st.dead || node.parent?.type === 'expression_statement';
    if (!MUTATORS.has(name)) return;
    const target = receiver ?? (name.startsWith('array_') ? args[0] : undefined);
    if (!target || !(this.spec.variables.has(target.type) || this.spec.members[target.type] !== undefined)) return;
    const t = union(...args.filter((a) => a.id !== target.id).map((a) => this.taintOf(a, st)));
    if (t.length) st.set(target.text, union(st.get(target.text) ?? this.taintOf(target, st), t));
  }

  private checkSink(s: SinkMatch, st: State): void {
    const taint = s.rule.taint;
    if (!taint) return;
    const marker = reportedMarker(s.rule.id);
    const fact = this.taintOf(s.node, st).find((f) => taint.sources.includes(f.set) && !f.sanitized.some((x) => x === marker || taint.sanitizers.includes(x)));
    if (!fact) return;
    const key = `${s.rule.id}\0${s.node.startIndex}\0${s.node.endIndex}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.reportedSinks.set(s.node.id, [...(this.reportedSinks.get(s.node.id) ?? []), marker]);
    const values: Record<string, string> = { source: snippet(fact.text), sink: snippet(s.node.text) };
    for (const [k, n] of s.captures) values[k] ??= snippet(n.text);
    const fix = s.fix?.();
    this.hits.push({
      rule: s.rule,
      span: { start: s.node.startIndex, end: s.node.endIndex },
      values,
      related: [{ span: { start: fact.start, end: fact.end }, message: `Untrusted data enters here (line ${fact.line}): ${snippet(fact.text)}` }],
      ...(fix ? { fix } : {}),
    });
  }

  /** Taint of an expression at the current state. */
  taintOf(node: Node, st: State): Taint {
    // Pathologically deep expressions (generated code) are treated as clean rather than overflowing the stack.
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      return CLEAN;
    }
    try {
      return this.evaluate(node, st);
    } finally {
      this.depth--;
    }
  }

  private evaluate(node: Node, st: State): Taint {
    const spec = this.spec;
    const sanitizers = this.inputs.sanitizers.get(node.id);
    if (sanitizers) return sanitize(this.childTaint(node, st), sanitizers);
    const sources = this.inputs.sources.get(node.id);
    if (sources) return sources.map((s) => sourceFact(node, s));
    const t = node.type;
    if (spec.functions.has(t) || spec.literals.has(t)) return CLEAN;
    if (spec.variables.has(t)) return st.get(node.text) ?? CLEAN;
    const member = spec.members[t];
    if (member !== undefined) {
      if (st.has(node.text)) return st.get(node.text)!;
      return widen(this.childTaint(node, st), node.childForFieldName(member), node);
    }
    const sub = spec.subscripts[t];
    if (sub !== undefined) {
      const base = sub ? node.childForFieldName(sub) : node.namedChild(0);
      return base ? widen(this.taintOf(base, st), base, node) : CLEAN;
    }
    if (spec.binaries.has(t) && isComparison(node)) return CLEAN;
    if (spec.calls[t] !== undefined) return this.callTaint(node, st);
    return this.childTaint(node, st);
  }

  private childTaint(node: Node, st: State): Taint {
    const parts: Taint[] = [];
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i)!;
      if (!c.isNamed || c.type === 'comment') continue;
      const field = node.fieldNameForChild(i);
      if (field && this.spec.skipFields.has(field)) continue;
      parts.push(this.taintOf(c, st));
    }
    return union(...parts);
  }

  private callTaint(node: Node, st: State): Taint {
    const t = this.plainCallTaint(node, st);
    if (!t.length || this.reportedSinks.size === 0) return t;
    // One flow, one finding: `new File(name)` was reported, so `f.toPath()` and `Files.read(…)` built from it are not reported again.
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    const markers = [...args, ...callParts(this.spec, node).args].flatMap((a) => this.reportedSinks.get(a.id) ?? []);
    return markers.length ? sanitize(t, markers) : t;
  }

  private plainCallTaint(node: Node, st: State): Taint {
    const { name, receiver } = callParts(this.spec, node);
    const fn = name && (!receiver || /^(this|self|\$this)$/.test(receiver.text)) ? this.helpers.get(name) : undefined;
    const summary = fn ? this.summarize(fn) : undefined;
    if (!summary) return widen(widen(this.childTaint(node, st), receiver ?? null, node), node.childForFieldName('function'), node);
    const args = node.childForFieldName('arguments');
    const flow = summary.sanitized && args ? sanitize(this.childTaint(args, st), summary.sanitized) : CLEAN;
    return union(flow, summary.own);
  }

  /** Summarises a same-file helper by analysing it with tainted parameters; recursion falls back to propagation. */
  private summarize(fn: Node): Summary | undefined {
    const done = this.summaries.get(fn.id);
    if (done) return done === 'pending' ? undefined : done;
    this.summaries.set(fn.id, 'pending');
    const saved = this.returns;
    this.returns = [];
    const st = new State();
    const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
    for (const b of params ? bindingsIn(this.spec, params) : []) st.set(b.text, [sourceFact(b, PARAM)]);
    const body = fn.childForFieldName('body');
    if (body) {
      this.exec(body, st);
      if (!/block|statement|body/.test(body.type)) this.returns.push(this.taintOf(body, st));
    }
    const ret = union(...this.returns);
    this.returns = saved;
    const fromParams = ret.filter((f) => f.set === PARAM);
    const sanitized = fromParams.length ? fromParams.map((f) => f.sanitized).reduce((a, b) => a.filter((x) => b.includes(x))) : undefined;
    const summary: Summary = { sanitized, own: ret.filter((f) => f.set !== PARAM) };
    this.summaries.set(fn.id, summary);
    return summary;
  }
}

/**
 * Runs the taint analysis for every sink found by the combined query and
 * returns a hit for each sink reached by a rule's sources without one of the
 * rule's sanitizers.
 */
export function analyzeTaint(spec: LangSpec, root: Node, inputs: TaintInputs): Hit[] {
  if (inputs.sinks.length === 0 || inputs.sources.size === 0) return [];
  return new Walker(spec, root, inputs).run();
}
