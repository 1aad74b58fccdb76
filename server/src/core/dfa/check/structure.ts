import type { Dfa } from '../automata/automaton';
import { freshName } from '../automata/operations';
import type { DfaProblem, Span } from '../problems';
import type { MachineAst, Named } from '../file/machineAst';

/** A machine that passed the structural checks, completed into a `Dfa`. */
export interface BuiltMachine {
  /** Complete DFA; when transitions were missing, the last state is an added dead state. */
  readonly dfa: Dfa;
  /** Number of states the user wrote (the added dead state excluded). */
  readonly userStates: number;
  readonly deadAdded: boolean;
  /** Where each user state is declared (its `states:` entry, else its first mention). */
  readonly stateSpans: readonly Span[];
  /** The written transition for each `state * |Σ| + symbol`, if any. */
  readonly transitionSpans: readonly (Span | undefined)[];
  /** Missing transitions as (state, symbol index) pairs, in state then alphabet order. */
  readonly missing: readonly (readonly [number, number])[];
}

const error = (ruleId: string, span: Span, message: string): DfaProblem => ({ ruleId, severity: 'error', message, span });

/**
 * Structural validation: alphabet, states, start, accepting states and
 * transitions. Returns every problem; `machine` is present only when there
 * is no structural error (a DFA with unknown states or two transitions on
 * one symbol has no meaning to compare against a spec).
 */
export function buildMachine(ast: MachineAst, limit: number): { machine?: BuiltMachine; problems: DfaProblem[] } {
  const problems: DfaProblem[] = [];
  if (!ast.alphabet) {
    problems.push(error('dfa/missing-alphabet', ast.anchor, 'the machine has no alphabet; add a line such as "alphabet: {0, 1}"'));
    return { problems };
  }
  const alphabet: string[] = [];
  for (const s of ast.alphabet.symbols) {
    if (alphabet.includes(s.text)) problems.push(error('dfa/duplicate-symbol', s.span, `symbol ${s.text} is listed twice`));
    else alphabet.push(s.text);
  }
  if (alphabet.length === 0) problems.push(error('dfa/missing-alphabet', ast.alphabet.valueSpan, 'the alphabet is empty'));

  const index = new Map<string, number>();
  const spans: Span[] = [];
  const declare = (n: Named): void => {
    if (index.has(n.text)) {
      if (ast.states) problems.push({ ruleId: 'dfa/duplicate-state', severity: 'warning', message: `state ${n.text} is listed twice`, span: n.span });
      return;
    }
    index.set(n.text, spans.length);
    spans.push(n.span);
  };
  const known = (n: Named): boolean => {
    if (index.has(n.text)) return true;
    if (!ast.states) {
      declare(n);
      return true;
    }
    problems.push(error('dfa/unknown-state', n.span, `state ${n.text} is not declared in "states:"`));
    return false;
  };
  if (ast.states) ast.states.names.forEach(declare);

  if (!ast.start) problems.push(error('dfa/missing-start', ast.anchor, 'the machine has no start state; add a line such as "start: q0"'));
  else known(ast.start.name);

  const k = alphabet.length;
  const written = new Map<number, { to: Named; span: Span }>();
  const pending: { from: number; sym: number; to: Named; span: Span }[] = [];
  for (const t of ast.transitions) {
    const okFrom = known(t.from);
    const okTo = known(t.to);
    const sym = alphabet.indexOf(t.symbol.text);
    if (sym < 0) problems.push(error('dfa/foreign-symbol', t.symbol.span, `symbol ${t.symbol.text} is not in the alphabet {${alphabet.join(', ')}}`));
    // Related locations point at the whole arrow (or table cell / JSON value) a run takes.
    const span = ast.format === 'dfa' && t.from.span.start < t.to.span.start ? { start: t.from.span.start, end: t.to.span.end } : t.to.span;
    if (okFrom && okTo && sym >= 0) pending.push({ from: index.get(t.from.text)!, sym, to: t.to, span });
  }
  for (const p of pending) {
    const key = p.from * k + p.sym;
    const before = written.get(key);
    if (!before) written.set(key, { to: p.to, span: p.span });
    else if (before.to.text === p.to.text) {
      problems.push({ ruleId: 'dfa/duplicate-transition', severity: 'warning', message: `this transition on ${alphabet[p.sym]} is written twice`, span: p.to.span });
    } else {
      problems.push(error('dfa/duplicate-transition', p.to.span, `a second transition on ${alphabet[p.sym]}: it already goes to ${before.to.text}, so the machine is not deterministic`));
    }
  }
  const accepting = new Set<number>();
  if (!ast.accepting) {
    problems.push({ ruleId: 'dfa/missing-accepting', severity: 'warning', message: 'no accepting states are declared, so the machine accepts nothing; write "accepting: {}" if that is intended', span: ast.anchor });
  } else {
    for (const n of ast.accepting.names) if (known(n)) accepting.add(index.get(n.text)!);
  }
  if (problems.some((p) => p.severity === 'error') || !ast.start) return { problems };

  const userStates = spans.length;
  const missing: [number, number][] = [];
  for (let s = 0; s < userStates; s++) for (let a = 0; a < k; a++) if (!written.has(s * k + a)) missing.push([s, a]);
  const deadAdded = missing.length > 0;
  const n = userStates + (deadAdded ? 1 : 0);
  if (n > limit) {
    problems.push(error('dfa/state-limit', ast.anchor, `the machine has ${n} states, more than the limit of ${limit} (dfa.maxStates)`));
    return { problems };
  }
  const names = [...index.keys()];
  if (deadAdded) names.push(freshName(names, 'dead'));
  const delta = new Int32Array(n * k).fill(userStates);
  const transitionSpans: (Span | undefined)[] = new Array<Span | undefined>(n * k).fill(undefined);
  for (const [key, t] of written) {
    delta[key] = index.get(t.to.text)!;
    transitionSpans[key] = t.span;
  }
  const acc = new Uint8Array(n);
  for (const s of accepting) acc[s] = 1;
  const dfa: Dfa = { alphabet, stateCount: n, start: index.get(ast.start.name.text)!, accepting: acc, delta, stateNames: names };
  return { machine: { dfa, userStates, deadAdded, stateSpans: spans, transitionSpans, missing }, problems };
}
