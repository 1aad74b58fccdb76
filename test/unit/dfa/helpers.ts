/**
 * Shared helpers for the DFA tests: brute-force word enumeration, a direct
 * DFA simulator written independently of the engine's, and fast-check
 * arbitraries for random machines.
 */
import fc from 'fast-check';
import type { Dfa } from '../../../server/src/core/dfa/automata/automaton';

/** Every word over `alphabet` of length ≤ maxLen, in shortlex order. */
export function allWords(alphabet: readonly string[], maxLen: number): string[] {
  const out = [''];
  let layer = [''];
  for (let len = 1; len <= maxLen; len++) {
    const next: string[] = [];
    for (const w of layer) for (const s of alphabet) next.push(w + s);
    out.push(...next);
    layer = next;
  }
  return out;
}

/** Simulates a DFA symbol by symbol without the engine's helpers; foreign symbols reject. */
export function simulate(dfa: Dfa, word: string): boolean {
  let s = dfa.start;
  for (const ch of word) {
    const a = dfa.alphabet.indexOf(ch);
    if (a < 0) return false;
    s = dfa.delta[s * dfa.alphabet.length + a]!;
  }
  return dfa.accepting[s] === 1;
}

/** Builds a DFA from a readable table: `rows[s] = [accepting, next on symbol 0, next on symbol 1, …]`. */
export function tableDfa(alphabet: readonly string[], rows: readonly (readonly [boolean, ...number[]])[], start = 0): Dfa {
  const k = alphabet.length;
  const delta = new Int32Array(rows.length * k);
  const accepting = new Uint8Array(rows.length);
  rows.forEach(([acc, ...next], s) => {
    accepting[s] = acc ? 1 : 0;
    next.forEach((t, a) => (delta[s * k + a] = t));
  });
  return { alphabet, stateCount: rows.length, start, accepting, delta };
}

/** Readable form of a DFA table for exact assertions: one `[accepting, …successors]` row per state. */
export function rowsOf(dfa: Dfa): [boolean, ...number[]][] {
  const k = dfa.alphabet.length;
  return Array.from({ length: dfa.stateCount }, (_, s) => [dfa.accepting[s] === 1, ...Array.from(dfa.delta.subarray(s * k, s * k + k))] as [boolean, ...number[]]);
}

const ALPHABETS: readonly (readonly string[])[] = [['a'], ['0', '1'], ['a', 'b'], ['a', 'b', 'c']];

/** A random complete DFA with 1–`maxStates` states over one of a few small alphabets. */
export function arbDfa(maxStates = 6, alphabet?: readonly string[]): fc.Arbitrary<Dfa> {
  const alpha = alphabet ? fc.constant(alphabet) : fc.constantFrom(...ALPHABETS);
  return fc.tuple(alpha, fc.integer({ min: 1, max: maxStates })).chain(([sigma, n]) =>
    fc
      .record({
        start: fc.integer({ min: 0, max: n - 1 }),
        accepting: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        delta: fc.array(fc.integer({ min: 0, max: n - 1 }), { minLength: n * sigma.length, maxLength: n * sigma.length }),
      })
      .map(({ start, accepting, delta }) => ({
        alphabet: sigma,
        stateCount: n,
        start,
        accepting: Uint8Array.from(accepting, (b) => (b ? 1 : 0)),
        delta: Int32Array.from(delta),
      })),
  );
}

/** Two random DFAs over the same alphabet. */
export function arbDfaPair(maxStates = 5): fc.Arbitrary<[Dfa, Dfa]> {
  return fc.constantFrom(...ALPHABETS).chain((sigma) => fc.tuple(arbDfa(maxStates, sigma), arbDfa(maxStates, sigma)));
}

/** Locates `marker` (the `nth` occurrence, 0-based) in `text` as a 0-based line/character range. */
export function rangeOf(text: string, marker: string, nth = 0): { start: { line: number; character: number }; end: { line: number; character: number } } {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(marker, at + 1);
    if (at < 0) throw new Error(`marker ${JSON.stringify(marker)} #${nth} not found`);
  }
  const pos = (o: number): { line: number; character: number } => {
    const before = text.slice(0, o).split('\n');
    return { line: before.length - 1, character: before[before.length - 1]!.length };
  };
  return { start: pos(at), end: pos(at + marker.length) };
}
