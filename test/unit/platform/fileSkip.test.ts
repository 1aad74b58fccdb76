/**
 * Which files every engine skips (core/fileSkip.ts). The minified test reads
 * only part of the text (it stops counting lines once the average cannot be
 * over 200, and measures only the line holding the middle character), so it
 * is compared with a reference that measures every line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binaryReason, fileSkipReason, minifiedReason } from '../../../server/src/core/fileSkip';

/** Every line measured: the definition the fast test must agree with. */
function reference(text: string): string | undefined {
  if (text.length < 2000) return undefined;
  const lines = text.split('\n');
  const longest = Math.max(...lines.map((l) => l.length));
  const average = text.length / lines.length;
  if (average > 200) return `minified or generated: average line length ${Math.round(average)} characters`;
  if (longest > 5000 && longest > text.length / 2) return `minified or generated: one line holds ${Math.round((100 * longest) / text.length)}% of the file`;
  return undefined;
}

test('minified: exact reasons for typical shapes', () => {
  const normal = 'const a = 1;\n'.repeat(500);
  assert.equal(minifiedReason('a.js', normal), undefined);
  assert.equal(minifiedReason('a.min.js', normal), 'minified file (.min.js)');
  const oneLine = `${'x=1;'.repeat(3000)}\n`;
  assert.equal(minifiedReason('b.js', oneLine), 'minified or generated: average line length 6001 characters');
  // Short lines around one huge line: the average stays low, the huge line holds most of the file.
  const bundle = `${'a;\n'.repeat(2000)}${'y'.repeat(40000)}\n${'b;\n'.repeat(2000)}`;
  assert.equal(minifiedReason('c.js', bundle), 'minified or generated: one line holds 77% of the file');
  // Boundaries: an average of exactly 200 is fine, a hair over is not.
  const exact = [...Array.from({ length: 10 }, () => 'w'.repeat(199)), 'w'.repeat(200)].join('\n');
  assert.equal(exact.length, 11 * 200);
  assert.equal(minifiedReason('e.js', exact), undefined);
  const over = Array.from({ length: 11 }, () => 'w'.repeat(200)).join('\n');
  assert.equal(over.length, 2210);
  assert.equal(minifiedReason('f.js', over), 'minified or generated: average line length 201 characters');
  // The huge line ends right after the middle character.
  const first = `${'y'.repeat(6000)}\n`;
  const edge = first + 'ab\n'.repeat(1999);
  assert.equal(edge.length >> 1, 5999);
  assert.equal(minifiedReason('g.js', edge), 'minified or generated: one line holds 50% of the file');
  assert.equal(binaryReason('abc\u0000def'), 'binary file (contains NUL bytes)');
  assert.equal(fileSkipReason('d.js', 'abc\u0000def'), 'binary file (contains NUL bytes)');
});

test('minified: agrees with measuring every line on 3,000 generated texts', () => {
  let seed = 7;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const kinds = { average: 0, oneLine: 0, none: 0 };
  for (let i = 0; i < 3000; i++) {
    // Three shapes: ordinary code lines, a few long lines, and ordinary lines around one huge line.
    const parts: string[] = [];
    const mode = i % 3;
    const n = mode === 1 ? 1 + Math.floor(rand() * 40) : 20 + Math.floor(rand() * 400);
    for (let k = 0; k < n; k++) {
      const len = mode === 1 ? Math.floor(rand() * 3000) : Math.floor(rand() * 80);
      parts.push('z'.repeat(len) + (rand() < 0.1 ? '\r' : ''));
    }
    if (mode === 2) parts.splice(Math.floor(rand() * n), 0, 'y'.repeat(Math.floor(rand() * 60000)));
    const text = parts.join('\n') + (rand() < 0.5 ? '\n' : '');
    // A fresh string each time: the one-entry cache answers repeats of the same text object only.
    const got = minifiedReason(`f${i}.js`, `${text}`);
    assert.equal(got, reference(text), `text ${i}: ${parts.map((p) => p.length).join(',')}`);
    if (!got) kinds.none++;
    else if (got.includes('average')) kinds.average++;
    else kinds.oneLine++;
  }
  // Every outcome is exercised, so the agreement is not vacuous.
  assert.ok(kinds.none > 300 && kinds.average > 300 && kinds.oneLine > 100, JSON.stringify(kinds));
});
