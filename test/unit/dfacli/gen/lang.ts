/**
 * The generator's own oracle for `scripts/gen-dfa-suite.ts`: seeded
 * randomness and plain-JavaScript membership tests for every language the
 * generated suite uses. It shares no code with the DFA core on purpose, so
 * that a clean generated row passing `argus dfa verify` is a differential
 * check of the core's builders, not a tautology.
 */

/** A small deterministic PRNG (mulberry32); the suite must be identical on every machine. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  word(alphabet: readonly string[], min: number, max: number): string {
    let w = '';
    for (let n = this.int(min, max); n > 0; n--) w += this.pick(alphabet);
    return w;
  }
  shuffle<T>(xs: T[]): T[] {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  }
}

/** A language with a membership test, candidate words and the seed's type label of its reading. */
export interface Lang {
  readonly has: (w: string) => boolean;
  readonly seeds: (rng: Rng) => string[];
  readonly type: string;
  /** Lengths that matter (length atoms), so composites can fit other atoms' words to them. */
  readonly lengths?: readonly number[];
}

const count = (w: string, s: string): number => {
  let n = 0;
  for (let i = w.indexOf(s); i >= 0; i = w.indexOf(s, i + 1)) n++;
  return n;
};

/** Value of a word in base |Σ| (digit = index in the alphabet's order), modulo k. ε is 0. */
export function valueMod(w: string, alphabet: readonly string[], k: number): number {
  let r = 0;
  for (const c of w) r = (r * alphabet.length + alphabet.indexOf(c)) % k;
  return r;
}

/** A natural number written in base |Σ| over the alphabet. */
function toBase(n: number, alphabet: readonly string[]): string {
  let w = '';
  do {
    w = alphabet[n % alphabet.length]! + w;
    n = Math.floor(n / alphabet.length);
  } while (n > 0);
  return w;
}

const around = (rng: Rng, a: readonly string[], p: string): string[] => [p, p + rng.word(a, 1, 3), rng.word(a, 1, 3) + p, rng.word(a, 1, 2) + p + rng.word(a, 1, 2), p + p];

export type PatternKind = 'startsWith' | 'endsWith' | 'contains';
const TYPES: Record<PatternKind, string> = { startsWith: 'STARTS_WITH', endsWith: 'ENDS_WITH', contains: 'CONTAINS' };

/** starts with / ends with / contains `p`, or its negation. */
export function patternLang(a: readonly string[], kind: PatternKind, p: string, negated: boolean): Lang {
  const test = kind === 'startsWith' ? (w: string) => w.startsWith(p) : kind === 'endsWith' ? (w: string) => w.endsWith(p) : (w: string) => w.includes(p);
  return { has: negated ? (w) => !test(w) : test, seeds: (rng) => around(rng, a, p), type: negated ? `NOT_${TYPES[kind]}` : TYPES[kind] };
}

/** length = n. */
export function lengthLang(a: readonly string[], n: number): Lang {
  return { has: (w) => w.length === n, seeds: (rng) => [rng.word(a, n, n), rng.word(a, n, n), rng.word(a, n - 1, n - 1), rng.word(a, n + 1, n + 2)], type: 'EXACT_LENGTH', lengths: [n] };
}

/** lo ≤ length ≤ hi, or lo ≤ count(sym) ≤ hi. */
export function rangeLang(a: readonly string[], lo: number, hi: number, sym?: string): Lang {
  const measure = sym === undefined ? (w: string) => w.length : (w: string) => count(w, sym);
  const seeds = (rng: Rng): string[] => {
    const out: string[] = [];
    for (let n = Math.max(1, lo - 1); n <= hi + 1; n++) {
      if (sym === undefined) out.push(rng.word(a, n, n));
      else out.push(rng.shuffle([...Array<string>(n).fill(sym), ...rng.word(a.filter((c) => c !== sym), 0, 4)]).join(''));
    }
    return out;
  };
  return { has: (w) => measure(w) >= lo && measure(w) <= hi, seeds, type: 'COMPOSITE_RANGE', ...(sym === undefined ? { lengths: [lo, hi] } : {}) };
}

/** value ≡ 0 (mod k) in base |Σ|. */
export function divisibleLang(a: readonly string[], k: number): Lang {
  const seeds = (rng: Rng): string[] => [toBase(k * rng.int(1, 40), a), toBase(k * rng.int(1, 400), a), a[0] + toBase(k * rng.int(1, 9), a), toBase(k * rng.int(1, 60) + 1, a), rng.word(a, 1, 8), rng.word(a, 2, 10)];
  return { has: (w) => valueMod(w, a, k) === 0, seeds, type: 'DIVISIBLE_BY' };
}

/** count(sym) ≡ r (mod 2). */
export function parityLang(a: readonly string[], sym: string, odd: boolean): Lang {
  return { has: (w) => count(w, sym) % 2 === (odd ? 1 : 0), seeds: (rng) => [sym, sym + sym, rng.word(a, 1, 8), rng.word(a, 2, 12), rng.word(a, 1, 5) + sym], type: odd ? 'ODD_COUNT' : 'EVEN_COUNT' };
}

/** count(sym) ≡ 0 (mod k): a count, whatever the seed's label said. */
export function countModLang(a: readonly string[], sym: string, k: number): Lang {
  return { has: (w) => count(w, sym) % k === 0, seeds: (rng) => [sym.repeat(k), sym.repeat(k + 1), rng.word(a, 1, 8), sym.repeat(2 * k) + rng.word(a, 0, 2)], type: 'COUNT_MOD' };
}

/** A and B, or A or B. */
export function combine(x: Lang, y: Lang, op: 'and' | 'or'): Lang {
  const has = op === 'and' ? (w: string) => x.has(w) && y.has(w) : (w: string) => x.has(w) || y.has(w);
  const seeds = (rng: Rng): string[] => {
    const sx = x.seeds(rng);
    const sy = y.seeds(rng);
    const out = [...sx, ...sy];
    for (const u of sx) for (const v of sy) out.push(u + v, v + u);
    // Fit words of one side to the other's lengths ("starts with 01 and length is 5").
    for (const n of [...(x.lengths ?? []), ...(y.lengths ?? [])]) for (const s of [...sx, ...sy]) out.push(s.length >= n ? s.slice(0, n) : s + s.slice(0, 1).repeat(n - s.length), s.length >= n ? s.slice(-n) : s.slice(-1).repeat(n - s.length) + s);
    return out;
  };
  return { has, seeds, type: op.toUpperCase(), lengths: [...(x.lengths ?? []), ...(y.lengths ?? [])] };
}

/**
 * Up to `n` accepted and `n` rejected words (non-empty, over the alphabet,
 * distinct), from the language's seeds plus random words. Neither list may
 * come out empty: the caller redraws the row if one does.
 */
export function sampleWords(rng: Rng, a: readonly string[], lang: Lang, n = 5): { accept: string[]; reject: string[] } {
  const candidates = [...lang.seeds(rng), ...lang.seeds(rng)];
  for (let i = 0; i < 40; i++) candidates.push(rng.word(a, 1, 12));
  const seen = new Set<string>();
  const accept: string[] = [];
  const reject: string[] = [];
  for (const w of rng.shuffle(candidates)) {
    if (w === '' || seen.has(w) || [...w].some((c) => !a.includes(c))) continue;
    seen.add(w);
    const list = lang.has(w) ? accept : reject;
    if (list.length < n) list.push(w);
  }
  return { accept, reject };
}
