/**
 * Rule channels: `stable` shows, `experimental` runs in shadow unless shown,
 * `quarantined` is never compiled. Test rule packs, the real loader, the real
 * security engine and Analyzer.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadRulePack, createSecurityEngine } from '../../../server/src/core/security';
import { Analyzer } from '../../../server/src/core/analyze';
import { makeDocument } from '../../../server/src/core/document';
import { resolveConfig } from '../../../server/src/core/config/resolve';
import type { Logger } from '../../../server/src/core/engine';
import { normaliseSettings } from '../../../protocol/settings';
import { takeExperimentalFlag } from '../../../server/src/cli/experimentalFlag';
import { UsageError } from '../../../server/src/cli/args';
import { testParsers } from '../../helpers/parsers';

const rule = (id: string, fn: string, extra = '') => `
  - id: ${id}
    languages: [javascript]
    category: code-injection
    severity: warning
    message: call of ${fn}${extra}
    query: |
      (call_expression function: (identifier) @f (#eq? @f "${fn}")) @match
`;

const PACK = `rules:${rule('security/js-stable-eval', 'eval')}${rule('security/js-exp-exec', 'exec', '\n    channel: experimental')}${rule('security/js-quarantined', 'run', '\n    channel: quarantined').replace('(identifier) @f', '(no_such_node) @f')}`;

async function setup() {
  const parsers = await testParsers();
  const pack = await loadRulePack([{ path: 'rules/test.yml', text: PACK }], parsers);
  const logged: { msg: string; data?: Record<string, unknown> }[] = [];
  const logger: Logger = { debug() {}, info: (msg, data) => logged.push({ msg, data }), warn() {}, error() {} };
  const analyzer = new Analyzer([createSecurityEngine(pack.value)], parsers, logger, { ruleChannels: pack.value.channels });
  return { pack, analyzer, logged };
}

const CODE = 'eval(a);\nexec(b);\nrun(c);\n';
const doc = (text = CODE) => makeDocument('file:///ws/a.js', 'a.js', 'javascript', text);

test('a quarantined rule is validated but never compiled: its broken query is no problem, and it is in no rule list', async () => {
  const { pack } = await setup();
  assert.deepEqual(pack.problems, []);
  assert.deepEqual(pack.value.rules.map((r) => [r.id, r.channel]), [['security/js-stable-eval', 'stable'], ['security/js-exp-exec', 'experimental']]);
  assert.deepEqual([...pack.value.channels], [['security/js-stable-eval', 'stable'], ['security/js-exp-exec', 'experimental'], ['security/js-quarantined', 'quarantined']]);
});

test('experimental findings are kept in shadow by default, counted and logged; `show` shows them', async () => {
  const { analyzer, logged } = await setup();
  const hidden = await analyzer.analyze(doc(), resolveConfig([]));
  assert.deepEqual(hidden.findings.map((f) => [f.ruleId, f.range.start.line]), [['security/js-stable-eval', 0]]);
  assert.deepEqual(hidden.shadow?.map((f) => [f.ruleId, f.range.start.line]), [['security/js-exp-exec', 1]]);
  assert.deepEqual(logged, [{ msg: 'experimental findings kept in shadow', data: { uri: 'file:///ws/a.js', count: 1, rules: ['security/js-exp-exec'] } }]);
  const shown = await analyzer.analyze(doc(), resolveConfig([], { experimental: 'show' }));
  assert.deepEqual(shown.findings.map((f) => [f.ruleId, f.range.start.line]), [['security/js-stable-eval', 0], ['security/js-exp-exec', 1]]);
  assert.deepEqual(shown.shadow, []);
  assert.equal(analyzer.channelOf('security/js-exp-exec'), 'experimental');
  assert.equal(analyzer.channelOf('review/todo'), 'stable');
  assert.deepEqual(analyzer.rulesInChannel('quarantined'), ['security/js-quarantined']);
});

test('a directive aimed at an experimental rule suppresses it and is not reported as unused', async () => {
  const { analyzer } = await setup();
  const out = await analyzer.analyze(doc('eval(a);\n// argus-ignore-next-line security/js-exp-exec\nexec(b);\n'), resolveConfig([]));
  assert.deepEqual(out.findings.map((f) => f.ruleId), ['security/js-stable-eval']);
  assert.deepEqual(out.suppressed.map((f) => f.ruleId), ['security/js-exp-exec']);
  assert.deepEqual(out.shadow, []);
});

test('an unknown channel is a load error naming the file and line', async () => {
  const text = `rules:${rule('security/js-x', 'eval', '\n    channel: beta')}`;
  const { value, problems } = await loadRulePack([{ path: 'rules/bad.yml', text }], await testParsers());
  assert.deepEqual(problems.map((p) => [p.path, p.range.start.line + 1, p.message]), [['rules/bad.yml', text.split('\n').findIndex((l) => l.includes('channel: beta')) + 1, "channel must be one of stable, experimental, quarantined; got 'beta'"]]);
  assert.deepEqual(value.rules, []);
});

test('the editor setting arrives nested in `rules` (VS Code expands dotted keys) and is not a rule level', () => {
  assert.deepEqual(normaliseSettings({ rules: { experimental: 'show', 'security/*': 'error' } }).rules, { 'security/*': 'error' });
  assert.equal(normaliseSettings({ rules: { experimental: 'show' } }).experimental, 'show');
  assert.equal(normaliseSettings({ rules: { experimental: 'loud' } }).experimental, 'hide');
  assert.equal(normaliseSettings(undefined).experimental, 'hide');
});

test('the CLI flag --experimental show|hide is taken out of the arguments', () => {
  assert.deepEqual(takeExperimentalFlag(['src', '--experimental', 'show', '--format', 'json']), { rest: ['src', '--format', 'json'], experimental: 'show' });
  assert.deepEqual(takeExperimentalFlag(['--experimental=hide', 'src']), { rest: ['src'], experimental: 'hide' });
  assert.deepEqual(takeExperimentalFlag(['src']), { rest: ['src'] });
  assert.throws(() => takeExperimentalFlag(['--experimental', 'maybe']), (e: Error) => e instanceof UsageError && e.message === "--experimental must be one of show, hide (got 'maybe')");
  assert.throws(() => takeExperimentalFlag(['--experimental', '--format']), UsageError);
});
