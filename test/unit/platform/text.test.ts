import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, rangesOverlap, utf16LengthOfUtf8Prefix } from '../../../server/src/core/model/text';
import { diffSpan } from '../../../server/src/core/model/textDiff';
import { makeDocument } from '../../../server/src/core/document';

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

/** Every line start of an index, through its public API. */
function startsOf(idx: LineIndex): number[] {
  return Array.from({ length: idx.lineCount }, (_, l) => idx.lineStart(l));
}

test('an index derived from the previous version after an edit equals one built from scratch (2,000 random edits)', () => {
  // A small PRNG, so a failure reproduces.
  let seed = 12345;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
  const pieces = ['\n', '\n\n', 'a', 'bc', ' ', 'x\ny', '\r\n', '\r', '', 'long line of text'];
  let text = 'first\nsecond\n\nthird line\nlast';
  let idx = new LineIndex(text);
  let derived = 0;
  for (let i = 0; i < 2000; i++) {
    const a = rand(text.length + 1);
    const b = Math.min(text.length, a + rand(6));
    // CRs are rare, so most steps exercise the splice rather than the from-scratch path.
    let insert = pieces[rand(pieces.length)]!;
    if (insert.includes('\r') && rand(8) > 0) insert = 'q';
    const next = text.slice(0, a) + insert + text.slice(b);
    const span = diffSpan(text, next);
    const after = LineIndex.afterEdit(idx, next, span);
    const fresh = new LineIndex(next);
    assert.deepEqual(startsOf(after), startsOf(fresh), `edit ${i}: ${JSON.stringify(text)} -> ${JSON.stringify(next)}`);
    assert.equal(after.lfOnly, fresh.lfOnly);
    if (idx.lfOnly && !next.includes('\r')) derived++;
    text = next;
    idx = after;
    // Drop the CRs now and then, so the text returns to LF only.
    if (text.includes('\r') && rand(4) === 0) {
      text = text.replace(/\r/g, '');
      idx = new LineIndex(text);
    }
  }
  assert.ok(derived > 1000, `most edits took the splice path (${derived})`);
});

test('a versioned document derives its index from its previous version; equal to indexing from scratch', () => {
  const uri = 'file:///derived-index.js';
  const v1 = 'a\nb\nc\n'.repeat(50);
  const d1 = makeDocument(uri, 'x.js', 'javascript', v1, 1);
  const v2 = v1.slice(0, 31) + 'x\ny\n' + v1.slice(33);
  const d2 = makeDocument(uri, 'x.js', 'javascript', v2, 2);
  assert.deepEqual(startsOf(d2.index), startsOf(new LineIndex(v2)));
  assert.equal(d2.index.text, v2);
  const same = makeDocument(uri, 'x.js', 'javascript', v2.slice(0), 3);
  assert.equal(same.index, d2.index, 'an unchanged text reuses the index');
  assert.notEqual(makeDocument(uri, 'x.js', 'javascript', v2).index, d2.index, 'an unversioned document is indexed afresh');
  assert.deepEqual(startsOf(d1.index), startsOf(new LineIndex(v1)));
});
