/**
 * CLI tests: spawn the real bundle (`dist/cli.js`), check exact findings, the
 * JSON report against its published schema, and the SARIF with Microsoft's
 * official validator (`sarif-multitool validate`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { DIST, REPO, rangeOf, tempWorkspace } from '../helpers/workspace';

function argus(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ws = tempWorkspace('platform/workspace');
const text = (rel: string) => readFileSync(path.join(ws, rel), 'utf8');

test('text output: file:line:col severity rule-id message, ignored and excluded files skipped', () => {
  const r = argus(ws, 'check', '.', '--fail-on', 'none');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const render = rangeOf(text('app/render.js'), 'innerHTML').start;
  const yamlLoad = rangeOf(text('app/loader.py'), 'yaml.load').start;
  const md5 = rangeOf(text('app/loader.py'), 'hashlib.md5').start;
  assert.deepEqual(
    lines.slice(0, -1).map((l) => l.split(' ').slice(0, 3).join(' ')),
    [
      `app/loader.py:${yamlLoad.line + 1}:${yamlLoad.character + 1} error security/py-yaml-load`,
      `app/loader.py:${md5.line + 1}:${md5.character + 1} warning security/py-weak-hash`,
      `app/render.js:${render.line + 1}:${render.character + 1} warning security/js-dom-xss-innerhtml`,
      `app/suppressed.js:4:4 hint suppression/unused`,
    ],
  );
  assert.match(lines.at(-1)!, /^4 findings \(1 error, 2 warning, 0 info, 1 hint\) in 3 files, \d+ ms$/);
});

test('JSON output validates against docs/argus-report.schema.json and carries exact findings', () => {
  const r = argus(ws, 'check', 'app', '--format', 'json');
  assert.equal(r.code, 1, 'an error-level finding fails with the default --fail-on error');
  const report = JSON.parse(r.stdout);
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(JSON.parse(readFileSync(path.join(REPO, 'docs', 'argus-report.schema.json'), 'utf8')));
  assert.equal(validate(report), true, JSON.stringify(validate.errors, null, 2));
  const render = report.files.find((f: any) => f.path === 'app/render.js');
  assert.equal(render.findings.length, 1);
  const f = render.findings[0];
  assert.equal(f.ruleId, 'security/js-dom-xss-innerhtml');
  assert.deepEqual(f.range, rangeOf(text('app/render.js'), 'innerHTML'));
  assert.deepEqual(f.cwe, ['CWE-79']);
  assert.deepEqual(f.fixes[0].title, 'Use textContent instead of innerHTML');
  const suppressed = report.files.find((x: any) => x.path === 'app/suppressed.js');
  assert.deepEqual(suppressed.suppressed.map((x: any) => x.ruleId), ['security/js-dom-xss-innerhtml']);
  assert.deepEqual(report.summary.bySeverity, { error: 1, warning: 2, info: 0, hint: 1 });
});

test('SARIF 2.1.0 passes the official validator with no errors and has CWE tags, security-severity, fingerprints', () => {
  const out = path.join(ws, 'out', 'argus.sarif');
  const r = argus(ws, 'check', 'app', '--format', 'sarif', '--output', out, '--fail-on', 'none');
  assert.equal(r.code, 0, r.stderr);
  const sarif = JSON.parse(readFileSync(out, 'utf8'));
  const run = sarif.runs[0];
  assert.equal(run.originalUriBaseIds.SRCROOT.uri, `file://${ws}/`);
  const rule = run.tool.driver.rules.find((x: any) => x.id === 'security/js-dom-xss-innerhtml');
  assert.ok(rule.properties.tags.includes('external/cwe/cwe-79'));
  assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
  assert.match(rule.helpUri, /^https:\/\//);
  const result = run.results.find((x: any) => x.ruleId === 'security/js-dom-xss-innerhtml' && !x.suppressions);
  assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'app/render.js', uriBaseId: 'SRCROOT' });
  assert.equal(typeof result.partialFingerprints['argusFingerprint/v1'], 'string');
  assert.equal(run.results.filter((x: any) => x.suppressions).length, 1, 'suppressed findings are kept, marked inSource');
  const log = path.join(ws, 'out', 'validation.sarif');
  const v = spawnSync(path.join(REPO, 'node_modules', '.bin', 'sarif-multitool'), ['validate', out, '--output', log, '--log', 'ForceOverwrite', '--level', 'Error', 'Warning', 'Note'], { encoding: 'utf8' });
  assert.equal(v.status, 0, v.stdout + v.stderr);
  const validation = JSON.parse(readFileSync(log, 'utf8'));
  const findings = validation.runs.flatMap((x: any) => x.results ?? []);
  // Notes are advisory (e.g. SARIF2002 "prefer message ids"); errors and warnings are defects.
  const defects = findings.filter((x: any) => x.level === 'error' || x.level === 'warning');
  assert.deepEqual(defects.map((e: any) => `${e.ruleId} ${JSON.stringify(e.message?.arguments)}`), []);
  assert.ok(findings.length > 0, 'the validator ran its rules (it always leaves advisory notes)');
});

test('exit codes: 2 for usage and config errors with a clear message', () => {
  assert.equal(argus(ws, 'check').code, 2);
  const bad = argus(ws, 'check', '.', '--format', 'xml');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format must be one of text, json, sarif, github, junit, codequality \(got 'xml'\)/);
  const missing = argus(ws, 'check', 'nope/');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /path not found: nope\//);
  writeFileSync(path.join(ws, 'broken.yml'), 'rules:\n  security/js-dom-xss-innerhtml: loud\n');
  const cfg = argus(ws, 'check', 'app/render.js', '--config', 'broken.yml');
  assert.equal(cfg.code, 2);
  const loud = rangeOf(readFileSync(path.join(ws, 'broken.yml'), 'utf8'), 'loud').start;
  assert.match(cfg.stderr, new RegExp(`broken\\.yml:${loud.line + 1}:${loud.character + 1} rule 'security/js-dom-xss-innerhtml': level must be one of`));
  assert.match(cfg.stdout, /app\/render\.js:3:\d+ warning security\/js-dom-xss-innerhtml/, 'the rest of the config still applies');
});

test('--fail-on thresholds: warning fails on a warning, none never fails', () => {
  assert.equal(argus(ws, 'check', 'app/render.js').code, 0, 'only a warning: default --fail-on error passes');
  assert.equal(argus(ws, 'check', 'app/render.js', '--fail-on', 'warning').code, 1);
  assert.equal(argus(ws, 'check', 'app/loader.py', '--fail-on', 'none').code, 0);
});

test('--version prints the package version', () => {
  const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  assert.equal(argus(ws, '--version').stdout.trim(), pkg.version);
});

test('semgrep (stand-in executable; semgrep cannot be installed here) findings merge into the CLI report', () => {
  const standIn = path.join(REPO, 'test', 'fixtures', 'semgrep', 'bin', 'semgrep');
  const config = path.join(REPO, 'test', 'fixtures', 'semgrep', 'configs', 'rules.yml');
  writeFileSync(path.join(ws, 'app', 'sg.js'), 'const s = "héllo"; const h = md5(s);\n');
  const r = argus(ws, 'check', 'app/sg.js', '--format', 'json', '--semgrep', 'on', '--semgrep-path', standIn, '--semgrep-config', config, '--fail-on', 'none');
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.summary.semgrep, 'on (1.99.0)');
  const f = report.files[0].findings;
  assert.deepEqual(f.map((x: any) => [x.ruleId, x.range]), [['semgrep/argus-test.weak-hash', rangeOf(text('app/sg.js'), 'md5(s)')]]);
  const missing = argus(ws, 'check', 'app/sg.js', '--semgrep', 'on', '--semgrep-path', path.join(ws, 'no-such-semgrep'));
  assert.equal(missing.code, 2, 'semgrep required but missing is a clear error');
  assert.match(missing.stderr, /^argus: semgrep: error: /m);
});
