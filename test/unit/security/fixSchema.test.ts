/**
 * The `fix` field: load-time validation (located problems, the rule is
 * dropped), the backwards-compatible `{ title, template, capture? }` form,
 * and the edit kinds on small custom rules (delete with its comma, a line
 * after a statement, imports, overlapping edits, alternatives).
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { testParsers } from '../../helpers/parsers';
import { loadRulePack } from '../../../server/src/core/security';
import type { LanguageId } from '../../../server/src/core/document';
import { applyFix, scan } from './helpers';

const HEAD = `rules:
  - id: security/py-t
    languages: [python]
    category: xss
    severity: warning
    message: m
    query: |
      (call function: (identifier) @f (#eq? @f "run") arguments: (argument_list . (_) @cmd (keyword_argument) @kw)) @match
`;

async function load(fix: string) {
  return loadRulePack([{ path: 'rules/t.yml', text: `${HEAD}    fix:\n${fix.replace(/^/gm, '      ')}\n` }], await testParsers());
}

/** Problems as `line:column message` (1-based). */
async function problems(fix: string): Promise<string[]> {
  const { value, problems } = await load(fix);
  assert.equal(value.rules.length, 0, 'a rule with a broken fix is not loaded');
  return problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);
}

/** The fixed code for the only finding of a custom rule, or undefined when it offers no fix. */
async function fixed(fix: string, code: string, lang: LanguageId = 'python'): Promise<string | undefined> {
  const { value, problems } = await load(fix);
  assert.deepEqual(problems, []);
  const [f, ...rest] = await scan(code, lang, value);
  assert.ok(f && rest.length === 0, `expected one finding on ${code}`);
  return f.fixes?.[0] ? applyFix(code, f.fixes[0]) : undefined;
}

test('the legacy form replaces the report capture (or `capture`) by the template', async () => {
  assert.equal(await fixed('title: T\ntemplate: go($CMD)', 'run(x, shell=True)\n'), 'go(x)\n');
  assert.equal(await fixed('title: T\ncapture: cmd\ntemplate: "[$CMD]"', 'run(x, shell=True)\n'), 'run([x], shell=True)\n');
});

test('broken fixes are reported where they are', async () => {
  assert.deepEqual(await problems('title: T\ntemplate: x\nedits: [{ delete: kw }]'), ["10:7 a fix has either 'edits' or 'template' (with 'capture'), not both"]);
  assert.deepEqual(await problems('title: T'), ["10:7 a fix needs 'edits' or 'template'"]);
  assert.deepEqual(await problems('template: x'), ["10:7 a fix needs 'title'"]);
  assert.deepEqual(await problems('title: T\ncapture: cmd'), ["10:7 a fix with 'capture' needs 'template'"]);
  assert.deepEqual(await problems('title: T\nedits: []'), ['11:14 fix.edits must not be empty']);
  assert.deepEqual(await problems('title: T\nedits:\n  - { delete: kw, template: x }'), ["12:25 a 'delete' edit takes no template"]);
  assert.deepEqual(await problems('title: T\nedits:\n  - { delete: kw, capture: cmd, template: x }'), ['12:11 a fix edit needs exactly one of capture (replace), insert-after, delete (has capture, delete)']);
  assert.deepEqual(await problems('title: T\nedits:\n  - insert-after: kw'), ["12:11 a 'insert-after' edit needs a template"]);
  assert.deepEqual(await problems('title: T\nedits:\n  - { capture: kw, template: a }\n  - { delete: kw }'), ['12:9 fix edits target @kw twice; the edits of one fix must not overlap']);
  assert.deepEqual(await problems('title: T\ntemplates: x'), ["10:7 a fix needs 'edits' or 'template'", "11:7 fix: unknown field 'templates' (allowed: title, template, capture, edits, where, import)"]);
  assert.deepEqual(await problems('title: T\ntemplate: x\nwhere:\n  - in-scope: { name: "^k$", as: Key }'), ["13:40 in-scope.as must be a lower-case capture-like name (used as $KEY); got 'Key'"]);
  assert.deepEqual(await problems('title: T\ntemplate: x\nwhere:\n  - scope-matches: "(a+)+"'), ['13:27 scope-matches: a repeated group contains another repetition (nested quantifier); this can backtrack catastrophically']);
  assert.deepEqual(await problems('title: T\ntemplate: x\nimport: { text: "import a" }'), ["12:15 fix.import needs 'present' (a regex) and 'text' (the line to insert)"]);
  assert.deepEqual(await problems('title: T\ntemplate: x\nimport: { present: "x", text: "a\\nb" }'), ['12:37 fix.import.text must be one line']);
  assert.deepEqual(await problems('[]'), ['10:7 fix must be a mapping or a non-empty list of mappings']);
  assert.deepEqual(await problems('- title: A\n  template: x\n- title: B\n  template: $NOPE'), ['7:12 rule security/py-t: the query must capture @nope']);
});

