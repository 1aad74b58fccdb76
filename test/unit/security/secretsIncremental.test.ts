/**
 * The incremental secret scan (kept matches patched around each edit) gives
 * exactly `scanSecrets` of the new text, on secret-dense text where matches
 * span lines (`password =\n  "…"`), touch the edit, appear and disappear,
 * and where keywords hide behind Unicode lower-casing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { scanSecrets } from '../../../server/src/core/security/secrets/scanner';
import { scanSecretsIncremental, type SecretState } from '../../../server/src/core/security/secrets/incremental';
import { newlineExtent } from '../../../server/src/core/security/secrets/extent';
import { diffSpan } from '../../../server/src/core/parsing/documentTrees';
import { builtinPack, ROOT } from './helpers';
import { rng } from '../incremental/editScript';

const PIECES = [
  "aws_secret_access_key = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY9'\n",
  'AKIAQYLPMN5HHHFPZAM2 ',
  'password =\n    "Zx9$kq2!Lm8#Vb3@"\n',
  'api_key: \n\n "q8Fz2LmN0pR7sT4vW1xY6bC3"\n',
  'token = "ghp_1234567890abcdefghijklmnopqrstuvwxyzAB"\n',
  'postgres://admin:S3cr3tPa55w0rd@db.internal:5432/app\n',
  '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAq8Fz2LmN0pR7sT4vW1xY6bC3q8Fz2LmN0pR7sT4v\n',
  'İ Kelvin: \u212Aey passwd ',
  'secret',
  '"',
  '\n',
  ' = ',
];

test('the incremental secret scan equals a full scan after every edit', async () => {
  const rules = (await builtinPack()).value.secretRules;
  const next = rng(7);
  const base = readFileSync(path.join(ROOT, 'examples/python/loader.py'), 'utf8');
  let checked = 0;
  let withHits = 0;
  for (let round = 0; round < 6; round++) {
    let text = base + PIECES.join('');
    let state: SecretState | undefined;
    for (let v = 0; v < 250; v++) {
      const old = text;
      if (v > 0) {
        const p = Math.floor(next() * (text.length + 1));
        const r = next();
        if (r < 0.5) text = text.slice(0, p) + PIECES[Math.floor(next() * PIECES.length)]! + text.slice(p);
        else if (r < 0.8) text = text.slice(0, p) + text.slice(p + 1 + Math.floor(next() * 12));
        else text = text.slice(0, p) + '\n  ' + text.slice(p);
      }
      const d = diffSpan(old, text);
      const got = scanSecretsIncremental(rules, text, state, state ? { start: d.start, oldEnd: d.oldEnd, newEnd: d.newEnd } : undefined);
      assert.deepEqual(got.hits, scanSecrets(rules, text), `round ${round}, edit ${v}`);
      state = got.state;
      checked++;
      if (new Set(got.hits.map((h) => h.rule.id)).size >= 3) withHits++;
    }
  }
  assert.ok(checked >= 1500);
  assert.ok(withHits > checked / 2, `only ${withHits} of ${checked} versions had hits of three rules`);
});

test('line-break extents of the built-in secret regexes', async () => {
  const rules = (await builtinPack()).value.secretRules;
  const extent = (id: string) => newlineExtent(rules.find((r) => r.id === id)!.secret!.regex);
  assert.deepEqual(extent('security/secret-aws-access-key'), { forward: 0, backward: 0 });
  // `\s{0,5}` twice: up to ten line breaks between the name and the value.
  assert.deepEqual(extent('security/secret-hardcoded-password'), { forward: 10, backward: 0 });
  // `(?:\n|\s|…)*` is unbounded: always scanned whole.
  assert.equal(extent('security/secret-private-key'), undefined);
  assert.deepEqual(newlineExtent(/(?<=\s)a\sb/d), { forward: 1, backward: 1 });
  assert.equal(newlineExtent(/^x/d), undefined);
  assert.deepEqual(newlineExtent(/^x$/dm), { forward: 0, backward: 0 });
  assert.equal(newlineExtent(/(a)\1/d), undefined);
  assert.deepEqual(newlineExtent(/[^"\s]{6,}|[^\n]+/d), { forward: 0, backward: 0 });
  assert.equal(newlineExtent(/[^"]+/d), undefined);
});
