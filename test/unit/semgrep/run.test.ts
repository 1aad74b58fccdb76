/**
 * Faults of a semgrep run: each way a run can fail ends in one result with
 * one exact message, and the run never throws.
 *
 * semgrep cannot be installed on these machines. These tests run a STAND-IN
 * executable (test/fixtures/semgrep/bin/semgrep) that prints semgrep's
 * documented `--json` output and exits with its documented codes, or hangs,
 * or floods stdout, as its `--config` file name asks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SemgrepRunner, runSemgrep, type SemgrepRunOptions, type SemgrepRunResult } from '../../../server/src/node/semgrep';
import { FIXTURES, NO_STANDIN, STANDIN, config, eventually, target } from './helpers';

const UNICODE = target('unicode.js');

function options(kase: string, extra: Partial<SemgrepRunOptions> = {}): SemgrepRunOptions {
  return { path: STANDIN, configs: [config(kase)], targets: [UNICODE], cwd: FIXTURES, timeoutMs: 30_000, ...extra };
}

function fault(r: SemgrepRunResult) {
  assert.equal(r.ok, false, 'the run should have failed');
  return r.ok ? undefined : r.fault;
}

test('the command line: scan --json, no metrics, no version check, each --config, absolute targets in batches', { skip: NO_STANDIN }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-semgrep-test-'));
  try {
    const log = path.join(dir, 'argv.jsonl');
    const targets = ['targets/unicode.js', 'targets/hash.py', 'targets/plain.js'];
    const configs = ['configs/rules.yml', config('rules')];
    const r = await runSemgrep({ ...options('rules'), configs, targets, batchSize: 2, env: { ...process.env, FAKE_SEMGREP_LOG: log } });
    assert.ok(r.ok);
    const calls = readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as string[]);
    const head = ['scan', '--json', '--metrics=off', '--disable-version-check', '--config', config('rules'), '--config', config('rules')];
    assert.deepEqual(calls, [
      [...head, target('unicode.js'), target('hash.py')],
      [...head, target('plain.js')],
    ]);
    assert.deepEqual(r.output.scanned, [target('unicode.js'), target('hash.py'), target('plain.js')]);
    assert.deepEqual(r.output.results.map((x) => x.checkId), ['argus-test.js-eval', 'argus-test.weak-hash', 'argus-test.js-eval']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('optional guards become semgrep flags', { skip: NO_STANDIN }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-semgrep-test-'));
  try {
    const log = path.join(dir, 'argv.jsonl');
    const limits = { ruleTimeoutSeconds: 5, timeoutThreshold: 3, maxTargetBytes: 1_000_000, jobs: 2, maxMemoryMb: 4096 };
    await runSemgrep(options('rules', { limits, env: { ...process.env, FAKE_SEMGREP_LOG: log } }));
    const argv = JSON.parse(readFileSync(log, 'utf8')) as string[];
    assert.deepEqual(argv.slice(6, -1), ['--timeout', '5', '--timeout-threshold', '3', '--max-target-bytes', '1000000', '--jobs', '2', '--max-memory', '4096']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no targets: nothing is spawned; no configs: one clear fault', async () => {
  assert.deepEqual(await runSemgrep(options('rules', { path: '/nonexistent/semgrep', targets: [] })), { ok: true, output: { results: [], errors: [], scanned: [], unreadableResults: 0 }, exitCode: 0, stderrTail: '' });
  assert.deepEqual(fault(await runSemgrep(options('rules', { configs: [] }))), { kind: 'no-config', message: 'No semgrep config to run: set argus.semgrep.configs or add .semgrep.yml to the workspace.' });
});

test('exit 2 with errors[] and no results: the first error explains the failure; errors[] are still returned', { skip: NO_STANDIN }, async () => {
  const r = await runSemgrep(options('fatal'));
  assert.deepEqual(fault(r), { kind: 'exit-code', exitCode: 2, message: 'semgrep failed with exit code 2 (fatal error): Rule parse error (rule bad-rule, ' + config('fatal') + '): Invalid rule schema (and 1 more)' });
  assert.deepEqual(r.output.errors.map((e) => e.type), ['Rule parse error', 'PatternParseError']);
  assert.deepEqual(r.output.results, []);
});

test('exit 7 without JSON: the last stderr line, without colour codes, explains it', { skip: NO_STANDIN }, async () => {
  const r = await runSemgrep(options('exit7'));
  assert.deepEqual(fault(r), { kind: 'exit-code', exitCode: 7, message: 'semgrep failed with exit code 7 (missing or invalid config): [ERROR] invalid configuration file found (1 configs were invalid)' });
});

test('exit 0 with output that is not JSON', { skip: NO_STANDIN }, async () => {
  assert.deepEqual(fault(await runSemgrep(options('notjson'))), {
    kind: 'malformed-json',
    exitCode: 0,
    message: 'semgrep exited with code 0, but its output is not JSON; it starts with "Traceback (most recent call last):\\n  Fil".',
  });
});

test('a missing binary and a file that is not executable', async () => {
  assert.deepEqual(fault(await runSemgrep(options('rules', { path: '/nonexistent/bin/semgrep' }))), { kind: 'missing-binary', message: 'semgrep was not found at /nonexistent/bin/semgrep.' });
  if (process.platform === 'win32') return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-semgrep-test-'));
  try {
    const file = path.join(dir, 'semgrep');
    writeFileSync(file, '#!/bin/sh\n', { mode: 0o644 });
    assert.deepEqual(fault(await runSemgrep(options('rules', { path: file }))), { kind: 'spawn-failed', message: `semgrep at ${file} could not be started (EACCES: permission denied; is it executable?).` });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a hang past the timeout is stopped', { skip: NO_STANDIN }, async () => {
  const r = await runSemgrep(options('hang', { timeoutMs: 300 }));
  assert.deepEqual(fault(r), { kind: 'timeout', message: 'semgrep did not finish within 300 ms and was stopped.' });
});

test('stopping a run stops the processes semgrep started too', { skip: NO_STANDIN }, async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-semgrep-test-'));
  try {
    const pidFile = path.join(dir, 'grandchild.pid');
    const controller = new AbortController();
    const pending = runSemgrep(options('hang', { signal: controller.signal, env: { ...process.env, FAKE_SEMGREP_PIDFILE: pidFile } }));
    await eventually(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '', 'the stand-in to start its child');
    const pid = Number(readFileSync(pidFile, 'utf8'));
    assert.equal(alive(pid), true);
    controller.abort();
    assert.equal(fault(await pending)?.kind, 'cancelled');
    await eventually(() => !alive(pid), `process ${pid} to be stopped`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('output over the cap stops the run', { skip: NO_STANDIN }, async () => {
  assert.deepEqual(fault(await runSemgrep(options('huge', { maxOutputBytes: 256 * 1024 }))), {
    kind: 'output-too-large',
    message: 'semgrep printed more than 256 KiB of output and was stopped; scan fewer files or use fewer rules.',
  });
});

test('a process killed by a signal', { skip: NO_STANDIN }, async () => {
  assert.deepEqual(fault(await runSemgrep(options('killed'))), { kind: 'killed', message: 'semgrep was killed by SIGKILL before it finished (out of memory?).' });
});

test('an abort signal cancels a run, before or during it', { skip: NO_STANDIN }, async () => {
  const cancelled = { kind: 'cancelled', message: 'The semgrep run was cancelled.' };
  assert.deepEqual(fault(await runSemgrep(options('rules', { signal: AbortSignal.abort() }))), cancelled);
  const controller = new AbortController();
  const pending = runSemgrep(options('hang', { signal: controller.signal }));
  controller.abort();
  assert.deepEqual(fault(await pending), cancelled);
});

test('SemgrepRunner: a new run for the same key cancels the previous one; other keys are untouched', { skip: NO_STANDIN }, async () => {
  const runner = new SemgrepRunner();
  const first = runner.run('folder-a', options('hang'));
  assert.equal(runner.isRunning('folder-a'), true);
  const other = runner.run('folder-b', options('rules'));
  const second = runner.run('folder-a', options('rules'));
  assert.deepEqual(fault(await first), { kind: 'cancelled', message: 'The semgrep run was cancelled.' });
  assert.equal((await second).ok, true);
  assert.equal((await other).ok, true);
  assert.equal(runner.isRunning('folder-a'), false);

  const outer = new AbortController();
  const third = runner.run('folder-a', options('hang', { signal: outer.signal }));
  outer.abort();
  assert.equal(fault(await third)?.kind, 'cancelled', "the caller's own signal still cancels");
  const fourth = runner.run('folder-c', options('hang'));
  runner.cancelAll();
  assert.equal(fault(await fourth)?.kind, 'cancelled');
});

/** Whether a process runs; a zombie (killed, not yet reaped by a container's init) counts as stopped. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
