import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../../server/src/core/dfa/spec/parser';
import { formatSpec } from '../../../server/src/core/dfa/spec/format';

/**
 * Every phrasing of the seed's patterns.yaml (synonyms and context headers),
 * completed into a sentence, reads as the seed meant it; the three phrasings
 * that do not say what they mean are errors, never guesses.
 */
function reads(text: string): string {
  const r = parseSpec(text);
  assert.deepEqual(r.problems.map((p) => p.message), [], text);
  return formatSpec(r.value!) + (r.value!.alphabet ? ` over {${r.value!.alphabet.symbols.join(',')}}` : '');
}

const SYNONYMS: Record<string, [string[], string]> = {
  "X '01'": [["starts with", 'begins with', 'has prefix', 'left-anchored by', 'initiates with', 'starts', 'begins', 'has the prefix', 'prefixed by'], "startsWith '01'"],
  "X '10'": [['ends with', 'has suffix', 'right-anchored by', 'terminates with', 'ends', 'has the suffix', 'suffixed by'], "endsWith '10'"],
  "X '11'": [['contains', 'containing', 'has substring', 'includes', 'has the substring', 'with the substring', 'includes the substring', 'has'], "contains '11'"],
  "X '00'": [['not contains', 'does not contain', 'without', "doesn't contain", 'free of', 'not containing', 'excluding', 'not have'], "!contains '00'"],
  "X '0'": [['does not start with', 'not starts with', "doesn't start with", 'not beginning with', 'not prefixed by', 'not having prefix'], "!startsWith '0'"],
  "X '1'": [['does not end with', 'not ends with', "doesn't end with", 'not terminating with', 'not suffixed by', 'not having suffix'], "!endsWith '1'"],
  'X 5': [['length is', 'length =', 'has length', 'with length', 'of length', 'length of', 'exactly length'], '|w| = 5'],
  'X 6': [['minimum length', 'greater than or equal to length', 'min length', 'at least length'], '|w| >= 6'],
  'X 6 characters': [['at least', 'minimum of', 'no less than', 'at minimum'], '|w| >= 6'],
  'X 7': [['maximum length', 'less than or equal to length', 'max length', 'at most length'], '|w| <= 7'],
  'X 7 characters': [['at most', 'maximum of', 'no more than', 'at maximum'], '|w| <= 7'],
  'X 4': [['divisible by', 'multiple of', 'evenly divisible by', 'a multiple of'], 'divisibleBy 4'],
  'X 1s': [['even number of', 'even count of', 'even amount of', 'even quantity of'], '#1 % 2 = 0'],
  'X 0s': [['odd number of', 'odd count of', 'odd amount of', 'odd quantity of'], '#0 % 2 = 1'],
};

describe("the seed's patterns.yaml phrasings", () => {
  for (const [template, [phrases, formal]] of Object.entries(SYNONYMS)) {
    it(`${template.replace('X', '…')} → ${formal}`, () => {
      for (const p of phrases) assert.equal(reads(template.replace('X', p)), formal, p);
    });
  }

  it('"exactly" needs a noun: "exactly 5 characters" is a length, "exactly 5 1s" a count', () => {
    assert.equal(reads('exactly 5 characters'), '|w| = 5');
    assert.equal(reads('exactly 5 1s'), '#1 = 5');
  });

  it('"count of … is even/odd" and "number of … is even/odd"', () => {
    assert.equal(reads('count of 1 is even'), '#1 % 2 = 0');
    assert.equal(reads('number of 1s is odd'), '#1 % 2 = 1');
  });

  it('"divides", a bare "divisible" and "divided by" are reported, not guessed', () => {
    for (const text of ['divides 4', 'divisible 4', 'divided by 4']) assert.equal(parseSpec(text).value, undefined, text);
  });

  it('context headers declare the alphabet', () => {
    const headers: [string[], string][] = [
      [['binary', 'binary strings', 'binary system', 'in binary', 'binary alphabet'], '0,1'],
      [['ternary', 'ternary system', 'in ternary', 'ternary alphabet', 'three-symbol'], '0,1,2'],
      [['decimal', 'decimal digits', 'decimal system', 'in decimal', 'decimal alphabet', 'ten-digit'], '0,1,2,3,4,5,6,7,8,9'],
      [['hexadecimal', 'hex', 'hex system', 'in hex', 'hex alphabet', 'sixteen-digit'], '0,1,2,3,4,5,6,7,8,9,a,b,c,d,e,f'],
    ];
    for (const [names, symbols] of headers) {
      for (const h of names) assert.equal(reads(`${h}, ends with 1`), `endsWith '1' over {${symbols}}`, h);
    }
  });
});
