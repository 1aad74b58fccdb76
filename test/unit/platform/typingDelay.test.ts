/**
 * The wait after a keystroke (server/src/lsp/typingDelay.ts): analyses are
 * spaced by a gap of twice the document's moving average of analysis times,
 * within bounds, measured from the end of the previous analysis; a keystroke
 * after a quiet spell is analysed at once. Times are passed in explicitly
 * (a fake clock), so nothing here depends on the machine's speed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TypingDelay } from '../../../server/src/lsp/typingDelay';

/** Runs one analysis of `uri` from `start` to `start + millis` on the fake clock, as the server does. */
function analyse(d: TypingDelay, uri: string, start: number, millis: number, typed = true): void {
  d.started(uri);
  if (typed) d.record(uri, millis);
  else d.seed(uri, millis);
  d.ended(uri, start + millis);
}

test('typing gap: the longest until a time is known, then twice the moving average, within bounds', () => {
  const d = new TypingDelay();
  assert.equal(d.gapFor('a'), 120);
  assert.equal(d.delayFor('a', 0), 120, 'a document never analysed waits the longest');
  d.record('a', 20);
  assert.equal(d.gapFor('a'), 40);
  d.record('a', 30); // 20 + 0.3 * 10 = 23
  assert.equal(d.gapFor('a'), 46);
  d.record('b', 1);
  assert.equal(d.gapFor('b'), 20, 'never below the shortest gap');
  d.record('c', 400);
  assert.equal(d.gapFor('c'), 120, 'never above the longest gap');
  assert.equal(d.gapFor('a'), 46, 'documents do not share times');
  d.forget('a');
  assert.equal(d.gapFor('a'), 120);
});

test('typing delay: none after a quiet spell, the rest of the gap while typing, the whole gap while an analysis runs', () => {
  const d = new TypingDelay();
  analyse(d, 'u', 0, 10); // ends at 10, gap 20
  assert.equal(d.delayFor('u', 100), 0, 'quiet for longer than the gap: at once');
  assert.equal(d.delayFor('u', 30), 0, 'exactly the gap after the end: at once');
  assert.equal(d.delayFor('u', 12), 18, 'two milliseconds after the end: the rest of the gap');
  assert.equal(d.delayFor('u', 25), 5, 'a later keystroke keeps the same deadline, it does not push it');
  d.started('u');
  assert.equal(d.delayFor('u', 40), 20, 'while an analysis runs (the keystroke cancels it): the whole gap');
  d.ended('u', 41);
  assert.equal(d.delayFor('u', 41), 20);
  assert.equal(d.delayFor('u', 70), 0);
});

test('typing delay: a cancelled analysis still finishing does not hide the one that replaced it', () => {
  const d = new TypingDelay();
  analyse(d, 'u', 0, 10);
  d.started('u'); // cancelled by a keystroke, still unwinding
  d.started('u'); // its replacement
  d.ended('u', 50); // the cancelled one ends
  assert.equal(d.delayFor('u', 51), 20, 'the replacement is still running');
  d.ended('u', 60);
  assert.equal(d.delayFor('u', 61), 19);
});

test('typing delay: an analysis on open sets the first gap; the first typed analysis replaces it', () => {
  const d = new TypingDelay();
  analyse(d, 's', 0, 4, false);
  assert.equal(d.gapFor('s'), 20);
  assert.equal(d.delayFor('s', 5), 19, 'a keystroke right after the analysis on open');
  assert.equal(d.delayFor('s', 500), 0, 'a keystroke long after it');
  d.seed('s', 9); // a save before any keystroke: still a stand-in
  assert.equal(d.gapFor('s'), 20);
  d.record('s', 40);
  assert.equal(d.gapFor('s'), 80, 'the typed time replaces the stand-in outright');
  d.record('s', 10); // 40 - 0.3 * 30 = 31
  assert.equal(d.gapFor('s'), 62);
  d.seed('s', 500);
  assert.equal(d.gapFor('s'), 62, 'an untyped analysis never replaces typed times');
  // A large file: the full analysis on open is slow, so the gap after it is the longest, then the typed time rules.
  const big = new TypingDelay();
  analyse(big, 'b', 0, 900, false);
  assert.equal(big.delayFor('b', 901), 119);
  big.record('b', 13);
  assert.equal(big.gapFor('b'), 26);
});

test('typing delay: a slow outlier moves the gap, and it comes back as times return to normal', () => {
  const d = new TypingDelay({ minMs: 5, maxMs: 200, factor: 2, weight: 0.5 });
  d.record('u', 10);
  d.record('u', 90); // 10 + 0.5 * 80 = 50
  assert.equal(d.gapFor('u'), 100);
  d.record('u', 10); // 30
  d.record('u', 10); // 20
  assert.equal(d.gapFor('u'), 40);
});

test('typing delay: a document closed while its analysis runs keeps nothing', () => {
  const d = new TypingDelay();
  analyse(d, 'c', 0, 10);
  d.started('c');
  d.forget('c');
  d.ended('c', 20);
  assert.equal(d.delayFor('c', 21), 120, 'as a document never analysed');
  analyse(d, 'c', 30, 10, false);
  assert.equal(d.delayFor('c', 41), 19);
});
