import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSpec } from '../../../server/src/core/dfa/spec/parser';
import { checkSpecSymbols, compileSpec } from '../../../server/src/core/dfa/spec/compile';
import { formatSpec } from '../../../server/src/core/dfa/spec/format';
import { DEFAULT_PATTERNS, buildPhraseTrie, mergePatterns } from '../../../server/src/core/dfa/spec/patterns';
import { StateLimitError, accepts } from '../../../server/src/core/dfa/automata/automaton';
import type { DfaProblem } from '../../../server/src/core/dfa/problems';
import { rowsOf } from './helpers';

/** How a spec was read: the formal rendering plus the declared alphabet. */
function reading(text: string): string {
  const r = parseSpec(text);
  assert.deepEqual(r.problems, [], text);
  return formatSpec(r.value!) + (r.value!.alphabet ? ` over {${r.value!.alphabet.symbols.join(',')}}` : '');
}

/** A problem as readable data: rule, the spec text it covers, message, and fixes applied to the text. */
function described(text: string, p: DfaProblem): { rule: string; at: string; message: string; fixes: string[] } {
  const apply = (edits: readonly { span: { start: number; end: number }; newText: string }[]): string =>
    [...edits].sort((a, b) => b.span.start - a.span.start).reduce((t, e) => t.slice(0, e.span.start) + e.newText + t.slice(e.span.end), text);
  return { rule: p.ruleId, at: text.slice(p.span.start, p.span.end), message: p.message, fixes: (p.fixes ?? []).map((f) => apply(f.edits)) };
}

function problemsOf(text: string): ReturnType<typeof described>[] {
  const r = parseSpec(text);
  assert.equal(r.value, undefined, 'a spec with errors has no value');
  return r.problems.map((p) => described(text, p));
}

describe('natural-language readings', () => {
  const cases: [string, string][] = [
    ["not starts with 'bba'", "!startsWith 'bba'"],
    ['In the binary strings, count of 0 is even', '#0 % 2 = 0 over {0,1}'],
    ['For strings over alphabet {a, b}, length is 6 and For strings over alphabet {a, b}, ends with b', "|w| = 6 & endsWith 'b' over {a,b}"],
    ["In the ternary system, not terminating with '1'", "!endsWith '1' over {0,1,2}"],
    ['left-anchored by babba', "startsWith 'babba'"],
    ['has length 5', '|w| = 5'],
    ["has '00' or divisible by 3", "contains '00' | divisibleBy 3"],
    ['exactly 19 characters', '|w| = 19'],
    ['exactly three 1s', '#1 = 3'],
    ['number of 1s is divisible by 3', '#1 % 3 = 0'],
    ['strings having from 4 to 6 0s', '#0 in [4, 6]'],
    ['number of 1s in range [3, 4]', '#1 in [3, 4]'],
    ['strings of length from 4 to 8', '|w| in [4, 8]'],
    ['length greater than or equal to 6 and less than or equal to 11', '|w| >= 6 & |w| <= 11'],
    ['length at least 4 and at most 8', '|w| >= 4 & |w| <= 8'],
    ['length is 3 or 4', '|w| = 3 | |w| = 4'],
    ['has at least 3 1s', '#1 >= 3'],
    ["at least 2 occurrences of 'ab'", "#'ab' >= 2"],
    ["number of a's is not even", '!#a % 2 = 0'],
    ['even length', '|w| % 2 = 0'],
    ['value mod 3 is 1', 'val % 3 = 1'],
    ['the third symbol from the end is 1', "w[-3] = '1'"],
    ['second-to-last symbol is not b', "!w[-2] = 'b'"],
    ['the last symbol is 0', "w[-1] = '0'"],
    ['no two consecutive 1s', "noConsecutive '1'"],
    ['the empty string', '|w| = 0'],
    ['strings over {a,b} that start with a but not end with b', "startsWith 'a' & !endsWith 'b' over {a,b}"],
    ['(starts with a or ends with b) and not contains aa', "(startsWith 'a' | endsWith 'b') & !contains 'aa'"],
    ['not (starts with a or ends with b)', "!(startsWith 'a' | endsWith 'b')"],
    ['contains ε', "contains ''"],
    ['has an odd number of 1s', '#1 % 2 = 1'],
    ["contains 'ab' at least twice", "#'ab' >= 2"],
    ['contains 1 exactly 3 times', '#1 = 3'],
    ["words over {a,b,c} in which the number of a's is 2 mod 3", '#a % 3 = 2 over {a,b,c}'],
    ['neither starts with a nor ends with b', "!startsWith 'a' & !endsWith 'b'"],
  ];
  for (const [text, formal] of cases) it(text, () => assert.equal(reading(text), formal));
});

