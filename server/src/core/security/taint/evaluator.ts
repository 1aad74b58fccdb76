/**
 * Expression half of the taint analysis: the taint of an expression at a
 * program state. Statements (and therefore helper bodies) are walked by the
 * subclass in analyzer.ts; this class calls back into it through `exec` when
 * it summarises a same-file helper.
 */
import type { Node } from 'web-tree-sitter';
import type { HelperIndex, TaintInputs } from '../matcher';
import { readElement, subscriptElement } from './collections';
import { Constants, ternaryParts } from './constants';
import { InertNodes } from './inert';
import { isComparison, type LangSpec } from './languages';
import { CLEAN, sanitize, sourceFact, State, union, widen, type Taint } from './state';
import { bindingsIn, callParts, collectHelpers, subscriptIndex } from './syntax';

const PARAM = '$param';
const MAX_DEPTH = 800;

interface Summary {
  /** The return value carries the parameters' taint, after these sanitizers; undefined when it does not. */
  readonly sanitized: readonly string[] | undefined;
  /** Taint from sources read inside the helper itself. */
  readonly own: Taint;
}

/** Expression evaluation and helper summaries; `exec` (statements) is supplied by the subclass. */
export abstract class Evaluator {
  protected readonly helpers: HelperIndex['helpers'];
  /** Classes declared in this file: `new Helper().run(x)` is summarised like a same-class helper. */
  protected readonly classes: ReadonlySet<string>;
  protected readonly consts: Constants;
  /** Literal data that is clean and whose walk changes nothing (inert.ts). */
  protected readonly inert: InertNodes;
  private readonly summaries = new Map<number, Summary | 'pending'>();
  /** Sink node id → rules already reported there; values built from a reported sink are not reported again by those rules. */
  protected readonly reportedSinks = new Map<number, string[]>();
  /** Taints of the `return` statements of the function being summarised. */
  protected returns: Taint[] | undefined;
  protected depth = 0;

  constructor(protected readonly spec: LangSpec, protected readonly root: Node, protected readonly inputs: TaintInputs) {
    if (inputs.helpers) {
      this.helpers = inputs.helpers.helpers;
      this.classes = inputs.helpers.classes;
    } else {
      const helpers = new Map<string, Node | null>();
      const classes = new Set<string>();
      collectHelpers(spec, root, helpers, classes);
      [this.helpers, this.classes] = [helpers, classes];
    }
    this.consts = new Constants(spec, root, inputs.fileScope);
    this.inert = new InertNodes(spec, inputs.sources, inputs.sanitizers);
  }

  protected abstract exec(node: Node, st: State): void;

  /** Runs a function body; the subclass keeps what the body defines for its guards inside it. */
  protected scoped(run: () => void): void {
    run();
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
    if (spec.functions.has(t) || spec.literals.has(t) || this.inert.has(node, t)) return CLEAN;
    if (spec.variables.has(t)) return st.get(node.text) ?? CLEAN;
    const member = spec.members[t];
    if (member !== undefined) {
      if (st.has(node.text)) return st.get(node.text)!;
      // `data.length` of a Java array is a number, like `s.length()`.
      const field = node.childForFieldName('field');
      if (field && spec.scalarCalls.test(field.text)) return CLEAN;
      return widen(this.childTaint(node, st), node.childForFieldName(member), node);
    }
    const sub = spec.subscripts[t];
    if (sub !== undefined) {
      const base = sub ? node.childForFieldName(sub) : node.namedChild(0);
      if (!base) return CLEAN;
      // `items[1]` / `d['keyA']` of a tracked local list or dict: that element only.
      const shape = spec.variables.has(base.type) ? st.shape(base.text) : undefined;
      const element = shape ? subscriptElement(shape, this.consts.eval(subscriptIndex(node, base))) : undefined;
      return element ?? widen(this.taintOf(base, st), base, node);
    }
    if (spec.binaries.has(t) && isComparison(node)) return CLEAN;
    if (spec.calls[t] !== undefined) return this.callTaint(node, st);
    const tern = ternaryParts(node);
    if (tern) {
      // `(7 * 42) - num > 200 ? "constant" : param` with a known `num` only ever yields one branch.
      const c = this.consts.eval(tern.cond);
      if (c !== undefined) return this.taintOf(c ? tern.then : tern.otherwise, st);
    }
    return this.childTaint(node, st);
  }

  protected childTaint(node: Node, st: State): Taint {
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
    const { name, receiver, args } = callParts(this.spec, node);
    // Methods that return numbers or booleans (`s.length()`, `in.read(buf)`) cannot carry an injection payload.
    if (name && receiver && this.spec.scalarCalls.test(name)) return CLEAN;
    const shape = name && receiver && this.spec.variables.has(receiver.type) ? st.shape(receiver.text) : undefined;
    const element = shape ? readElement(shape, name!, args.map((a) => this.consts.eval(a))) : undefined;
    if (element) return element;
    const fn = name && (!receiver || /^(this|self|\$this)$/.test(receiver.text) || this.isLocalInstance(receiver)) ? this.helpers.get(name) : undefined;
    const summary = fn ? this.summarize(fn) : undefined;
    if (!summary) return widen(widen(this.childTaint(node, st), receiver ?? null, node), node.childForFieldName('function'), node);
    const argList = node.childForFieldName('arguments');
    const flow = summary.sanitized && argList ? sanitize(this.childTaint(argList, st), summary.sanitized) : CLEAN;
    return union(flow, summary.own);
  }

  /** `new Helper()` (Python: `Helper()`) where `Helper` is a class of this file. */
  private isLocalInstance(receiver: Node): boolean {
    const fn = receiver.type === 'call' ? receiver.childForFieldName('function') : null;
    if (fn) return this.spec.variables.has(fn.type) && this.classes.has(fn.text);
    if (!/^(object_creation_expression|new_expression)$/.test(receiver.type)) return false;
    const type = receiver.childForFieldName('type') ?? receiver.childForFieldName('constructor');
    return !!type && this.classes.has(type.text);
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
      this.scoped(() => {
        this.exec(body, st);
        if (!/block|statement|body/.test(body.type)) this.returns!.push(this.taintOf(body, st));
      });
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
