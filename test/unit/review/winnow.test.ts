/**
 * Winnowing of a file's window hashes (`fingerprintFile`), which keeps the
 * rightmost minimum of every run of `winnow` consecutive windows with a
 * monotone queue, against the definition: scan every run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fingerprintFile, windowKeys } from '../../../server/src/core/review/duplication';

/** The definition: for each run of `winnow` windows (or all, when fewer), its rightmost minimum, each position once. */
function reference(keys: Float64Array, winnow: number): number[] {
  const picked: number[] = [];
  let last = -1;
  const lastStart = Math.max(0, keys.length - winnow);
  for (let start = 0; start <= lastStart && start < keys.length; start++) {
    let best = -1;
    for (let i = start; i < Math.min(start + winnow, keys.length); i++) if (best < 0 || keys[i]! <= keys[best]!) best = i;
    if (best >= 0 && best !== last) picked.push((last = best));
  }
  return picked;
}

test('winnowing picks what scanning every run of windows picks (tokens from a small alphabet, so keys repeat)', () => {
  let seed = 11;
  const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let round = 0; round < 400; round++) {
    const n = rand(300);
    const alphabet = 1 + rand(4);
    const tokens = Int32Array.from({ length: n }, () => rand(alphabet));
    const lines = Int32Array.from({ length: n }, (_, i) => i >> 2);
    const w = 1 + rand(12);
    const winnow = 1 + rand(20);
    const fp = fingerprintFile('f.ts', tokens, lines, w, winnow);
    const keys = windowKeys(tokens, w);
    const expected = reference(keys, winnow);
    const at = Array.from({ length: fp.keys.length }, (_, k) => fp.places[3 * k]!);
    assert.deepEqual(at, expected, `round ${round}: n=${n} w=${w} winnow=${winnow}`);
    assert.deepEqual([...fp.keys], expected.map((i) => keys[i]!));
    assert.deepEqual(
      Array.from({ length: fp.keys.length }, (_, k) => [fp.places[3 * k + 1], fp.places[3 * k + 2]]),
      expected.map((i) => [lines[i], lines[i + w - 1]]),
    );
  }
});