describe('formal syntax', () => {
  it('uses the usual precedence ! > & > | for symbolic operators', () => {
    assert.equal(reading("startsWith 'a' | startsWith 'b' & !contains 'bb'"), "startsWith 'a' | startsWith 'b' & !contains 'bb'");
    assert.equal(reading("(startsWith 'a' | startsWith 'b') & |w| >= 3"), "(startsWith 'a' | startsWith 'b') & |w| >= 3");
  });

  it('reads counts, lengths, values and positions', () => {
    assert.equal(reading("#a % 2 = 0 & #'ab' < 2 & |w| in [1, 4] & val % 5 = 3 & w[2] = 'b' & w[-1] = 'a'"), "#a % 2 = 0 & #'ab' < 2 & |w| in [1, 4] & val % 5 = 3 & w[2] = 'b' & w[-1] = 'a'");
  });
});

describe('unreadable and ambiguous specs are errors with spans, never guesses', () => {
  it('mixing the words and/or offers both parenthesisations', () => {
    assert.deepEqual(problemsOf('starts with 0 or starts with 1 and length is 3'), [
      {
        rule: 'dfa/spec-ambiguous',
        at: 'starts with 0 or starts with 1 and length is 3',
        message: '"and" and "or" are mixed without parentheses, so this reads two ways: "starts with 0 or (starts with 1 and length is 3)" or "(starts with 0 or starts with 1) and length is 3"; add parentheses',
        fixes: ['starts with 0 or (starts with 1 and length is 3)', '(starts with 0 or starts with 1) and length is 3'],
      },
    ]);
  });

  it('suggests the closest known phrase', () => {
    assert.deepEqual(problemsOf('strings that strats with 0'), [
      { rule: 'dfa/spec-unreadable', at: 'strats with 0', message: 'cannot read "strats with 0"; did you mean "starts with"?', fixes: ['strings that starts with 0'] },
    ]);
    assert.deepEqual(problemsOf('In the in binary, divisible by 25'), [
      { rule: 'dfa/spec-unreadable', at: 'In the in binary', message: 'cannot read "In the in binary"; did you mean "in the binary"?', fixes: ['in the binary, divisible by 25'] },
    ]);
  });

  it('asks which symbol a bare "count" means (the seed read it as divisibility)', () => {
    assert.deepEqual(problemsOf('count mod 5 is 0'), [
      {
        rule: 'dfa/spec-unreadable',
        at: 'count',
        message: '"count" of which symbol? Write e.g. "count of 1 mod 5 is 0"; for the length write "length mod 5 is 0", for the value "divisible by 5"',
        fixes: [],
      },
    ]);
  });

  it('reports a phrase without its pattern', () => {
    assert.deepEqual(problemsOf('For ten-digit, doesnt contain'), [
      { rule: 'dfa/spec-unreadable', at: '', message: `missing the pattern after "doesnt contain"; write it in quotes, e.g. doesnt contain '01'`, fixes: [] },
    ]);
  });

  it('refuses a comparison without a subject', () => {
    assert.deepEqual(problemsOf('at least 3'), [
      { rule: 'dfa/spec-unreadable', at: 'at least 3', message: 'a comparison without a subject: say what is compared, e.g. "length at least 3", "at least 3 characters" or "at least 3 1s"', fixes: [] },
    ]);
  });

  it('reports every error, not just the first', () => {
    // The comma after "1" is not reported again: the unreadable "1" already was.
    assert.deepEqual(
      problemsOf("starts with 0 or 1, ends with 'x").map((p) => [p.at, p.message]),
      [
        ['1', '"1" is not a condition; to combine patterns, repeat the phrase (e.g. "starts with 0 or starts with 1")'],
        ["'x", 'unclosed quote \''],
      ],
    );
  });

  it('reports conflicting alphabets, parentheses and empty specs', () => {
    assert.deepEqual(problemsOf('in binary, starts with 0 and over {a,b}, ends with a').map((p) => [p.at, p.message]), [['over {a,b}', 'conflicting alphabets: {0, 1} was declared before']]);
    assert.deepEqual(problemsOf('(starts with a').map((p) => p.message), ['this "(" is never closed']);
    assert.deepEqual(problemsOf('   ').map((p) => p.message), ['the spec is empty']);
    assert.deepEqual(problemsOf('starts with 0, ends with 1').map((p) => [p.at, p.message]), [[',', 'a comma does not join conditions; write "and" or "or"']]);
  });
});

