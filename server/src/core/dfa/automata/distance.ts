import { DEFAULT_STATE_LIMIT, type Dfa } from './automaton';
import { minimize } from './minimize';
import { product, unionAlphabet, withAlphabet } from './operations';

/** Per-length and overall density of a symmetric difference; see {@link densityDistance}. */
export interface Density {
  /** `perLength[i]` = |(A Δ B) ∩ Σ^i| / |Σ|^i for i = 0..maxLength. */
  readonly perLength: readonly number[];
  /** Mean of `perLength`: 0 for equivalent machines, 1 for complementary ones. */
  readonly density: number;
}

/**
 * Grading distance in the spirit of Automata Tutor's density metric: the
 * share of words of each length up to `maxLength` on which the two machines
 * disagree, averaged over the lengths. Counts use doubles, which are exact
 * up to 2^53 words per length (|Σ|^maxLength), far beyond practical bounds.
 */
export function densityDistance(a: Dfa, b: Dfa, maxLength: number, limit = DEFAULT_STATE_LIMIT): Density {
  const diff = product(a, b, 'xor', limit);
  const k = diff.alphabet.length;
  let counts = new Float64Array(diff.stateCount);
  let next = new Float64Array(diff.stateCount);
  counts[diff.start] = 1;
  const perLength: number[] = [];
  let total = 1;
  for (let i = 0; i <= maxLength; i++) {
    let inDiff = 0;
    for (let s = 0; s < diff.stateCount; s++) if (diff.accepting[s]) inDiff += counts[s]!;
    perLength.push(inDiff / total);
    next.fill(0);
    for (let s = 0; s < diff.stateCount; s++) {
      const c = counts[s]!;
      if (c === 0) continue;
      for (let x = 0; x < k; x++) next[diff.delta[s * k + x]!]! += c;
    }
    [counts, next] = [next, counts];
    total *= k;
  }
  return { perLength, density: perLength.reduce((x, y) => x + y, 0) / perLength.length };
}

/**
 * A simple structural edit distance between the minimal DFAs: both are put
 * in canonical BFS numbering and compared state by state (one edit per
 * differing acceptance bit or transition, `|Σ| + 1` edits per extra state).
 * It is an upper bound on the true (NP-hard) edit distance under that state
 * correspondence, 0 exactly when the languages are equal.
 */
export function editDistance(a: Dfa, b: Dfa): number {
  const alphabet = unionAlphabet(a.alphabet, b.alphabet);
  const x = minimize(withAlphabet(a, alphabet));
  const y = minimize(withAlphabet(b, alphabet));
  const k = alphabet.length;
  const common = Math.min(x.stateCount, y.stateCount);
  let edits = Math.abs(x.stateCount - y.stateCount) * (k + 1);
  for (let s = 0; s < common; s++) {
    if (x.accepting[s] !== y.accepting[s]) edits++;
    for (let c = 0; c < k; c++) {
      if (x.delta[s * k + c] !== y.delta[s * k + c]) edits++;
    }
  }
  return edits;
}
