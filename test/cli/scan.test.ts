/**
 * Parallel and cached scans, through the real bundle: worker threads must
 * give exactly the in-process report, `--cache` must answer unchanged files
 * from `.argus/cache` (and only those), a corrupt entry is rebuilt, and an
 * interrupted scan leaves only valid entries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, REPO } from '../helpers/workspace';

function argus(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workspace of real code with findings in every language: the security fixture corpus and the examples. */
function bigWorkspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-scan-'));
  cpSync(path.join(REPO, 'test/fixtures/security'), path.join(dir, 'security'), { recursive: true });
  cpSync(path.join(REPO, 'examples'), path.join(dir, 'examples'), { recursive: true });
  return dir;
}

/** The report without what legitimately varies between runs (time, worker count, cache counts). */
function stable(stdout: string): unknown {
  const report = JSON.parse(stdout);
  delete report.summary.millis;
  delete report.summary.workers;
  delete report.summary.cache;
  return report;
}

function cacheEntries(dir: string): string[] {
  const root = path.join(dir, '.argus', 'cache');
  if (!existsSync(root)) return [];
  // Only whole entries: a scan killed mid-write may leave a `.tmp` file, which is never read.
  return readdirSync(root).flatMap((shard) => readdirSync(path.join(root, shard)).filter((f) => f.endsWith('.json')).map((f) => path.join(root, shard, f)));
}

test('worker threads produce exactly the in-process report', () => {
  const ws = bigWorkspace();
  const one = argus(ws, 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off', '--jobs', '1');
  const two = argus(ws, 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off', '--jobs', '2');
  assert.equal(one.code, 0, one.stderr);
  assert.equal(two.code, 0, two.stderr);
  assert.equal(JSON.parse(one.stdout).summary.workers, 0);
  assert.equal(JSON.parse(two.stdout).summary.workers, 1, '--jobs 2: this thread and one worker');
  const files = JSON.parse(one.stdout).summary.files as number;
  assert.ok(files >= 24, `enough files for the pool (${files})`);
  assert.ok(JSON.parse(one.stdout).summary.findings > 100);
  assert.deepEqual(stable(two.stdout), stable(one.stdout));
});

test('--cache answers unchanged files from .argus/cache and re-analyses changed ones', () => {
  const ws = bigWorkspace();
  const run = () => argus(ws, 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off', '--cache');
  const cold = run();
  assert.equal(cold.code, 0, cold.stderr);
  const coldReport = JSON.parse(cold.stdout);
  const analysed = coldReport.summary.files as number;
  assert.deepEqual(coldReport.summary.cache, { hits: 0, misses: analysed, corrupt: 0, writeErrors: 0 });
  assert.equal(cacheEntries(ws).length, analysed);

  const warm = run();
  assert.deepEqual(JSON.parse(warm.stdout).summary.cache, { hits: analysed, misses: 0, corrupt: 0, writeErrors: 0 });
  assert.deepEqual(stable(warm.stdout), stable(cold.stdout));

  // A changed file misses; the report then has its new finding.
  const target = path.join(ws, 'examples', 'js', 'render.js');
  writeFileSync(target, `${readFileSync(target, 'utf8')}\ndocument.body.innerHTML = location.hash;\n`);
  const changed = JSON.parse(run().stdout);
  assert.deepEqual(changed.summary.cache, { hits: analysed - 1, misses: 1, corrupt: 0, writeErrors: 0 });
  const before = coldReport.files.find((f: { path: string }) => f.path === 'examples/js/render.js').findings.length;
  const after = changed.files.find((f: { path: string }) => f.path === 'examples/js/render.js').findings.length;
  assert.ok(after > before, `the edit adds a finding (${before} → ${after})`);
});

test('a corrupt cache entry is ignored, counted and rewritten; the report is unaffected', () => {
  const ws = bigWorkspace();
  const run = () => argus(ws, 'check', 'examples', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off', '--cache');
  const clean = run();
  const entries = cacheEntries(ws);
  writeFileSync(entries[0]!, '{"format":1,"key":"tru');
  writeFileSync(entries[1]!, JSON.stringify({ format: 3, key: 'not-this-entry', result: { outcome: { findings: [], suppressed: [], fileData: {} } } }));
  const again = run();
  assert.equal(again.code, 0, again.stderr);
  const cache = JSON.parse(again.stdout).summary.cache;
  assert.equal(cache.corrupt, 2);
  assert.equal(cache.misses, 2);
  assert.deepEqual(stable(again.stdout), stable(clean.stdout));
  for (const e of entries.slice(0, 2)) assert.doesNotThrow(() => JSON.parse(readFileSync(e, 'utf8')), `${e} was rewritten`);
  assert.equal(JSON.parse(run().stdout).summary.cache.hits, cache.hits + 2);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`${signal} in the middle of a cached scan leaves only whole, valid cache entries`, async () => {
    const ws = bigWorkspace();
    // More files, so the scan is still running when the first entries appear.
    for (let i = 0; i < 4; i++) cpSync(path.join(ws, 'security'), path.join(ws, `copy${i}`), { recursive: true });
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off', '--cache', '--jobs', '1'], { cwd: ws, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ? -1 : code)));
    const deadline = Date.now() + 60_000;
    while (cacheEntries(ws).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    child.kill(signal);
    await exited;
    const entries = cacheEntries(ws);
    assert.ok(entries.length >= 3, 'the scan had written entries before it was interrupted');
    for (const e of entries) {
      const entry = JSON.parse(readFileSync(e, 'utf8'));
      assert.equal(entry.format, 3);
      assert.ok(Array.isArray(entry.result.outcome.findings));
    }
    const resumed = argus(ws, 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off', '--cache');
    const fresh = argus(ws, 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off');
    assert.equal(JSON.parse(resumed.stdout).summary.cache.hits, entries.length);
    assert.deepEqual(stable(resumed.stdout), stable(fresh.stdout));
  });
}

test('binary, minified and oversized files are skipped by every engine, each with its reason in the report', () => {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'argus-skip-'));
  writeFileSync(path.join(ws, 'blob.js'), Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x00, 0x01, 0x02, 0xff, 0x0a]));
  writeFileSync(path.join(ws, 'bundle.js'), `var a=function(b){return eval(b)};${'var x=1;'.repeat(400)}\n`);
  writeFileSync(path.join(ws, 'vendor.min.js'), 'eval(location.hash);\n');
  writeFileSync(path.join(ws, 'huge.js'), 'var a = 1;\n'.repeat(100_001));
  writeFileSync(path.join(ws, 'app.js'), 'eval(location.hash);\n');
  const report = JSON.parse(argus(ws, 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off').stdout);
  const byPath = Object.fromEntries(report.files.map((f: { path: string; skipped?: string; findings: unknown[] }) => [f.path, [f.skipped ?? null, f.findings.length]]));
  assert.deepEqual(byPath, {
    'app.js': [null, 1],
    'blob.js': ['binary file (contains NUL bytes)', 0],
    'bundle.js': ['minified or generated: average line length 1618 characters', 0],
    'huge.js': ['larger than 1000000 characters (thresholds.security.maxFileBytes)', 0],
    'vendor.min.js': ['minified file (.min.js)', 0],
  });
  assert.equal(report.summary.skipped, 4);
});
