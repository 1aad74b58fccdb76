/** The CLI's progress bar: redrawn in place on stderr, throttled, and cleared at the end. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressBar } from '../../../server/src/cli/scanSetup';

test('the progress bar redraws one line in place, only when it changes, and clears it', () => {
  const writes: string[] = [];
  const bar = progressBar({ write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream);
  for (let done = 1; done <= 300; done++) bar.update(done, 300);
  bar.clear();
  assert.equal(writes[0], `\r[${' '.repeat(30)}] 1/300 files`);
  assert.equal(writes.at(-2), `\r[${'#'.repeat(30)}] 300/300 files`);
  assert.equal(writes.at(-1), '\r\x1b[2K', 'the line is erased, so the report starts clean');
  assert.ok(writes.length < 60, `throttled: ${writes.length} writes for 300 files`);
  assert.ok(writes.every((w) => w.startsWith('\r')), 'every write redraws the same line');
});

test('a bar that never drew anything clears nothing', () => {
  const writes: string[] = [];
  progressBar({ write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream).clear();
  assert.deepEqual(writes, []);
});
