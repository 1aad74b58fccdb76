/** The baseline file format and the matching of findings against it (pure core, no I/O). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baselineEntries, parseBaseline, serializeBaseline, type BaselineEntry } from '../../../server/src/core/baseline/baselineFile';
import { compareWithBaseline, type LocatedFinding } from '../../../server/src/core/baseline/matchBaseline';
import type { Finding } from '../../../server/src/core/model/finding';

function finding(ruleId: string, line: number, fingerprint: string, message = `${ruleId} message`): Finding {
  return { ruleId, engine: 'security', category: 'x', severity: 'warning', message, fingerprint, range: { start: { line, character: 2 }, end: { line, character: 9 } } };
}
const at = (path: string, f: Finding): LocatedFinding => ({ path, finding: f });
const ALL = { inScope: () => true, gone: () => false };
const entriesOf = (xs: LocatedFinding[]): BaselineEntry[] => baselineEntries(xs);

test('serialise → parse round-trips, in a stable order and without a timestamp', () => {
  const xs = [at('b.js', finding('r/x', 3, 'f2')), at('a.js', finding('r/y', 9, 'f1')), at('a.js', finding('r/x', 1, 'f0'))];
  const text = serializeBaseline(entriesOf(xs), '9.9.9');
  assert.equal(text, serializeBaseline(entriesOf([...xs].reverse()), '9.9.9'), 'input order does not matter');
  const parsed = parseBaseline(text);
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(parsed.value!.entries.map((e) => `${e.path}:${e.range.start.line} ${e.ruleId}`), ['a.js:1 r/x', 'a.js:9 r/y', 'b.js:3 r/x']);
  assert.doesNotMatch(text, /date|time/i);
});

test('corrupt or foreign baselines give no value and say why', () => {
  const cases: [string, RegExp][] = [
    ['{"version": 1, "findings": [', /^not valid JSON \(/],
    ['[]', /^the top level must be an object/],
    ['{"findings": []}', /^"version" is missing$/],
    ['{"version": 2, "findings": []}', /^version 2 is not supported \(this argus reads version 1\)/],
    ['{"version": "1", "findings": []}', /^version "1" is not supported/],
    ['{"version": 1, "findings": {}}', /^"findings" must be an array$/],
  ];
  for (const [text, problem] of cases) {
    const p = parseBaseline(text);
    assert.equal(p.value, undefined, text);
    assert.equal(p.problems.length, 1, text);
    assert.match(p.problems[0]!, problem, text);
  }
  const good = JSON.parse(serializeBaseline(entriesOf([at('a.js', finding('r/x', 1, 'f0'))]), '1'));
  const bad = { ...good, findings: [good.findings[0], { ...good.findings[0], fingerprint: '' }, { ...good.findings[0], severity: 'fatal' }, 7] };
  assert.deepEqual(parseBaseline(JSON.stringify(bad)).problems, [
    'findings[1]: "fingerprint" must be a non-empty string',
    'findings[2]: "severity" must be one of error, warning, info, hint',
    'findings[3]: must be an object',
  ]);
  assert.equal(parseBaseline(JSON.stringify(bad)).value, undefined, 'one bad entry makes the whole file unusable');
});

test('matching: moved findings are unchanged, missing ones fixed, extra copies new', () => {
  const base = entriesOf([at('a.js', finding('r/x', 1, 'fa')), at('a.js', finding('r/y', 5, 'fb')), at('b.js', finding('r/x', 2, 'fc'))]);
  const now = [at('a.js', finding('r/x', 40, 'fa')), at('a.js', finding('r/x', 41, 'fa')), at('b.js', finding('r/z', 2, 'fd'))];
  const cmp = compareWithBaseline(now, base, ALL);
  assert.deepEqual(cmp.unchanged.map((x) => x.finding.range.start.line), [40], 'line 1 → 40: same fingerprint');
  assert.deepEqual(cmp.added.map((x) => `${x.path}:${x.finding.range.start.line}`), ['a.js:41', 'b.js:2'], 'a second copy is new');
  assert.deepEqual(cmp.fixed.map((e) => `${e.path} ${e.ruleId}`), ['a.js r/y', 'b.js r/x']);
});

test('matching: an edited neighbour line changes the fingerprint; rule + message still match, once', () => {
  const base = entriesOf([at('a.js', finding('r/x', 3, 'old', 'eval of user input'))]);
  const now = [at('a.js', finding('r/x', 3, 'new', 'eval of user input')), at('a.js', finding('r/x', 8, 'other', 'eval of user input'))];
  const cmp = compareWithBaseline(now, base, ALL);
  assert.equal(cmp.unchanged.length, 1);
  assert.equal(cmp.added.length, 1);
  assert.equal(cmp.fixed.length, 0);
  assert.equal(compareWithBaseline([at('b.js', finding('r/x', 3, 'new', 'eval of user input'))], base, ALL).fixed.length, 1, 'never across files');
});

test('matching: entries outside the scanned scope are neither matched nor fixed', () => {
  const base = entriesOf([at('a.js', finding('r/x', 1, 'fa')), at('lib/b.js', finding('r/x', 1, 'fb'))]);
  const cmp = compareWithBaseline([], base, { inScope: (p) => !p.startsWith('lib/'), gone: () => false });
  assert.deepEqual(cmp.fixed.map((e) => e.path), ['a.js']);
});

test('matching: findings of a renamed (gone) file match in their new file; entries of a present file never move', () => {
  const base = entriesOf([at('old.py', finding('r/x', 1, 'fa')), at('old.py', finding('r/y', 4, 'fb', 'weak hash')), at('kept.py', finding('r/x', 1, 'fk'))]);
  const now = [at('new.py', finding('r/x', 1, 'fa')), at('new.py', finding('r/y', 9, 'changed', 'weak hash')), at('other.py', finding('r/x', 1, 'fk'))];
  const cmp = compareWithBaseline(now, base, { inScope: () => true, gone: (p) => p === 'old.py' });
  assert.deepEqual(cmp.unchanged.map((x) => `${x.path}:${x.finding.range.start.line}`), ['new.py:1', 'new.py:9']);
  assert.deepEqual(cmp.added.map((x) => x.path), ['other.py'], 'kept.py still exists: its entry does not follow copies');
  assert.deepEqual(cmp.fixed.map((e) => e.path), ['kept.py']);
});
