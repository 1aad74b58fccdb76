/** `argus score` and `--fail-under`, spawning the real bundle; the table must agree with the JSON report. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DIST, REPO } from '../helpers/workspace';

const argus = (...args: string[]) => spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd: REPO, encoding: 'utf8' });

test('the score table lists every scored file worst first, with the JSON report\'s numbers', () => {
  const json = JSON.parse(argus('check', 'examples/', '--format', 'json', '--fail-on', 'none').stdout);
  const scored = json.files.filter((f: any) => f.engines.review && f.engines.review.score !== null).map((f: any) => ({ path: f.path, score: f.engines.review.score, grade: f.engines.review.grade }));
  assert.ok(scored.length >= 2);
  const r = argus('score', 'examples/');
  assert.equal(r.status, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').slice(2, 2 + scored.length).map((l) => l.split(/\s{2,}/));
  const expected = [...scored].sort((a, b) => a.score - b.score);
  assert.deepEqual(rows.map((c) => [c[0], Number(c[1]), c[2]]), expected.map((e) => [e.path, Math.round(e.score * 10) / 10, e.grade]));
  for (const f of json.files.filter((x: any) => x.engines.review?.functions?.length)) {
    for (const fn of f.engines.review.functions) assert.deepEqual(Object.keys(fn).sort(), ['cognitiveComplexity', 'cyclomaticComplexity', 'endLine', 'lines', 'maxNesting', 'name', 'params', 'startLine']);
  }
});

test('--fail-under exits 1 naming the files below the bar, 0 when all pass', () => {
  const json = JSON.parse(argus('check', 'examples/', '--format', 'json', '--fail-on', 'none').stdout);
  const scores: number[] = json.files.map((f: any) => f.engines.review?.score).filter((s: any) => typeof s === 'number');
  const low = Math.min(...scores);
  const below = argus('check', 'examples/', '--fail-on', 'none', '--fail-under', String(low + 0.05));
  assert.equal(below.status, 1);
  assert.match(below.stderr, /scored below/);
  assert.equal(argus('check', 'examples/', '--fail-on', 'none', '--fail-under', String(low)).status, 0, 'a score equal to the bar passes');
  assert.equal(argus('check', 'examples/', '--fail-under', '101').status, 2);
});

test('cross-file duplication: both copies are reported with the other path and line, and cost points', () => {
  const dir = path.join(REPO, 'test', 'fixtures', 'duplication');
  const run = (...args: string[]) => spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd: dir, encoding: 'utf8' });
  const report = JSON.parse(run('check', 'src', '--format', 'json', '--fail-on', 'none').stdout);
  const dup = (p: string) => report.files.find((f: any) => f.path === p).findings.filter((x: any) => x.ruleId === 'review/duplication').map((x: any) => `${x.line}-${x.endLine} ${x.message}`);
  assert.deepEqual(dup('src/admins.js'), ['5-14 10 lines duplicated with src/users.js:3–12.']);
  assert.deepEqual(dup('src/users.js'), ['3-12 10 lines duplicated with src/admins.js:5–14.']);
  const users = report.files.find((f: any) => f.path === 'src/users.js').engines.review;
  assert.ok(users.dimensions.find((d: any) => d.key === 'duplication').lost > 0);
  // Checking one file alone has no other file to compare with.
  const alone = JSON.parse(run('check', 'src/users.js', '--format', 'json', '--fail-on', 'none').stdout);
  assert.deepEqual(alone.files[0].findings.filter((x: any) => x.ruleId === 'review/duplication'), []);
});
