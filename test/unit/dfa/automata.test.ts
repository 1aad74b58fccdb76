import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StateLimitError, accepts } from '../../../server/src/core/dfa/automata/automaton';
import {
  containsDfa,
  countDfa,
  endsWithDfa,
  exactWordDfa,
  lengthDfa,
  startsWithDfa,
  symbolFromEndDfa,
  symbolFromStartDfa,
  valueModDfa,
} from '../../../server/src/core/dfa/automata/builders';
import { minimize, isMinimal, stateClasses } from '../../../server/src/core/dfa/automata/minimize';
import { complement, product, withAlphabet } from '../../../server/src/core/dfa/automata/operations';
import { allWords, arbDfa, rowsOf, simulate, tableDfa } from './helpers';

const BIN = ['0', '1'];
const AB = ['a', 'b'];
const ABC = ['a', 'b', 'c'];
const idx = (alphabet: readonly string[], w: string): number[] => Array.from(w, (c) => alphabet.indexOf(c));

/** Occurrences of `w` in `s`, overlapping ones included. */
function occurrences(s: string, w: string): number {
  let n = 0;
  for (let i = 0; i + w.length <= s.length; i++) if (s.startsWith(w, i)) n++;
  return n;
}

describe('atom builders give exact minimal DFAs', () => {
  it('ends with 01 over {0,1}', () => {
    assert.deepEqual(rowsOf(minimize(endsWithDfa(BIN, idx(BIN, '01'), 100))), [
      [false, 1, 0],
      [false, 1, 2],
      [true, 1, 0],
    ]);
  });

  it('binary value divisible by 3 (remainder automaton, ε accepted)', () => {
    const d = minimize(valueModDfa(BIN, 3, 0, 100));
    assert.deepEqual(rowsOf(d), [
      [true, 0, 1],
      [false, 2, 0],
      [false, 1, 2],
    ]);
    assert.equal(accepts(d, ''), true);
    assert.equal(accepts(d, '110'), true);
    assert.equal(accepts(d, '111'), false);
  });

  it('contains aa over {a,b}', () => {
    assert.deepEqual(rowsOf(minimize(containsDfa(AB, idx(AB, 'aa'), 100))), [
      [false, 1, 0],
      [false, 2, 0],
      [true, 2, 2],
    ]);
  });

  it('second symbol from the end is 1 needs 4 states', () => {
    assert.equal(minimize(symbolFromEndDfa(BIN, 2, 1, 100)).stateCount, 4);
  });
});

describe('atom builders agree with direct predicates on all words up to length 7 over {a,b,c}', () => {
  const cases: [string, ReturnType<typeof startsWithDfa>, (s: string) => boolean][] = [
    ['starts with ab', startsWithDfa(ABC, idx(ABC, 'ab'), 100), (s) => s.startsWith('ab')],
    ['starts with ε', startsWithDfa(ABC, [], 100), () => true],
    ['is exactly aba', exactWordDfa(ABC, idx(ABC, 'aba'), 100), (s) => s === 'aba'],
    ['ends with aab', endsWithDfa(ABC, idx(ABC, 'aab'), 100), (s) => s.endsWith('aab')],
    ['contains abab', containsDfa(ABC, idx(ABC, 'abab'), 100), (s) => s.includes('abab')],
    ['length = 3', lengthDfa(ABC, { op: 'eq', n: 3 }, 100), (s) => s.length === 3],
    ['length between 2 and 4', lengthDfa(ABC, { op: 'between', lo: 2, hi: 4 }, 100), (s) => s.length >= 2 && s.length <= 4],
    ['length mod 3 = 1', lengthDfa(ABC, { op: 'mod', k: 3, r: 1 }, 100), (s) => s.length % 3 === 1],
    ['length mod 2 = 5 is empty', lengthDfa(ABC, { op: 'mod', k: 2, r: 5 }, 100), () => false],
    ['#a < 2', countDfa(ABC, idx(ABC, 'a'), { op: 'lt', n: 2 }, 100), (s) => occurrences(s, 'a') < 2],
    ['#aa >= 2 (overlapping)', countDfa(ABC, idx(ABC, 'aa'), { op: 'ge', n: 2 }, 100), (s) => occurrences(s, 'aa') >= 2],
    ['#ab mod 2 = 1', countDfa(ABC, idx(ABC, 'ab'), { op: 'mod', k: 2, r: 1 }, 100), (s) => occurrences(s, 'ab') % 2 === 1],
    ['#c != 1', countDfa(ABC, idx(ABC, 'c'), { op: 'ne', n: 1 }, 100), (s) => occurrences(s, 'c') !== 1],
    ['value mod 4 = 2 in base 3', valueModDfa(ABC, 4, 2, 100), (s) => [...s].reduce((v, c) => v * 3 + ABC.indexOf(c), 0) % 4 === 2],
    ['3rd symbol is b', symbolFromStartDfa(ABC, 3, 1, 100), (s) => s[2] === 'b'],
    ['2nd from end is c', symbolFromEndDfa(ABC, 2, 2, 100), (s) => s.length >= 2 && s[s.length - 2] === 'c'],
  ];
  const words = allWords(ABC, 7);
  for (const [name, dfa, pred] of cases) {
    it(name, () => {
      for (const w of words) assert.equal(simulate(dfa, w), pred(w), `word ${JSON.stringify(w)}`);
    });
  }
});

