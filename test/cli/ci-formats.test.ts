/**
 * CI output formats of the built bundle: GitHub workflow commands, JUnit XML
 * and GitLab Code Quality, with exact lines and elements; exit codes for
 * --fail-on and --fail-under (docs/ci.md).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { DIST, tempWorkspace } from '../helpers/workspace';

function argus(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ws = tempWorkspace('ci/project');
const XSS = 'Assigning a non-constant value to innerHTML can run injected script (DOM XSS); use textContent, or sanitize the HTML first.';
const MD5 = 'md5 is a broken hash function; use SHA-256 or better (and a slow KDF such as bcrypt, scrypt or argon2 for passwords).';
const YAML = 'yaml.load can construct arbitrary Python objects from the document; use yaml.safe_load.';

test('github: one annotation per finding, severities mapped, properties escaped, counts last', () => {
  const r = argus(ws, 'check', 'app', '--format', 'github', '--fail-on', 'warning');
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, -1), [
    '::notice file=app/loader.py,line=6,endLine=6,col=5,endColumn=13,title=review/missing-doc::Public function load_job has no doc comment.',
    `::error file=app/loader.py,line=7,endLine=7,col=12,endColumn=29,title=security/py-yaml-load::${YAML}`,
    '::notice file=app/loader.py,line=10,endLine=10,col=5,endColumn=11,title=review/missing-doc::Public function job_id has no doc comment.',
    `::warning file=app/loader.py,line=11,endLine=11,col=12,endColumn=29,title=security/py-weak-hash::${MD5}`,
    `::warning file=app/odd%2C name%3A1&.js,line=2,endLine=2,col=15,endColumn=24,title=security/js-dom-xss-innerhtml::${XSS}`,
    `::warning file=app/render.js,line=3,endLine=3,col=37,endColumn=46,title=security/js-dom-xss-innerhtml::${XSS}`,
  ]);
  assert.match(lines.at(-1)!, /^6 findings \(1 error, 3 warning, 0 info, 2 hint\) in 4 files, \d+ ms$/);
});

test('junit: a testsuite per file, findings as failures, a clean file as a passing testcase, all escaped', () => {
  const r = argus(ws, 'check', 'app', '--format', 'junit', '--fail-on', 'none');
  assert.equal(r.code, 0, r.stderr);
  const xml = r.stdout;
  assert.ok(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n'));
  assert.match(xml, /^<testsuites name="argus" tests="7" failures="6" errors="0" skipped="0" time="\d+\.\d{3}">$/m);
  const suites = [...xml.matchAll(/^ {2}<testsuite .*>$/gm)].map((m) => m[0].trim());
  assert.deepEqual(suites, [
    '<testsuite name="app/clean.js" tests="1" failures="0" errors="0" skipped="0" time="0">',
    '<testsuite name="app/loader.py" tests="4" failures="4" errors="0" skipped="0" time="0">',
    '<testsuite name="app/odd, name:1&amp;.js" tests="1" failures="1" errors="0" skipped="0" time="0">',
    '<testsuite name="app/render.js" tests="1" failures="1" errors="0" skipped="0" time="0">',
  ]);
  assert.ok(xml.includes('    <testcase name="app/clean.js" classname="app/clean_js" time="0"></testcase>\n'), 'the clean file passes');
  assert.ok(
    xml.includes(
      [
        '    <testcase name="security/js-dom-xss-innerhtml at 2:15" classname="app/odd, name:1&amp;_js" time="0">',
        `      <failure message="${XSS}" type="security/js-dom-xss-innerhtml">app/odd, name:1&amp;.js:2:15 warning security/js-dom-xss-innerhtml ${XSS}</failure>`,
        '    </testcase>',
      ].join('\n'),
    ),
  );
  assert.ok(xml.includes(`<failure message="${YAML}" type="security/py-yaml-load">app/loader.py:7:12 error security/py-yaml-load ${YAML}</failure>`));
  assert.equal(xml.match(/<failure /g)!.length, 6);
  assert.ok(xml.endsWith('</testsuites>\n'));
  assert.doesNotMatch(xml.replace(/&(amp|lt|gt|quot|apos|#\d+);/g, ''), /&/, 'no raw ampersand is left');
});

test('codequality: GitLab issues with unique fingerprints and mapped severities', () => {
  const r = argus(ws, 'check', 'app/loader.py', 'app/render.js', '--format', 'codequality');
  assert.equal(r.code, 1, 'the yaml.load error still fails with --fail-on error');
  const issues = JSON.parse(r.stdout);
  assert.deepEqual(
    issues.map((i: any) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]),
    [
      ['review/missing-doc', 'info', 'app/loader.py', 6],
      ['security/py-yaml-load', 'critical', 'app/loader.py', 7],
      ['review/missing-doc', 'info', 'app/loader.py', 10],
      ['security/py-weak-hash', 'major', 'app/loader.py', 11],
      ['security/js-dom-xss-innerhtml', 'major', 'app/render.js', 3],
    ],
  );
  assert.equal(issues[1].description, `security/py-yaml-load: ${YAML}`);
  assert.equal(new Set(issues.map((i: any) => i.fingerprint)).size, issues.length);
  assert.ok(issues.every((i: any) => /^[0-9a-f]{32}$/.test(i.fingerprint)));
});

test('exit codes: --fail-on picks the severity floor, --fail-under the score floor, 2 for bad flags', () => {
  const code = (...args: string[]) => argus(ws, 'check', ...args).code;
  assert.equal(code('app/render.js'), 0, 'a warning passes the default --fail-on error');
  assert.equal(code('app/render.js', '--fail-on', 'warning'), 1);
  assert.equal(code('app/clean.js', '--fail-on', 'note'), 0, 'no finding at all');
  assert.equal(code('app/loader.py', '--fail-on', 'note', '--format', 'github'), 1, 'hints count for note');
  assert.equal(code('app/loader.py', '--fail-on', 'none', '--format', 'junit'), 0);
  const under = argus(ws, 'check', 'app', '--fail-on', 'none', '--fail-under', '99.9');
  assert.equal(under.code, 1);
  assert.match(under.stderr, /^argus: \d files? scored below 99\.9: .*app\/loader\.py/m);
  assert.equal(code('app', '--fail-on', 'none', '--fail-under', '0'), 0);
  const bad = argus(ws, 'check', 'app', '--format', 'xml');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^argus: --format must be one of text, json, sarif, github, junit, codequality \(got 'xml'\)$/m);
  assert.equal(code('app', '--fail-under', '101'), 2);
  const base = argus(ws, 'baseline', 'create', '--format', 'json');
  assert.equal(base.code, 2);
  assert.match(base.stderr, /^argus: --format is an option of 'argus check', not of 'argus baseline create'$/m);
});
