import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { constantDfa, endsWithDfa, valueModDfa } from '../../../server/src/core/dfa/automata/builders';
import {
  equivalent,
  isEmptyLanguage,
  isUniversal,
  shortestAccepted,
  shortestAccessStrings,
  shortestRejected,
} from '../../../server/src/core/dfa/automata/equivalence';
import { densityDistance, editDistance } from '../../../server/src/core/dfa/automata/distance';
import { toDfaText, toDot, toJson } from '../../../server/src/core/dfa/automata/export';
import { minimize } from '../../../server/src/core/dfa/automata/minimize';
import { allWords, arbDfa, rowsOf, simulate, tableDfa } from './helpers';

const BIN = ['0', '1'];

describe('equivalence with the shortest counterexample', () => {
  it('finds the shortlex-least word in the difference', () => {
    // "ends with 1" against "contains 1": 10 is the shortest word they disagree on.
    const endsWith1 = endsWithDfa(BIN, [1], 10);
    const contains1 = tableDfa(BIN, [
      [false, 0, 1],
      [true, 1, 1],
    ]);
    assert.deepEqual(equivalent(endsWith1, contains1), { equal: false, counterexample: '10', acceptedBy: 'b' });
    assert.deepEqual(equivalent(contains1, endsWith1), { equal: false, counterexample: '10', acceptedBy: 'a' });
  });

  it('reports ε as the empty counterexample', () => {
    assert.deepEqual(equivalent(valueModDfa(BIN, 3, 0, 10), valueModDfa(BIN, 3, 1, 10)), { equal: false, counterexample: '', acceptedBy: 'a' });
  });

  it('treats a symbol one machine lacks as rejected by it', () => {
    assert.deepEqual(equivalent(constantDfa(BIN, true), constantDfa(['0', '1', '2'], true)), { equal: false, counterexample: '2', acceptedBy: 'b' });
  });

  it('accepts machines that differ only in state numbering', () => {
    const a = tableDfa(BIN, [[false, 0, 1], [true, 0, 1]]);
    const b = tableDfa(BIN, [[true, 1, 0], [false, 1, 0]], 1);
    assert.deepEqual(equivalent(a, b), { equal: true });
  });

  /** Small pairs keep the brute-force search for a shorter counterexample cheap. */
  const smallPair = fc
    .constantFrom(['a'], BIN, ['a', 'b', 'c'])
    .chain((sigma) => fc.tuple(arbDfa(sigma.length === 3 ? 3 : 4, sigma), arbDfa(sigma.length === 3 ? 3 : 4, sigma)));

  it('returns a real, shortest and shortlex-least counterexample (property, 400 runs)', () => {
    fc.assert(
      fc.property(smallPair, ([a, b]) => {
        const r = equivalent(a, b);
        // Machines with p and q states that differ are distinguished by a word shorter than p·q.
        const bound = a.stateCount * b.stateCount;
        if (r.equal) {
          // Brute force is complete up to the bound only for small alphabets; the canonical
          // minimal forms (minimisation is brute-force tested separately) settle the rest.
          for (const w of allWords(a.alphabet, Math.min(bound, 8))) if (simulate(a, w) !== simulate(b, w)) return false;
          assert.deepEqual(rowsOf(minimize(a)), rowsOf(minimize(b)));
          return true;
        }
        const w = r.counterexample;
        if (simulate(a, w) === simulate(b, w)) return false;
        if ((r.acceptedBy === 'a') !== simulate(a, w)) return false;
        for (const u of allWords(a.alphabet, w.length)) {
          if (u === w) break; // every word before w in shortlex order must agree
          if (simulate(a, u) !== simulate(b, u)) return false;
        }
        return true;
      }),
      { numRuns: 400 },
    );
  });
});

