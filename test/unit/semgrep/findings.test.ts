/**
 * End to end from process to findings: run the adapter against the stand-in,
 * map its output, and compare exact findings and notices.
 *
 * semgrep cannot be installed on these machines. These tests run a STAND-IN
 * executable (test/fixtures/semgrep/bin/semgrep) that prints semgrep's
 * documented `--json` output, computed from the real target files with
 * semgrep's byte-based columns and offsets. A real semgrep runs through the
 * same code unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { LineIndex } from '../../../server/src/core/model/text';
import { contentFingerprint } from '../../../server/src/core/model/fingerprint';
import type { Finding } from '../../../server/src/core/model/finding';
import { semgrepRules, toFindings } from '../../../server/src/core/semgrep';
import { runSemgrep, type SemgrepRunResult } from '../../../server/src/node/semgrep';
import { FIXTURES, NO_STANDIN, STANDIN, at, config, scanned, target } from './helpers';

const UNICODE = target('unicode.js');
const HASH = target('hash.py');

function run(kase: string, targets: string[]): Promise<SemgrepRunResult> {
  return runSemgrep({ path: STANDIN, configs: [config(kase)], targets, cwd: FIXTURES, timeoutMs: 30_000 });
}

function docs(...files: string[]) {
  return new Map(files.map((f) => [f, scanned(f)]));
}

/** The finding the stand-in's eval rule must produce in unicode.js. */
function expectedEval(): Finding {
  const text = readFileSync(UNICODE, 'utf8');
  const index = new LineIndex(text);
  const range = { start: at(text, 'eval(greeting)'), end: at(text, 'eval(greeting)', 'eval(greeting)'.length) };
  return {
    ruleId: 'semgrep/argus-test.js-eval',
    engine: 'semgrep',
    category: 'security',
    severity: 'error',
    range,
    message: 'Avoid eval() on greeting; it executes arbitrary code.',
    cwe: ['CWE-95'],
    owasp: ['A03:2021'],
    fixes: [{ title: 'Apply semgrep autofix', edits: [{ range, newText: 'JSON.parse(greeting)' }], preferred: true }],
    fingerprint: contentFingerprint('semgrep/argus-test.js-eval', index, range),
    docsUrl: 'https://sg.run/argus-eval',
  };
}

test('exit 0: exact findings, with UTF-8 byte columns turned into UTF-16 characters', { skip: NO_STANDIN }, async () => {
  const r = await run('rules', [UNICODE, HASH]);
  assert.equal(r.ok, true);
  assert.ok(r.ok && r.exitCode === 0);
  assert.match(r.stderrTail, /Scanning 2 files/, 'progress noise stays on stderr, out of the JSON');
  const { findings, notices } = toFindings(r.output, docs(UNICODE, HASH));
  assert.deepEqual(notices, []);
  const evalFinding = expectedEval();
  assert.deepEqual(findings.get(UNICODE), [evalFinding]);
  // 32 UTF-16 units but 39 bytes precede `eval` ("é", "中文" and "😀" are multi-byte).
  assert.deepEqual(evalFinding.range.start, { line: 1, character: 32 });
  assert.equal(r.output.results[0]!.start.col, 40);

  const py = readFileSync(HASH, 'utf8');
  const range = { start: at(py, 'md5(label)'), end: at(py, 'md5(label)', 'md5(label)'.length) };
  assert.deepEqual(findings.get(HASH), [
    {
      ruleId: 'semgrep/argus-test.weak-hash',
      engine: 'semgrep',
      category: 'semgrep',
      severity: 'warning',
      range,
      message: 'md5 is a weak hash; use hashlib.sha256.',
      cwe: ['CWE-328'],
      owasp: ['A02:2021'],
      fingerprint: contentFingerprint('semgrep/argus-test.weak-hash', new LineIndex(py), range),
      docsUrl: 'https://example.invalid/weak-hash',
    },
  ]);
  assert.deepEqual(range.start, { line: 1, character: 26 }, 'found through line + byte column: the stand-in printed no offset');
  assert.deepEqual(semgrepRules(r.output).map((x) => [x.id, x.defaultSeverity, x.helpUri]), [
    ['semgrep/argus-test.js-eval', 'error', 'https://sg.run/argus-eval'],
    ['semgrep/argus-test.weak-hash', 'warning', 'https://example.invalid/weak-hash'],
  ]);
});

