import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextStore } from '../../../server/src/node/scan/textStore';
import { detached } from '../../../server/src/core/model/text';

test('TextStore gives back every text exactly, before and after sealing, multi-byte characters included', () => {
  const texts = ['', 'plain ascii\n', 'café – “quotes” ✓\n', '😀 astral 𝒳 and CJK 漢字\r\n', 'x'.repeat(70_000)];
  const store = new TextStore();
  const spans = texts.map((t) => store.add(t));
  assert.deepEqual(spans.slice(0, 3), [
    { start: 0, end: 0 },
    { start: 0, end: 12 },
    { start: 12, end: 12 + Buffer.byteLength(texts[2]!, 'utf8') },
  ]);
  assert.deepEqual(spans.map((s) => store.text(s)), texts);
  const shared = store.seal();
  assert.ok(shared instanceof SharedArrayBuffer);
  assert.equal(shared.byteLength, texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0));
  assert.equal(store.seal(), shared, 'sealing twice keeps the one buffer');
  assert.deepEqual(spans.map((s) => store.text(s)), texts);
  // Workers decode the same bytes from the shared buffer.
  assert.equal(Buffer.from(shared).toString('utf8', spans[3]!.start, spans[3]!.end), texts[3]);
  assert.throws(() => store.add('late'), /add after seal/);
});

test('TextStore keeps bytes read from disk as they are and decodes them like readFileSync', () => {
  const store = new TextStore();
  const bytes = Buffer.from('naïve 😀\n', 'utf8');
  const a = store.add(bytes);
  const b = store.add('après');
  assert.deepEqual(a, { start: 0, end: bytes.length });
  assert.equal(store.text(a), 'naïve 😀\n');
  assert.equal(store.text(b), 'après');
});

test('detached copies keep the value', () => {
  const text = 'function someLongFunctionName() {}\n'.repeat(100);
  const name = text.slice(9, 29);
  assert.equal(detached(name), 'someLongFunctionName');
  assert.equal(detached('short'), 'short');
  assert.equal(detached(''), '');
});