describe('compiling specs', () => {
  it('gives the exact minimal DFA', () => {
    assert.deepEqual(rowsOf(compileSpec(parseSpec('ends with 01').value!, ['0', '1'])), [
      [false, 1, 0],
      [false, 1, 2],
      [true, 1, 0],
    ]);
  });

  it('reads divisibility in base |Σ| with digits in the declared order; ε is accepted', () => {
    const spec = parseSpec('divisible by 3').value!;
    const ternary = compileSpec(spec, ['0', '1', '2']);
    assert.equal(accepts(ternary, ''), true);
    assert.equal(accepts(ternary, '10'), true); // 1·3 + 0 = 3
    assert.equal(accepts(ternary, '11'), false); // 4
    // Declared order {b, a}: b is digit 0 and a is digit 1.
    const reversed = compileSpec(spec, ['b', 'a']);
    assert.equal(accepts(reversed, 'aa'), true); // 1·2 + 1 = 3
    assert.equal(accepts(reversed, 'ab'), false); // 1·2 + 0 = 2
  });

  it('reports symbols outside the alphabet at the pattern', () => {
    const text = "starts with 'ab2' and number of 3s is even";
    const spec = parseSpec(text).value!;
    assert.deepEqual(
      checkSpecSymbols(spec, ['a', 'b']).map((p) => described(text, p)),
      [
        { rule: 'dfa/spec-foreign-symbol', at: "'ab2'", message: '"2" is not in the alphabet {a, b}', fixes: [] },
        { rule: 'dfa/spec-foreign-symbol', at: '3s', message: '"3" is not in the alphabet {a, b}', fixes: [] },
      ],
    );
  });

  it('throws a StateLimitError past the limit', () => {
    const spec = parseSpec('divisible by 45 and divisible by 47').value!;
    assert.throws(() => compileSpec(spec, ['0', '1'], { limit: 2000 }), StateLimitError);
    assert.equal(compileSpec(spec, ['0', '1'], { limit: 3000 }).stateCount, 45 * 47);
  });
});

describe('pattern tables', () => {
  it('the defaults have no phrase listed under two meanings', () => {
    assert.deepEqual(buildPhraseTrie(DEFAULT_PATTERNS).conflicts, []);
  });

  it('configured synonyms extend the defaults', () => {
    const patterns = mergePatterns(DEFAULT_PATTERNS, { startsWith: ['opens with'] });
    assert.equal(formatSpec(parseSpec('opens with ab', { patterns }).value!), "startsWith 'ab'");
    assert.equal(parseSpec('opens with ab').value, undefined);
  });
});
