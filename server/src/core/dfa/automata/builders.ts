import { type Dfa, checkLimit } from './automaton';

/**
 * A test on a natural number (a length, a count, a value). `mod` means
 * `x mod k = r`; `between` is inclusive. With `r >= k` a `mod` test never
 * holds: we stay exact rather than reducing `r` like the seed did.
 */
export type NumberTest =
  | { readonly op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'; readonly n: number }
  | { readonly op: 'between'; readonly lo: number; readonly hi: number }
  | { readonly op: 'mod'; readonly k: number; readonly r: number };

/** Evaluates a {@link NumberTest}. */
export function testNumber(t: NumberTest, x: number): boolean {
  switch (t.op) {
    case 'eq':
      return x === t.n;
    case 'ne':
      return x !== t.n;
    case 'lt':
      return x < t.n;
    case 'le':
      return x <= t.n;
    case 'gt':
      return x > t.n;
    case 'ge':
      return x >= t.n;
    case 'between':
      return x >= t.lo && x <= t.hi;
    case 'mod':
      return x % t.k === t.r;
  }
}

/**
 * How many counter values a saturating counter needs for a test: all values
 * above the largest constant behave alike, so `cap` stands for "cap or more".
 */
function counterCap(t: NumberTest): number {
  switch (t.op) {
    case 'between':
      return t.hi + 1;
    case 'mod':
      return t.k;
    default:
      return t.n + 1;
  }
}

function fromTable(alphabet: readonly string[], delta: Int32Array, accepting: Uint8Array, start = 0): Dfa {
  return { alphabet, stateCount: accepting.length, start, accepting, delta };
}

/** The DFA accepting every word (`all` = true) or none. */
export function constantDfa(alphabet: readonly string[], all: boolean): Dfa {
  return fromTable(alphabet, new Int32Array(alphabet.length), Uint8Array.of(all ? 1 : 0));
}

/**
 * The KMP automaton of a non-empty pattern: state j = length of the longest
 * prefix of the pattern that is a suffix of the input; state m = just matched
 * (it continues like its failure state, so overlapping matches are found).
 */
export function kmpTable(k: number, pattern: readonly number[]): Int32Array {
  const m = pattern.length;
  const d = new Int32Array((m + 1) * k);
  d[pattern[0]!] = 1;
  let fail = 0;
  for (let j = 1; j <= m; j++) {
    for (let a = 0; a < k; a++) d[j * k + a] = d[fail * k + a]!;
    if (j < m) {
      d[j * k + pattern[j]!] = j + 1;
      fail = d[fail * k + pattern[j]!]!;
    }
  }
  return d;
}

/** Words that start with `pattern` (symbol indices). */
export function startsWithDfa(alphabet: readonly string[], pattern: readonly number[], limit: number): Dfa {
  const k = alphabet.length;
  const m = pattern.length;
  checkLimit(m + 2, limit, 'the prefix automaton');
  const dead = m + 1;
  const delta = new Int32Array((m + 2) * k);
  for (let j = 0; j <= dead; j++) {
    for (let a = 0; a < k; a++) delta[j * k + a] = j === m ? m : j === dead ? dead : pattern[j] === a ? j + 1 : dead;
  }
  const accepting = new Uint8Array(m + 2);
  accepting[m] = 1;
  return fromTable(alphabet, delta, accepting);
}

/** Exactly the word `pattern`. */
export function exactWordDfa(alphabet: readonly string[], pattern: readonly number[], limit: number): Dfa {
  const base = startsWithDfa(alphabet, pattern, limit);
  const k = alphabet.length;
  const m = pattern.length;
  const delta = base.delta.slice();
  for (let a = 0; a < k; a++) delta[m * k + a] = m + 1;
  return fromTable(alphabet, delta, base.accepting);
}

/** Words that end with `pattern`. */
export function endsWithDfa(alphabet: readonly string[], pattern: readonly number[], limit: number): Dfa {
  if (pattern.length === 0) return constantDfa(alphabet, true);
  checkLimit(pattern.length + 1, limit, 'the suffix automaton');
  const accepting = new Uint8Array(pattern.length + 1);
  accepting[pattern.length] = 1;
  return fromTable(alphabet, kmpTable(alphabet.length, pattern), accepting);
}

/** Words that contain `pattern` as a factor (contiguous substring). */
export function containsDfa(alphabet: readonly string[], pattern: readonly number[], limit: number): Dfa {
  if (pattern.length === 0) return constantDfa(alphabet, true);
  checkLimit(pattern.length + 1, limit, 'the substring automaton');
  const k = alphabet.length;
  const m = pattern.length;
  const delta = kmpTable(k, pattern);
  for (let a = 0; a < k; a++) delta[m * k + a] = m;
  const accepting = new Uint8Array(m + 1);
  accepting[m] = 1;
  return fromTable(alphabet, delta, accepting);
}

/** Words whose length passes `test` (a saturating counter, or a cycle for `mod`). */
export function lengthDfa(alphabet: readonly string[], test: NumberTest, limit: number): Dfa {
  const cap = counterCap(test);
  checkLimit(cap + 1, limit, 'the length automaton');
  const n = test.op === 'mod' ? test.k : cap + 1;
  const delta = new Int32Array(n * alphabet.length);
  const accepting = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const next = test.op === 'mod' ? (s + 1) % test.k : Math.min(s + 1, cap);
    delta.fill(next, s * alphabet.length, (s + 1) * alphabet.length);
    accepting[s] = testNumber(test, s) ? 1 : 0;
  }
  return fromTable(alphabet, delta, accepting);
}

