import type { Dfa } from './automaton';
import { unionAlphabet, withAlphabet } from './operations';

/** Result of {@link equivalent}. */
export type Equivalence =
  | { readonly equal: true }
  | {
      readonly equal: false;
      /** Shortest word in the symmetric difference; among those, the first in alphabet order. */
      readonly counterexample: string;
      /** Which automaton accepts the counterexample (the other rejects it). */
      readonly acceptedBy: 'a' | 'b';
    };

/**
 * Decides language equality by BFS over the reachable pairs of the product,
 * trying symbols in alphabet order (of `a`, then `b`'s extra symbols). BFS
 * discovers pairs in shortlex order of their first access word, so the first
 * pair whose acceptance differs yields the shortlex-least counterexample.
 * Alphabets may differ: a word with a symbol one machine lacks is rejected by it.
 */
export function equivalent(a: Dfa, b: Dfa): Equivalence {
  const alphabet = unionAlphabet(a.alphabet, b.alphabet);
  const x = withAlphabet(a, alphabet);
  const y = withAlphabet(b, alphabet);
  const k = alphabet.length;
  const nb = y.stateCount;
  const pairs = x.stateCount * nb;
  const dense = pairs <= 1 << 22 ? new Int32Array(pairs).fill(-1) : undefined;
  const sparse = dense ? undefined : new Map<number, number>();
  const seen = (p: number): boolean => (dense ? dense[p]! >= 0 : sparse!.has(p));
  const order: number[] = [];
  const parent: number[] = [];
  const via: number[] = [];
  const visit = (p: number, from: number, sym: number): number => {
    const id = order.length;
    if (dense) dense[p] = id;
    else sparse!.set(p, id);
    order.push(p);
    parent.push(from);
    via.push(sym);
    return id;
  };
  const differs = (p: number): boolean => {
    const sa = Math.floor(p / nb);
    return x.accepting[sa] !== y.accepting[p - sa * nb];
  };
  const witness = (id: number): Equivalence => {
    const syms: string[] = [];
    for (let i = id; i > 0; i = parent[i]!) syms.push(alphabet[via[i]!]!);
    const p = order[id]!;
    return { equal: false, counterexample: syms.reverse().join(''), acceptedBy: x.accepting[Math.floor(p / nb)] ? 'a' : 'b' };
  };
  const first = x.start * nb + y.start;
  visit(first, -1, -1);
  if (differs(first)) return witness(0);
  for (let head = 0; head < order.length; head++) {
    const p = order[head]!;
    const sa = Math.floor(p / nb);
    const sb = p - sa * nb;
    for (let c = 0; c < k; c++) {
      const q = x.delta[sa * k + c]! * nb + y.delta[sb * k + c]!;
      if (seen(q)) continue;
      const id = visit(q, head, c);
      if (differs(q)) return witness(id);
    }
  }
  return { equal: true };
}

/**
 * The shortlex-least word reaching each state (`''` for the start state),
 * or `undefined` for unreachable states. Used for hovers ("shortest string
 * reaching this state") and for explaining fixes.
 */
export function shortestAccessStrings(dfa: Dfa): (string | undefined)[] {
  const k = dfa.alphabet.length;
  const words: (string | undefined)[] = new Array<string | undefined>(dfa.stateCount).fill(undefined);
  words[dfa.start] = '';
  const queue = [dfa.start];
  for (let h = 0; h < queue.length; h++) {
    const s = queue[h]!;
    for (let a = 0; a < k; a++) {
      const t = dfa.delta[s * k + a]!;
      if (words[t] === undefined) {
        words[t] = words[s]! + dfa.alphabet[a]!;
        queue.push(t);
      }
    }
  }
  return words;
}

/** The shortlex-least accepted word, or `undefined` when the language is empty. */
export function shortestAccepted(dfa: Dfa): string | undefined {
  const words = shortestAccessStrings(dfa);
  let best: string | undefined;
  for (let s = 0; s < dfa.stateCount; s++) {
    const w = words[s];
    if (w === undefined || !dfa.accepting[s]) continue;
    if (best === undefined || shortlexLess(w, best, dfa.alphabet)) best = w;
  }
  return best;
}

/** The shortlex-least rejected word, or `undefined` when every word is accepted. */
export function shortestRejected(dfa: Dfa): string | undefined {
  return shortestAccepted({ ...dfa, accepting: dfa.accepting.map((v) => 1 - v) });
}

/** Whether the language is empty. */
export function isEmptyLanguage(dfa: Dfa): boolean {
  return shortestAccepted(dfa) === undefined;
}

/** Whether the language is every word over the alphabet. */
export function isUniversal(dfa: Dfa): boolean {
  return shortestRejected(dfa) === undefined;
}

/** Shortlex comparison (shorter first, then by symbol index in the alphabet order). */
export function shortlexLess(u: string, v: string, alphabet: readonly string[]): boolean {
  const a = Array.from(u);
  const b = Array.from(v);
  if (a.length !== b.length) return a.length < b.length;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return alphabet.indexOf(a[i]!) < alphabet.indexOf(b[i]!);
  }
  return false;
}
