/**
 * The build ships the rule packs as JSON (dist/rules/*.json, examples stripped)
 * so the server skips YAML parsing at start-up. They must load exactly the
 * rules of the YAML sources in rules/, with no problems. Needs `npm run build`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Document, isMap, isPair, isScalar, isSeq } from 'yaml';
import { loadRulePack } from '../../../server/src/core/security';
import { jsonNode } from '../../../server/src/core/security/yamlSource';
import { testParsers } from '../../helpers/parsers';
import { DIST, REPO } from '../../helpers/workspace';

const read = (dir: string, re: RegExp) =>
  readdirSync(dir)
    .filter((f) => re.test(f))
    .sort()
    .map((f) => ({ path: path.join(dir, f), text: readFileSync(path.join(dir, f), 'utf8') }));

test('the shipped JSON rule packs load the same rules as rules/*.yml, with no problems', async () => {
  const parsers = await testParsers();
  const source = await loadRulePack(read(path.join(REPO, 'rules'), /\.ya?ml$/), parsers);
  const shipped = await loadRulePack(read(path.join(DIST, 'rules'), /\.json$/), parsers);
  assert.deepEqual(shipped.problems, []);
  assert.deepEqual(source.problems, []);
  assert.deepEqual(
    shipped.value.rules.map((r) => [r.id, r.severity, r.message]),
    source.value.rules.map((r) => [r.id, r.severity, r.message]),
  );
  assert.ok(shipped.value.rules.length >= 90);
  assert.doesNotMatch(readFileSync(path.join(DIST, 'rules', 'secrets.json'), 'utf8'), /"invalid"|"valid"/, 'examples (fake secrets) are not shipped');
});

/** Every property of a YAML node tree the rule reader could look at, as plain data. */
function dump(n: unknown): unknown {
  if (isMap(n) || isSeq(n)) {
    return { kind: isMap(n) ? 'map' : 'seq', tag: n.tag, flow: n.flow, range: n.range, items: n.items.map((i) => (isPair(i) ? [dump(i.key), dump(i.value)] : dump(i))) };
  }
  if (isScalar(n)) return { kind: 'scalar', value: n.value, type: n.type, tag: n.tag, format: n.format, range: n.range };
  return { other: String(n) };
}

test('JSON packs become the same YAML nodes as the yaml library builds from the parsed object', () => {
  const packs = read(path.join(DIST, 'rules'), /\.json$/);
  assert.ok(packs.length >= 6);
  for (const p of packs) {
    const value: unknown = JSON.parse(p.text);
    assert.deepEqual(dump(jsonNode(value)), dump(new Document(value).contents), p.path);
  }
});
