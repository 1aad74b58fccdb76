/**
 * Content fingerprints (core/model/fingerprint.ts) remember the hashes of
 * recent inputs; whatever the memo holds, evicted or not, the fingerprint is
 * the SHA-256 of the rule id, the normalised lines around the finding and
 * the occurrence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { contentFingerprint, squeezeWhitespace } from '../../../server/src/core/model/fingerprint';
import { LineIndex } from '../../../server/src/core/model/text';

function expected(ruleId: string, lines: string[], from: number, to: number, occurrence: number): string {
  const parts = lines.slice(Math.max(0, from - 1), Math.min(lines.length - 1, to + 1) + 1).map((l) => l.replace(/\s+/g, ' ').trim());
  return createHash('sha256').update(`${ruleId}\0${parts.join('\n')}\0${occurrence}`).digest('hex').slice(0, 32);
}

test('fingerprints equal the hash of their input, for inputs remembered, evicted and too long to remember', () => {
  const lines = Array.from({ length: 4000 }, (_, i) => `  const v${i} =   compute(${i % 97}, "${'x'.repeat(i % 50)}");`);
  const index = new LineIndex(lines.join('\n'));
  const at = (from: number, to: number) => ({ start: { line: from, character: 0 }, end: { line: to, character: 1 } });
  for (let round = 0; round < 2; round++) {
    for (let i = 0; i < 3000; i += 1) {
      const to = i % 100 === 0 ? i + 80 : i; // every hundredth spans 80 lines: too long to remember
      assert.equal(contentFingerprint('r/x', index, at(i, to), round), expected('r/x', lines, i, to, round), `line ${i}, round ${round}`);
    }
  }
  assert.notEqual(contentFingerprint('r/x', index, at(5, 5)), contentFingerprint('r/y', index, at(5, 5)));
  assert.notEqual(contentFingerprint('r/x', index, at(5, 5), 0), contentFingerprint('r/x', index, at(5, 5), 1));
});

test('whitespace squeezing equals replacing every run by one space and trimming, on 5,000 random lines', () => {
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
  // Every kind of whitespace `\s` and `trim` know, next to ordinary characters.
  const alphabet = ['a', 'b', '(', ';', ' ', ' ', '  ', '\t', '\u00a0', '\u2003', '\ufeff', '\u2028', '\v', '\f', 'x y'];
  for (let i = 0; i < 5000; i++) {
    let line = '';
    for (let k = rand(12); k > 0; k--) line += alphabet[rand(alphabet.length)];
    assert.equal(squeezeWhitespace(line), line.replace(/\s+/g, ' ').trim(), JSON.stringify(line));
  }
});
