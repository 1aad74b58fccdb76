/**
 * False-positive marks through the real Analyzer: a marked finding stays
 * hidden after line moves and neighbouring edits, is reported as suppressed
 * with its reason, and never hides another finding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../server/src/core/analyze';
import { makeDocument } from '../../../server/src/core/document';
import { silentLogger, type Engine } from '../../../server/src/core/engine';
import { resolveConfig } from '../../../server/src/core/config/resolve';
import { contentFingerprint } from '../../../server/src/core/model/fingerprint';
import { lineKey } from '../../../server/src/core/feedback/match';
import type { FeedbackMark } from '../../../server/src/core/feedback/types';
import type { Finding } from '../../../server/src/core/model/finding';
import { testParsers } from '../../helpers/parsers';

/** Reports every `eval(` as `security/js-eval`, like the built-in rule, with the real fingerprint. */
const evalEngine: Engine = {
  id: 'security',
  rules: () => [],
  supports: (doc) => doc.languageId === 'javascript',
  analyze: async (doc) => {
    const findings: Finding[] = [];
    for (let o = doc.text.indexOf('eval('); o >= 0; o = doc.text.indexOf('eval(', o + 1)) {
      const range = doc.index.rangeOf(o, o + 4);
      findings.push({ ruleId: 'security/js-eval', engine: 'security', category: 'code-injection', severity: 'error', range, message: 'eval', fingerprint: contentFingerprint('security/js-eval', doc.index, range) });
    }
    return { findings };
  },
};

const ORIGINAL = ['const a = 1;', 'function f(x) {', '  return eval(CONSTANT);', '}', 'function g(y) {', '  return eval(y);', '}', ''].join('\n');

async function run(text: string, marks: readonly FeedbackMark[], path = 'src/a.js') {
  const analyzer = new Analyzer([evalEngine], await testParsers(), silentLogger);
  return analyzer.analyze(makeDocument(`file:///ws/${path}`, path, 'javascript', text), resolveConfig([], { feedback: marks }));
}

/** The mark the server stores for the finding on `line` (0-based) of `text`, as the mark command does. */
async function markOf(text: string, line: number, reason?: string): Promise<FeedbackMark> {
  const out = await run(text, []);
  const f = out.findings.find((x) => x.range.start.line === line)!;
  const doc = makeDocument('file:///ws/src/a.js', 'src/a.js', 'javascript', text);
  return { fingerprint: f.fingerprint, lineKey: lineKey(f.ruleId, doc.index, f.range), ruleId: f.ruleId, path: 'src/a.js', ...(reason ? { reason } : {}), createdAt: '2025-01-01T00:00:00.000Z' };
}

const lines = (fs: readonly Finding[]) => fs.map((f) => f.range.start.line);

test('a marked finding is hidden and listed as suppressed with "feedback: <reason>"; the other is shown', async () => {
  const mark = await markOf(ORIGINAL, 2, 'CONSTANT is a literal');
  const out = await run(ORIGINAL, [mark]);
  assert.deepEqual(lines(out.findings), [5]);
  assert.deepEqual(lines(out.suppressed), [2]);
  assert.deepEqual(out.suppressionReasons, { [out.suppressed[0]!.fingerprint]: 'feedback: CONSTANT is a literal' });
});

test('a mark without a reason is described as a plain false positive', async () => {
  const out = await run(ORIGINAL, [await markOf(ORIGINAL, 2)]);
  assert.deepEqual(Object.values(out.suppressionReasons ?? {}), ['feedback: marked as a false positive']);
});

test('the finding stays hidden after lines are inserted above it and code is edited elsewhere', async () => {
  const mark = await markOf(ORIGINAL, 2);
  const moved = `// header\n// more header\n\n${ORIGINAL.replace('const a = 1;', 'const a = 2; // edited')}`;
  const out = await run(moved, [mark]);
  assert.deepEqual(lines(out.findings), [8]);
  assert.deepEqual(lines(out.suppressed), [5]);
});

test('an edit of the line right above changes the fingerprint; the line key still matches, unambiguously', async () => {
  const mark = await markOf(ORIGINAL, 2);
  const edited = ORIGINAL.replace('function f(x) {', 'function f(x, unused) {');
  const out = await run(edited, [mark]);
  assert.notEqual(out.suppressed[0]?.fingerprint, mark.fingerprint, 'the fingerprint did change');
  assert.deepEqual(lines(out.suppressed), [2]);
  assert.deepEqual(lines(out.findings), [5]);
});

test('an ambiguous line-key match hides nothing', async () => {
  const mark = await markOf(ORIGINAL, 2);
  // Two identical eval lines, both with new neighbours: the fingerprint matches neither.
  const twice = ['function f(x, z) {', '  return eval(CONSTANT);', '}', 'function h() {', '  return eval(CONSTANT);', '}', ''].join('\n');
  const out = await run(twice, [mark]);
  assert.deepEqual(lines(out.findings), [1, 4]);
  assert.deepEqual(out.suppressed, []);
});

test('a changed finding line, another path or another rule is not matched', async () => {
  const mark = await markOf(ORIGINAL, 2);
  assert.deepEqual(lines((await run(ORIGINAL.replace('eval(CONSTANT)', 'eval(input)'), [mark])).findings), [2, 5]);
  assert.deepEqual(lines((await run(ORIGINAL, [mark], 'src/b.js')).findings), [2, 5]);
  assert.deepEqual(lines((await run(ORIGINAL, [{ ...mark, ruleId: 'security/js-other' }])).findings), [2, 5]);
});