describe('state limit', () => {
  it('rejects a counter that is too large with a StateLimitError', () => {
    assert.throws(
      () => lengthDfa(BIN, { op: 'eq', n: 50 }, 20),
      (e: unknown) => e instanceof StateLimitError && e.limit === 20 && e.message === 'the length automaton needs more than 20 states (limit dfa.maxStates)',
    );
  });

  it('stops a product as soon as it passes the limit', () => {
    const a = valueModDfa(BIN, 7, 0, 100);
    const b = valueModDfa(BIN, 5, 0, 100);
    assert.throws(() => product(a, b, 'and', 30), StateLimitError);
    assert.equal(product(a, b, 'and', 35).stateCount, 35);
  });
});

describe('products and complement', () => {
  it('extend a machine to a larger alphabet with a dead state', () => {
    const d = withAlphabet(endsWithDfa(BIN, [1], 10), ['0', '1', '2']);
    assert.equal(d.stateCount, 3);
    assert.equal(simulate(d, '01'), true);
    assert.equal(simulate(d, '21'), false);
  });

  it('agree with boolean combinations of the operands (property, 150 runs)', () => {
    fc.assert(
      fc.property(arbDfa(4, AB), arbDfa(4, AB), (a, b) => {
        const and = product(a, b, 'and');
        const or = product(a, b, 'or');
        const xor = product(a, b, 'xor');
        const diff = product(a, b, 'diff');
        const not = complement(a);
        for (const w of allWords(AB, 6)) {
          const x = simulate(a, w);
          const y = simulate(b, w);
          if (simulate(and, w) !== (x && y) || simulate(or, w) !== (x || y)) return false;
          if (simulate(xor, w) !== (x !== y) || simulate(diff, w) !== (x && !y) || simulate(not, w) !== !x) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });
});

describe('Hopcroft minimisation', () => {
  it('merges equivalent states of a redundant parity machine', () => {
    // Even number of a's, written with four states where two would do.
    const d = tableDfa(AB, [
      [true, 1, 2],
      [false, 2, 3],
      [true, 3, 0],
      [false, 0, 1],
    ]);
    assert.equal(isMinimal(d), false);
    assert.deepEqual(rowsOf(minimize(d)), [
      [true, 1, 0],
      [false, 0, 1],
    ]);
  });

  it('reports the class of every state, -1 for unreachable ones', () => {
    const d = tableDfa(AB, [[true, 1, 2], [false, 2, 3], [true, 3, 0], [false, 0, 1], [true, 4, 4]]);
    assert.deepEqual(Array.from(stateClasses(d)), [0, 1, 0, 1, -1]);
  });

  it('keeps the name of the lowest-numbered member of each merged state', () => {
    const d = { ...tableDfa(AB, [[true, 1, 2], [false, 2, 3], [true, 3, 0], [false, 0, 1], [true, 4, 4]]), stateNames: ['e0', 'o1', 'e2', 'o3', 'lost'] };
    assert.deepEqual(minimize(d).stateNames, ['e0', 'o1']);
  });

  /** Number of Myhill–Nerode classes among reachable states, by brute force on words ≤ n. */
  function bruteClasses(d: ReturnType<typeof tableDfa>): number {
    const words = allWords(d.alphabet, d.stateCount);
    const reached = new Set<number>();
    for (const w of words) {
      let s = d.start;
      for (const c of w) s = d.delta[s * d.alphabet.length + d.alphabet.indexOf(c)]!;
      reached.add(s);
    }
    const sigs = new Set<string>();
    for (const s of reached) sigs.add(words.map((u) => (simulate({ ...d, start: s }, u) ? '1' : '0')).join(''));
    return sigs.size;
  }

  it('is language-preserving, idempotent and minimal (property, 300 runs)', () => {
    fc.assert(
      fc.property(arbDfa(6), (d) => {
        const m = minimize(d);
        for (const w of allWords(d.alphabet, 6)) if (simulate(m, w) !== simulate(d, w)) return false;
        assert.deepEqual(rowsOf(minimize(m)), rowsOf(m));
        assert.equal(m.stateCount, bruteClasses(d));
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
