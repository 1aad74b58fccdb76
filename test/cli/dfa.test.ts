/**
 * `argus dfa generate` and `argus dfa check`, through the real bundle
 * (`npm run build` first): exact output, diagnostics and exit codes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST } from '../helpers/workspace';

function argus(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'dfa', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-dfa-cli-'));

test('generate: the minimal complete DFA as JSON in the documented shape', () => {
  const r = argus(dir, 'generate', "in binary, ends with '01'");
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.deepEqual(JSON.parse(r.stdout), {
    alphabet: ['0', '1'],
    states: ['q0', 'q1', 'q2'],
    start: 'q0',
    accept: ['q2'],
    transitions: { q0: { '0': 'q1', '1': 'q0' }, q1: { '0': 'q1', '1': 'q2' }, q2: { '0': 'q1', '1': 'q0' } },
  });
});

test('generate: --format dot and --format dfa, with --alphabet for a spec without a header', () => {
  const dot = argus(dir, 'generate', 'ends with 01', '--alphabet', '{0,1}', '--format', 'dot');
  assert.equal(dot.code, 0, dot.stderr);
  assert.equal(dot.stdout.split('\n').filter((l) => l.includes('->')).length, 7);
  assert.ok(dot.stdout.startsWith('digraph dfa {\n  rankdir=LR;\n'));
  assert.ok(dot.stdout.includes('"q2" [shape=doublecircle];'));
  const text = argus(dir, 'generate', 'over {a, b}: even number of as', '--format=dfa');
  assert.equal(text.code, 0, text.stderr);
  assert.equal(text.stdout, 'machine M\n  spec: over {a, b}: even number of as\n  alphabet: {a, b}\n  states: q0, q1\n  start: q0\n  accepting: q0\n  q0 -a-> q1\n  q0 -b-> q0\n  q1 -a-> q0\n  q1 -b-> q1\n');
  // What generate writes, check accepts without an error.
  writeFileSync(path.join(dir, 'gen.dfa'), text.stdout);
  assert.equal(argus(dir, 'check', 'gen.dfa').code, 0);
});

test('generate: an unreadable spec exits 2 with the message, a caret under the span and the suggestion', () => {
  const r = argus(dir, 'generate', 'lenght is 3', '--alphabet', 'binary');
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, ['argus: the spec cannot be read', 'error dfa/spec-unreadable: cannot read "lenght is 3"; did you mean "length"?', '  lenght is 3', '  ^^^^^^^^^^^', '  suggestion: Change to "length" → length is 3', ''].join('\n'));
  const ambiguous = argus(dir, 'generate', 'ends with 1 or starts with 0 and length is 3', '--alphabet', 'binary');
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.stderr, /error dfa\/spec-ambiguous: .*\n {2}ends with 1 or starts with 0 and length is 3\n {2}\^{44}\n {2}suggestion: Add parentheses: ends with 1 or \(starts with 0 and length is 3\)\n {2}suggestion: Add parentheses: \(ends with 1 or starts with 0\) and length is 3\n$/);
});

test('generate: no alphabet, bad options and a missing spec are exit 2', () => {
  assert.deepEqual([argus(dir, 'generate', 'ends with 1').code, argus(dir, 'generate', 'ends with 1').stderr], [2, 'argus: the spec declares no alphabet; add a header ("in binary, …", "over {a, b}: …") or pass --alphabet "{0,1}"\n']);
  const bad = argus(dir, 'generate', 'ends with 1', '--format', 'png');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^argus: --format must be one of json, dot, dfa \(got 'png'\)\n\nUsage:\n {2}argus dfa generate/);
  assert.equal(argus(dir, 'generate').code, 2);
  assert.equal(argus(dir).code, 2);
  assert.equal(argus(dir, 'frobnicate').code, 2);
  assert.equal(argus(dir, '--help').code, 0);
});

test('check: file:line:col severity rule-id message, exit 1 on errors', () => {
  writeFileSync(path.join(dir, 'wrong.dfa'), ['machine ends_in_1', '  spec: ends with 1', '  alphabet: {0, 1}', '  start: a', '  accepting: b', '  a -0-> a', '  a -1-> b', '  b -0-> b', '  b -1-> b', '  accepts: 1, 10', ''].join('\n'));
  const r = argus(dir, 'check', 'wrong.dfa');
  assert.equal(r.code, 1, r.stderr);
  assert.equal(
    r.stdout,
    [
      'wrong.dfa:2:9 error dfa/spec-mismatch the machine accepts `10`, which the spec rejects (shortest counterexample)',
      'wrong.dfa:10:15 warning dfa/vector-contradicts-spec `10` is listed under accepts, but the spec rejects it',
      '2 findings (1 error, 1 warning, 0 info, 0 hint) in 1 file',
      '',
    ].join('\n'),
  );
});

test('check: a clean .dfa.json is exit 0; hints alone do not fail', () => {
  writeFileSync(path.join(dir, 'ok.dfa.json'), JSON.stringify({ prompt: 'ends with 1', alphabet: ['0', '1'], states: ['q0', 'q1'], start_state: 'q0', accept_states: ['q1'], transitions: { q0: { '0': 'q0', '1': 'q1' }, q1: { '0': 'q0', '1': 'q1' } }, must_accept: ['1'], must_reject: [''] }));
  const r = argus(dir, 'check', 'ok.dfa.json');
  assert.deepEqual([r.code, r.stdout], [0, '0 findings (0 error, 0 warning, 0 info, 0 hint) in 1 file\n']);
});

test('check: usage errors are exit 2', () => {
  writeFileSync(path.join(dir, 'notes.txt'), 'x');
  assert.match(argus(dir, 'check', 'notes.txt').stderr, /^argus: notes.txt: argus dfa check reads .dfa and .dfa.json files/);
  assert.equal(argus(dir, 'check', 'notes.txt').code, 2);
  assert.equal(argus(dir, 'check', 'missing.dfa').code, 2);
  assert.equal(argus(dir, 'check').code, 2);
});
