/**
 * Random specs for property tests: a small AST of our own (independent of
 * the engine's), rendered as natural language or formal text, and evaluated
 * directly on strings without automata.
 */
import fc from 'fast-check';
import { DEFAULT_PATTERNS } from '../../../server/src/core/dfa/spec/patterns';

export type Test = { op: 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge'; n: number } | { op: 'between'; lo: number; hi: number } | { op: 'mod'; k: number; r: number };

export type Gen =
  | { t: 'sw' | 'ew' | 'ct' | 'is'; w: string; neg: boolean; phrase: number }
  | { t: 'len'; test: Test; phrase: number }
  | { t: 'count'; x: string; test: Test; phrase: number }
  | { t: 'div'; k: number; r: number; phrase: number }
  | { t: 'at'; pos: number; fromEnd: boolean; x: string; phrase: number }
  | { t: 'nocons'; x: string }
  | { t: 'const'; v: boolean }
  | { t: 'not'; a: Gen }
  | { t: 'and' | 'or'; a: Gen; b: Gen };

function passes(test: Test, x: number): boolean {
  switch (test.op) {
    case 'eq': return x === test.n;
    case 'ne': return x !== test.n;
    case 'lt': return x < test.n;
    case 'le': return x <= test.n;
    case 'gt': return x > test.n;
    case 'ge': return x >= test.n;
    case 'between': return test.lo <= x && x <= test.hi;
    case 'mod': return x % test.k === test.r;
  }
}

function occurrences(s: string, w: string): number {
  let n = 0;
  for (let i = s.indexOf(w); i >= 0; i = s.indexOf(w, i + 1)) n++;
  return n;
}

/** Direct meaning of a generated spec on one string over `alphabet`. */
export function holds(g: Gen, s: string, alphabet: readonly string[]): boolean {
  switch (g.t) {
    case 'sw': return g.neg !== s.startsWith(g.w);
    case 'ew': return g.neg !== s.endsWith(g.w);
    case 'ct': return g.neg !== s.includes(g.w);
    case 'is': return g.neg !== (s === g.w);
    case 'len': return passes(g.test, s.length);
    case 'count': return passes(g.test, occurrences(s, g.x));
    case 'div': {
      let v = 0;
      for (const c of s) v = (v * alphabet.length + alphabet.indexOf(c)) % g.k;
      return v === g.r;
    }
    case 'at': return (g.fromEnd ? s[s.length - g.pos] : s[g.pos - 1]) === g.x;
    case 'nocons': return !s.includes(g.x + g.x);
    case 'const': return g.v;
    case 'not': return !holds(g.a, s, alphabet);
    case 'and': return holds(g.a, s, alphabet) && holds(g.b, s, alphabet);
    case 'or': return holds(g.a, s, alphabet) || holds(g.b, s, alphabet);
  }
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const q = (w: string): string => `'${w}'`;

function nlTest(test: Test, subject: string, i: number): string {
  switch (test.op) {
    case 'eq': return pick([`${subject} is ${test.n}`, `${subject} = ${test.n}`, `${subject} equals ${test.n}`], i);
    case 'ne': return pick([`${subject} is not ${test.n}`, `${subject} != ${test.n}`], i);
    case 'lt': return pick([`${subject} is less than ${test.n}`, `${subject} < ${test.n}`], i);
    case 'le': return pick([`${subject} is at most ${test.n}`, `${subject} is no more than ${test.n}`, `${subject} is ${test.n} or less`, `${subject} is less than or equal to ${test.n}`], i);
    case 'gt': return pick([`${subject} is more than ${test.n}`, `${subject} > ${test.n}`, `${subject} is greater than ${test.n}`], i);
    case 'ge': return pick([`${subject} is at least ${test.n}`, `${subject} >= ${test.n}`, `${subject} is ${test.n} or more`, `${subject} is greater than or equal to ${test.n}`], i);
    case 'between': return pick([`${subject} is between ${test.lo} and ${test.hi}`, `${subject} from ${test.lo} to ${test.hi}`, `${subject} in range [${test.lo}, ${test.hi}]`], i);
    case 'mod': return pick([`${subject} mod ${test.k} is ${test.r}`, `${subject} modulo ${test.k} = ${test.r}`, `${subject} % ${test.k} = ${test.r}`], i);
  }
}

const ORD = ['first', '2nd', 'third'];

/** Natural-language text; every synonym of the default tables gets used over many runs. */
export function toNatural(g: Gen): string {
  const wrap = (c: Gen, parent: string): string => ((c.t === 'and' || c.t === 'or') && c.t !== parent ? `(${toNatural(c)})` : toNatural(c));
  switch (g.t) {
    case 'sw': return `${pick(g.neg ? DEFAULT_PATTERNS.notStartsWith : DEFAULT_PATTERNS.startsWith, g.phrase)} ${q(g.w)}`;
    case 'ew': return `${pick(g.neg ? DEFAULT_PATTERNS.notEndsWith : DEFAULT_PATTERNS.endsWith, g.phrase)} ${q(g.w)}`;
    case 'ct': return `${pick(g.neg ? DEFAULT_PATTERNS.notContains : DEFAULT_PATTERNS.contains, g.phrase)} ${q(g.w)}`;
    case 'is': return `${g.neg ? 'not ' : ''}${pick(DEFAULT_PATTERNS.isString, g.phrase)} ${q(g.w)}`;
    case 'len':
      if (g.test.op === 'mod' && g.test.k === 2 && g.phrase % 2 === 0) return g.test.r === 0 ? 'even length' : g.test.r === 1 ? 'odd length' : nlTest(g.test, 'length', g.phrase);
      if (g.test.op === 'eq' && g.phrase % 3 === 1) return `exactly ${g.test.n} characters`;
      if (g.test.op === 'ge' && g.phrase % 3 === 1) return `at least ${g.test.n} symbols`;
      return nlTest(g.test, pick(['length', 'the length', 'its length'], g.phrase), g.phrase);
    case 'count':
      if (g.test.op === 'mod' && g.test.k === 2 && g.test.r < 2 && g.phrase % 2 === 0) return `${pick(g.test.r === 0 ? DEFAULT_PATTERNS.evenCount : DEFAULT_PATTERNS.oddCount, g.phrase)} ${g.x.length === 1 ? `${g.x}'s` : q(g.x)}`;
      if (g.test.op === 'ge' && g.phrase % 3 === 1) return `at least ${g.test.n} occurrences of ${q(g.x)}`;
      return nlTest(g.test, `${pick(['number of', 'count of', 'the number of'], g.phrase)} ${g.x.length === 1 ? `${g.x}s` : q(g.x)}`, g.phrase);
    case 'div': return g.r === 0 ? `${pick(DEFAULT_PATTERNS.divisibleBy, g.phrase)} ${g.k}` : `value mod ${g.k} is ${g.r}`;
    case 'at':
      if (g.fromEnd && g.pos === 1 && g.phrase % 2 === 0) return `the last symbol is ${g.x}`;
      return `the ${pick(ORD, g.pos - 1)} ${pick(['symbol', 'character', 'letter'], g.phrase)}${g.fromEnd ? ' from the end' : ''} is ${g.x}`;
    case 'nocons': return `no two consecutive ${g.x}s`;
    case 'const': return g.v ? 'any string' : 'no string';
    case 'not': return g.a.t === 'and' || g.a.t === 'or' ? `not (${toNatural(g.a)})` : `not ${toNatural(g.a)}`;
    case 'and': return `${wrap(g.a, 'and')} and ${wrap(g.b, 'and')}`;
    case 'or': return `${wrap(g.a, 'or')} or ${wrap(g.b, 'or')}`;
  }
}

function formalTest(test: Test, subject: string): string {
  switch (test.op) {
    case 'between': return `${subject} in [${test.lo}, ${test.hi}]`;
    case 'mod': return `${subject} % ${test.k} = ${test.r}`;
    default: return `${subject} ${{ eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' }[test.op]} ${test.n}`;
  }
}

/** Formal text, fully parenthesised (precedence is tested separately). */
export function toFormal(g: Gen): string {
  switch (g.t) {
    case 'sw': return `${g.neg ? '!' : ''}startsWith ${q(g.w)}`;
    case 'ew': return `${g.neg ? '!' : ''}endsWith ${q(g.w)}`;
    case 'ct': return `${g.neg ? '!' : ''}contains ${q(g.w)}`;
    case 'is': return `${g.neg ? '!' : ''}isString ${q(g.w)}`;
    case 'len': return formalTest(g.test, '|w|');
    case 'count': return formalTest(g.test, `#${g.x.length === 1 ? g.x : q(g.x)}`);
    case 'div': return g.r === 0 ? `divisibleBy ${g.k}` : `val % ${g.k} = ${g.r}`;
    case 'at': return `w[${g.fromEnd ? '-' : ''}${g.pos}] = ${q(g.x)}`;
    case 'nocons': return `!contains ${q(g.x + g.x)}`;
    case 'const': return String(g.v);
    case 'not': return `!(${toFormal(g.a)})`;
    case 'and': return `(${toFormal(g.a)}) & (${toFormal(g.b)})`;
    case 'or': return `(${toFormal(g.a)}) | (${toFormal(g.b)})`;
  }
}

function arbTest(max: number): fc.Arbitrary<Test> {
  const n = fc.integer({ min: 0, max });
  return fc.oneof(
    fc.record({ op: fc.constantFrom('eq', 'ne', 'lt', 'le', 'gt', 'ge'), n }) as fc.Arbitrary<Test>,
    fc.tuple(n, n).map(([a, b]) => ({ op: 'between', lo: Math.min(a, b), hi: Math.max(a, b) }) as Test),
    fc.integer({ min: 1, max: 3 }).chain((k) => fc.integer({ min: 0, max: k }).map((r) => ({ op: 'mod', k, r }) as Test)),
  );
}

/** Random specs over `alphabet` with at most `depth` levels of and/or/not. */
export function arbSpec(alphabet: readonly string[], depth: number): fc.Arbitrary<Gen> {
  const sym = fc.constantFrom(...alphabet);
  const word = fc.array(sym, { minLength: 0, maxLength: 3 }).map((a) => a.join(''));
  const phrase = fc.nat({ max: 40 });
  const atom: fc.Arbitrary<Gen> = fc.oneof(
    fc.record({ t: fc.constantFrom('sw', 'ew', 'ct', 'is'), w: word, neg: fc.boolean(), phrase }) as fc.Arbitrary<Gen>,
    fc.record({ t: fc.constant('len'), test: arbTest(6), phrase }) as fc.Arbitrary<Gen>,
    fc.record({ t: fc.constant('count'), x: fc.oneof(sym, fc.tuple(sym, sym).map(([a, b]) => a + b)), test: arbTest(3), phrase }) as fc.Arbitrary<Gen>,
    fc.integer({ min: 1, max: 6 }).chain((k) => fc.record({ t: fc.constant('div'), k: fc.constant(k), r: fc.integer({ min: 0, max: k - 1 }), phrase })) as fc.Arbitrary<Gen>,
    fc.record({ t: fc.constant('at'), pos: fc.integer({ min: 1, max: 3 }), fromEnd: fc.boolean(), x: sym, phrase }) as fc.Arbitrary<Gen>,
    fc.record({ t: fc.constant('nocons'), x: sym }) as fc.Arbitrary<Gen>,
    fc.record({ t: fc.constant('const'), v: fc.boolean() }) as fc.Arbitrary<Gen>,
  );
  if (depth === 0) return atom;
  const sub = arbSpec(alphabet, depth - 1);
  return fc.oneof(
    { weight: 2, arbitrary: atom },
    { weight: 1, arbitrary: sub.map((a): Gen => ({ t: 'not', a })) },
    { weight: 2, arbitrary: fc.record({ t: fc.constantFrom('and', 'or'), a: sub, b: sub }) as fc.Arbitrary<Gen> },
  );
}
