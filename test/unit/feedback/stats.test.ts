/** The precision estimate, its minimum sample, and the "mostly noise" suggestion. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDocumentCounts, addMarkCounts, estimatePrecision, ruleStatistics, type RuleCounts } from '../../../server/src/core/feedback/stats';
import type { Finding } from '../../../server/src/core/model/finding';
import type { FeedbackMark } from '../../../server/src/core/feedback/types';

const at = { line: 0, character: 0 };
const f = (ruleId: string): Finding => ({ ruleId, engine: 'security', category: 'x', severity: 'warning', range: { start: at, end: at }, message: 'm', fingerprint: ruleId });
const m = (ruleId: string): FeedbackMark => ({ fingerprint: 'x', ruleId, path: 'a.js', createdAt: 't' });
const times = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);

test('precision = 1 − marks / (findings + shadow + marks), from 5 reports up', () => {
  assert.equal(estimatePrecision({ findings: 3, suppressed: 9, shadow: 0, marks: 1 }), null, '4 reports: too few');
  assert.equal(estimatePrecision({ findings: 4, suppressed: 0, shadow: 0, marks: 1 }), 0.8);
  assert.equal(estimatePrecision({ findings: 0, suppressed: 0, shadow: 2, marks: 6 }), 0.25);
  assert.equal(estimatePrecision({ findings: 0, suppressed: 0, shadow: 0, marks: 5 }), 0);
});

test('rows count findings, inline suppressions, shadow and marks per rule; noisy rules come first', () => {
  const counts = new Map<string, RuleCounts>();
  addDocumentCounts(counts, { findings: [...times(4, f('security/a')), f('security/b')], suppressed: [f('security/b')], shadow: [f('security/exp')] });
  addDocumentCounts(counts, { findings: [f('security/a')], suppressed: [], shadow: [] });
  addMarkCounts(counts, [...times(5, m('security/b')), m('security/a')]);
  const rows = ruleStatistics(counts, (id) => (id === 'security/exp' ? 'experimental' : 'stable'));
  assert.deepEqual(rows.map((r) => [r.ruleId, r.channel, r.findings, r.suppressed, r.shadow, r.marks, r.precision === null ? null : Math.round(r.precision * 1000) / 1000, r.suggestDisable]), [
    ['security/b', 'stable', 1, 1, 0, 5, 0.167, true],
    ['security/a', 'stable', 5, 0, 0, 1, 0.833, false],
    ['security/exp', 'experimental', 0, 0, 1, 0, null, false],
  ]);
});
