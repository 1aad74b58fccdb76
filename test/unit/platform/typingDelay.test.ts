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

test('typing delay: an analysis on open sets the first wait; the first typed analysis replaces it', () => {
  const d = new TypingDelay();
  d.seed('s', 4);
  assert.equal(d.delayFor('s'), 20);
  d.seed('s', 9); // a save before any keystroke: still a stand-in
  assert.equal(d.delayFor('s'), 20);
  d.record('s', 40);
  assert.equal(d.delayFor('s'), 80, 'the typed time replaces the stand-in outright');
  d.record('s', 10); // 40 - 0.3 * 30 = 31
  assert.equal(d.delayFor('s'), 62);
  d.seed('s', 500);
  assert.equal(d.delayFor('s'), 62, 'an untyped analysis never replaces typed times');
  // A large file: the full analysis on open is slow, its first keystroke waits the longest, then the typed time rules.
  const big = new TypingDelay();
  big.seed('b', 900);
  assert.equal(big.delayFor('b'), 120);
  big.record('b', 13);
  assert.equal(big.delayFor('b'), 26);
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
