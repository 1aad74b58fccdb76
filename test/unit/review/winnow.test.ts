/**
 * Winnowing of a file's window hashes (`fingerprintFile`), which keeps the
 * rightmost minimum of every run of `winnow` consecutive windows with a
 * monotone queue, against the definition: scan every run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findInFileDuplicates, fingerprintFile, windowKeys, type InFileDuplicate } from '../../../server/src/core/review/duplication';

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

/** In-file duplicates by definition: the first earlier window with the same tokens, verified, not overlapping, extended. */
function duplicatesByDefinition(tokens: readonly number[], lines: readonly number[], w: number, minLines: number): InFileDuplicate[] {
  const first = new Map<string, number>();
  const out: InFileDuplicate[] = [];
  for (let i = 0; i + w <= tokens.length; i++) {
    const k = tokens.slice(i, i + w).join(',');
    const j = first.get(k);
    if (j === undefined) {
      first.set(k, i);
      continue;
    }
    if (i < j + w || new Set(tokens.slice(i, i + w)).size * 5 < w) continue;
    let len = w;
    while (i + len < tokens.length && j + len < i && tokens[j + len] === tokens[i + len]) len++;
    const d = { line: lines[i]!, endLine: lines[i + len - 1]!, originalLine: lines[j]!, originalEndLine: lines[j + len - 1]!, tokens: len };
    if (d.endLine - d.line + 1 >= minLines) out.push(d);
    i += len - 1;
  }
  return out;
}

test('in-file duplicates equal their definition on 300 random token streams of varied sizes', () => {
  let seed = 99;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
  let found = 0;
  for (let round = 0; round < 300; round++) {
    const n = round % 3 === 0 ? 3000 + rand(4000) : 20 + rand(400);
    const tokens: number[] = [];
    while (tokens.length < n) {
      if (tokens.length > 60 && rand(4) === 0) {
        const from = rand(tokens.length - 40);
        tokens.push(...tokens.slice(from, from + 20 + rand(20)));
      } else tokens.push(rand(50));
    }
    const lines = tokens.map((_, i) => Math.floor(i / 7));
    const expected = duplicatesByDefinition(tokens, lines, 12, 2);
    assert.deepEqual(findInFileDuplicates(Int32Array.from(tokens), Int32Array.from(lines), 12, 2), expected, `round ${round}`);
    found += expected.length;
  }
  assert.ok(found > 300, `the streams have duplicates to find (${found})`);
});
