import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { languageFromPath } from '../../../server/src/core/document';
import { walk } from './helpers';

// The walk skips subtrees whose text has no trigger (see LanguageSpec.triggers). That must never
// change a result: compare with an exhaustive walk on every review fixture and a few pinned
// real-world files.
const FIXTURES = path.join(__dirname, '../../fixtures/review');
const files = [
  ...readdirSync(FIXTURES).map((f) => path.join(FIXTURES, f)),
  ...readdirSync(path.join(FIXTURES, 'oracle')).map((f) => path.join(FIXTURES, 'oracle', f)),
  path.join(__dirname, '../../../node_modules/yaml/dist/compose/resolve-block-map.js'),
  path.join(__dirname, '../../../node_modules/picomatch/lib/parse.js'),
].filter((f) => languageFromPath(f) !== undefined && !f.endsWith('.json'));

for (const file of files) {
  test(`prefilter is exact: ${path.basename(file)}`, async () => {
    const lang = languageFromPath(file)!;
    const text = readFileSync(file, 'utf8');
    const fast = await walk(lang, text);
    const full = await walk(lang, text, { exhaustive: true });
    assert.ok(full.functions.length > 0);
    assert.deepEqual(fast.functions, full.functions);
    assert.deepEqual(fast.comments, full.comments);
    assert.deepEqual(fast.hygiene, full.hygiene);
    assert.deepEqual([...fast.lineKinds], [...full.lineKinds]);
  });
}
