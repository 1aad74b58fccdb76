/**
 * scripts/eval-external.ts (npm run eval:external) on small corpora written
 * here in the two formats it reads: an OWASP-Benchmark-style folder with an
 * expected-results CSV, and semgrep-rules-style annotated files. The real
 * external corpora are not committed; these check the scoring itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from '../helpers/workspace';

const evalExternal = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO, 'scripts', 'eval-external.ts'), ...args], { cwd: REPO, encoding: 'utf8' });

/** The table row of `label`, as its whitespace-separated cells. */
function row(out: string, label: string): string[] {
  const line = out.split('\n').find((l) => l.startsWith(`${label} `));
  assert.ok(line, `no row ${label} in:\n${out}`);
  return line.trim().split(/\s+/);
}

const flask = (name: string, body: string) => `from flask import request
import yaml

@app.route('/benchmark/${name}', methods=['POST'])
def ${name}_post():
${body}
`;

test('owasp: a case counts as flagged only by a finding with its CWE; Youden per category', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-owasp-'));
  // Tainted YAML (true, found), a constant document (false, quiet), a tainted one labelled false (a false positive).
  writeFileSync(path.join(dir, 'BenchmarkTest00001.py'), flask('BenchmarkTest00001', "    return str(yaml.load(request.form['p'], Loader=yaml.Loader))"));
  writeFileSync(path.join(dir, 'BenchmarkTest00002.py'), flask('BenchmarkTest00002', '    return str(yaml.load("a: 1", Loader=yaml.Loader))'));
  writeFileSync(path.join(dir, 'BenchmarkTest00003.py'), flask('BenchmarkTest00003', "    return str(yaml.load(request.form['p'], Loader=yaml.Loader))"));
  // A path-traversal case whose only finding has another CWE: a false negative for its category.
  writeFileSync(path.join(dir, 'BenchmarkTest00004.py'), flask('BenchmarkTest00004', "    return str(yaml.load(request.form['p'], Loader=yaml.Loader))"));
  const csv = path.join(dir, 'expected.csv');
  writeFileSync(csv, ['# test name, category, real vulnerability, cwe', 'BenchmarkTest00001,deserialization,true,502', 'BenchmarkTest00002,deserialization,false,502',
    'BenchmarkTest00003,deserialization,false,502', 'BenchmarkTest00004,pathtraver,true,22', 'BenchmarkTest00099,xss,true,79'].join('\n'));
  const r = evalExternal('owasp', dir, csv);
  assert.equal(r.status, 0, r.stderr);
  // cases TP FN FP TN TPR FPR Youden
  assert.deepEqual(row(r.stdout, 'deserialization'), ['deserialization', '3', '1', '0', '1', '1', '100.0%', '50.0%', '50.0%']);
  assert.deepEqual(row(r.stdout, 'pathtraver'), ['pathtraver', '1', '0', '1', '0', '0', '0.0%', '0.0%', '0.0%']);
  assert.ok(!r.stdout.includes('xss'), 'a CSV row without a file is not a case');
  assert.match(r.stdout, /average Youden over 2 categories: 25\.0%/);
});

test('annotated: the line after ruleid: is a true case, after ok: a safe one, per language folder', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-annotated-'));
  mkdirSync(path.join(dir, 'python'));
  writeFileSync(path.join(dir, 'python', 'load.py'), [
    'import yaml',
    'def a(stream):',
    '    # ruleid: avoid-pyyaml-load',
    '    return yaml.load(stream, Loader=yaml.Loader)',
    'def b(stream):',
    '    # ok: avoid-pyyaml-load',
    '    return yaml.safe_load(stream)',
    'def c():',
    '    # ruleid: avoid-pyyaml-load',
    '    return len("not yaml")',
    '',
  ].join('\n'));
  const r = evalExternal('annotated', dir, '--details');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(row(r.stdout, 'python'), ['python', '3', '1', '1', '0', '1', '50.0%', '0.0%', '50.0%']);
  assert.match(r.stdout, /^FN python\/load\.py:10: return len\("not yaml"\)$/m);
});