describe('witnesses and emptiness', () => {
  it('computes shortest access strings per state, undefined when unreachable', () => {
    const d = tableDfa(BIN, [[false, 1, 0], [false, 1, 2], [true, 1, 0], [false, 3, 3]]);
    assert.deepEqual(shortestAccessStrings(d), ['', '0', '01', undefined]);
  });

  it('finds the shortest accepted and rejected words', () => {
    const d = endsWithDfa(BIN, [0, 1], 10);
    assert.equal(shortestAccepted(d), '01');
    assert.equal(shortestRejected(d), '');
    assert.equal(isEmptyLanguage(constantDfa(BIN, false)), true);
    assert.equal(isUniversal(constantDfa(BIN, true)), true);
    assert.equal(isUniversal(d), false);
  });
});

describe('grading distances', () => {
  it('density is 0 for equal languages and 1 for complements', () => {
    const d = endsWithDfa(BIN, [1], 10);
    assert.equal(densityDistance(d, d, 6).density, 0);
    const notD = { ...d, accepting: d.accepting.map((v) => 1 - v) };
    assert.equal(densityDistance(d, notD, 6).density, 1);
  });

  it('density counts the disagreeing share per length', () => {
    // ends with 1 vs contains 1 differ exactly on words with a 1 that end with 0.
    const contains1 = tableDfa(BIN, [[false, 0, 1], [true, 1, 1]]);
    const r = densityDistance(endsWithDfa(BIN, [1], 10), contains1, 3);
    assert.deepEqual(r.perLength, [0, 0, 1 / 4, 3 / 8]);
    assert.equal(r.density, (1 / 4 + 3 / 8) / 4);
  });

  it('edit distance is 0 only for equal languages and counts single changes', () => {
    const ends1 = endsWithDfa(BIN, [1], 10);
    const ends0 = endsWithDfa(BIN, [0], 10);
    assert.equal(editDistance(ends1, tableDfa(BIN, [[false, 0, 1], [true, 0, 1]])), 0);
    // Minimal "ends with 1" = [[F,0,1],[T,0,1]]; "ends with 0" = [[F,1,0],[T,1,0]]: 4 transitions differ.
    assert.equal(editDistance(ends1, ends0), 4);
    assert.equal(editDistance(constantDfa(BIN, true), constantDfa(BIN, false)), 1);
  });
});

describe('export', () => {
  const d = { ...endsWithDfa(BIN, [1], 10), stateNames: ['q0', 'q1'] };

  it('toJson uses the documented exchange shape', () => {
    assert.deepEqual(toJson(d), {
      alphabet: ['0', '1'],
      states: ['q0', 'q1'],
      start: 'q0',
      accept: ['q1'],
      transitions: { q0: { '0': 'q0', '1': 'q1' }, q1: { '0': 'q0', '1': 'q1' } },
    });
  });

  it('toDfaText groups symbols that share a target', () => {
    const all = tableDfa(BIN, [[false, 1, 1], [true, 1, 1]]);
    assert.equal(
      toDfaText(all, 'length at least 1', { name: 'nonempty', accepts: ['0'], rejects: [''] }),
      'machine nonempty\n  spec: length at least 1\n  alphabet: {0, 1}\n  states: q0, q1\n  start: q0\n  accepting: q1\n  q0 -0,1-> q1\n  q1 -0,1-> q1\n  accepts: 0\n  rejects: ε\n',
    );
  });

  it('toDot highlights the run of a word', () => {
    assert.equal(
      toDot(d, '1'),
      [
        'digraph dfa {',
        '  rankdir=LR;',
        '  __start [shape=point, label=""];',
        '  "q0" [shape=circle, color=red];',
        '  "q1" [shape=doublecircle, color=red];',
        '  __start -> "q0";',
        '  "q0" -> "q0" [label="0"];',
        '  "q0" -> "q1" [label="1", color=red, penwidth=2];',
        '  "q1" -> "q0" [label="0"];',
        '  "q1" -> "q1" [label="1"];',
        '}',
        '',
      ].join('\n'),
    );
  });
});
