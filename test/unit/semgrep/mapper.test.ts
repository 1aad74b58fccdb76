/**
 * Mapping semgrep output to findings, notices and rule descriptions, and
 * merging with built-in findings, on hand-written output.
 *
 * semgrep cannot be installed on these machines; the JSON here follows its
 * documented format, and findings.test.ts runs the same mapping on the output
 * of a stand-in executable.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from '../../../server/src/core/model/text';
import { contentFingerprint } from '../../../server/src/core/model/fingerprint';
import type { Finding } from '../../../server/src/core/model/finding';
import { mergeFindings, noticesFor, parseSemgrepJson, semgrepRules, toFindings, type SemgrepOutput } from '../../../server/src/core/semgrep';
import { at } from './helpers';

function read(json: unknown): SemgrepOutput {
  const parsed = parseSemgrepJson(JSON.stringify(json));
  if (!('output' in parsed)) throw new Error(parsed.problem);
  return parsed.output;
}

/** A result whose positions are computed from `text` the way semgrep does (bytes), for the first `needle`. */
function resultAt(text: string, needle: string, extra: Record<string, unknown>, path = 'a.py', withOffsets = true) {
  const i = text.indexOf(needle);
  const p = (o: number) => {
    const before = text.slice(0, o);
    const ls = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
    const base = { line: before.split(/\r\n|\r|\n/).length, col: Buffer.byteLength(text.slice(ls, o)) + 1 };
    return withOffsets ? { ...base, offset: Buffer.byteLength(before) } : base;
  };
  return { check_id: 'r.x', path, start: p(i), end: p(i + needle.length), extra };
}

test('byte offsets over CRLF text and byte columns without offsets give the same UTF-16 range', () => {
  const text = 'x = 1\r\ns = "日本語"; danger(s)\r\n';
  const index = new LineIndex(text);
  const range = { start: at(text, 'danger'), end: at(text, 'danger(s)', 9) };
  for (const withOffsets of [true, false]) {
    const out = read({ results: [resultAt(text, 'danger(s)', { message: 'm', severity: 'LOW' }, 'a.py', withOffsets)] });
    const f = toFindings(out, new Map([['a.py', { index }]])).findings.get('a.py')!;
    assert.deepEqual(f.map((x) => x.range), [range], `withOffsets=${withOffsets}`);
  }
});

test('the message falls back to the rule id; positions past the text clamp to its end; a reversed range collapses', () => {
  const text = 'one line\n';
  const index = new LineIndex(text);
  const out = read({
    results: [
      { check_id: 'r.far', path: 'a.py', start: { line: 9, col: 1 }, end: { line: 9, col: 4 }, extra: { severity: 'INFO' } },
      { check_id: 'r.back', path: 'a.py', start: { line: 1, col: 5, offset: 4 }, end: { line: 1, col: 2, offset: 1 }, extra: {} },
    ],
  });
  const [back, far] = toFindings(out, new Map([['a.py', { index }]])).findings.get('a.py')!;
  assert.deepEqual(back!.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } });
  assert.equal(back!.severity, 'warning', 'no severity at all is an unknown one');
  assert.deepEqual(far!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } });
  assert.equal(far!.message, 'Semgrep found: r.far');
});

test('duplicates are dropped, repeated snippets get distinct fingerprints, unknown paths become one notice', () => {
  // Both calls have the same line and the same (empty) neighbours, so only the occurrence number tells them apart.
  const text = '\nf(x)\n\nf(x)\n';
  const index = new LineIndex(text);
  const r1 = resultAt(text, 'f(x)', { message: 'm', severity: 'INFO' });
  const second = { ...r1, start: { line: 4, col: 1, offset: 7 }, end: { line: 4, col: 5, offset: 11 } };
  const out = read({ results: [second, r1, r1, { ...r1, path: 'elsewhere.py' }, { ...r1, path: 'gone.py' }, { ...r1, path: 'gone.py' }] });
  const { findings, notices } = toFindings(out, new Map([['a.py', { index }], ['b.py', { index }]]));
  const list = findings.get('a.py')!;
  assert.deepEqual(list.map((f) => f.range.start.line), [1, 3]);
  assert.equal(contentFingerprint('semgrep/r.x', index, list[0]!.range), contentFingerprint('semgrep/r.x', index, list[1]!.range));
  assert.deepEqual(list.map((f) => f.fingerprint), [contentFingerprint('semgrep/r.x', index, list[0]!.range), contentFingerprint('semgrep/r.x', index, list[1]!.range, 1)]);
  assert.deepEqual(findings.get('b.py'), []);
  assert.deepEqual(notices, [{ level: 'info', message: 'semgrep reported results for 2 files Argus did not scan; they were ignored: elsewhere.py, gone.py.', paths: ['elsewhere.py', 'gone.py'] }]);
});

test('paths match after normalising separators and ./, and by a unique suffix', () => {
  const index = new LineIndex('f(x)\n');
  const r = resultAt(index.text, 'f(x)', {});
  const out = read({ results: [{ ...r, path: './src\\a.py' }, { ...r, check_id: 'r.y', path: 'a.py' }] });
  const { findings, notices } = toFindings(out, new Map([['/ws/src/a.py', { index }]]));
  assert.deepEqual(findings.get('/ws/src/a.py')!.map((f) => f.ruleId), ['semgrep/r.x', 'semgrep/r.y']);
  assert.deepEqual(notices, []);
});

