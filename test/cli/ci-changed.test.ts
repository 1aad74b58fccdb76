/**
 * `argus check --changed-since <ref>` on the built bundle, with the real git
 * in temporary repositories: modified, renamed and untracked files, the score
 * delta against the ref, and bad refs or folders (docs/ci.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { DIST, REPO, tempWorkspace } from '../helpers/workspace';

function argus(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** The ci/project fixture committed as `base`, then: render.js line 3 edited, loader.py renamed to jobs.py with a new function, new.js untracked. */
function changedRepo(): { ws: string; base: string } {
  const ws = tempWorkspace('ci/project');
  git(ws, 'init', '-q');
  git(ws, 'config', 'user.name', 'Argus Test');
  git(ws, 'config', 'user.email', 'argus@example.invalid');
  git(ws, 'add', '-A');
  git(ws, 'commit', '-qm', 'base');
  const base = git(ws, 'rev-parse', 'HEAD');
  const render = path.join(ws, 'app', 'render.js');
  writeFileSync(render, readFileSync(render, 'utf8').replace("'Hello, '", "'Hi, '"));
  git(ws, 'mv', 'app/loader.py', 'app/jobs.py');
  appendFileSync(path.join(ws, 'app', 'jobs.py'), '\n\ndef run(code):\n    return hashlib.md5(code).hexdigest()\n');
  writeFileSync(path.join(ws, 'app', 'new.js'), 'const h = location.hash;\ndocument.body.innerHTML = h;\n');
  return { ws, base };
}

/** Review scores of the committed fixture, from a plain check of an untouched copy. */
function baseScores(): Record<string, number> {
  const report = JSON.parse(argus(tempWorkspace('ci/project'), 'check', 'app', '--format', 'json').stdout);
  return Object.fromEntries(report.files.map((f: any) => [f.path, f.engines.review.score]));
}

test('only findings on changed lines; untracked files wholly changed; renames followed; score deltas', () => {
  const { ws, base } = changedRepo();
  const r = argus(ws, 'check', '.', '--changed-since', 'HEAD', '--fail-on', 'warning');
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  const at = baseScores();
  const now = Object.fromEntries(JSON.parse(argus(ws, 'check', '.', '--format', 'json').stdout).files.map((f: any) => [f.path, f.engines.review.score]));
  const r1 = (n: number) => Math.round(n * 10) / 10;
  const delta = (p: string, old: string) => {
    const d = r1(now[p] - at[old]!);
    return d > 0 ? `+${d}` : d < 0 ? `${d}` : '±0';
  };
  assert.ok(now['app/jobs.py'] < at['app/loader.py']!, 'the new function costs points');
  assert.deepEqual(lines.slice(0, -1), [
    'app/jobs.py:14:5 hint review/missing-doc Public function run has no doc comment.',
    'app/jobs.py:15:12 warning security/py-weak-hash md5 is a broken hash function; use SHA-256 or better (and a slow KDF such as bcrypt, scrypt or argon2 for passwords).',
    'app/new.js:2:15 warning security/js-dom-xss-innerhtml Assigning a non-constant value to innerHTML can run injected script (DOM XSS); use textContent, or sanitize the HTML first.',
    'app/render.js:3:37 warning security/js-dom-xss-innerhtml Assigning a non-constant value to innerHTML can run injected script (DOM XSS); use textContent, or sanitize the HTML first.',
    `changed since HEAD (${base.slice(0, 12)}): 3 changed files, 5 findings on unchanged lines not shown`,
    `score since HEAD: app/jobs.py ${r1(now['app/jobs.py'])} (was ${r1(at['app/loader.py']!)}, ${delta('app/jobs.py', 'app/loader.py')}; renamed from app/loader.py)`,
    `score since HEAD: app/new.js ${r1(now['app/new.js'])} (new since HEAD)`,
    `score since HEAD: app/render.js ${r1(now['app/render.js'])} (was ${r1(at['app/render.js']!)}, ${delta('app/render.js', 'app/render.js')})`,
  ]);
  assert.match(lines.at(-1)!, /^4 findings \(0 error, 3 warning, 0 info, 1 hint\) in 5 files, \d+ ms$/);
});

test('JSON changedSince block (schema-valid) with scoreAtRef and delta; SARIF carries it in run properties', () => {
  const { ws, base } = changedRepo();
  const report = JSON.parse(argus(ws, 'check', '.', '--changed-since', base, '--format', 'json').stdout);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(path.join(REPO, 'docs', 'argus-report.schema.json'), 'utf8')));
  assert.equal(validate(report), true, JSON.stringify(validate.errors, null, 2));
  const at = baseScores();
  const c = report.changedSince;
  assert.deepEqual([c.ref, c.commit, c.changedFiles, c.unchangedLineFindings], [base, base, 3, 5]);
  const jobs = c.scores.find((s: any) => s.path === 'app/jobs.py');
  assert.equal(jobs.renamedFrom, 'app/loader.py');
  assert.equal(jobs.scoreAtRef, at['app/loader.py'], 'the text at the ref scores as the committed file did');
  assert.equal(jobs.delta, Math.round((jobs.score - jobs.scoreAtRef) * 10) / 10);
  assert.deepEqual(c.scores.find((s: any) => s.path === 'app/new.js'), { path: 'app/new.js', renamedFrom: null, score: jobs.score === null ? null : c.scores[1].score, scoreAtRef: null, delta: null });
  const render = c.scores.find((s: any) => s.path === 'app/render.js');
  assert.deepEqual([render.renamedFrom, render.scoreAtRef, render.delta], [null, at['app/render.js'], Math.round((render.score - at['app/render.js']!) * 10) / 10]);
  const sarif = JSON.parse(argus(ws, 'check', '.', '--changed-since', base, '--format', 'sarif', '--fail-on', 'none').stdout);
  assert.deepEqual(sarif.runs[0].properties.argus.changedSince, c);
  assert.equal(sarif.runs[0].results.length, 4);
});

test('with a baseline too: accepted findings of the renamed file stay accepted; only new ones are filtered by lines', () => {
  const { ws } = changedRepo();
  git(ws, 'stash', '-u', '-q');
  assert.equal(argus(ws, 'baseline', 'create').code, 0);
  git(ws, 'stash', 'pop', '-q');
  const r = argus(ws, 'check', '.', '--baseline', '--changed-since', 'HEAD');
  const lines = r.stdout.trimEnd().split('\n');
  assert.ok(lines.includes('baseline .argus/baseline.json: 3 new, 6 unchanged, 0 fixed'), lines.join('\n'));
  assert.ok(lines.some((l) => /^changed since HEAD \([0-9a-f]{12}\): 3 changed files, 0 findings on unchanged lines not shown$/.test(l)), lines.join('\n'));
});

test('a bad ref, an option-looking ref and a folder outside git are usage errors (exit 2)', () => {
  const { ws } = changedRepo();
  const bad = argus(ws, 'check', '.', '--changed-since', 'no-such-branch');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^argus: --changed-since: 'no-such-branch' is not a commit in this repository$/m);
  const opt = argus(ws, 'check', '.', '--changed-since=--output=x');
  assert.equal(opt.code, 2);
  assert.match(opt.stderr, /^argus: --changed-since: '--output=x' looks like an option, not a ref$/m);
  const plain = tempWorkspace('ci/project');
  const nogit = argus(plain, 'check', '.', '--changed-since', 'HEAD');
  assert.equal(nogit.code, 2);
  assert.match(nogit.stderr, new RegExp(`^argus: --changed-since: ${plain.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not inside a git repository \\(fatal: not a git repository`, 'm'));
  assert.equal(nogit.stdout, '');
});
