/**
 * Intra-procedural taint analysis over tree-sitter trees.
 *
 * Walks statements in order with a variable → taint state, forking at
 * branches and joining after them (so a constant that overwrites a tainted
 * value cleans it, and a branch that never saw taint stays quiet). Only the
 * functions that contain a sink, and that a source can reach (reach.ts), are
 * analysed; same-file helper functions are summarised on demand (does the
 * return value carry a parameter's taint, a source's taint, or nothing?). Calls to unknown functions propagate the
 * taint of their arguments and receiver, as semgrep does.
 *
 * Branches, switch arms and loops are walked by the base class
 * (controlFlow.ts); local lists and maps are tracked element by element
 * (collections.ts). Expressions are evaluated by evaluator.ts.
 */
import type { Node } from 'web-tree-sitter';
import { withChildrenMemo } from '../../parsing/heapNodes';
import { PARAMETER_SOURCE_SET, takesParameters, type SinkMatch, type TaintInputs } from '../matcher';
import { snippet, type Hit } from '../report';
import { freshShape, storeElement, trackCall } from './collections';
import { ControlFlow } from './controlFlow';
import type { LangSpec } from './languages';
import { Reach } from './reach';
import { CLEAN, reportedMarker, sourceFact, State, union, type Taint } from './state';
import { bindingsIn, callParts, okAliasOf, subscriptIndex } from './syntax';

/** Methods that store their arguments into the receiver (`list.append(x)`, `sb.append(x)`). */
const MUTATORS = new Set(['push', 'unshift', 'append', 'appendleft', 'extend', 'add', 'addAll', 'put', 'putAll', 'insert', 'set', 'update',
  'setdefault', 'write', 'Write', 'WriteString', 'splice', 'array_push', 'array_unshift']);
const MAX_DEPTH = 800;

class Walker extends ControlFlow {
  private readonly sinks = new Map<number, SinkMatch[]>();
  private readonly interesting = new Set<number>();
  private readonly reported = new Set<string>();
  private readonly reach: Reach;
  /** Ids of the nodes enclosing a sink of a rule that lists the built-in parameter source set. */
  private readonly parameterSinks = new Set<number>();
  readonly hits: Hit[] = [];

  constructor(spec: LangSpec, root: Node, inputs: TaintInputs) {
    super(spec, root, inputs);
    const parameterSinks = this.parameterSinks;
    this.reach = new Reach(inputs.sourceStarts, this.helpers, parameterSinks);
    for (const s of inputs.sinks) {
      const list = this.sinks.get(s.node.id);
      if (list) list.push(s);
      else this.sinks.set(s.node.id, [s]);
      if (takesParameters(s.rule)) for (let n: Node | null = s.node; n && !parameterSinks.has(n.id); n = n.parent) parameterSinks.add(n.id);
      for (let n: Node | null = s.node; n && !this.interesting.has(n.id); n = n.parent) this.interesting.add(n.id);
    }
  }

  run(): Hit[] {
    this.exec(this.root, new State());
    return this.hits;
  }

  protected exec(node: Node, st: State): void {
    if (st.dead || this.depth > MAX_DEPTH) return;
    this.depth++;
    try {
      this.step(node, st);
    } finally {
      this.depth--;
    }
    for (const s of this.sinks.get(node.id) ?? []) this.checkSink(s, st);
  }

  private step(node: Node, st: State): void {
    const t = node.type;
    // Literal data without a sink inside changes nothing (inert.ts).
    if (!this.interesting.has(node.id) && this.inert.has(node, t)) return;
    const spec = this.spec;
    if (spec.functions.has(t) && node.id !== this.root.id) {
      if (this.interesting.has(node.id) && this.reach.mayReport(node, st)) this.analyzeFunction(node, st.fork());
      return;
    }
    if (spec.loops.has(t)) return this.execLoop(node, st);
    if (spec.ifs.has(t)) return this.execIf(node, st);
    const shape = spec.assignments[t];
    if (shape) {
      const left = node.childForFieldName(shape.left);
      const right = node.childForFieldName(shape.right);
      if (right) this.exec(right, st);
      const alias = okAliasOf(this.spec, left, right);
      if (alias) this.okAliases.set(alias[0], alias[1]);
      if (!left) return;
      // Keys of subscript targets are evaluated too (`session[key] = v` can be a sink on `key`).
      if (spec.subscripts[left.type] !== undefined) left.namedChildren.slice(1).forEach((k) => this.exec(k, st));
      return this.assign(left, right ? this.taintOf(right, st) : CLEAN, st, shape.augmented === true, right);
    }
    this.execChildren(node, st);
    const value = t === 'return_statement' ? node.namedChildren.find((c) => c.type !== 'comment') : undefined;
    if (t === 'return_statement') this.returns?.push(value ? this.taintOf(value, st) : CLEAN);
    if (spec.terminators.has(t)) {
      if (/^(break|continue)_statement$/.test(t)) this.exits.at(-1)?.push(st.fork());
      st.dead = true;
    }
    if (spec.calls[t] !== undefined) this.afterCall(node, st);
  }

