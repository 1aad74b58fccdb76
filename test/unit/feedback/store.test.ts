/**
 * Writing marks: atomic writes through the port, replacement of a finding's
 * earlier mark, and refusal (nothing written) when the file is invalid.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { addMark, removeMarks } from '../../../server/src/core/feedback/edit';
import type { FeedbackIo, FeedbackMark } from '../../../server/src/core/feedback/types';
import { FeedbackStore, loadFeedbackForCheck } from '../../../server/src/node/feedbackStore';

/** An in-memory feedback file that records every write. */
function memoryIo(initial?: string): FeedbackIo & { text: string | undefined; writes: number } {
  return {
    text: initial,
    writes: 0,
    read() {
      return this.text;
    },
    writeAtomic(t: string) {
      this.text = t;
      this.writes++;
    },
  };
}

const MARK: FeedbackMark = { fingerprint: 'f1', lineKey: 'k1', ruleId: 'security/js-eval', path: 'a.js', reason: 'constant', createdAt: '2025-01-01T00:00:00.000Z' };

test('the first mark creates the file; a second mark of the same finding replaces the first', () => {
  const io = memoryIo();
  const r1 = addMark(io, MARK);
  assert.equal(r1.ok, true);
  assert.deepEqual(JSON.parse(io.text!), { version: 1, marks: [MARK] });
  const r2 = addMark(io, { ...MARK, reason: 'still constant', createdAt: '2025-01-02T00:00:00.000Z' });
  assert.equal(r2.ok && r2.file.marks.length, 1);
  assert.equal(JSON.parse(io.text!).marks[0].reason, 'still constant');
  addMark(io, { ...MARK, fingerprint: 'f2' });
  assert.deepEqual(JSON.parse(io.text!).marks.map((m: FeedbackMark) => m.fingerprint), ['f1', 'f2']);
  assert.equal(io.writes, 3);
});

test('a corrupt or wrong-version file is never overwritten: add and remove refuse and write nothing', () => {
  for (const bad of ['{"version": 1, "marks": [', '{"version": 7, "marks": []}', '{"version": 1, "marks": [{"fingerprint": "x"}]}']) {
    const io = memoryIo(bad);
    const r = addMark(io, MARK);
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /^\.argus\/feedback\.json is invalid \(line 1: .+\)\. Fix or delete it first/);
    assert.equal(removeMarks(io, () => true).ok, false);
    assert.equal(io.text, bad);
    assert.equal(io.writes, 0);
  }
});

test('removing marks writes only when something was removed', () => {
  const io = memoryIo();
  addMark(io, MARK);
  addMark(io, { ...MARK, fingerprint: 'f2' });
  const none = removeMarks(io, (m) => m.fingerprint === 'nope');
  assert.deepEqual(none.ok && none.changed, 0);
  assert.equal(io.writes, 2);
  const one = removeMarks(io, (m) => m.fingerprint === 'f1');
  assert.deepEqual(one.ok && one.changed, 1);
  assert.deepEqual(JSON.parse(io.text!).marks.map((m: FeedbackMark) => m.fingerprint), ['f2']);
});

test('on disk: the write is atomic (no temporary file left), and loads see edits made outside Argus', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'argus-fb-'));
  const store = new FeedbackStore(root);
  assert.deepEqual(store.load(), { file: path.join(root, '.argus', 'feedback.json'), exists: false, marks: [], problems: [] });
  assert.equal(store.add(MARK).ok, true);
  assert.deepEqual(readdirSync(path.join(root, '.argus')), ['feedback.json']);
  assert.deepEqual(store.load().marks, [MARK]);
  // Another tool rewrites the file; the cache is keyed by size, mtime and inode, so the change is seen.
  writeFileSync(store.file, '{"version": 3, "marks": []}');
  utimesSync(store.file, new Date(), new Date(Date.now() + 5000));
  const broken = store.load();
  assert.deepEqual(broken.marks, []);
  assert.deepEqual(broken.problems.map((p) => p.message), ['unsupported feedback file version 3; this Argus reads version 1']);
  assert.equal(store.add(MARK).ok, false);
  assert.equal(readFileSync(store.file, 'utf8'), '{"version": 3, "marks": []}');
});

test('an unreadable feedback file (a folder) is a problem, not a crash', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'argus-fb-'));
  mkdirSync(path.join(root, '.argus', 'feedback.json'), { recursive: true });
  const state = new FeedbackStore(root).load();
  assert.equal(state.problems.length, 1);
  assert.match(state.problems[0]!.message, /^cannot read \.argus\/feedback\.json: EISDIR/);
});

test('the CLI helper names the file, line and column of each problem', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'argus-fb-'));
  mkdirSync(path.join(root, '.argus'));
  writeFileSync(path.join(root, '.argus', 'feedback.json'), '{\n  "version": 2,\n  "marks": []\n}\n');
  const { marks, errors } = loadFeedbackForCheck(root);
  assert.deepEqual(marks, []);
  assert.deepEqual(errors, [`${path.relative(process.cwd(), path.join(root, '.argus', 'feedback.json'))}:2:14: unsupported feedback file version 2; this Argus reads version 1`]);
});
