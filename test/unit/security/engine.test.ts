/**
 * The security Engine contract: rule metadata for SARIF/hover, document
 * support, fingerprints and finding order (fix edits: fixes.test.ts).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { createSecurityEngine } from '../../../server/src/core/security';
import { makeDocument } from '../../../server/src/core/document';
import { builtinPack, rangeOf, scan } from './helpers';

test('rules() describes every rule with docs link, CWE, OWASP and security-severity', async () => {
  const { value } = await builtinPack();
  const infos = createSecurityEngine(value).rules();
  assert.equal(infos.length, value.rules.length);
  for (const r of infos) {
    assert.match(r.id, /^security\/(js|py|java|go|php|secret)-[a-z0-9-]+$/);
    assert.equal(r.engine, 'security');
    assert.equal(r.helpUri, `https://argus.invalid/docs/rules/${r.id}`);
    assert.ok(r.cwe && r.cwe.length > 0, `${r.id} has no CWE`);
    assert.ok(r.owasp && r.owasp.length > 0, `${r.id} has no OWASP id`);
    assert.ok(typeof r.securitySeverity === 'number' && r.securitySeverity > 0 && r.securitySeverity <= 10);
    assert.ok(r.shortDescription.length > 10 && r.fullDescription.length >= r.shortDescription.length, r.id);
    assert.match(r.name, /^[A-Z][A-Za-z0-9]+$/);
  }
  const xss = infos.find((r) => r.id === 'security/js-dom-xss-innerhtml');
  assert.deepEqual({ name: xss?.name, sev: xss?.defaultSeverity, sec: xss?.securitySeverity, tags: xss?.tags }, {
    name: 'JsDomXssInnerhtml', sev: 'warning', sec: 5.5, tags: ['security', 'xss', 'confidence:medium', 'external/cwe/cwe-79'],
  });
});

test('supports tree-sitter languages; DFA files only for secret scanning', async () => {
  const { value } = await builtinPack();
  const engine = createSecurityEngine(value);
  assert.equal(engine.id, 'security');
  assert.equal(engine.supports(makeDocument('file:///a.py', 'a.py', 'python', '')), true);
  assert.equal(engine.supports(makeDocument('file:///a.dfa', 'a.dfa', 'dfa', '')), true);
  assert.equal(createSecurityEngine({ ...value, secretRules: [] }).supports(makeDocument('file:///a.dfa', 'a.dfa', 'dfa', '')), false);
});

test('taint findings point at the sink and relate the source; fingerprints are stable across line moves', async () => {
  const code = "app.get('/x', (req, res) => {\n  const q = req.query.q;\n  db.query('SELECT ' + q);\n});\n";
  const [a] = await scan(code, 'javascript');
  const [b] = await scan(`// moved\n\n${code}`, 'javascript');
  assert.ok(a && b);
  assert.equal(a.ruleId, 'security/js-sql-injection');
  assert.deepEqual(a.range, rangeOf(code, "'SELECT ' + q"));
  assert.deepEqual(a.related?.map((r) => r.range), [rangeOf(code, 'req.query.q')]);
  assert.equal(a.fingerprint, b.fingerprint);
  assert.notEqual(b.range.start.line, a.range.start.line);
});

test('syntax errors and empty files do not throw', async () => {
  assert.deepEqual(await scan('', 'javascript'), []);
  assert.deepEqual(await scan('def (:\n  yaml.load(', 'python'), []);
  const broken = await scan('function (( { el.innerHTML = x + ', 'javascript');
  assert.ok(Array.isArray(broken));
});

test('UTF-16 ranges are correct after non-ASCII text', async () => {
  const code = "const greeting = 'héllo 👋';\nel.innerHTML = '<b>' + name;\n";
  const [f] = (await scan(code, 'javascript')).filter((x) => x.ruleId === 'security/js-dom-xss-innerhtml');
  assert.deepEqual(f?.range, rangeOf(code, 'innerHTML'));
  const code2 = "// 日本語 👋 comment\nel.innerHTML = x; const k = 'AKIAZ7QW3RT5UX2PXYZW';\n";
  const found = await scan(code2, 'javascript');
  assert.deepEqual(found.map((x) => x.range), [rangeOf(code2, 'innerHTML'), rangeOf(code2, 'AKIAZ7QW3RT5UX2PXYZW')]);
});
