/**
 * `.argus/feedback.json` reading: valid files round-trip; every problem is
 * located; wrong versions and broken JSON yield no marks at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeedback, serializeFeedback } from '../../../server/src/core/feedback/parse';
import type { FeedbackFile } from '../../../server/src/core/feedback/types';

/** `line:col` (1-based) of the first occurrence of `marker`, found by text search. */
function at(text: string, marker: string): string {
  const o = text.indexOf(marker);
  assert.ok(o >= 0, `marker ${marker} not found`);
  const before = text.slice(0, o).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** Problems as `line:col message`, 1-based. */
function where(text: string): string[] {
  return parseFeedback(text).problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);
}

const FILE: FeedbackFile = {
  version: 1,
  marks: [
    { fingerprint: 'f1', lineKey: 'k1', ruleId: 'security/js-eval', path: 'src/a.js', reason: 'constant input', createdAt: '2025-01-02T03:04:05.000Z' },
    { fingerprint: 'f2', ruleId: 'review/todo', path: 'b.py', createdAt: '2025-01-02T03:04:06.000Z' },
  ],
};

test('a serialised file parses back to the same marks with no problems', () => {
  const text = serializeFeedback(FILE);
  assert.ok(text.endsWith('}\n'));
  assert.deepEqual(parseFeedback(text), { value: FILE, problems: [] });
});

test('an empty file, broken JSON and a non-object are errors with positions, and give no value', () => {
  assert.deepEqual(where(''), ['1:1 the feedback file is empty; expected { "version": 1, "marks": [] }']);
  assert.deepEqual(where('{\n  "version": 1,\n  "marks": [\n'), ['4:1 invalid JSON: unexpected end of the document']);
  assert.equal(parseFeedback('{"version": 1, "marks": [').value, undefined);
  assert.deepEqual(where('[]'), ['1:1 the feedback file must be a JSON object such as { "version": 1, "marks": [] }']);
});

test('a wrong or missing version is refused: no marks are read from it', () => {
  const v2 = '{\n  "version": 2,\n  "marks": [{"fingerprint": "f", "ruleId": "r/x", "path": "a", "createdAt": "t"}]\n}\n';
  assert.deepEqual(where(v2), ['2:14 unsupported feedback file version 2; this Argus reads version 1']);
  assert.equal(parseFeedback(v2).value, undefined);
  assert.deepEqual(where('{"version": "1", "marks": []}'), ['1:13 unsupported feedback file version "1"; this Argus reads version 1']);
  assert.deepEqual(where('{"marks": []}'), ['1:1 missing "version"; this Argus reads version 1']);
});

test('bad marks are reported where they are; the good marks still apply', () => {
  const text = [
    '{',
    '  "version": 1,',
    '  "extra": true,',
    '  "marks": [',
    '    {"fingerprint": "f1", "ruleId": "security/js-eval", "path": "a.js", "createdAt": "t1"},',
    '    {"fingerprint": "", "ruleId": "security/js-eval", "path": "a.js", "createdAt": "t2"},',
    '    {"fingerprint": "f3", "ruleId": "security/js-eval", "path": "a.js"},',
    '    {"fingerprint": "f4", "ruleId": "security/js-eval", "path": "a.js", "createdAt": "t4", "colour": "red"},',
    '    "f5"',
    '  ]',
    '}',
  ].join('\n');
  assert.deepEqual(where(text), [
    `${at(text, '"extra"')} unknown key 'extra'; expected version, marks`,
    `${at(text, '""')} mark field 'fingerprint' must be a non-empty string`,
    `${at(text, '{"fingerprint": "f3"')} mark is missing createdAt`,
    `${at(text, '"colour"')} unknown mark field 'colour'; expected fingerprint, lineKey, ruleId, path, reason, createdAt`,
    `${at(text, '"f5"')} each mark must be an object with fingerprint, ruleId, path and createdAt`,
  ]);
  assert.deepEqual(parseFeedback(text).value?.marks.map((m) => m.fingerprint), ['f1']);
});

test('"marks" must be a list', () => {
  assert.deepEqual(where('{"version": 1, "marks": {}}'), ['1:25 "marks" must be a list']);
  assert.deepEqual(where('{"version": 1}'), ['1:13 missing "marks" (a list, possibly empty)']);
});
