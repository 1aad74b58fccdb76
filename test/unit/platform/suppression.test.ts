import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySuppressions } from '../../../server/src/core/suppression/apply';
import { disableForFileEdit, disableForLineEdit } from '../../../server/src/core/suppression/insert';
import { LineIndex } from '../../../server/src/core/model/text';
import type { Finding } from '../../../server/src/core/model/finding';

function findingAt(text: string, marker: string, ruleId: string, category = 'code-injection'): Finding {
  const idx = new LineIndex(text);
  const o = text.indexOf(marker);
  return { ruleId, engine: 'security', category, severity: 'warning', range: idx.rangeOf(o, o + marker.length), message: 'm', fingerprint: `${ruleId}@${o}` };
}

test('argus-ignore-next-line suppresses only the named rule on the next line', () => {
  const text = 'a();\n// argus-ignore-next-line security/js-eval -- constant input\neval(x); other(x);\neval(y);\n';
  const idx = new LineIndex(text);
  const f1 = findingAt(text, 'eval(x)', 'security/js-eval');
  const f2 = findingAt(text, 'other(x)', 'security/js-other');
  const f3 = findingAt(text, 'eval(y)', 'security/js-eval');
  const r = applySuppressions([f1, f2, f3], idx);
  assert.deepEqual(r.suppressed, [f1]);
  assert.deepEqual(r.kept, [f2, f3]);
  assert.deepEqual(r.unused, []);
});

test('aliases: nosemgrep, eslint-disable-next-line, NOSONAR, gitleaks:allow (secrets only)', () => {
  const text = [
    'eval(a); // nosemgrep',
    '// nosemgrep: js-eval',
    'eval(b);',
    '// eslint-disable-next-line no-console',
    'eval(c);',
    'eval(d); // NOSONAR',
    'key = "AKIA..."; eval(e); // gitleaks:allow',
  ].join('\n');
  const idx = new LineIndex(text);
  const a = findingAt(text, 'eval(a)', 'security/js-eval');
  const b = findingAt(text, 'eval(b)', 'security/js-eval');
  const c = findingAt(text, 'eval(c)', 'security/js-eval');
  const d = findingAt(text, 'eval(d)', 'security/js-eval');
  const secret = findingAt(text, '"AKIA..."', 'security/secret-aws-access-key', 'secrets');
  const e = findingAt(text, 'eval(e)', 'security/js-eval');
  const r = applySuppressions([a, b, c, d, secret, e], idx);
  assert.deepEqual(r.suppressed, [a, b, d, secret]);
  assert.deepEqual(r.kept, [c, e], 'eslint ids that are not ours and gitleaks:allow on non-secrets suppress nothing');
  assert.deepEqual(r.unused, [], 'unused aliases may belong to other tools and are never reported');
});

test('an argus directive that suppresses nothing gets an unnecessary-tagged hint with a removal fix', () => {
  const text = 'x = 1\n# argus-ignore-next-line security/py-eval\ny = 2\nz = 3  # argus-ignore-file review/todo\n';
  const idx = new LineIndex(text);
  const r = applySuppressions([], idx);
  assert.equal(r.unused.length, 2);
  const [own, trailing] = r.unused;
  assert.equal(own!.ruleId, 'suppression/unused');
  assert.equal(own!.message, 'This argus-ignore-next-line directive (security/py-eval) suppresses nothing.');
  assert.deepEqual(own!.tags, ['unnecessary']);
  assert.deepEqual(own!.fixes![0]!.edits, [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, newText: '' }]);
  assert.deepEqual(trailing!.fixes![0]!.edits, [{ range: { start: { line: 3, character: 5 }, end: { line: 3, character: text.split('\n')[3]!.length } }, newText: '' }]);
});

test('argus-ignore-file with a glob suppresses the whole file', () => {
  const text = '// argus-ignore-file review/*\nfunction f() {}\n';
  const f = findingAt(text, 'f()', 'review/cognitive-complexity');
  const r = applySuppressions([f], new LineIndex(text));
  assert.deepEqual(r.suppressed, [f]);
});

test('disable-for-line inserts an indented directive, or appends to an existing one', () => {
  const text = 'def f():\n    return eval(x)\n';
  const idx = new LineIndex(text);
  assert.deepEqual(disableForLineEdit('python', idx, 1, 'security/py-eval'), { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '    # argus-ignore-next-line security/py-eval\n' });
  const text2 = '  // argus-ignore-next-line security/js-a\n  eval(x);\n';
  assert.deepEqual(disableForLineEdit('javascript', new LineIndex(text2), 1, 'security/js-b'), { range: { start: { line: 0, character: text2.indexOf('\n') }, end: { line: 0, character: text2.indexOf('\n') } }, newText: ', security/js-b' });
  assert.deepEqual(disableForFileEdit('php', new LineIndex('<?php\necho 1;\n'), 'security/php-x'), { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '// argus-ignore-file security/php-x\n' });
});
