/**
 * `argus baseline create` and `argus check --baseline` on the built bundle:
 * line moves, edits next to a finding, fixed and new findings, counts in
 * text/JSON/SARIF, and corrupt or foreign baselines (docs/ci.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { DIST, REPO, tempWorkspace } from '../helpers/workspace';

function argus(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BASELINE = path.join('.argus', 'baseline.json');

/** A workspace with a baseline of its six findings, then edited: lines moved, md5 fixed, one new finding. */
function editedWorkspace(): string {
  const ws = tempWorkspace('ci/project');
  const created = argus(ws, 'baseline', 'create');
  assert.equal(created.code, 0, created.stderr);
  assert.equal(created.stdout, 'argus: baseline .argus/baseline.json: 6 findings in 3 files accepted\n');
  const loader = path.join(ws, 'app', 'loader.py');
  const moved = `"""Job helpers."""\n\n\n${readFileSync(loader, 'utf8')}`.replace('hashlib.md5(body)', 'hashlib.sha256(body)');
  writeFileSync(loader, moved);
  writeFileSync(path.join(ws, 'app', 'new.js'), "const h = location.hash;\ndocument.body.innerHTML = h;\n");
  return ws;
}

test('baseline create writes sorted entries atomically; an unchanged tree checks clean and recreates identical bytes', () => {
  const ws = tempWorkspace('ci/project');
  assert.equal(argus(ws, 'baseline', 'create', 'app').code, 0);
  const text = readFileSync(path.join(ws, BASELINE), 'utf8');
  const file = JSON.parse(text);
  assert.equal(file.version, 1);
  assert.deepEqual(
    file.findings.map((e: any) => `${e.path}:${e.range.start.line + 1} ${e.ruleId}`),
    ['app/loader.py:6 review/missing-doc', 'app/loader.py:7 security/py-yaml-load', 'app/loader.py:10 review/missing-doc', 'app/loader.py:11 security/py-weak-hash', 'app/odd, name:1&.js:2 security/js-dom-xss-innerhtml', 'app/render.js:3 security/js-dom-xss-innerhtml'],
  );
  assert.deepEqual(readdirSync(path.join(ws, '.argus')), ['baseline.json'], 'no temporary file is left behind');
  const r = argus(ws, 'check', '.', '--baseline');
  assert.equal(r.code, 0, 'the accepted yaml.load error no longer fails the run');
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'baseline .argus/baseline.json: 0 new, 6 unchanged, 0 fixed');
  assert.match(lines[1]!, /^0 findings \(0 error, 0 warning, 0 info, 0 hint\) in 4 files, \d+ ms$/);
  assert.equal(argus(ws, 'baseline', 'create', 'app').code, 0);
  assert.equal(readFileSync(path.join(ws, BASELINE), 'utf8'), text);
});

test('check --baseline: moved lines stay accepted, an edited neighbour too, the fix is counted, the new finding reported', () => {
  const ws = editedWorkspace();
  const r = argus(ws, 'check', '.', '--baseline', '--fail-on', 'warning');
  assert.equal(r.code, 1, 'the new warning fails --fail-on warning');
  assert.deepEqual(r.stdout.trimEnd().split('\n').slice(0, -1), [
    'app/new.js:2:15 warning security/js-dom-xss-innerhtml Assigning a non-constant value to innerHTML can run injected script (DOM XSS); use textContent, or sanitize the HTML first.',
    'baseline .argus/baseline.json: 1 new, 5 unchanged, 1 fixed',
  ]);
  assert.equal(argus(ws, 'check', '.', '--baseline').code, 0, 'only a new warning: --fail-on error passes');
});

test('JSON: baseline counts and the fixed finding, valid against docs/argus-report.schema.json', () => {
  const ws = editedWorkspace();
  const r = argus(ws, 'check', '.', '--baseline', '--format', 'json');
  const report = JSON.parse(r.stdout);
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(path.join(REPO, 'docs', 'argus-report.schema.json'), 'utf8')));
  assert.equal(validate(report), true, JSON.stringify(validate.errors, null, 2));
  assert.deepEqual(Object.keys(report).slice(0, 6), ['version', 'tool', 'root', 'summary', 'baseline', 'configProblems']);
  const { fixedFindings, ...counts } = report.baseline;
  assert.deepEqual(counts, { file: '.argus/baseline.json', new: 1, unchanged: 5, fixed: 1 });
  assert.deepEqual(fixedFindings.map((f: any) => [f.path, f.ruleId, f.line]), [['app/loader.py', 'security/py-weak-hash', 11]]);
  assert.deepEqual(report.files.flatMap((f: any) => f.findings.map((x: any) => `${x.path}:${x.line} ${x.ruleId}`)), ['app/new.js:2 security/js-dom-xss-innerhtml']);
  assert.equal(report.summary.findings, 1);
});

