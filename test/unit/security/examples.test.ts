/**
 * Runs every rule's inline examples: each `invalid` example must produce at
 * least one finding of that rule, each `valid` example none. Also asserts the
 * built-in pack loads without problems.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { builtinPack, LANGUAGE_ID, ROOT, scan } from './helpers';

test('the built-in rule pack loads without problems', async () => {
  const { problems, value } = await builtinPack();
  assert.deepEqual(problems, []);
  assert.ok(value.rules.length > 0);
});

test('every rule has at least one invalid and one valid example', async () => {
  const { value } = await builtinPack();
  const missing = value.rules.filter((r) => r.examples.invalid.length === 0 || r.examples.valid.length === 0).map((r) => r.id);
  assert.deepEqual(missing, []);
});

test('inline rule examples', async (t) => {
  const { value } = await builtinPack();
  for (const rule of value.rules) {
    await t.test(rule.id, async () => {
      for (const ex of rule.examples.invalid) {
        const found = (await scan(ex.code, LANGUAGE_ID[ex.language])).filter((f) => f.ruleId === rule.id);
        assert.ok(found.length >= 1, `${rule.path}:${ex.line + 1}: invalid example produced no ${rule.id} finding:\n${ex.code}`);
      }
      for (const ex of rule.examples.valid) {
        const found = (await scan(ex.code, LANGUAGE_ID[ex.language])).filter((f) => f.ruleId === rule.id);
        assert.deepEqual(found.map((f) => f.message), [], `${rule.path}:${ex.line + 1}: valid example produced a finding:\n${ex.code}`);
      }
    });
  }
});

test('docs/rules.md lists every built-in rule in its catalogue', async () => {
  const { value } = await builtinPack();
  const docs = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
  const missing = value.rules.filter((r) => !docs.includes(`| \`${r.id}\` |`)).map((r) => r.id);
  assert.deepEqual(missing, [], 'add the rule to the catalogue table in docs/rules.md');
});
