/**
 * Secret detection: masking, entropy, the allow-list, and that messages
 * never contain the secret value.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { maskSecret, shannonEntropy } from '../../../server/src/core/security';
import { isAllowListed } from '../../../server/src/core/security/secrets/heuristics';
import { rangeOf, scan } from './helpers';

test('maskSecret keeps at most four characters at each end', () => {
  assert.equal(maskSecret('AKIAZ7QW3RT5UX2PXYZW'), 'AKIA…XYZW');
  assert.equal(maskSecret('hunter2!Qx'), 'hu…Qx');
  assert.equal(maskSecret('short'), '****');
  assert.equal(maskSecret('  AKIAZ7QW3RT5UX2PXYZW\n'), 'AKIA…XYZW');
});

test('shannonEntropy', () => {
  assert.equal(shannonEntropy(''), 0);
  assert.equal(shannonEntropy('aaaa'), 0);
  assert.equal(shannonEntropy('abcd'), 2);
  assert.ok(shannonEntropy('f3a9Q7zX2mK8pL4vR6tW1yB5nC0dE9hJ') > 4.5);
});

test('allow-list: placeholders, templates, words, UUIDs, sequences and digests', () => {
  for (const v of ['your-api-key-here', 'AKIAIOSFODNN7EXAMPLE', '${API_KEY}', '{{ token }}', '%s', 'process.env.KEY', 'x-authorization-token',
    '123e4567-e89b-12d3-a456-426614174000', 'abcdefghij', '0123456789', '********', 'changeme123', '<your token>',
    '/resetpassword/v1.0/start', 'FlowPasswordRequiredResultV2', 'token_sha256_to_refresh']) {
    assert.equal(isAllowListed(v, `key = '${v}'`), true, v);
  }
  assert.equal(isAllowListed('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'sha256 = "…"'), true);
  assert.equal(isAllowListed('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08', 'api_key = "…"'), false);
  assert.equal(isAllowListed('f3a9Q7zX2mK8pL4vR6tW1yB5nC0dE9hJ', 'api_key = "…"'), false);
  assert.equal(isAllowListed('f3a9Q7zX2mK8pL4vR6tW1yB5nC0dE9hJ', 'api_key = "…"  # pragma: allowlist secret'), true);
});

test('a provider secret is reported on the value, masked, once (not also by the generic rule)', async () => {
  const value = 'AKIAZ7QW3RT5UX2PXYZW';
  const code = `const awsAccessKey = '${value}';\n`;
  const findings = await scan(code, 'typescript');
  assert.deepEqual(findings.map((f) => [f.ruleId, f.range, f.message]), [
    ['security/secret-aws-access-key', rangeOf(code, value), 'AWS access key id AKIA…XYZW is hardcoded; revoke it in IAM and load credentials from the environment or a role.'],
  ]);
});

test('secrets are found in every language, including comments, and the raw value never appears in any message', async () => {
  const secrets = ['ghp_R7kLm2Qx9Vb4Tn8Wc3Zs6Yh1Jd5Fg0Pa7Ke2', 'sk_live_4eC39HqLyjWDarjtT1zdp7dcQ9', 'Tr0ub4dor-x9'];
  const samples: [string, Parameters<typeof scan>[1]][] = [
    [`# token: ${secrets[0]}\nSTRIPE = "${secrets[1]}"\nDB = "postgres://app:${secrets[2]}@db:5432/x"\n`, 'python'],
    [`// token: ${secrets[0]}\nString s = "${secrets[1]}";\nString db = "postgres://app:${secrets[2]}@db:5432/x";\n`, 'java'],
    [`<?php\n// ${secrets[0]}\n$s = '${secrets[1]}';\n$db = 'mysql://app:${secrets[2]}@db/x';\n`, 'php'],
  ];
  for (const [code, lang] of samples) {
    const findings = await scan(code, lang);
    assert.deepEqual(findings.map((f) => f.ruleId).sort(), ['security/secret-github-token', 'security/secret-stripe-key', 'security/secret-url-password'], lang);
    for (const f of findings) for (const s of secrets) assert.ok(!f.message.includes(s), `${f.ruleId} leaks ${s}`);
  }
});

test('generic high-entropy values are reported only for secret-like names', async () => {
  const code = [
    "const apiKey = 'f3a9Q7zX2mK8pL4vR6tW1yB5nC0dE9hJ';",
    "const cacheKey = 'users';",
    "const requestId = 'f3a9Q7zX2mK8pL4vR6tW1yB5nC0dE9hJ';",
    "const tokenUrl = 'https://auth.example.com/oauth/token';",
  ].join('\n');
  const findings = (await scan(code, 'javascript')).filter((f) => f.ruleId.startsWith('security/secret-'));
  assert.deepEqual(findings.map((f) => [f.ruleId, f.range.start.line, f.message]), [
    ['security/secret-generic-api-key', 0, 'A high-entropy value (f3a9…E9hJ) is assigned to a secret-like name; if it is a credential, move it to the environment or a secret store.'],
  ]);
});
