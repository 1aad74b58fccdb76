/**
 * The exact findings the platform's end-to-end test relies on, on the
 * repository's `examples/` files. Keep these stable: the e2e suite asserts
 * the rule ids, message words, fix titles and edits below.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { rangeOf, ROOT, scan } from './helpers';

const read = (p: string) => readFileSync(path.join(ROOT, p), 'utf8');

test('examples/js/render.js: innerHTML assignment → security/js-dom-xss-innerhtml with the textContent fix', async () => {
  const code = read('examples/js/render.js');
  const findings = (await scan(code, 'javascript')).filter((f) => f.ruleId === 'security/js-dom-xss-innerhtml');
  assert.equal(findings.length, 1);
  const f = findings[0]!;
  const prop = rangeOf(code, 'innerHTML');
  assert.deepEqual(f.range, prop, 'reported on the innerHTML property name');
  assert.ok(f.severity === 'warning' || f.severity === 'error');
  assert.match(f.message, /innerHTML/);
  assert.equal(f.engine, 'security');
  assert.equal(f.category, 'xss');
  assert.deepEqual(f.cwe, ['CWE-79']);
  assert.deepEqual(f.fixes, [{ title: 'Use textContent instead of innerHTML', preferred: true, edits: [{ range: prop, newText: 'textContent' }] }]);
});

test('examples/python/loader.py: yaml.load → py-yaml-load, hashlib.md5 → py-weak-hash, each with a preferred fix', async () => {
  const code = read('examples/python/loader.py');
  const findings = await scan(code, 'python');
  const yaml = findings.filter((f) => f.ruleId === 'security/py-yaml-load');
  assert.equal(yaml.length, 1);
  assert.deepEqual(yaml[0]!.range, rangeOf(code, 'yaml.load(stream)'));
  assert.deepEqual(yaml[0]!.fixes, [{ title: 'Use yaml.safe_load', preferred: true, edits: [{ range: rangeOf(code, 'yaml.load'), newText: 'yaml.safe_load' }] }]);
  assert.equal(yaml[0]!.message, 'yaml.load can construct arbitrary Python objects from the document; use yaml.safe_load.');

  const md5 = findings.filter((f) => f.ruleId === 'security/py-weak-hash');
  assert.equal(md5.length, 1);
  assert.deepEqual(md5[0]!.range, rangeOf(code, 'hashlib.md5(body)'));
  assert.deepEqual(md5[0]!.fixes, [{ title: 'Use hashlib.sha256', preferred: true, edits: [{ range: rangeOf(code, 'hashlib.md5'), newText: 'hashlib.sha256' }] }]);
  assert.match(md5[0]!.message, /^md5 is a broken hash function/);
});
