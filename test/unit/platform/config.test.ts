import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../server/src/core/config/parseConfig';
import { isExcluded, resolveConfig, ruleLevel } from '../../../server/src/core/config/resolve';
import { LineIndex } from '../../../server/src/core/model/text';

/** The range of the first occurrence of `marker` in `text`. */
function at(text: string, marker: string) {
  const idx = new LineIndex(text);
  const o = text.indexOf(marker);
  assert.ok(o >= 0, `marker ${marker} not in text`);
  return idx.rangeOf(o, o + marker.length);
}

test('a valid config parses with no problems', () => {
  const text = 'engines:\n  review: false\nrules:\n  security/js-eval: off\n  "security/*": error\nexclude:\n  - vendor/**\nthresholds:\n  review.cognitiveComplexity: 20\noverrides:\n  - files: ["test/**"]\n    rules:\n      review/*: off\n';
  const { value, problems } = parseConfig(text);
  assert.deepEqual(problems, []);
  assert.deepEqual(value.engines, { review: false });
  assert.deepEqual(value.rules, [
    { pattern: 'security/js-eval', level: 'off' },
    { pattern: 'security/*', level: 'error' },
    { pattern: 'review/*', level: 'off', files: ['test/**'] },
  ]);
  assert.deepEqual(value.exclude, ['vendor/**']);
  assert.deepEqual(value.thresholds, { 'review.cognitiveComplexity': 20 });
});

test('wrong keys and types are problems at their own line; the rest still applies', () => {
  const text = 'exlude:\n  - a/**\nrules:\n  security/js-eval: loud\n  review/todo: warning\nthresholds:\n  review.cognitiveComplexity: "high"\n  review.maxNesting: 6\nengines:\n  security: yes-please\n';
  const { value, problems } = parseConfig(text);
  assert.deepEqual(
    problems.map((p) => ({ message: p.message, range: p.range })),
    [
      { message: "unknown key 'exlude'; expected one of engines, rules, exclude, thresholds, overrides (did you mean 'exclude'?)", range: at(text, 'exlude') },
      { message: 'rule \'security/js-eval\': level must be one of off, error, warning, info, hint', range: at(text, 'loud') },
      { message: "threshold 'review.cognitiveComplexity' must be a non-negative number", range: at(text, '"high"') },
      { message: "'engines.security' must be true or false", range: at(text, 'yes-please') },
    ],
  );
  assert.deepEqual(value.rules, [{ pattern: 'review/todo', level: 'warning' }]);
  assert.deepEqual(value.thresholds, { 'review.maxNesting': 6 });
});

test('broken YAML is a problem, not an exception', () => {
  const { problems } = parseConfig('rules:\n  a: [unclosed\n');
  assert.equal(problems.length > 0, true);
  assert.match(problems[0]!.message, /^YAML: /);
});

test('nested config globs are re-rooted to their folder and the last matching rule wins', () => {
  const root = parseConfig('rules:\n  "security/*": warning\nexclude:\n  - dist/**\n').value;
  const nested = parseConfig('rules:\n  security/js-eval: off\nexclude:\n  - "*.gen.js"\n').value;
  const config = resolveConfig([{ dir: '', layer: root }, { dir: 'pkg/a', layer: nested }], { rules: { 'security/js-eval': 'error' } });
  assert.equal(ruleLevel(config, 'security/js-eval', 'pkg/a/x.js'), 'error', 'editor settings apply last');
  const withoutEditor = resolveConfig([{ dir: '', layer: root }, { dir: 'pkg/a', layer: nested }]);
  assert.equal(ruleLevel(withoutEditor, 'security/js-eval', 'pkg/a/x.js'), 'off');
  assert.equal(ruleLevel(withoutEditor, 'security/js-eval', 'pkg/b/x.js'), 'warning', 'a nested rule does not leak to sibling folders');
  assert.equal(ruleLevel(withoutEditor, 'security/py-eval', 'x.py'), 'warning');
  assert.equal(ruleLevel(withoutEditor, 'review/todo', 'x.py'), undefined);
  assert.equal(isExcluded(withoutEditor, 'dist/app.js'), true);
  assert.equal(isExcluded(withoutEditor, 'pkg/a/deep/x.gen.js'), true);
  assert.equal(isExcluded(withoutEditor, 'pkg/b/x.gen.js'), false);
});

test('an engine runs only when no layer disables it', () => {
  const layer = parseConfig('engines:\n  dfa: false\n').value;
  const c = resolveConfig([{ dir: '', layer }], { engines: { security: false, review: true, dfa: true } });
  assert.deepEqual(c.engines, { security: false, review: true, dfa: false });
});