  private execChildren(node: Node, st: State): void {
    const children = node.namedChildren;
    const first = children.findIndex((c) => this.spec.arms.has(c.type));
    const before = first < 0 ? children : children.slice(0, first);
    for (const c of before) {
      this.exec(c, st);
      if (st.dead) return;
    }
    if (first < 0) return;
    const rest = children.slice(first);
    this.execArms(node, rest.filter((c) => this.spec.arms.has(c.type)), st);
    // Whatever follows the arms (a `finally` block) runs after them.
    for (const c of rest) {
      if (st.dead) return;
      if (!this.spec.arms.has(c.type)) this.exec(c, st);
    }
  }

  /** Runs a function's body (analysed or summarised) so that the `ok` aliases it defines stay inside it. */
  protected override scoped(run: () => void): void {
    const outer = this.okAliases;
    this.okAliases = new Map(outer);
    try {
      run();
    } finally {
      this.okAliases = outer;
    }
  }

  private analyzeFunction(fn: Node, st: State): void {
    this.scoped(() => this.analyzeBody(fn, st));
  }

  private analyzeBody(fn: Node, st: State): void {
    const saved = this.returns;
    this.returns = undefined;
    const params = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
    if (params) {
      const audit = this.parameterSinks.has(fn.id);
      for (const b of bindingsIn(this.spec, params)) {
        const sets = this.inputs.sources.get(b.id) ?? (audit && this.spec.auditParameter(b) ? [PARAMETER_SOURCE_SET] : undefined);
        if (sets) st.set(b.text, union(...sets.map((s) => [sourceFact(b, s)])));
        else st.delete(b.text);
      }
    }
    const body = fn.childForFieldName('body');
    if (body) this.exec(body, st);
    this.returns = saved;
  }

  protected assign(target: Node, value: Taint, st: State, augmented: boolean, right: Node | null): void {
    const spec = this.spec;
    const put = (key: string, t: Taint, weak: boolean): void => st.set(key, weak ? union(st.get(key) ?? CLEAN, t) : t);
    if (spec.variables.has(target.type) || spec.bindings.has(target.type)) {
      // `list = new ArrayList<>()` starts an element-wise model; any other assignment ends it.
      if (!augmented) st.setShape(target.text, freshShape(right, (n) => this.taintOf(n, st), (n) => this.consts.eval(n)));
      return put(target.text, value, augmented);
    }
    if (spec.members[target.type] !== undefined) {
      put(target.text, value, augmented);
      const base = target.childForFieldName(spec.members[target.type]!);
      if (base && spec.variables.has(base.type) && !/^(this|self|\$this)$/.test(base.text)) put(base.text, value, true);
      return;
    }
    const sub = spec.subscripts[target.type];
    if (sub !== undefined) {
      const base = sub ? target.childForFieldName(sub) : target.namedChild(0);
      // `d['keyB'] = v` on a tracked dict / list updates that element only (the container's own taint still grows).
      const shape = base && spec.variables.has(base.type) && !augmented ? st.shape(base.text) : undefined;
      if (shape) st.setShape(base!.text, storeElement(shape, this.consts.eval(subscriptIndex(target, base!)), value));
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
    trackCall(st, name, receiver, args, (n) => this.spec.variables.has(n.type), (n) => this.consts.eval(n), (n) => this.taintOf(n, st));
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
}

/**
 * Runs the taint analysis for every sink found by the combined query and
 * returns a hit for each sink reached by a rule's sources without one of the
 * rule's sanitizers.
 */
export function analyzeTaint(spec: LangSpec, root: Node, inputs: TaintInputs): Hit[] {
  if (inputs.sinks.length === 0 || (inputs.sources.size === 0 && !inputs.sinks.some((s) => takesParameters(s.rule)))) return [];
  return withChildrenMemo(() => new Walker(spec, root, inputs).run());
}
