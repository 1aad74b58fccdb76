/**
 * Turning a rule off in `.argus.yml`: exact edits when they are safe,
 * snippets with a reason when they are not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planRuleDisable } from '../../../server/src/core/config/disableRule';

const ID = 'security/js-eval';

test('no file: create one with the rule off', () => {
  assert.deepEqual(planRuleDisable(undefined, ID), { kind: 'edit', newText: 'rules:\n  security/js-eval: off\n', created: true });
});

test('a file without rules gets a rules block at its end; comments and the rest stay byte for byte', () => {
  const text = '# team settings\nexclude:\n  - vendor/**   # third party\n';
  assert.deepEqual(planRuleDisable(text, ID), { kind: 'edit', newText: `${text}rules:\n  security/js-eval: off\n`, created: false });
  assert.deepEqual(planRuleDisable('exclude: [a/**]', ID), { kind: 'edit', newText: 'exclude: [a/**]\nrules:\n  security/js-eval: off\n', created: false });
});

test('a block rules mapping gets one line after its last entry, with the same indentation', () => {
  const text = 'rules:\n    review/todo: warning   # keep\n    "security/*": error\nexclude:\n  - x/**\n';
  const plan = planRuleDisable(text, ID);
  assert.deepEqual(plan, { kind: 'edit', newText: 'rules:\n    review/todo: warning   # keep\n    "security/*": error\n    security/js-eval: off\nexclude:\n  - x/**\n', created: false });
});

test('a rule already listed has only its level replaced', () => {
  const text = 'rules:\n  security/js-eval: warning # noisy\n';
  assert.deepEqual(planRuleDisable(text, ID), { kind: 'edit', newText: 'rules:\n  security/js-eval: off # noisy\n', created: false });
});

test('unsafe cases give a snippet and the reason', () => {
  const snippet = 'rules:\n  security/js-eval: off\n';
  assert.deepEqual(planRuleDisable('rules: { review/todo: off }\n', ID), { kind: 'snippet', snippet, reason: "'rules' is not a block mapping, so a line cannot be added safely" });
  const bad = planRuleDisable('rulez:\n  a/b: off\n', ID);
  assert.equal(bad.kind, 'snippet');
  assert.match(bad.kind === 'snippet' ? bad.reason : '', /^\.argus\.yml has problems \(line 1: unknown key 'rulez'/);
  const override = 'rules:\n  review/todo: off\noverrides:\n  - files: ["src/**"]\n    rules: { "security/*": warning }\n';
  assert.deepEqual(planRuleDisable(override, ID), { kind: 'snippet', snippet, reason: 'a later entry of .argus.yml (such as an override) would turn the rule back on for some files' });
});
