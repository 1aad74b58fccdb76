/**
 * The control flow of the taint walk (analyzer.ts): branches fork the state
 * and join it after them, a condition that folds to a constant takes only its
 * live branch, switch arms and catch clauses start from the state before the
 * first arm (C-style arms also from the previous arm falling through), loops
 * run their body twice so values stored late in one iteration reach reads
 * early in the next, and `break` / `continue` states flow to the end of their
 * loop or switch. What each statement does to the state is the walker's.
 */
import type { Node } from 'web-tree-sitter';
import { Evaluator } from './evaluator';
import { CLEAN, State, type Taint } from './state';
import { guardsOf } from './syntax';
import { FALLTHROUGH_ARMS, selectArm } from './switches';

/** Base of the taint walker: branches, arms and loops over an abstract statement step. */
export abstract class ControlFlow extends Evaluator {
  /** Go's `_, ok := allowed[x]`: `ok` vouches for `x`. Scoped to the function that defines it (see `scoped`). */
  protected okAliases = new Map<string, string>();
  /** States at the `break` / `continue` statements of each enclosing loop or switch, innermost last. */
  protected readonly exits: State[][] = [];

  /** Binds `target` (a variable, member, subscript or pattern) to `value` in `st`. */
  protected abstract assign(target: Node, value: Taint, st: State, augmented: boolean, right: Node | null): void;

  /**
   * Switch arms and catch clauses: each arm starts from the state before the
   * first one (C-style switch arms also from the previous arm falling through);
   * a switch value that folds to a constant runs only the arms it selects.
   */
  protected execArms(node: Node, arms: readonly Node[], st: State): void {
    const isSwitch = arms.some((a) => !/catch|except/.test(a.type));
    const selected = isSwitch ? selectArm(node, arms, (n) => this.consts.eval(n)) : undefined;
    const exits: State[] = [];
    if (isSwitch) this.exits.push(exits);
    const ends: State[] = [];
    let prev: State | undefined;
    for (let i = selected ?? 0; i < arms.length; i++) {
      const falls = prev !== undefined && !prev.dead && FALLTHROUGH_ARMS.has(arms[i]!.type);
      let a: State;
      if (selected === undefined) a = falls ? State.join([st, prev!]) : st.fork();
      else if (i === selected) a = st.fork();
      else if (falls) a = prev!.fork();
      else break;
      this.exec(arms[i]!, a);
      ends.push(a);
      prev = a;
    }
    if (isSwitch) this.exits.pop();
    st.become(State.join([...(selected === undefined ? [st] : []), ...ends, ...exits]));
  }

  protected execIf(node: Node, st: State): void {
    const init = node.childForFieldName('initializer');
    if (init) this.exec(init, st);
    const cond = node.childForFieldName('condition');
    if (cond) this.exec(cond, st);
    const alts = node.childrenForFieldName('alternative');
    this.branch(cond, node.childForFieldName('consequence') ?? node.childForFieldName('body'), alts, st);
  }

  /** Runs `then` and the alternatives on forks of `st` (narrowed by the condition's guard), then joins them into `st`. */
  private branch(cond: Node | null, then: Node | null, alts: readonly Node[], st: State): void {
    const known = cond ? this.consts.eval(cond) : undefined;
    if (known !== undefined) {
      // `if ((7 * 42) - num > 200)` with a constant `num`: only the branch that runs is analysed.
      if (known) {
        if (then) this.exec(then, st);
      } else this.alternatives(alts, st);
      return;
    }
    const guards = cond ? guardsOf(this.spec, cond, this.okAliases) : undefined;
    const thenSt = st.fork();
    const elseSt = st.fork();
    for (const k of guards?.whenTrue ?? []) thenSt.set(k, CLEAN);
    for (const k of guards?.whenFalse ?? []) elseSt.set(k, CLEAN);
    if (then) this.exec(then, thenSt);
    this.alternatives(alts, elseSt);
    st.become(State.join([thenSt, elseSt]));
  }

  /** Runs the `else` part of an `if`: an `elif` / `else if` chain or the `else` body. */
  private alternatives(alts: readonly Node[], st: State): void {
    const [first, ...rest] = alts;
    if (first && this.spec.elseIfs.has(first.type)) {
      const c = first.childForFieldName('condition');
      if (c) this.exec(c, st);
      this.branch(c, first.childForFieldName('consequence') ?? first.childForFieldName('body'), rest, st);
    } else {
      for (const a of alts) this.exec(a, st);
    }
  }

  protected execLoop(node: Node, st: State): void {
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
    const exits: State[] = [];
    this.exits.push(exits);
    for (let i = 0; i < 2; i++) {
      const iter = cur.fork();
      iter.dead = false;
      const value = iterated ? this.taintOf(iterated, iter) : CLEAN;
      for (const t of targets) this.assign(t, value, iter, false, null);
      if (body) this.exec(body, iter);
      cur = State.join([cur, iter], true);
    }
    this.exits.pop();
    cur = State.join([cur, ...exits], true);
    cur.dead = st.dead;
    st.become(cur);
  }
}
