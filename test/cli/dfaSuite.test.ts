/**
 * `argus dfa verify` on the generated 6000-row suite (test/fixtures/dfa-suite,
 * made by scripts/gen-dfa-suite.ts): every injected seed flaw is flagged,
 * exactly, row by row; and an interrupted run (SIGINT, SIGTERM, SIGKILL)
 * leaves a cache that a rerun reads back into identical results.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCsv } from '../../server/src/node/dfa/csv';
import { generateSuite } from '../../scripts/gen-dfa-suite';
import { DIST, REPO } from '../helpers/workspace';

const SUITE = path.join(REPO, 'test', 'fixtures', 'dfa-suite', 'suite-6000.csv');
const truth = JSON.parse(readFileSync(path.join(REPO, 'test', 'fixtures', 'dfa-suite', 'suite-6000.truth.json'), 'utf8'));
const work = mkdtempSync(path.join(os.tmpdir(), 'argus-suite-cli-'));
const args = (out: string, cache: string, ...more: string[]) => [path.join(DIST, 'cli.js'), 'dfa', 'verify', SUITE, '--alphabet', '{0,1}', '--out', path.join(work, out), '--cache', path.join(work, cache), ...more];
const summary = (out: string) => JSON.parse(readFileSync(path.join(work, out, 'summary.json'), 'utf8'));
function results(out: string): { status: string; flags: string; stable: string } [] {
  const [header, ...rows] = parseCsv(readFileSync(path.join(work, out, 'results.csv'), 'utf8')).map((r) => r.fields);
  const at = (n: string) => header!.indexOf(n);
  return rows.map((r) => ({ status: r[at('status')]!, flags: r[at('flags')]!, stable: r.filter((_, i) => i !== at('ms') && i !== at('cache')).join('\u0001') }));
}

test('the 6000-row suite: statuses and flags equal the injected ground truth, row by row', () => {
  const r = spawnSync(process.execPath, args('base', 'cache-base', '--jobs', '2'), { encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const s = summary('base');
  assert.deepEqual(s.statuses, truth.statuses);
  assert.deepEqual(s.flags, truth.flags);
  assert.equal(s.rows, 6000);
  assert.deepEqual([s.cache.hits, s.cache.misses], [0, 6000]);
  const expected = generateSuite().rows;
  const wrong = results('base')
    .map((x, i) => ({ i, x, want: expected[i]!.expect }))
    .filter(({ x, want }) => x.status !== want.status || x.flags !== want.flags.join(';'))
    .map(({ i, x, want }) => `row ${i + 1} (${expected[i]!.flaw ?? 'clean'}): got ${x.status} [${x.flags}], want ${want.status} [${want.flags.join(';')}]`);
  assert.deepEqual(wrong, []);
  // What the seed reported as PASS, Argus reports per flaw: e.g. every "count mod N is 0" row is INVALID_SPEC.
  const rows = results('base');
  for (const row of truth.flawed_rows['count-mod-as-divisibility']) assert.equal(rows[row - 1]!.status, 'INVALID_SPEC');
  for (const row of truth.flawed_rows['mislabelled-range']) assert.equal(rows[row - 1]!.status, 'FAIL');
});

/** Starts verify with one row hanging (test hook), waits for progress, then sends `signal`. */
async function interrupted(out: string, cache: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  // A row late in the suite whose prompt occurs once: everything before it finishes, then the worker spins.
  const hang = generateSuite().rows.slice(4000).find((r, _, all) => all.filter((x) => x.prompt === r.prompt).length === 1 && r.flaw === null)!.prompt;
  const child = spawn(process.execPath, args(out, cache, '--jobs', '1', '--json-logs', '--timeout-ms', '120000'), { env: { ...process.env, ARGUS_DFA_TEST_HANG_PROMPT: hang } });
  let stderr = '';
  let sent = false;
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (!sent && /"event":"verify.progress","done":[1-9]/.test(stderr)) {
      sent = true;
      // Let a few more rows finish, so the interruption lands mid-run rather than at the first result.
      setTimeout(() => child.kill(signal), 300);
    }
  });
  return new Promise((resolve) => child.on('exit', (code, sig) => resolve({ code, signal: sig, stderr })));
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  test(`${signal} mid-run: exit ${code}, no result files, finished rows cached; a rerun hits the cache and gives identical results`, async () => {
    const r = await interrupted(`int-${signal}`, `cache-${signal}`, signal);
    assert.equal(r.code, code, r.stderr);
    const logs = r.stderr.trimEnd().split('\n').map((l) => JSON.parse(l));
    const last = logs.at(-1);
    assert.deepEqual([last.event, last.signal], ['verify.interrupted', signal]);
    assert.ok(last.cached_rows > 0, 'some rows finished before the interruption');
    assert.equal(existsSync(path.join(work, `int-${signal}`)), false, 'an interrupted run writes no results');
    const rerun = spawnSync(process.execPath, args(`re-${signal}`, `cache-${signal}`), { encoding: 'utf8' });
    assert.equal(rerun.status, 1, rerun.stderr);
    const s = summary(`re-${signal}`);
    assert.equal(s.cache.corrupt_lines, 0);
    assert.ok(s.cache.hits >= last.cached_rows && s.cache.hits < 6000, `hits ${s.cache.hits}`);
    assert.equal(s.cache.hits + s.cache.misses, 6000);
    assert.deepEqual(results(`re-${signal}`).map((x) => x.stable), results('base').map((x) => x.stable));
  });
}

test('SIGKILL mid-run (no chance to flush): the cache is still readable and a rerun is identical', async () => {
  const r = await interrupted('kill', 'cache-kill', 'SIGKILL');
  assert.equal(r.signal, 'SIGKILL');
  const rerun = spawnSync(process.execPath, args('re-kill', 'cache-kill'), { encoding: 'utf8' });
  assert.equal(rerun.status, 1, rerun.stderr);
  assert.deepEqual(results('re-kill').map((x) => x.stable), results('base').map((x) => x.stable));
  // A torn last line (if the kill hit a write) was dropped and the cache rewritten: a third run reads it clean.
  spawnSync(process.execPath, args('third-kill', 'cache-kill'), { encoding: 'utf8' });
  assert.deepEqual([summary('third-kill').cache.hits, summary('third-kill').cache.corrupt_lines], [6000, 0]);
});
