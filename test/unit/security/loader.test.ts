/**
 * Rule-file validation: every broken rule is a problem with file, line,
 * column and reason, and the other rules still load.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { testParsers } from '../../helpers/parsers';
import { loadRulePack } from '../../../server/src/core/security';
import { scan } from './helpers';

const GOOD = `
  - id: security/js-good
    languages: [javascript]
    category: code-injection
    severity: error
    message: eval of $ARG
    query: |
      (call_expression function: (identifier) @f (#eq? @f "eval") arguments: (arguments (_) @arg)) @match
    invalid: ["eval(x)"]
    valid: ["evaluate(x)"]
`;

async function load(text: string, path = 'rules/test.yml') {
  return loadRulePack([{ path, text }], await testParsers());
}

/** Problems as `line:character message` with 1-based line and column for readability. */
function where(problems: { range: { start: { line: number; character: number } }; message: string }[]): string[] {
  return problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);
}

test('a valid rule loads and runs', async () => {
  const { value, problems } = await load(`rules:${GOOD}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(value.rules.map((r) => r.id), ['security/js-good']);
  const findings = await scan('eval(userCode)', 'javascript', value);
  assert.deepEqual(findings.map((f) => [f.ruleId, f.message]), [['security/js-good', 'eval of userCode']]);
});

test('a bad node name is reported at its position in the query, and the good rule still loads', async () => {
  const text = `rules:${GOOD}
  - id: security/js-bad-node
    languages: [javascript]
    category: xss
    severity: warning
    message: bad
    query: |
      (call_expression
        function: (no_such_node) @match)
`;
  const { value, problems } = await load(text);
  assert.deepEqual(value.rules.map((r) => r.id), ['security/js-good']);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.path, 'rules/test.yml');
  const line = text.split('\n').findIndex((l) => l.includes('no_such_node'));
  assert.equal(problems[0]!.range.start.line, line);
  assert.equal(problems[0]!.range.start.character, text.split('\n')[line]!.indexOf('no_such_node'));
  assert.match(problems[0]!.message, /rule security\/js-bad-node: query does not compile for the javascript grammar: Bad node name 'no_such_node'/);
});

test('unknown fields, wrong types and missing fields are reported where they are', async () => {
  const text = `rules:
  - id: security/js-typo
    languages: [javascript]
    category: xss
    severity: warning
    mesage: typo
    query: "(identifier) @match"
  - id: security/js-types
    languages: javascript
    category: [xss]
    severity: fatal
    message: m
    query: "(identifier) @match"
${GOOD}`;
  const { value, problems } = await load(text);
  assert.deepEqual(value.rules.map((r) => r.id), ['security/js-good']);
  assert.deepEqual(where(problems), [
    "2:5 a rule needs 'message'",
    "6:5 a rule: unknown field 'mesage' (allowed: id, name, languages, category, cwe, owasp, severity, confidence, channel, security-severity, message, description, docs, query, taint, secret, report, where, yields-to, fix, valid, invalid)",
    '10:15 category must be a string',
    "11:15 severity must be one of error, warning, info, hint; got 'fatal'",
  ]);
});

test('unsafe regexes in #match? predicates are rejected: lookaround, backreference, nested quantifier', async () => {
  const rule = (id: string, re: string) => `
  - id: security/js-${id}
    languages: [javascript]
    category: xss
    severity: warning
    message: m
    query: |
      ((identifier) @match (#match? @match "${re}"))
`;
  const text = `rules:${rule('look', '^(?!admin)x')}${rule('back', '(a)\\\\1')}${rule('nested', '^(a+)+$')}${rule('ok', '^[a-z]+$')}`;
  const { value, problems } = await load(text);
  assert.deepEqual(value.rules.map((r) => r.id), ['security/js-ok']);
  assert.deepEqual(where(problems).map((p) => p.replace(/^(\d+):\d+ /, '$1 ')), [
    `8 rule security/js-look: regex "^(?!admin)x": lookaround '(?!' is not allowed (it cannot run in linear time)`,
    `16 rule security/js-back: regex "(a)\\\\1": backreference \\1 is not allowed (it cannot run in linear time)`,
    `24 rule security/js-nested: regex "^(a+)+$": a repeated group contains another repetition (nested quantifier); this can backtrack catastrophically`,
  ]);
});

test('unknown predicates, missing report capture and unknown message placeholders are errors', async () => {
  const text = `rules:
  - id: security/js-pred
    languages: [javascript]
    category: xss
    severity: warning
    message: m
    query: |
      ((identifier) @match (#mach? @match "x"))
  - id: security/js-nocap
    languages: [javascript]
    category: xss
    severity: warning
    message: m $WHAT
    query: "(identifier) @id"
`;
  const { value, problems } = await load(text);
  assert.deepEqual(value.rules, []);
  assert.deepEqual(where(problems).map((p) => p.replace(/ \(supported:.*\)$/, '')), [
    '8:29 rule security/js-pred: unknown predicate #mach?',
    '14:12 rule security/js-nocap: the query must capture @match',
    '14:12 rule security/js-nocap: the query must capture @what',
  ]);
});

test('YAML syntax errors and duplicate ids are problems, not exceptions', async () => {
  const broken = await load('rules:\n  - id: [unclosed\n');
  assert.equal(broken.value.rules.length, 0);
  assert.equal(broken.problems.length >= 1, true);
  assert.match(broken.problems[0]!.message, /^YAML: /);

  const parsers = await testParsers();
  const dup = await loadRulePack([{ path: 'a.yml', text: `rules:${GOOD}` }, { path: 'b.yml', text: `rules:${GOOD}` }], parsers);
  assert.deepEqual(dup.value.rules.map((r) => r.id), ['security/js-good']);
  assert.deepEqual(dup.problems.map((p) => [p.path, p.range.start.line, p.message]), [['b.yml', 1, 'duplicate rule id security/js-good (first defined in a.yml)']]);
});

test('taint rules must reference defined sets; secret regexes are checked too', async () => {
  const text = `rules:
  - id: security/js-taint
    languages: [javascript]
    category: sql-injection
    severity: error
    message: m
    taint:
      sources: [nowhere]
      sink: "(call_expression arguments: (arguments (_) @sink))"
  - id: security/secret-bad
    languages: [generic]
    category: hardcoded-secret
    severity: error
    message: $SECRET
    secret:
      regex: '(x+)*y'
`;
  const { value, problems } = await load(text);
  assert.deepEqual(value.rules, []);
  assert.deepEqual(where(problems), [
    "2:5 rule security/js-taint: set 'nowhere' is not defined for javascript",
    '16:15 secret.regex: a repeated group contains another repetition (nested quantifier); this can backtrack catastrophically',
  ]);
});

test('a predicate outside any pattern is an error (tree-sitter would silently ignore it)', async () => {
  const text = `rules:
  - id: security/php-stray
    languages: [php]
    category: xxe
    severity: error
    message: m
    query: |
      (name) @match (#eq? @match "LIBXML_NOENT")
`;
  const { value, problems } = await load(text);
  assert.deepEqual(value.rules, []);
  assert.deepEqual(where(problems), [
    '8:21 rule security/php-stray: this predicate is outside any pattern, so tree-sitter ignores it; wrap the pattern and its predicates in one pair of parentheses',
  ]);
});

test('where is only for query rules; secret rules take no fix', async () => {
  const text = `rules:
  - id: security/js-t
    languages: [javascript]
    category: sql-injection
    severity: error
    message: m
    where:
      - not-constant: sink
    taint:
      sources: []
      sink: "(call_expression arguments: (arguments (_) @sink))"
`;
  const { problems } = await load(text);
  assert.deepEqual(where(problems), ["7:5 'where' applies to query rules only"]);
});

test('yields-to: a finding of the yielding rule is dropped only when the other rule reports the same line; bad ids are load errors', async () => {
  const text = `rules:
${GOOD}
  - id: security/js-audit-call
    languages: [javascript]
    category: code-injection
    severity: warning
    message: call of $F
    query: |
      (call_expression function: (identifier) @f (#match? @f "^(eval|run)$")) @match
    yields-to: [security/js-good]
  - id: security/js-bad-yield
    languages: [javascript]
    category: code-injection
    severity: warning
    message: m
    query: "(identifier) @match"
    yields-to: [not an id]
`;
  const { value, problems } = await load(text);
  const line = text.split('\n').findIndex((l) => l.includes('[not an id]')) + 1;
  assert.deepEqual(where(problems), [`${line}:16 yields-to lists rule ids such as 'security/js-code-injection'; got 'not an id'`]);
  const findings = await scan('eval(x);\nrun(y);\n', 'javascript', value);
  assert.deepEqual(
    findings.map((f) => `${f.range.start.line}:${f.ruleId}`),
    ['0:security/js-good', '1:security/js-audit-call'],
  );
});
