/**
 * The annotated corpus must score exactly as the committed baseline says
 * (per category × language TP/FP/FN). A change that finds more or less has
 * to update the baseline on purpose:
 *   npx tsx scripts/eval-security.ts --update-baseline
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { BASELINE_FILE, parseAnnotations, scoreCorpus, scoreFile, tally } from './corpus';
import { builtinPack, ROOT } from './helpers';

test('annotations apply to the next code line and stack', () => {
  const text = ['// ruleid: a/x', '# ok: a/y, a/z', 'code()', '<!-- todoruleid: a/w -->', 'more()'].join('\n');
  assert.deepEqual(parseAnnotations(text), [
    { kind: 'ruleid', ruleId: 'a/x', line: 2 },
    { kind: 'ok', ruleId: 'a/y', line: 2 },
    { kind: 'ok', ruleId: 'a/z', line: 2 },
    { kind: 'todoruleid', ruleId: 'a/w', line: 4 },
  ]);
});

test('scoring: a finding on an annotated line is a TP, elsewhere an FP; a missing one is an FN', () => {
  const text = '// ruleid: a/x\nbad()\n// ok: a/x\ngood()\n// ruleid: a/x\nmissed()\n';
  const at = (line: number) => ({ ruleId: 'a/x', category: 'c', range: { start: { line, character: 0 }, end: { line, character: 1 } } }) as never;
  const s = scoreFile('f.js', 'javascript', text, [at(1), at(3)], () => 'c');
  assert.deepEqual(s.outcomes.map((o) => [o.outcome, o.line]), [['tp', 1], ['fp', 3], ['fn', 5]]);
});

test('every annotation names a rule that exists', async () => {
  const { value } = await builtinPack();
  const ids = new Set(value.rules.map((r) => r.id));
  const scores = await scoreCorpus();
  const unknown = scores.flatMap((s) => parseAnnotations(readFileSync(path.join(ROOT, 'test/fixtures/security', s.file), 'utf8')).filter((e) => !ids.has(e.ruleId)).map((e) => `${s.file}:${e.line} ${e.ruleId}`));
  assert.deepEqual(unknown, []);
});

test('the corpus scores exactly as the committed baseline', async () => {
  const baseline = JSON.parse(readFileSync(path.join(ROOT, BASELINE_FILE), 'utf8')) as Record<string, unknown>;
  const actual = tally(await scoreCorpus());
  assert.deepEqual(actual, baseline, 'corpus counts changed; review `npx tsx scripts/eval-security.ts --details` and update the baseline with --update-baseline');
});
