/**
 * The secret rules' one-pass keyword prefilter (secrets/keywordScan.ts)
 * against its definition, `text.toLowerCase().includes(keyword)`, on random
 * texts built from keyword pieces in mixed case and the characters whose
 * lower case is special (the Kelvin sign, U+0130, final sigma).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keywordsIn } from '../../../server/src/core/security/secrets/keywordScan';
import { builtinRuleFiles } from './helpers';

const BUILTIN = [...builtinRuleFiles().find((f) => f.path === 'rules/secrets.yml')!.text.matchAll(/keywords: \[([^\]]*)\]/g)].flatMap((m) => m[1]!.split(',').map((k) => k.trim().replace(/^'|'$/g, '')));

test('keyword prefilter: the built-in keywords were read', () => {
  assert.ok(BUILTIN.length > 30 && BUILTIN.includes('akia') && BUILTIN.includes('://') && BUILTIN.includes('private key'), BUILTIN.join(','));
});

test('keyword prefilter: one pass finds exactly what lower-casing and searching finds (5,000 texts)', () => {
  let seed = 3;
  const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  const pieces = [...BUILTIN, ...BUILTIN.map((k) => k.toUpperCase()), 'K', '\u212a', '\u212aEY', 'AKİA', 'İ', 'Σ', 'é', ' ', '\n', 'x', 'Ke', 'sEcReT', 'toKEN', 'a', 'k', ':/', '/'];
  const keywords = [...BUILTIN, 'i', 'ki', 'z'];
  let some = 0;
  for (let round = 0; round < 5000; round++) {
    const n = rand(12);
    let text = '';
    for (let k = 0; k < n; k++) {
      const p = pieces[rand(pieces.length)]!;
      // Cut pieces too, so keywords are split, joined and nearly formed.
      text += rand(3) === 0 ? p.slice(rand(p.length + 1)) : p;
    }
    const lower = text.toLowerCase();
    const expected = new Set(keywords.filter((k) => lower.includes(k)));
    assert.deepEqual(keywordsIn(text, keywords), expected, JSON.stringify(text));
    if (expected.size) some++;
  }
  assert.ok(some > 2500, `texts with a keyword: ${some}`);
});
