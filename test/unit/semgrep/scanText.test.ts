/**
 * Scanning an unsaved buffer through a private temporary file.
 *
 * semgrep cannot be installed on these machines. These tests run a STAND-IN
 * executable (test/fixtures/semgrep/bin/semgrep) that prints semgrep's
 * documented `--json` output for the temp file it is given.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { LineIndex } from '../../../server/src/core/model/text';
import { toFindings } from '../../../server/src/core/semgrep';
import { SemgrepRunner, scanText, type ScanTextOptions } from '../../../server/src/node/semgrep';
import { FIXTURES, NO_STANDIN, STANDIN, at, config } from './helpers';

/** Unsaved edits: a line with multi-byte text was added above the call. */
const BUFFER = '// ünsaved 中文 edit 😀\nconst s = "ß"; eval(s);\n';

async function withTempRoot(body: (root: string) => Promise<void>): Promise<void> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'argus-semgrep-test-'));
  try {
    await body(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function options(kase: string, tempRoot: string, extra: Partial<ScanTextOptions> = {}): ScanTextOptions {
  return { path: STANDIN, configs: [`configs/${kase}.yml`], cwd: FIXTURES, text: BUFFER, extension: '.js', reportAs: '/ws/src/app.js', timeoutMs: 30_000, tempRoot, ...extra };
}

test('the buffer is scanned from a temp file, paths map back to the buffer, and the temp folder is deleted', { skip: NO_STANDIN }, async () => {
  await withTempRoot(async (root) => {
    const r = await scanText(options('rules', root));
    assert.ok(r.ok, r.ok ? '' : r.fault.message);
    assert.deepEqual(r.output.scanned, ['/ws/src/app.js']);
    const { findings, notices } = toFindings(r.output, new Map([['/ws/src/app.js', { index: new LineIndex(BUFFER) }]]));
    assert.deepEqual(notices, []);
    const range = { start: at(BUFFER, 'eval(s)'), end: at(BUFFER, 'eval(s)', 7) };
    assert.deepEqual(findings.get('/ws/src/app.js')!.map((f) => [f.ruleId, f.range, f.fixes?.[0]?.edits]), [['semgrep/argus-test.js-eval', range, [{ range, newText: 'JSON.parse(s)' }]]]);
    assert.deepEqual(readdirSync(root), [], 'nothing is left in the temp root');
  });
});

test('the temp file mirrors the relative path and keeps the extension; errors about it map back, others do not', { skip: NO_STANDIN }, async () => {
  await withTempRoot(async (root) => {
    const log = path.join(root, '..', `${path.basename(root)}.argv.jsonl`);
    try {
      const r = await scanText(options('errors', root, { relativePath: 'src/app', env: { ...process.env, FAKE_SEMGREP_LOG: log } }));
      assert.ok(r.ok);
      const argv = JSON.parse(readFileSync(log, 'utf8')) as string[];
      assert.equal(argv[5], config('errors'), 'relative configs resolve against cwd, not the temp folder');
      assert.match(argv[argv.length - 1]!, /argus-semgrep-[^/]+\/src\/app\.js$/);
      assert.deepEqual(r.output.errors.map((e) => e.path), ['/ws/src/app.js', '/ws/src/app.js', '/ws/src/app.js', '/ws/src/app.js']);
      assert.deepEqual(readdirSync(root), []);
    } finally {
      rmSync(log, { force: true });
    }
  });
});

test('unsafe relative paths fall back to a plain name; a bad extension is a programming error', { skip: NO_STANDIN }, async () => {
  await withTempRoot(async (root) => {
    const log = path.join(root, '..', `${path.basename(root)}.argv.jsonl`);
    try {
      const r = await scanText(options('rules', root, { relativePath: '../../etc/app.js', env: { ...process.env, FAKE_SEMGREP_LOG: log } }));
      assert.ok(r.ok);
      assert.match(JSON.parse(readFileSync(log, 'utf8')).pop(), /argus-semgrep-[^/]+\/buffer\.js$/);
    } finally {
      rmSync(log, { force: true });
    }
    await assert.rejects(scanText(options('rules', root, { extension: '/../x' })), { name: 'TypeError', message: 'scanText: "/../x" is not a file extension like ".py"' });
  });
});

test('faults come through unchanged, the temp folder is deleted anyway, and the runner cancels per key', { skip: NO_STANDIN }, async () => {
  await withTempRoot(async (root) => {
    const r = await scanText(options('hang', root, { timeoutMs: 300 }));
    assert.deepEqual(r.ok ? undefined : r.fault, { kind: 'timeout', message: 'semgrep did not finish within 300 ms and was stopped.' });
    assert.deepEqual(readdirSync(root), []);
    const runner = new SemgrepRunner();
    const first = runner.scanText('file:///ws/src/app.js', options('hang', root));
    const second = runner.scanText('file:///ws/src/app.js', options('rules', root));
    const firstResult = await first;
    assert.equal(firstResult.ok ? 'ok' : firstResult.fault.kind, 'cancelled');
    assert.equal((await second).ok, true);
    assert.deepEqual(readdirSync(root), []);
  });
});

test('a temp root that cannot be written is one clear fault', async () => {
  const r = await scanText({ path: STANDIN, configs: [config('rules')], text: 'x', extension: '.js', reportAs: 'a.js', timeoutMs: 1000, tempRoot: '/nonexistent/tmp' });
  assert.deepEqual(r, { ok: false, fault: { kind: 'temp-file', message: 'Argus could not write a temporary copy of the buffer for semgrep (ENOENT).' }, output: { results: [], errors: [], scanned: [], unreadableResults: 0 }, stderrTail: '' });
});
