/**
 * The dense DFA representation every other DFA module works on. Transition
 * tables are flat `Int32Array`s so that products, minimisation and batch
 * equivalence checks (thousands per second) allocate almost nothing per
 * string or per transition.
 */

/**
 * A complete deterministic finite automaton. `delta[s * alphabet.length + a]`
 * is the successor of state `s` on the symbol `alphabet[a]`; every entry is a
 * valid state, so a machine with "missing" transitions must be completed with
 * an explicit dead state before it becomes a `Dfa`.
 */
export interface Dfa {
  /** Symbols in their declared order; the order defines digit values and shortlex order. */
  readonly alphabet: readonly string[];
  readonly stateCount: number;
  readonly start: number;
  /** `accepting[s] === 1` when state `s` accepts. */
  readonly accepting: Uint8Array;
  readonly delta: Int32Array;
  /** Optional display names, one per state (user machines keep their own names). */
  readonly stateNames?: readonly string[];
}

/** Raised when an automaton would exceed the configured state limit (`dfa.maxStates`). */
export class StateLimitError extends Error {
  constructor(
    readonly limit: number,
    readonly needed: number,
    readonly what: string,
  ) {
    super(`${what} needs more than ${limit} states (limit dfa.maxStates)`);
    this.name = 'StateLimitError';
  }
}

/** Default state limit when a caller does not pass one; matches the `dfa.maxStates` default. */
export const DEFAULT_STATE_LIMIT = 10000;

/** Throws {@link StateLimitError} when `needed` exceeds `limit`. */
export function checkLimit(needed: number, limit: number, what: string): void {
  if (needed > limit) throw new StateLimitError(limit, needed, what);
}

/**
 * Builds a DFA from a successor function, checking the table is complete and
 * in range. Intended for builders and tests; hot paths fill arrays directly.
 */
export function makeDfa(
  alphabet: readonly string[],
  stateCount: number,
  start: number,
  isAccepting: (s: number) => boolean,
  next: (s: number, a: number) => number,
  stateNames?: readonly string[],
): Dfa {
  const k = alphabet.length;
  const delta = new Int32Array(stateCount * k);
  const accepting = new Uint8Array(stateCount);
  for (let s = 0; s < stateCount; s++) {
    accepting[s] = isAccepting(s) ? 1 : 0;
    for (let a = 0; a < k; a++) {
      const t = next(s, a);
      if (!(t >= 0 && t < stateCount)) throw new Error(`transition ${s},${a} -> ${t} out of range`);
      delta[s * k + a] = t;
    }
  }
  if (!(start >= 0 && start < stateCount)) throw new Error(`start ${start} out of range`);
  return stateNames ? { alphabet, stateCount, start, accepting, delta, stateNames } : { alphabet, stateCount, start, accepting, delta };
}

/** Splits a word into symbols: every symbol is exactly one Unicode code point. */
export function splitSymbols(word: string): string[] {
  return Array.from(word);
}

const indexCache = new WeakMap<readonly string[], Map<string, number>>();

/** Symbol → index map for an alphabet (cached per alphabet array: words are encoded in hot loops). */
export function symbolIndex(alphabet: readonly string[]): Map<string, number> {
  let m = indexCache.get(alphabet);
  if (!m) {
    m = new Map<string, number>();
    alphabet.forEach((s, i) => m!.set(s, i));
    indexCache.set(alphabet, m);
  }
  return m;
}

/**
 * Encodes a word as symbol indices, or returns the first symbol that is not
 * in the alphabet (callers report it; strings with foreign symbols are never
 * silently skipped).
 */
export function encodeWord(alphabet: readonly string[], word: string): { symbols: number[] } | { foreign: string } {
  const index = symbolIndex(alphabet);
  const symbols: number[] = [];
  for (const ch of word) {
    const i = index.get(ch);
    if (i === undefined) return { foreign: ch };
    symbols.push(i);
  }
  return { symbols };
}

/** Runs the DFA on encoded symbols and returns the final state. */
export function runSymbols(dfa: Dfa, symbols: ArrayLike<number>): number {
  const k = dfa.alphabet.length;
  let s = dfa.start;
  for (let i = 0; i < symbols.length; i++) s = dfa.delta[s * k + symbols[i]!]!;
  return s;
}

/** Whether the DFA accepts a word; a word with a symbol outside the alphabet is rejected. */
export function accepts(dfa: Dfa, word: string): boolean {
  const enc = encodeWord(dfa.alphabet, word);
  if ('foreign' in enc) return false;
  return dfa.accepting[runSymbols(dfa, enc.symbols)] === 1;
}

/** The states visited by a run, starting with the start state (length = word length + 1). */
export function trace(dfa: Dfa, symbols: ArrayLike<number>): number[] {
  const k = dfa.alphabet.length;
  const states = [dfa.start];
  let s = dfa.start;
  for (let i = 0; i < symbols.length; i++) {
    s = dfa.delta[s * k + symbols[i]!]!;
    states.push(s);
  }
  return states;
}

/** Display name of a state: its own name, else `q<index>`. */
export function stateName(dfa: Dfa, s: number): string {
  return dfa.stateNames?.[s] ?? `q${s}`;
}

/** Renders a word for messages: the empty word is `ε`. */
export function showWord(word: string): string {
  return word === '' ? 'ε' : word;
}

/** The states reachable from the start, as a boolean mask. */
export function reachableMask(dfa: Dfa): Uint8Array {
  const k = dfa.alphabet.length;
  const seen = new Uint8Array(dfa.stateCount);
  const queue = new Int32Array(dfa.stateCount);
  let head = 0;
  let tail = 0;
  seen[dfa.start] = 1;
  queue[tail++] = dfa.start;
  while (head < tail) {
    const s = queue[head++]!;
    for (let a = 0; a < k; a++) {
      const t = dfa.delta[s * k + a]!;
      if (!seen[t]) {
        seen[t] = 1;
        queue[tail++] = t;
      }
    }
  }
  return seen;
}