test('SARIF: baselineState new/unchanged/absent, and the log passes the official validator', () => {
  const ws = editedWorkspace();
  const out = path.join(ws, 'out', 'argus.sarif');
  assert.equal(argus(ws, 'check', '.', '--baseline', '--format', 'sarif', '--output', out).code, 0);
  const run = JSON.parse(readFileSync(out, 'utf8')).runs[0];
  const states = run.results.map((x: any) => `${x.baselineState} ${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine} ${x.ruleId}`);
  assert.deepEqual(states.sort(), [
    'absent app/loader.py:11 security/py-weak-hash',
    'new app/new.js:2 security/js-dom-xss-innerhtml',
    'unchanged app/loader.py:10 security/py-yaml-load',
    'unchanged app/loader.py:13 review/missing-doc',
    'unchanged app/loader.py:9 review/missing-doc',
    'unchanged app/odd,%20name:1&.js:2 security/js-dom-xss-innerhtml',
    'unchanged app/render.js:3 security/js-dom-xss-innerhtml',
  ]);
  assert.deepEqual(run.properties.argus, { baseline: { file: '.argus/baseline.json', new: 1, unchanged: 5, fixed: 1 } });
  const log = path.join(ws, 'out', 'validation.sarif');
  const v = spawnSync(path.join(REPO, 'node_modules', '.bin', 'sarif-multitool'), ['validate', out, '--output', log, '--log', 'ForceOverwrite', '--level', 'Error', 'Warning'], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stdout + v.stderr);
  const defects = JSON.parse(readFileSync(log, 'utf8')).runs.flatMap((x: any) => x.results ?? []);
  assert.deepEqual(defects.map((e: any) => `${e.ruleId} ${JSON.stringify(e.message?.arguments)}`), []);
});

test('a baseline only speaks for the files a run looks at; other file names and forms of --baseline', () => {
  const ws = editedWorkspace();
  const sub = argus(ws, 'check', 'app/render.js', '--baseline');
  assert.equal(sub.stdout.split('\n')[0], 'baseline .argus/baseline.json: 0 new, 1 unchanged, 0 fixed', 'loader.py was not scanned: nothing fixed there');
  assert.equal(argus(ws, 'baseline', 'create', 'app/render.js', '--baseline', 'ci/accepted.json').code, 0);
  for (const form of [['--baseline', 'ci/accepted.json'], ['--baseline=ci/accepted.json']]) {
    const r = argus(ws, 'check', 'app/render.js', 'app/new.js', ...form);
    assert.equal(r.stdout.trimEnd().split('\n').at(-2), 'baseline ci/accepted.json: 1 new, 1 unchanged, 0 fixed', form.join(' '));
  }
});

test('corrupt, foreign or missing baselines are errors naming the file (exit 2), never overwritten without --force', () => {
  const ws = tempWorkspace('ci/project');
  const file = path.join(ws, BASELINE);
  const missing = argus(ws, 'check', '.', '--baseline');
  assert.equal(missing.code, 2);
  assert.equal(missing.stderr, "argus: baseline .argus/baseline.json not found; create it with 'argus baseline create'\n");
  assert.equal(argus(ws, 'baseline', 'create').code, 0);
  const good = readFileSync(file, 'utf8');
  const cases: [string, string][] = [
    ['{"version": 1, "findings": [', 'not valid JSON ('],
    [good.replace('"version": 1', '"version": 7'), 'version 7 is not supported (this argus reads version 1); recreate it with `argus baseline create --force`'],
    [good.replace(/"severity": "error"/, '"severity": "fatal"'), 'findings[1]: "severity" must be one of error, warning, info, hint'],
  ];
  for (const [content, why] of cases) {
    writeFileSync(file, content);
    const r = argus(ws, 'check', '.', '--baseline');
    assert.equal(r.code, 2, why);
    assert.ok(r.stderr.startsWith(`argus: baseline .argus/baseline.json is not usable: ${why}`), r.stderr);
    assert.equal(r.stdout, '', 'no report from a run that could not compare');
    const create = argus(ws, 'baseline', 'create');
    assert.equal(create.code, 2);
    assert.ok(create.stderr.startsWith(`argus: refusing to overwrite .argus/baseline.json: it is not a valid baseline (${why}`), create.stderr);
    assert.ok(create.stderr.trimEnd().endsWith('fix or remove it, or pass --force'));
    assert.equal(readFileSync(file, 'utf8'), content, 'the file is untouched');
  }
  assert.equal(argus(ws, 'baseline', 'create', '--force').code, 0);
  assert.equal(readFileSync(file, 'utf8'), good);
  assert.equal(existsSync(`${file}.tmp`), false);
});
