/**
 * Validates the recipes in docs/ci.md by running them: the blocks marked
 * `<!-- ci-recipe: … -->` are extracted and their commands run as written in a
 * temporary git repository holding a "pull request" (a base commit with a
 * baseline, and a head commit adding an error). Only the steps that fetch and
 * build Argus are skipped; `.argus/tool` links to this checkout's build.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { REPO, tempWorkspace } from '../helpers/workspace';

const DOC = readFileSync(path.join(REPO, 'docs', 'ci.md'), 'utf8');

/** The fenced block right after `<!-- ci-recipe: name -->`. */
function recipe(name: string): string {
  const m = new RegExp(`<!-- ci-recipe: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\`\\n`).exec(DOC);
  assert.ok(m, `docs/ci.md has no ci-recipe: ${name}`);
  return m[1]!;
}

function run(cwd: string, shell: string[], script: string, env: Record<string, string> = {}) {
  const r = spawnSync(shell[0]!, [...shell.slice(1), script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

/** base: the fixture plus a baseline made with the documented command; head: adds app/feed.py with a yaml.load error. */
function pullRequest(): { ws: string; base: string } {
  const ws = tempWorkspace('ci/project');
  mkdirSync(path.join(ws, '.argus'));
  symlinkSync(REPO, path.join(ws, '.argus', 'tool'));
  git(ws, 'init', '-q');
  git(ws, 'config', 'user.name', 'Argus Test');
  git(ws, 'config', 'user.email', 'argus@example.invalid');
  assert.equal(run(ws, ['sh', '-c'], 'node .argus/tool/dist/cli.js baseline create').code, 0);
  git(ws, 'add', 'app', '.argus/baseline.json');
  git(ws, 'commit', '-qm', 'base');
  const base = git(ws, 'rev-parse', 'HEAD');
  writeFileSync(path.join(ws, 'app', 'feed.py'), 'import yaml\n\n\ndef read(stream):\n    return yaml.load(stream)\n');
  git(ws, 'add', 'app');
  git(ws, 'commit', '-qm', 'head');
  return { ws, base };
}

const NEW_ERROR = '::error file=app/feed.py,line=5,endLine=5,col=12,endColumn=29,title=security/py-yaml-load::yaml.load can construct arbitrary Python objects from the document; use yaml.safe_load.';

test('GitHub Actions workflow: annotations fail on the new error; SARIF is written for upload-sarif', () => {
  const { ws, base } = pullRequest();
  const workflow = parseYaml(recipe('github'));
  const steps: any[] = workflow.jobs.argus.steps;
  const skipped = steps.filter((s) => !s.run || s.name === 'Build Argus').map((s) => s.name ?? s.uses);
  assert.deepEqual(skipped, ['actions/checkout@v4', 'Fetch Argus', 'actions/setup-node@v4', 'Build Argus', 'github/codeql-action/upload-sarif@v3']);
  const expressions: Record<string, string> = { '${{ github.event.pull_request.base.sha }}': base };
  const results = new Map<string, ReturnType<typeof run>>();
  for (const step of steps.filter((s) => s.run && s.name !== 'Build Argus')) {
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expressions[String(v)] ?? assert.fail(`no value for ${String(v)}`)]));
    // GitHub's default `run` shell on Linux runners.
    results.set(step.name, run(ws, ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c'], step.run, env));
  }
  const annotate = results.get('Annotate new findings on changed lines')!;
  assert.equal(annotate.code, 1, annotate.stderr);
  assert.deepEqual(annotate.stdout.trimEnd().split('\n').slice(0, 3), [
    '::notice file=app/feed.py,line=4,endLine=4,col=5,endColumn=9,title=review/missing-doc::Public function read has no doc comment.',
    NEW_ERROR,
    `changed since ${base} (${base.slice(0, 12)}): 1 changed file, 6 findings on unchanged lines not shown`,
  ]);
  const sarifStep = results.get('SARIF for code scanning')!;
  assert.equal(sarifStep.code, 0, sarifStep.stderr);
  const upload = steps.find((s) => s.uses === 'github/codeql-action/upload-sarif@v3');
  const sarif = JSON.parse(readFileSync(path.join(ws, upload.with.sarif_file), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results.filter((r: any) => !r.suppressions).length, 8, 'every finding, the 6 accepted ones included');
  assert.equal(workflow.jobs.argus.steps[0].with['fetch-depth'], 0);
});

test('GitLab CI job: JUnit and Code Quality reports written, the baseline gate fails on the new error', () => {
  const { ws } = pullRequest();
  const job = parseYaml(recipe('gitlab')).argus;
  const codes = (job.script as string[]).map((line) => run(ws, ['sh', '-c'], line));
  assert.deepEqual(codes.map((c) => c.code), [0, 0, 1], codes.map((c) => c.stderr).join('\n'));
  assert.match(codes[2]!.stdout, /^app\/feed\.py:5:12 error security\/py-yaml-load /m);
  assert.match(codes[2]!.stdout, /^baseline \.argus\/baseline\.json: 2 new, 6 unchanged, 0 fixed$/m);
  const junit = readFileSync(path.join(ws, job.artifacts.reports.junit), 'utf8');
  assert.match(junit, /^<testsuites name="argus" tests="9" failures="8" errors="0" skipped="0" time="[\d.]+">$/m);
  const quality = JSON.parse(readFileSync(path.join(ws, job.artifacts.reports.codequality), 'utf8'));
  assert.deepEqual(quality.filter((i: any) => i.location.path === 'app/feed.py').map((i: any) => [i.check_name, i.severity, i.location.lines.begin]), [
    ['review/missing-doc', 'info', 4],
    ['security/py-yaml-load', 'critical', 5],
  ]);
  assert.equal(job.variables.GIT_DEPTH, 0);
});

test('plain shell script: exit 1 on new findings, 0 when clean, 2 when argus cannot run', () => {
  const { ws, base } = pullRequest();
  const script = path.join(ws, 'argus-ci.sh');
  writeFileSync(script, `${recipe('shell')}\n`);
  const pr = run(ws, ['sh'], script, {});
  assert.equal(pr.code, 2, 'no origin/main in this repository: the default ref fails clearly');
  assert.match(pr.stderr, /^argus: --changed-since: 'origin\/main' is not a commit in this repository$/m);
  assert.ok(pr.stdout.endsWith('argus-ci: argus could not run (exit 2)\n'));
  const changed = spawnSync('sh', [script, base], { cwd: ws, encoding: 'utf8' });
  assert.equal(changed.status, 1, changed.stderr);
  assert.ok(changed.stdout.includes(`${NEW_ERROR.replace(/^::error file=(.*?),line=(\d+),.*col=(\d+),.*$/, '$1:$2:$3')} error security/py-yaml-load`));
  assert.ok(changed.stdout.endsWith('argus-ci: new findings on changed lines\n'));
  const clean = spawnSync('sh', [script, 'HEAD'], { cwd: ws, encoding: 'utf8' });
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.ok(clean.stdout.endsWith('argus-ci: no new findings\n'));
  assert.equal(existsSync(path.join(ws, '.argus', 'baseline.json')), true);
});
