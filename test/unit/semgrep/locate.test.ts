/**
 * Finding semgrep, checking its version and choosing configs.
 *
 * semgrep cannot be installed on these machines. These tests put a STAND-IN
 * executable (test/fixtures/semgrep/bin/semgrep, a Node script printing
 * semgrep's documented output) on the searched PATH or in the path setting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { checkVersion, compareVersions, defaultConfigs, locateSemgrep, resolveConfigs, UNTRUSTED_REASON } from '../../../server/src/node/semgrep';
import { NO_STANDIN, STANDIN } from './helpers';

const BIN = path.dirname(STANDIN);

function withTempDir(body: (dir: string) => void | Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-semgrep-test-'));
  return Promise.resolve(body(dir)).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('mode off and untrusted workspaces never locate anything, whatever the path says', () => {
  assert.deepEqual(locateSemgrep({ mode: 'off', configuredPath: STANDIN, trusted: true, envPath: BIN }), { unavailable: 'off', kind: 'off' });
  assert.deepEqual(locateSemgrep({ mode: 'off', trusted: false, envPath: BIN }), { unavailable: 'off', kind: 'off' });
  for (const mode of ['auto', 'on'] as const) {
    assert.deepEqual(locateSemgrep({ mode, configuredPath: STANDIN, trusted: false, envPath: BIN }), { unavailable: UNTRUSTED_REASON, kind: 'untrusted' });
  }
  assert.equal(UNTRUSTED_REASON, 'the workspace is not trusted, so Argus spawns no external process (semgrep)');
});

test('the configured path comes first, and a wrong one is reported rather than replaced', { skip: NO_STANDIN }, async () => {
  assert.deepEqual(locateSemgrep({ mode: 'auto', configuredPath: STANDIN, trusted: true, envPath: '' }), { path: STANDIN });
  assert.deepEqual(locateSemgrep({ mode: 'on', configuredPath: '/nonexistent/semgrep', trusted: true, envPath: BIN }), {
    unavailable: 'argus.semgrep.path points to /nonexistent/semgrep, which is not an executable file',
    kind: 'bad-path',
  });
  assert.deepEqual(locateSemgrep({ mode: 'auto', configuredPath: 'tools/semgrep', trusted: true, envPath: BIN }), { unavailable: 'argus.semgrep.path must be an absolute path, not "tools/semgrep"', kind: 'bad-path' });
  assert.deepEqual(locateSemgrep({ mode: 'auto', configuredPath: 'semgrep', trusted: true, envPath: BIN }), { path: STANDIN }, 'a bare name is looked up on PATH');
  assert.deepEqual(locateSemgrep({ mode: 'auto', configuredPath: 'semgrep-nightly', trusted: true, envPath: BIN }), { unavailable: 'argus.semgrep.path is "semgrep-nightly", which is not on PATH', kind: 'bad-path' });
  await withTempDir((dir) => {
    const notExecutable = path.join(dir, 'semgrep');
    writeFileSync(notExecutable, '#!/bin/sh\n', { mode: 0o644 });
    assert.deepEqual(locateSemgrep({ mode: 'auto', configuredPath: notExecutable, trusted: true, envPath: BIN }), { unavailable: `argus.semgrep.path points to ${notExecutable}, which is not an executable file`, kind: 'bad-path' });
    assert.deepEqual(locateSemgrep({ mode: 'auto', configuredPath: dir, trusted: true, envPath: BIN }), { unavailable: `argus.semgrep.path points to ${dir}, which is not an executable file`, kind: 'bad-path' });
  });
});

test('PATH lookup: the first executable semgrep wins; empty and relative entries are never searched', { skip: NO_STANDIN }, async () => {
  await withTempDir((dir) => {
    const plain = path.join(dir, 'plain');
    mkdirSync(plain);
    writeFileSync(path.join(plain, 'semgrep'), 'not executable', { mode: 0o644 });
    assert.deepEqual(locateSemgrep({ mode: 'auto', trusted: true, envPath: [plain, '', '.', 'test/fixtures/semgrep/bin', BIN].join(':') }), { path: STANDIN });
    assert.deepEqual(locateSemgrep({ mode: 'on', trusted: true, envPath: [plain, '', 'test/fixtures/semgrep/bin'].join(':') }), { unavailable: 'semgrep is not on PATH; install it or set argus.semgrep.path', kind: 'not-found' });
    assert.deepEqual(locateSemgrep({ mode: 'auto', trusted: true, envPath: undefined }), { unavailable: 'semgrep is not on PATH; install it or set argus.semgrep.path', kind: 'not-found' });
  });
});

test('checkVersion runs --version once and parses it', { skip: NO_STANDIN }, async () => {
  const env = (v: string) => ({ env: { ...process.env, FAKE_SEMGREP_VERSION: v } });
  assert.deepEqual(await checkVersion(STANDIN), { ok: true, version: '1.99.0' });
  assert.deepEqual(await checkVersion(STANDIN, undefined, env('semgrep 1.140.0 (build abc)')), { ok: true, version: '1.140.0' });
  assert.deepEqual(await checkVersion(STANDIN, undefined, env('0.120.1')), { ok: false, fault: { kind: 'unsupported-version', message: 'semgrep 0.120.1 is too old; Argus needs 1.0.0 or newer.' } });
  assert.deepEqual(await checkVersion(STANDIN, undefined, env('dev build')), { ok: false, fault: { kind: 'unsupported-version', message: `${STANDIN} --version printed no version number: "dev build".` } });
  assert.deepEqual(await checkVersion('/nonexistent/semgrep'), { ok: false, fault: { kind: 'missing-binary', message: 'semgrep was not found at /nonexistent/semgrep.' } });
  assert.deepEqual(await checkVersion(STANDIN, AbortSignal.abort()), { ok: false, fault: { kind: 'cancelled', message: 'The semgrep run was cancelled.' } });
  assert.ok(compareVersions('1.10.0', '1.9.9') > 0 && compareVersions('1.0', '1.0.0') === 0 && compareVersions('0.99.0', '1.0.0') < 0);
});

test('default configs follow semgrep: .semgrep.yml, else the .semgrep/ folder', async () => {
  await withTempDir((dir) => {
    assert.deepEqual(defaultConfigs(dir), []);
    mkdirSync(path.join(dir, '.semgrep'));
    assert.deepEqual(defaultConfigs(dir), [path.join(dir, '.semgrep')]);
    writeFileSync(path.join(dir, '.semgrep.yml'), 'rules: []\n');
    assert.deepEqual(defaultConfigs(dir), [path.join(dir, '.semgrep.yml')]);
    assert.deepEqual(resolveConfigs([], dir), { configs: [path.join(dir, '.semgrep.yml')], problems: [] });
  });
});

test('configured configs resolve against the workspace; remote and missing entries are dropped with a reason', async () => {
  await withTempDir((dir) => {
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules', 'a.yml'), 'rules: []\n');
    mkdirSync(path.join(dir, 'p'));
    mkdirSync(path.join(dir, 'p', 'local'));
    const r = resolveConfigs(['rules', 'rules/a.yml', './rules', 'auto', 'p/ci', 'p/local', 'r/python.lang.x', 'https://example.invalid/r.yml', 'missing.yml', '  '], dir);
    assert.deepEqual(r, {
      configs: [path.join(dir, 'rules'), path.join(dir, 'rules', 'a.yml'), path.join(dir, 'p', 'local')],
      problems: [
        'argus.semgrep.configs: "auto" needs the network; Argus runs semgrep offline with local files or folders only.',
        'argus.semgrep.configs: "p/ci" needs the network; Argus runs semgrep offline with local files or folders only.',
        'argus.semgrep.configs: "r/python.lang.x" needs the network; Argus runs semgrep offline with local files or folders only.',
        'argus.semgrep.configs: "https://example.invalid/r.yml" needs the network; Argus runs semgrep offline with local files or folders only.',
        'argus.semgrep.configs: missing.yml does not exist.',
      ],
    });
  });
});
