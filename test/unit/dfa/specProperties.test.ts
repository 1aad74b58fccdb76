import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSpec } from '../../../server/src/core/dfa/spec/parser';
import { compileSpec } from '../../../server/src/core/dfa/spec/compile';
import { formatSpec } from '../../../server/src/core/dfa/spec/format';
import { minimize } from '../../../server/src/core/dfa/automata/minimize';
import { allWords, rowsOf, simulate } from './helpers';
import { arbSpec, holds, toFormal, toNatural } from './specGen';

/**
 * Every string up to length 10 over a two-letter alphabet (2047 strings) is
 * compared, so a wrong DFA cannot hide behind a handful of samples.
 */
const MAX_LENGTH = 10;

for (const alphabet of [['0', '1'], ['a', 'b']]) {
  const words = allWords(alphabet, MAX_LENGTH);

  describe(`random specs over {${alphabet.join(',')}} compile to the language of a direct predicate`, () => {
    it('natural-language rendering (property, 300 runs)', () => {
      fc.assert(
        fc.property(arbSpec(alphabet, 3), (g) => {
          const text = toNatural(g);
          const parsed = parseSpec(text);
          assert.deepEqual(parsed.problems, [], text);
          const dfa = compileSpec(parsed.value!, alphabet);
          for (const w of words) assert.equal(simulate(dfa, w), holds(g, w, alphabet), `${text} on ${JSON.stringify(w)}`);
        }),
        { numRuns: 300 },
      );
    });

    it('formal rendering (property, 200 runs)', () => {
      fc.assert(
        fc.property(arbSpec(alphabet, 3), (g) => {
          const text = toFormal(g);
          const parsed = parseSpec(text);
          assert.deepEqual(parsed.problems, [], text);
          const dfa = compileSpec(parsed.value!, alphabet);
          for (const w of words) assert.equal(simulate(dfa, w), holds(g, w, alphabet), `${text} on ${JSON.stringify(w)}`);
        }),
        { numRuns: 200 },
      );
    });
  });
}

describe('formatSpec round trip', () => {
  it('reparses to the same minimal DFA (property, 200 runs)', () => {
    const alphabet = ['a', 'b'];
    fc.assert(
      fc.property(arbSpec(alphabet, 3), (g) => {
        const first = parseSpec(toNatural(g)).value!;
        const again = parseSpec(formatSpec(first));
        assert.deepEqual(again.problems, [], formatSpec(first));
        assert.deepEqual(rowsOf(compileSpec(again.value!, alphabet)), rowsOf(compileSpec(first, alphabet)));
      }),
      { numRuns: 200 },
    );
  });

  it('compiled DFAs are already minimal (property, 200 runs)', () => {
    const alphabet = ['0', '1'];
    fc.assert(
      fc.property(arbSpec(alphabet, 2), (g) => {
        const dfa = compileSpec(parseSpec(toFormal(g)).value!, alphabet);
        assert.deepEqual(rowsOf(minimize(dfa)), rowsOf(dfa));
      }),
      { numRuns: 200 },
    );
  });
});
