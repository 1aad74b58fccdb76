/**
 * False-positive marks in `argus check`: a marked finding is reported as
 * suppressed with its reason (JSON `suppressionReason`, SARIF `external`
 * suppression with the justification), in the main thread and on workers,
 * and a corrupt marks file stops the run (exit 2) and is left untouched.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DIST, REPO, rangeOf, tempWorkspace } from '../helpers/workspace';

function argus(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type JsonFinding = { ruleId: string; line: number; fingerprint: string; suppressionReason?: string };

function markFirstMd5(ws: string): JsonFinding {
  const report = JSON.parse(argus(ws, 'check', 'app', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off').stdout);
  const findings = report.files.find((f: { path: string }) => f.path === 'app/hashes.py').findings as JsonFinding[];
  const md5 = findings.filter((f) => f.ruleId === 'security/py-weak-hash');
  assert.equal(md5.length, 2, 'both md5 calls are found before marking');
  const first = md5[0]!;
  mkdirSync(path.join(ws, '.argus'), { recursive: true });
  const mark = { fingerprint: first.fingerprint, ruleId: first.ruleId, path: 'app/hashes.py', reason: 'cache key, not security', createdAt: '2026-11-24T12:00:00.000Z' };
  writeFileSync(path.join(ws, '.argus', 'feedback.json'), `${JSON.stringify({ version: 1, marks: [mark] }, null, 2)}\n`);
  return first;
}

for (const jobs of ['1', '2']) {
  test(`a marked finding is suppressed with its reason in JSON and SARIF (--jobs ${jobs})`, () => {
    const ws = tempWorkspace('feedback/workspace');
    // Enough files for the worker pool when --jobs 2, so the marks must reach the workers too.
    cpSync(path.join(REPO, 'test/fixtures/security'), path.join(ws, 'more'), { recursive: true });
    const marked = markFirstMd5(ws);
    const text = readFileSync(path.join(ws, 'app', 'hashes.py'), 'utf8');
    const report = JSON.parse(argus(ws, 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off', '--jobs', jobs).stdout);
    assert.equal(report.summary.workers, jobs === '2' ? 1 : 0);
    const file = report.files.find((f: { path: string }) => f.path === 'app/hashes.py');
    assert.deepEqual(file.findings.filter((f: JsonFinding) => f.ruleId === 'security/py-weak-hash').map((f: JsonFinding) => f.line), [rangeOf(text, 'hashlib.md5', 1).start.line + 1]);
    assert.deepEqual(file.suppressed.map((f: JsonFinding) => [f.fingerprint, f.suppressionReason]), [[marked.fingerprint, 'feedback: cache key, not security']]);

    const sarif = JSON.parse(argus(ws, 'check', 'app', '--format', 'sarif', '--fail-on', 'none', '--semgrep', 'off', '--jobs', jobs).stdout);
    const suppressed = sarif.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions);
    assert.deepEqual(suppressed.map((r: { suppressions: unknown[] }) => r.suppressions), [[{ kind: 'external', justification: 'feedback: cache key, not security' }]]);
  });
}

test('a corrupt marks file is an error naming the file (exit 2) and is never rewritten', () => {
  const ws = tempWorkspace('feedback/workspace');
  mkdirSync(path.join(ws, '.argus'), { recursive: true });
  const broken = '{ "version": 1, "marks": [ { "fingerprint": 7 } ] }\n';
  writeFileSync(path.join(ws, '.argus', 'feedback.json'), broken);
  const r = argus(ws, 'check', 'app', '--format', 'json', '--semgrep', 'off');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /argus: cannot use the false-positive marks:\n {2}\.argus\/feedback\.json:1:\d+: /);
  assert.equal(r.stdout, '');
  assert.equal(readFileSync(path.join(ws, '.argus', 'feedback.json'), 'utf8'), broken);
});
