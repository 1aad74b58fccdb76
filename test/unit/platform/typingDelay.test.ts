/**
 * The wait after a keystroke (server/src/lsp/typingDelay.ts): twice the
 * document's moving average of analysis times, within bounds, and the
 * longest wait until a first time is known.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TypingDelay } from '../../../server/src/lsp/typingDelay';

test('typing delay: the longest wait until a time is known, then twice the moving average, within bounds', () => {
  const d = new TypingDelay();
  assert.equal(d.delayFor('a'), 120);
  d.record('a', 20);
  assert.equal(d.delayFor('a'), 40);
  d.record('a', 30); // 20 + 0.3 * 10 = 23
  assert.equal(d.delayFor('a'), 46);
  d.record('b', 1);
  assert.equal(d.delayFor('b'), 20, 'never below the shortest wait');
  d.record('c', 400);
  assert.equal(d.delayFor('c'), 120, 'never above the longest wait');
  assert.equal(d.delayFor('a'), 46, 'documents do not share times');
  d.forget('a');
  assert.equal(d.delayFor('a'), 120);
});

test('typing delay: an analysis on open sets the first wait; typed analyses then take over', () => {
  const d = new TypingDelay();
  d.seed('s', 4);
  assert.equal(d.delayFor('s'), 20);
  d.seed('s', 500);
  assert.equal(d.delayFor('s'), 20, 'a later untyped analysis does not replace what is known');
  d.record('s', 40); // 4 + 0.3 * 36 = 14.8
  assert.equal(d.delayFor('s'), 30);
  const big = new TypingDelay();
  big.seed('b', 900);
  assert.equal(big.delayFor('b'), 120);
});

test('typing delay: a slow outlier moves the wait, and it comes back as times return to normal', () => {
  const d = new TypingDelay({ minMs: 5, maxMs: 200, factor: 2, weight: 0.5 });
  d.record('u', 10);
  d.record('u', 90); // 10 + 0.5 * 80 = 50
  assert.equal(d.delayFor('u'), 100);
  d.record('u', 10); // 30
  d.record('u', 10); // 20
  assert.equal(d.delayFor('u'), 40);
});