test('exit 1 with results is a success too', { skip: NO_STANDIN }, async () => {
  const r = await run('rules-exit1', [UNICODE]);
  assert.ok(r.ok);
  assert.equal(r.exitCode, 1);
  assert.deepEqual(toFindings(r.output, docs(UNICODE)).findings.get(UNICODE), [expectedEval()]);
});

test('"requires login" fields are absent and never used', { skip: NO_STANDIN }, async () => {
  const r = await run('rules', [UNICODE]);
  assert.ok(r.ok);
  const result = r.output.results[0]!;
  assert.equal(result.lines, undefined);
  assert.equal(result.fingerprint, undefined);
  assert.notEqual(toFindings(r.output, docs(UNICODE)).findings.get(UNICODE)![0]!.fingerprint, 'requires login');
});

test('new and old severities map to error, warning and info', { skip: NO_STANDIN }, async () => {
  const r = await run('severities', [UNICODE]);
  assert.ok(r.ok);
  const got = toFindings(r.output, docs(UNICODE)).findings.get(UNICODE)!.map((f) => [f.ruleId, f.severity]);
  assert.deepEqual(got, [
    ['semgrep/sev.critical', 'error'],
    ['semgrep/sev.error', 'error'],
    ['semgrep/sev.experiment', 'info'],
    ['semgrep/sev.future_level', 'warning'],
    ['semgrep/sev.high', 'error'],
    ['semgrep/sev.info', 'info'],
    ['semgrep/sev.inventory', 'info'],
    ['semgrep/sev.low', 'info'],
    ['semgrep/sev.medium', 'warning'],
    ['semgrep/sev.warning', 'warning'],
  ]);
});

test('errors[] with string, array and unknown types: one clear error, low-key parse notice, findings kept', { skip: NO_STANDIN }, async () => {
  const r = await run('errors', [UNICODE]);
  assert.ok(r.ok, 'exit 0 is a success even with errors[]');
  const { findings, notices } = toFindings(r.output, docs(UNICODE));
  assert.deepEqual(findings.get(UNICODE), [expectedEval()]);
  assert.deepEqual(notices, [
    { level: 'error', message: `semgrep reported an error: BrandNewError (${UNICODE}): Something new went wrong`, paths: [UNICODE] },
    { level: 'warning', message: `semgrep reported a warning: Fixpoint timeout (rule argus-test.js-eval, ${UNICODE}): Fixpoint timeout while performing taint analysis`, paths: [UNICODE] },
    { level: 'info', message: `semgrep could not fully parse 1 file, so its rules may miss code there: ${UNICODE}.`, paths: [UNICODE] },
  ]);
});

test('results semgrep marks is_ignored (nosemgrep) are dropped', { skip: NO_STANDIN }, async () => {
  const r = await run('ignored', [UNICODE]);
  assert.ok(r.ok);
  assert.equal(r.output.results.length, 2);
  assert.deepEqual(toFindings(r.output, docs(UNICODE)).findings.get(UNICODE)!.map((f) => f.ruleId), ['semgrep/argus-test.js-eval']);
});

test('stdout far larger than one pipe buffer arrives whole', { skip: NO_STANDIN }, async () => {
  const raw = execFileSync(STANDIN, ['scan', '--json', '--config', config('large'), UNICODE], { stdio: ['ignore', 'pipe', 'ignore'] });
  assert.ok(raw.length > 4 * 64 * 1024, `the fixture prints ${raw.length} bytes`);
  const r = await run('large', [UNICODE]);
  assert.ok(r.ok, r.ok ? '' : r.fault.message);
  assert.deepEqual(toFindings(r.output, docs(UNICODE)).findings.get(UNICODE), [expectedEval()]);
});