/**
 * Words whose number of (possibly overlapping) occurrences of `pattern` passes
 * `test`. State = (KMP state, counter) with the counter saturating or cycling.
 */
export function countDfa(alphabet: readonly string[], pattern: readonly number[], test: NumberTest, limit: number): Dfa {
  if (pattern.length === 0) throw new Error('cannot count occurrences of the empty word');
  const k = alphabet.length;
  const m = pattern.length;
  const cap = counterCap(test);
  const values = test.op === 'mod' ? test.k : cap + 1;
  checkLimit((m + 1) * values, limit, 'the counting automaton');
  const kmp = kmpTable(k, pattern);
  const n = (m + 1) * values;
  const delta = new Int32Array(n * k);
  const accepting = new Uint8Array(n);
  for (let c = 0; c < values; c++) {
    for (let j = 0; j <= m; j++) {
      const s = c * (m + 1) + j;
      accepting[s] = testNumber(test, c) ? 1 : 0;
      for (let a = 0; a < k; a++) {
        const j2 = kmp[j * k + a]!;
        const c2 = j2 === m ? (test.op === 'mod' ? (c + 1) % test.k : Math.min(c + 1, cap)) : c;
        delta[s * k + a] = c2 * (m + 1) + j2;
      }
    }
  }
  return fromTable(alphabet, delta, accepting);
}

/**
 * Words whose value, read most-significant digit first in base |Σ| with digit
 * = index in the declared alphabet order, is ≡ r (mod n). ε has value 0, so
 * "divisible by n" accepts ε; leading zeros are allowed.
 */
export function valueModDfa(alphabet: readonly string[], n: number, r: number, limit: number): Dfa {
  checkLimit(n, limit, 'the divisibility automaton');
  const k = alphabet.length;
  const delta = new Int32Array(n * k);
  const accepting = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    accepting[s] = s === r ? 1 : 0;
    for (let a = 0; a < k; a++) delta[s * k + a] = (s * k + a) % n;
  }
  return fromTable(alphabet, delta, accepting);
}

/** Words whose `position`-th symbol (1-based) from the start is `symbol`; shorter words are rejected. */
export function symbolFromStartDfa(alphabet: readonly string[], position: number, symbol: number, limit: number): Dfa {
  checkLimit(position + 2, limit, 'the position automaton');
  const k = alphabet.length;
  const hit = position;
  const dead = position + 1;
  const delta = new Int32Array((position + 2) * k);
  for (let s = 0; s <= dead; s++) {
    for (let a = 0; a < k; a++) {
      delta[s * k + a] = s >= hit ? s : s === position - 1 ? (a === symbol ? hit : dead) : s + 1;
    }
  }
  const accepting = new Uint8Array(position + 2);
  accepting[hit] = 1;
  return fromTable(alphabet, delta, accepting);
}

/**
 * Words whose `position`-th symbol from the end is `symbol`. States are the
 * last `min(|w|, position)` symbols, so this needs about |Σ|^position states
 * (the minimal DFA is that large too); the caller minimises.
 */
export function symbolFromEndDfa(alphabet: readonly string[], position: number, symbol: number, limit: number): Dfa {
  const k = alphabet.length;
  const levelStart: number[] = [0];
  let size = 1;
  for (let len = 1; len <= position; len++) {
    levelStart.push(levelStart[len - 1]! + size);
    size *= k;
    checkLimit(levelStart[len]! + size, limit, 'the position-from-end automaton');
  }
  const n = levelStart[position]! + size;
  const top = size; // k^position words of full length
  const delta = new Int32Array(n * k);
  const accepting = new Uint8Array(n);
  for (let len = 0; len <= position; len++) {
    const count = len === position ? top : k ** len;
    for (let v = 0; v < count; v++) {
      const s = levelStart[len]! + v;
      if (len === position && Math.floor(v / k ** (position - 1)) === symbol) accepting[s] = 1;
      for (let a = 0; a < k; a++) {
        delta[s * k + a] = len < position ? levelStart[len + 1]! + v * k + a : levelStart[position]! + (v % k ** (position - 1)) * k + a;
      }
    }
  }
  return fromTable(alphabet, delta, accepting);
}
