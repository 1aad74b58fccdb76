import { DEFAULT_STATE_LIMIT, type Dfa, checkLimit, reachableMask } from './automaton';

/** Boolean combination used by {@link product}. */
export type ProductOp = 'and' | 'or' | 'xor' | 'diff';

function combine(op: ProductOp, x: number, y: number): boolean {
  switch (op) {
    case 'and':
      return x === 1 && y === 1;
    case 'or':
      return x === 1 || y === 1;
    case 'xor':
      return x !== y;
    case 'diff':
      return x === 1 && y !== 1;
  }
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/**
 * Re-expresses a DFA over a larger (or reordered) alphabet. Symbols the
 * machine does not know lead to a fresh dead state: a word containing a
 * foreign symbol is not in the machine's language.
 */
export function withAlphabet(dfa: Dfa, alphabet: readonly string[]): Dfa {
  if (sameOrder(dfa.alphabet, alphabet)) return dfa;
  const oldIndex = new Map<string, number>();
  dfa.alphabet.forEach((s, i) => oldIndex.set(s, i));
  for (const s of dfa.alphabet) if (!alphabet.includes(s)) throw new Error(`alphabet lacks symbol ${s}`);
  const needsDead = alphabet.some((s) => !oldIndex.has(s));
  const n = dfa.stateCount + (needsDead ? 1 : 0);
  const dead = dfa.stateCount;
  const k = alphabet.length;
  const ok = dfa.alphabet.length;
  const delta = new Int32Array(n * k);
  const accepting = new Uint8Array(n);
  accepting.set(dfa.accepting);
  for (let s = 0; s < n; s++) {
    for (let a = 0; a < k; a++) {
      const old = oldIndex.get(alphabet[a]!);
      delta[s * k + a] = s === dead && needsDead ? dead : old === undefined ? dead : dfa.delta[s * ok + old]!;
    }
  }
  const names = dfa.stateNames ? [...dfa.stateNames, ...(needsDead ? [freshName(dfa.stateNames, 'dead')] : [])] : undefined;
  return names ? { alphabet, stateCount: n, start: dfa.start, accepting, delta, stateNames: names } : { alphabet, stateCount: n, start: dfa.start, accepting, delta };
}

/** A name based on `base` that is not in `taken` (`dead`, `dead2`, `dead3`, …). */
export function freshName(taken: readonly string[], base: string): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}${i}`)) return `${base}${i}`;
}

/** The union of two alphabets: `a`'s order first, then `b`'s extra symbols in `b`'s order. */
export function unionAlphabet(a: readonly string[], b: readonly string[]): readonly string[] {
  if (sameOrder(a, b)) return a;
  const extra = b.filter((s) => !a.includes(s));
  return extra.length === 0 ? a : [...a, ...extra];
}

/**
 * Product construction over the reachable pairs, numbered in BFS order.
 * Alphabets are aligned first (see {@link withAlphabet}). Throws
 * `StateLimitError` when more than `limit` pairs are reachable.
 */
export function product(left: Dfa, right: Dfa, op: ProductOp, limit = DEFAULT_STATE_LIMIT): Dfa {
  const alphabet = unionAlphabet(left.alphabet, right.alphabet);
  const a = withAlphabet(left, alphabet);
  const b = withAlphabet(right, alphabet);
  const k = alphabet.length;
  const nb = b.stateCount;
  const pairs = a.stateCount * nb;
  // A dense pair index is fastest; fall back to a Map for very large products.
  const dense = pairs <= 1 << 22 ? new Int32Array(pairs).fill(-1) : undefined;
  const sparse = dense ? undefined : new Map<number, number>();
  const lookup = (p: number): number => (dense ? dense[p]! : (sparse!.get(p) ?? -1));
  const assign = (p: number, id: number): void => {
    if (dense) dense[p] = id;
    else sparse!.set(p, id);
  };
  const order: number[] = [];
  const trans: number[] = [];
  const first = a.start * nb + b.start;
  assign(first, 0);
  order.push(first);
  for (let head = 0; head < order.length; head++) {
    const p = order[head]!;
    const sa = Math.floor(p / nb);
    const sb = p - sa * nb;
    for (let x = 0; x < k; x++) {
      const q = a.delta[sa * k + x]! * nb + b.delta[sb * k + x]!;
      let id = lookup(q);
      if (id < 0) {
        id = order.length;
        checkLimit(id + 1, limit, 'the product automaton');
        assign(q, id);
        order.push(q);
      }
      trans.push(id);
    }
  }
  const n = order.length;
  const accepting = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const p = order[i]!;
    const sa = Math.floor(p / nb);
    accepting[i] = combine(op, a.accepting[sa]!, b.accepting[p - sa * nb]!) ? 1 : 0;
  }
  return { alphabet, stateCount: n, start: 0, accepting, delta: Int32Array.from(trans) };
}

/** The complement over the same alphabet (valid because every `Dfa` is complete). */
export function complement(dfa: Dfa): Dfa {
  const accepting = new Uint8Array(dfa.stateCount);
  for (let s = 0; s < dfa.stateCount; s++) accepting[s] = dfa.accepting[s] ? 0 : 1;
  return { ...dfa, accepting };
}

/**
 * Drops unreachable states and renumbers the rest in increasing order of
 * their old index, keeping names. Returns the map old → new (−1 when dropped).
 */
export function trimUnreachable(dfa: Dfa): { dfa: Dfa; map: Int32Array } {
  const seen = reachableMask(dfa);
  const map = new Int32Array(dfa.stateCount).fill(-1);
  let n = 0;
  for (let s = 0; s < dfa.stateCount; s++) if (seen[s]) map[s] = n++;
  if (n === dfa.stateCount) return { dfa, map };
  const k = dfa.alphabet.length;
  const delta = new Int32Array(n * k);
  const accepting = new Uint8Array(n);
  const names: string[] = [];
  for (let s = 0; s < dfa.stateCount; s++) {
    const m = map[s]!;
    if (m < 0) continue;
    accepting[m] = dfa.accepting[s]!;
    if (dfa.stateNames) names.push(dfa.stateNames[s]!);
    for (let a = 0; a < k; a++) delta[m * k + a] = map[dfa.delta[s * k + a]!]!;
  }
  const base = { alphabet: dfa.alphabet, stateCount: n, start: map[dfa.start]!, accepting, delta };
  return { dfa: dfa.stateNames ? { ...base, stateNames: names } : base, map };
}
