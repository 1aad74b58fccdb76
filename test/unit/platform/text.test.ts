import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, rangesOverlap, utf16LengthOfUtf8Prefix } from '../../../server/src/core/model/text';

test('positions round-trip over LF, CRLF and CR line breaks', () => {
  const idx = new LineIndex('ab\r\ncd\nef\rgh');
  assert.equal(idx.lineCount, 4);
  assert.deepEqual(['ab', 'cd', 'ef', 'gh'], [0, 1, 2, 3].map((l) => idx.lineText(l)));
  assert.deepEqual(idx.positionAt(idx.text.indexOf('d')), { line: 1, character: 1 });
  assert.equal(idx.offsetAt({ line: 3, character: 1 }), idx.text.indexOf('h'));
  assert.equal(idx.offsetAt({ line: 0, character: 99 }), 2, 'characters past the line end clamp to it');
});

test('UTF-8 byte columns convert to UTF-16 characters (semgrep columns)', () => {
  // "é" is 2 bytes / 1 unit, "中" 3 bytes / 1 unit, "😀" 4 bytes / 2 units.
  const line = 'é中😀x = eval(y)';
  const idx = new LineIndex(`first\n${line}\n`);
  const bytesBeforeEval = Buffer.byteLength(line.slice(0, line.indexOf('eval')), 'utf8');
  assert.equal(bytesBeforeEval, 2 + 3 + 4 + 4);
  assert.deepEqual(idx.positionFromByteColumn(2, bytesBeforeEval + 1), { line: 1, character: line.indexOf('eval') });
  const byteOffset = Buffer.byteLength(`first\n${line.slice(0, line.indexOf('eval'))}`, 'utf8');
  assert.deepEqual(idx.positionFromByteOffset(byteOffset), { line: 1, character: line.indexOf('eval') });
  assert.equal(utf16LengthOfUtf8Prefix('😀a', 4), 2);
});

test('ranges that only touch do not overlap', () => {
  const r = (a: number, b: number) => ({ start: { line: 0, character: a }, end: { line: 0, character: b } });
  assert.equal(rangesOverlap(r(0, 3), r(3, 5)), false);
  assert.equal(rangesOverlap(r(0, 4), r(3, 5)), true);
});
