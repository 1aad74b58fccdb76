import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_PATTERNS, parseSpec } from '../../../server/src/core/dfa';
import { UsageError } from '../../../server/src/cli/args';
import { loadPatterns, parseAlphabet, parseOptions } from '../../../server/src/cli/dfa/options';
import { renderSpecProblems, runGenerate } from '../../../server/src/cli/dfa/generate';

describe('dfa options', () => {
  it('parses values, flags, --name=value and "--"', () => {
    const a = parseOptions(['x', '--jobs', '2', '--no-cache', '--out=o', '--', '--literal'], { '--jobs': 'value', '--no-cache': 'flag', '--out': 'value' });
    assert.deepEqual(a.positionals, ['x', '--literal']);
    assert.deepEqual([...a.values], [['--jobs', '2'], ['--out', 'o']]);
    assert.deepEqual([...a.flags], ['--no-cache']);
  });

  it('rejects unknown options, missing values and values on flags', () => {
    assert.throws(() => parseOptions(['--nope'], {}), (e: unknown) => e instanceof UsageError && e.message === "unknown option '--nope'");
    assert.throws(() => parseOptions(['--jobs'], { '--jobs': 'value' }), /--jobs needs a value/);
    assert.throws(() => parseOptions(['--no-cache=1'], { '--no-cache': 'flag' }), /takes no value/);
  });

  it('reads alphabets by name or as sets, keeping the order', () => {
    assert.deepEqual(parseAlphabet('{0,1}'), ['0', '1']);
    assert.deepEqual(parseAlphabet('binary'), ['0', '1']);
    assert.deepEqual(parseAlphabet('{b, a}'), ['b', 'a']);
    assert.deepEqual(parseAlphabet('0-3 x'), ['0', '1', '2', '3', 'x']);
    assert.equal(parseAlphabet('HEX').length, 16);
    assert.throws(() => parseAlphabet('{ab}'), /'ab' is not one/);
    assert.throws(() => parseAlphabet('{a, a}'), /listed twice/);
    assert.throws(() => parseAlphabet('{}'), /is empty/);
  });

  it('--patterns adds phrases to the built-in table and rejects unknown kinds', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-pat-'));
    const good = path.join(dir, 'p.json');
    writeFileSync(good, JSON.stringify({ startsWith: ['opens with'] }));
    const patterns = loadPatterns(good)!;
    assert.deepEqual(patterns.startsWith, [...DEFAULT_PATTERNS.startsWith, 'opens with']);
    assert.notEqual(parseSpec('opens with 1', { patterns }).value, undefined);
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ beginsWith: ['x'] }));
    assert.throws(() => loadPatterns(bad), /unknown phrase kind 'beginsWith'/);
    assert.equal(loadPatterns(undefined), undefined);
  });
});

describe('dfa generate', () => {
  const run = (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = runGenerate(argv, { out: (t) => void out.push(t), err: (t) => void err.push(t) });
    return { code, out: out.join(''), err: err.join('') };
  };

  it('puts carets under the span, by code point, and shows what each fix would give', () => {
    // '𝟘' is two UTF-16 units but one column.
    const text = "contains '𝟘' or strats with 1";
    const rendered = renderSpecProblems(text, parseSpec(text).problems);
    assert.equal(rendered, ['error dfa/spec-unreadable: cannot read "strats with 1"; did you mean "starts with"?', `  ${text}`, `  ${' '.repeat(16)}^^^^^^^^^^^^^`, `  suggestion: Change to "starts with" → contains '𝟘' or starts with 1`, ''].join('\n'));
  });

  it('the declared alphabet must agree with --alphabet; a foreign pattern and the state limit are exit 2', () => {
    assert.equal(run('in binary, ends with 1', '--alphabet', '{0,1}').code, 0);
    const clash = run('in binary, ends with 1', '--alphabet', '{a,b}');
    assert.deepEqual([clash.code, clash.err], [2, 'argus: the spec declares the alphabet {0, 1} but --alphabet is {a, b}\n']);
    const foreign = run("contains 'ab'", '--alphabet', 'binary');
    assert.equal(foreign.code, 2);
    assert.match(foreign.err, /error dfa\/spec-foreign-symbol: "a", "b" are not in the alphabet \{0, 1\}\n {2}contains 'ab'\n {11}\^\^\^\^\n/);
    const big = run('divisible by 45 and divisible by 47', '--alphabet', 'binary', '--max-states', '100');
    assert.deepEqual([big.code, big.err.startsWith('argus: ') && big.err.includes('raise --max-states')], [2, true]);
  });

  it('warns (exit 0) about empty and universal languages', () => {
    const empty = run('length is 3 and length is 4', '--alphabet', 'binary', '--format', 'dot');
    assert.deepEqual([empty.code, empty.err], [0, 'warning dfa/spec-empty-language: no string satisfies the spec\n']);
    assert.equal(run('contains ε', '--alphabet', 'binary').err, 'warning dfa/spec-tautology: every string satisfies the spec\n');
  });
});