test('errors become at most one notice per kind: parse trouble is low-key, errors are one clear message', () => {
  const out = read({
    results: [{ check_id: 'r', path: 'a', start: { line: 'bad' }, end: {} }],
    errors: [
      { level: 'warn', type: 'Syntax error', path: 'a.js' },
      { level: 'warn', type: 'Syntax error', path: 'b.js' },
      { level: 'warn', type: 'Lexical error', path: 'c.js' },
      { level: 'warn', type: ['PartialParsing', [{ path: 'd.js', start: {}, end: {} }]] },
      { level: 'error', type: 'Rule parse error', rule_id: 'r1', message: '\n  Invalid rule schema\n  more' },
      { level: 'error', type: 'Out of memory', path: 'big.js' },
      { level: 'warn', type: 'Timeout', rule_id: 'r2', path: 'slow.js', message: 'Timeout' },
      { level: 'info', type: 'SemgrepWarning', message: 'just so you know' },
    ],
  });
  assert.deepEqual(noticesFor(out), [
    { level: 'error', message: 'semgrep reported 2 errors; the first: Rule parse error (rule r1): Invalid rule schema', paths: ['big.js'] },
    { level: 'warning', message: 'semgrep reported a warning: Timeout (rule r2, slow.js)', paths: ['slow.js'] },
    { level: 'info', message: 'semgrep could not fully parse 4 files, so its rules may miss code there: a.js, b.js, c.js and 1 more.', paths: ['a.js', 'b.js', 'c.js', 'd.js'] },
    { level: 'info', message: 'semgrep reported a note: SemgrepWarning: just so you know' },
    { level: 'warning', message: 'Argus could not read 1 semgrep result; it was skipped.' },
  ]);
});

test('rule descriptions come from the first result of each rule', () => {
  const out = read({
    results: [
      { check_id: 'python.lang.security.audit.eval-detected', path: 'a', start: { line: 1, col: 1 }, end: { line: 1, col: 2 }, extra: { message: 'Detected eval(x). Avoid it.\nMore text.', severity: 'CRITICAL', metadata: { cwe: ['CWE-95: x'], owasp: 'A03:2021 - Injection', category: 'security', shortlink: 'https://sg.run/e' } } },
      { check_id: 'python.lang.security.audit.eval-detected', path: 'b', start: { line: 1, col: 1 }, end: { line: 1, col: 2 }, extra: { message: 'Detected eval(y).', severity: 'LOW' } },
      { check_id: 'plain', path: 'a', start: { line: 1, col: 1 }, end: { line: 1, col: 2 }, extra: {} },
    ],
  });
  assert.deepEqual(semgrepRules(out), [
    { id: 'semgrep/plain', engine: 'semgrep', name: 'Plain', shortDescription: 'Semgrep rule plain.', fullDescription: 'Semgrep rule plain.', category: 'semgrep', defaultSeverity: 'warning', tags: ['semgrep'] },
    {
      id: 'semgrep/python.lang.security.audit.eval-detected',
      engine: 'semgrep',
      name: 'EvalDetected',
      shortDescription: 'Detected eval(x).',
      fullDescription: 'Detected eval(x). Avoid it.\nMore text.',
      helpUri: 'https://sg.run/e',
      category: 'security',
      defaultSeverity: 'error',
      cwe: ['CWE-95'],
      owasp: ['A03:2021'],
      tags: ['semgrep'],
    },
  ]);
});

function finding(ruleId: string, line: number, from: number, to: number, cwe?: string[]): Finding {
  const range = { start: { line, character: from }, end: { line, character: to } };
  return { ruleId, engine: ruleId.startsWith('semgrep/') ? 'semgrep' : 'security', category: 'c', severity: 'error', range, message: ruleId, fingerprint: ruleId, ...(cwe ? { cwe } : {}) };
}

test('mergeFindings keeps the built-in finding when a semgrep one overlaps it on the same line with a shared CWE', () => {
  const builtin = [finding('security/js-eval', 1, 4, 12, ['CWE-95']), finding('security/empty', 3, 2, 2, ['CWE-1'])];
  const semgrep = [
    finding('semgrep/dup', 1, 0, 20, ['CWE-94', 'CWE-95']),
    finding('semgrep/other-cwe', 1, 4, 12, ['CWE-79']),
    finding('semgrep/no-cwe', 1, 4, 12),
    finding('semgrep/touching', 1, 12, 15, ['CWE-95']),
    finding('semgrep/next-line', 2, 4, 12, ['CWE-95']),
    finding('semgrep/empty-inside', 3, 0, 5, ['CWE-1']),
    finding('semgrep/first', 0, 0, 1),
  ];
  assert.deepEqual(mergeFindings(builtin, semgrep).map((f) => f.ruleId), [
    'semgrep/first',
    'security/js-eval',
    'semgrep/no-cwe',
    'semgrep/other-cwe',
    'semgrep/touching',
    'semgrep/next-line',
    'security/empty',
  ]);
});