test('delete takes one comma with a list item; replace and delete may touch but never overlap', async () => {
  const fix = 'title: T\nedits:\n  - { capture: cmd, template: "split($CMD)" }\n  - { delete: kw }';
  assert.equal(await fixed(fix, 'run(x, shell=True, check=True)\n'), 'run(split(x), check=True)\n');
  assert.equal(await fixed(fix, 'run(x, shell=True)\n'), 'run(split(x))\n');
  // The keyword argument sits inside the capture being replaced: the edits would overlap, so no fix is offered.
  assert.equal(await fixed('title: T\nedits:\n  - { capture: match, template: y }\n  - { delete: kw }', 'run(x, shell=True)\n'), undefined);
});

test('insert-after adds an indented line after the statement, keeping CRLF line breaks', async () => {
  const { value } = await loadRulePack([{ path: 'j.yml', text: `rules:
  - id: security/js-t
    languages: [javascript]
    category: xss
    severity: warning
    message: m
    query: "(lexical_declaration (variable_declarator name: (identifier) @v value: (call_expression) @match)) @decl"
    fix: { title: T, edits: [{ insert-after: decl, template: "$V.lock();" }] }
` }], await testParsers());
  const code = 'function f() {\r\n    const a = make(); // new\r\n    return a;\r\n}\r\n';
  const [f] = await scan(code, 'javascript', value);
  assert.equal(applyFix(code, f!.fixes![0]!), 'function f() {\r\n    const a = make(); // new\r\n    a.lock();\r\n    return a;\r\n}\r\n');
});

test('imports go below the leading imports, else below a docstring or #! line, and only when missing', async () => {
  const fix = 'title: T\nedits: [{ capture: cmd, template: "shlex.split($CMD)" }]\nimport: { present: "^import shlex$", text: import shlex }';
  assert.equal(await fixed(fix, 'from a import b\nimport c\n\nrun(x, k=1)\n'), 'from a import b\nimport c\nimport shlex\n\nrun(shlex.split(x), k=1)\n');
  assert.equal(await fixed(fix, '#!/usr/bin/env python\nrun(x, k=1)'), '#!/usr/bin/env python\nimport shlex\nrun(shlex.split(x), k=1)');
  assert.equal(await fixed(fix, '"""Doc."""\nrun(x, k=1)\n'), '"""Doc."""\nimport shlex\nrun(shlex.split(x), k=1)\n');
  assert.equal(await fixed(fix, 'import shlex\nrun(x, k=1)\n'), 'import shlex\nrun(shlex.split(x), k=1)\n');
  assert.equal(await fixed(fix, 'import os'.concat('\nrun(x, k=1)')), 'import os\nimport shlex\nrun(shlex.split(x), k=1)');
});

test('alternatives: the first fix whose captures and conditions hold is offered', async () => {
  const fix = [
    '- title: A',
    '  where: [{ document-matches: "^# use-a$" }]',
    '  edits: [{ capture: cmd, template: a }]',
    '- title: B',
    '  where: [{ in-scope: { name: "^key$", as: k } }]',
    '  edits: [{ capture: cmd, template: "$K" }]',
  ].join('\n');
  assert.equal(await fixed(fix, '# use-a\nrun(x, k=1)\n'), '# use-a\nrun(a, k=1)\n');
  assert.equal(await fixed(fix, 'key = 1\nrun(x, k=1)\n'), 'key = 1\nrun(key, k=1)\n');
  assert.equal(await fixed(fix, 'run(x, k=1)\nkey = 1\n'), undefined, 'a name declared later is not in scope yet');
  assert.equal(await fixed(fix, 'def f(key):\n    run(x, k=1)\n'), 'def f(key):\n    run(key, k=1)\n');
});
