/**
 * The lenient reader of `semgrep scan --json` output and the metadata readers.
 *
 * semgrep cannot be installed on these machines, so the JSON here is written
 * by hand after semgrep's documented format (semgrep_output_v1.atd); the
 * process tests use a stand-in executable that prints the same format.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeOutputs, parseSemgrepJson, renamePaths, type SemgrepOutput } from '../../../server/src/core/semgrep';
import { categoryOf, cweIdsOf, docsUrlOf, findingSeverity, owaspIdsOf } from '../../../server/src/core/semgrep';

const pos = (line: number, col: number, offset?: number) => (offset === undefined ? { line, col } : { line, col, offset });

function read(json: unknown): SemgrepOutput {
  const parsed = parseSemgrepJson(JSON.stringify(json));
  if (!('output' in parsed)) throw new Error(parsed.problem);
  return parsed.output;
}

test('results: unknown keys are ignored, "requires login" is absent, metavars may be missing', () => {
  const out = read({
    version: '1.140.0',
    results: [
      {
        check_id: 'r.one',
        path: 'a.py',
        start: pos(1, 1, 0),
        end: pos(1, 5, 4),
        extra: { message: '  Found it\n', severity: 'medium', metadata: { cwe: 'CWE-1' }, lines: 'requires login', fingerprint: 'requires login', fix: '', future: { a: 1 }, engine_kind: ['PRO_REQUIRED', { x: 1 }] },
        brand_new_key: [1, 2, 3],
      },
    ],
    errors: [],
    paths: { scanned: ['a.py', 7] },
    mcp_scan_results: { whatever: true },
  });
  assert.deepEqual(out, {
    version: '1.140.0',
    results: [{ checkId: 'r.one', path: 'a.py', start: pos(1, 1, 0), end: pos(1, 5, 4), message: 'Found it', severity: 'MEDIUM', metadata: { cwe: 'CWE-1' }, fix: '', isIgnored: false }],
    errors: [],
    scanned: ['a.py'],
    unreadableResults: 0,
  });
});

test('results: an offset of -1 or none means "unknown"; unusable results are counted, not fatal', () => {
  const out = read({
    results: [
      { check_id: 'r', path: 'a', start: pos(2, 3, -1), end: pos(2, 4), extra: { fix: 'requires login', severity: 'INFO' } },
      { check_id: 'r', path: 'a', start: { line: 'x', col: 1 }, end: pos(1, 1) },
      { path: 'a', start: pos(1, 1), end: pos(1, 2) },
      'not an object',
    ],
  });
  assert.deepEqual(out.results, [{ checkId: 'r', path: 'a', start: pos(2, 3), end: pos(2, 4), severity: 'INFO', metadata: {}, isIgnored: false }]);
  assert.equal(out.unreadableResults, 3);
  assert.deepEqual(out.errors, []);
  assert.deepEqual(out.scanned, []);
});

test('errors: string types, [tag, payload] types and unknown tags are all kept', () => {
  const loc = { path: 'b.js', start: pos(1, 1), end: pos(1, 2) };
  const out = read({
    results: [],
    errors: [
      { code: 3, level: 'warn', type: 'Syntax error', message: 'bad', spans: [{ file: 'a.js', start: pos(1, 1), end: pos(1, 2) }] },
      { code: 3, level: 'WARN', type: ['PartialParsing', [loc]] },
      { code: 2, level: 'error', type: ['IncompatibleRule', { rule_id: 'r', this_version: '1.0.0', min_version: '2.0.0' }], rule_id: 'r', long_msg: 'needs 2.0.0' },
      { level: 'info', type: 'A type from the future', short_msg: 'short' },
      { type: ['OnlyATag'] },
      { type: 42 },
    ],
  });
  assert.deepEqual(out.errors, [
    { code: 3, level: 'warn', type: 'Syntax error', message: 'bad', path: 'a.js' },
    { code: 3, level: 'warn', type: 'PartialParsing', payload: [loc], path: 'b.js' },
    { code: 2, level: 'error', type: 'IncompatibleRule', payload: { rule_id: 'r', this_version: '1.0.0', min_version: '2.0.0' }, message: 'needs 2.0.0', ruleId: 'r' },
    { level: 'info', type: 'A type from the future', message: 'short' },
    { level: 'error', type: 'OnlyATag' },
    { level: 'error', type: 'Unknown error' },
  ]);
});

test('text that is not a JSON object is a problem with its opening quoted, never an exception', () => {
  assert.deepEqual(parseSemgrepJson('  \n'), { problem: 'it printed nothing on stdout' });
  assert.deepEqual(parseSemgrepJson('Traceback (most recent call last):\n  boom'), { problem: 'its output is not JSON; it starts with "Traceback (most recent call last):\\n  boo"' });
  assert.deepEqual(parseSemgrepJson('[1]'), { problem: 'its output is JSON but not an object; it starts with "[1]"' });
  assert.deepEqual(parseSemgrepJson('{}'), { output: { results: [], errors: [], scanned: [], unreadableResults: 0 } });
});

test('severities: CRITICAL/HIGH/ERROR → error, MEDIUM/WARNING → warning, LOW/INFO/EXPERIMENT/INVENTORY → info', () => {
  const names = ['CRITICAL', 'HIGH', 'ERROR', 'MEDIUM', 'WARNING', 'LOW', 'INFO', 'EXPERIMENT', 'INVENTORY', 'critical', 'Something-New'];
  assert.deepEqual(
    names.map(findingSeverity),
    ['error', 'error', 'error', 'warning', 'warning', 'info', 'info', 'info', 'info', 'error', 'warning'],
  );
});

test('metadata: CWE and OWASP ids are normalised, docs links must be http(s), category defaults to semgrep', () => {
  const meta = {
    cwe: ['CWE-89: Improper Neutralization of Special Elements used in an SQL Command', 'cwe-79', 'not a cwe', 'CWE-89'],
    owasp: ['A03:2021 - Injection', 'a01:2017 - Injection', 'Some prose'],
    references: ['https://example.invalid/ref'],
    shortlink: 'requires login',
  };
  assert.deepEqual(cweIdsOf(meta), ['CWE-89', 'CWE-79']);
  assert.deepEqual(owaspIdsOf(meta), ['A03:2021', 'A01:2017']);
  assert.equal(docsUrlOf(meta), 'https://example.invalid/ref');
  assert.equal(docsUrlOf({ shortlink: 'https://sg.run/x', references: ['https://example.invalid/ref'] }), 'https://sg.run/x');
  assert.equal(docsUrlOf({ references: ['see the wiki', 'https://example.invalid/second'] }), undefined);
  assert.equal(categoryOf(meta), 'semgrep');
  assert.equal(categoryOf({ category: 'security' }), 'security');
  assert.deepEqual(cweIdsOf({ cwe: 'CWE-328: Use of Weak Hash' }), ['CWE-328']);
});

test('batch outputs merge in order; paths can be renamed everywhere', () => {
  const a = read({ version: '1.0.0', results: [{ check_id: 'r', path: '/tmp/x/a.py', start: pos(1, 1), end: pos(1, 2) }], paths: { scanned: ['/tmp/x/a.py'] } });
  const b = read({ results: [], errors: [{ level: 'warn', type: 'Timeout', path: '/tmp/x/b.py' }, { level: 'error', type: 'Rule parse error', path: '/rules.yml' }], paths: { scanned: ['/tmp/x/b.py'] } });
  const merged = mergeOutputs(a, b);
  assert.equal(merged.version, '1.0.0');
  assert.deepEqual(merged.scanned, ['/tmp/x/a.py', '/tmp/x/b.py']);
  const renamed = renamePaths(merged, (p) => (p.startsWith('/tmp/x/') ? `buffer:${p.slice(7)}` : p));
  assert.deepEqual(renamed.results.map((r) => r.path), ['buffer:a.py']);
  assert.deepEqual(renamed.errors.map((e) => e.path), ['buffer:b.py', '/rules.yml']);
  assert.deepEqual(renamed.scanned, ['buffer:a.py', 'buffer:b.py']);
});
