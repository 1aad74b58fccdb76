import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { splitList, verifySuite, type SuiteRow } from '../../../server/src/core/dfa/suite';

const BIN = { defaultAlphabet: ['0', '1'] };
const verdict = (row: SuiteRow, options = BIN) => verifySuite([row], options).verdicts[0]!;

describe('suite rows: statuses', () => {
  it('PASS when every label agrees with the exact oracle', () => {
    const v = verdict({ prompt: 'ends with 01', mustAccept: '01;101', mustReject: '10;1' });
    assert.equal(v.status, 'PASS');
    assert.equal(v.reading, "endsWith '01'");
    assert.deepEqual(v.flags, []);
  });

  it('FAIL with the labels the oracle disagrees with', () => {
    // A range row labelled as the seed did: bounds compared as strings.
    const v = verdict({ prompt: 'length between 7 and 11', mustAccept: '0000000', mustReject: '000000000' });
    assert.equal(v.status, 'FAIL');
    assert.deepEqual(v.messages, ['labelled reject but the spec accepts 000000000']);
    assert.deepEqual(v.disagreements, [{ word: '000000000', labelled: 'reject', foreign: false }]);
  });

  it('reads divisibility in base |Σ|, so base-10 labels for ternary fail', () => {
    const v = verdict({ prompt: 'In the ternary system, divisible by 2', mustAccept: '10', mustReject: '' });
    assert.equal(v.status, 'FAIL');
    assert.deepEqual(v.messages, ['labelled accept but the spec rejects 10']);
  });

  it('INVALID_SPEC for unreadable prompts and prompts without an alphabet', () => {
    assert.deepEqual(verdict({ prompt: 'count mod 5 is 0' }).status, 'INVALID_SPEC');
    const v = verifySuite([{ prompt: 'ends with 1' }]).verdicts[0]!;
    assert.equal(v.status, 'INVALID_SPEC');
    assert.deepEqual(v.messages, ['the prompt declares no alphabet and no default alphabet is configured']);
    assert.deepEqual(verdict({ prompt: "includes 'bae'" }).messages, ['"b", "a", "e" are not in the alphabet {0, 1}']);
  });

  it('ERROR with the error class when the state limit is hit', () => {
    const v = verdict({ prompt: 'divisible by 45 and divisible by 47' }, { ...BIN, limit: 2000 } as typeof BIN);
    assert.equal(v.status, 'ERROR');
    assert.equal(v.errorClass, 'StateLimitError');
  });

  it('checks a machine under test exactly, with INVALID_DFA for broken machines', () => {
    const machine = (accept: string) => JSON.stringify({ states: ['q0', 'q1'], alphabet: ['0', '1'], transitions: { q0: { '0': 'q0', '1': 'q1' }, q1: { '0': 'q0', '1': 'q1' } }, start_state: 'q0', accept_states: [accept] });
    assert.equal(verdict({ prompt: 'ends with 1', dfa: machine('q1') }).status, 'PASS');
    const wrong = verdict({ prompt: 'ends with 1', dfa: machine('q0') });
    assert.equal(wrong.status, 'FAIL');
    assert.deepEqual(wrong.counterexample, { word: '', acceptedBy: 'dfa' });
    assert.deepEqual(wrong.messages, ['the DFA accepts ε, which the spec rejects (shortest counterexample)']);
    const broken = verdict({ prompt: 'ends with 1', dfa: machine('q7') });
    assert.equal(broken.status, 'INVALID_DFA');
    assert.deepEqual(broken.messages, ['state q7 is not declared in "states:"']);
  });
});

describe('suite rows: data flaws are flagged, never skipped', () => {
  it('flags duplicate prompts (case and spacing ignored)', () => {
    const { verdicts } = verifySuite([{ prompt: 'ends with 1' }, { prompt: 'Ends  with 1' }], BIN);
    assert.deepEqual(verdicts.map((v) => v.flags.map((f) => f.kind)), [['vacuous'], ['duplicate-prompt', 'vacuous']]);
    assert.equal(verdicts[1]!.flags[0]!.message, 'same prompt as row 1');
  });

  it('flags strings outside the alphabet; an "accept" label on one is wrong', () => {
    const v = verdict({ prompt: 'In binary, divisible by 46', mustAccept: '460;101110', mustReject: '4646' });
    assert.equal(v.status, 'FAIL');
    assert.deepEqual(v.disagreements, [{ word: '460', labelled: 'accept', foreign: true }]);
    assert.deepEqual(v.flags, [{ kind: 'foreign-symbol', message: '2 of 3 strings use symbols outside {0, 1}' }]);
  });

  it('flags ε written as an empty item, and vacuous rows', () => {
    assert.deepEqual(splitList(';111;10'), { words: ['', '111', '10'], ambiguous: true });
    assert.deepEqual(splitList(''), { words: [], ambiguous: true });
    const v = verdict({ prompt: 'divisible by 3', mustAccept: ';', mustReject: '' });
    assert.deepEqual(v.flags.map((f) => f.kind), ['epsilon-ambiguous', 'vacuous']);
  });

  it('flags contradictions the labels miss and contradictions that are not', () => {
    assert.deepEqual(verdict({ prompt: "terminates with '0' and terminates with '11'", isContradiction: 'false' }).flags.map((f) => f.kind), ['vacuous', 'undetected-contradiction']);
    assert.deepEqual(verdict({ prompt: 'length is 3 or length is 4', mustAccept: '000', isContradiction: 'true' }).flags.map((f) => f.kind), ['false-contradiction']);
  });

  it('flags a type label that disagrees with the reading', () => {
    const v = verdict({ prompt: 'number of 1s is divisible by 3', expectedType: 'DIVISIBLE_BY', mustAccept: '111', mustReject: '1' });
    assert.equal(v.status, 'PASS');
    assert.deepEqual(v.flags, [{ kind: 'type-mismatch', message: 'labelled DIVISIBLE_BY, read as COUNT_MOD' }]);
  });

  it('summarises statuses and flags', () => {
    const { summary } = verifySuite([{ prompt: 'ends with 1', mustAccept: '1', mustReject: '0' }, { prompt: 'strats with 1' }, { prompt: 'ends with 1', mustAccept: '0' }], BIN);
    assert.deepEqual(summary, { PASS: 1, FAIL: 1, INVALID_SPEC: 1, INVALID_DFA: 0, ERROR: 0, flags: { 'duplicate-prompt': 1 } });
  });
});

it('suite rows with a machine: wrong labels still fail the row; no vacuous or ε noise without strings', () => {
  const endsWith1 = JSON.stringify({ states: ['a', 'b'], alphabet: ['0', '1'], transitions: { a: { '0': 'a', '1': 'b' }, b: { '0': 'a', '1': 'b' } }, start_state: 'a', accept_states: ['b'] });
  const [wrongLabels, machineOnly] = verifySuite(
    [
      { prompt: 'ends with 1', mustAccept: '0', mustReject: '1', dfa: endsWith1 },
      { prompt: 'ends with 1', dfa: endsWith1 },
    ],
    { defaultAlphabet: ['0', '1'] },
  ).verdicts;
  assert.equal(wrongLabels!.status, 'FAIL');
  assert.deepEqual(wrongLabels!.messages, ['labelled accept but the spec rejects 0', 'labelled reject but the spec accepts 1']);
  assert.equal(machineOnly!.status, 'PASS');
  assert.deepEqual(machineOnly!.flags.map((f) => f.kind), ['duplicate-prompt']);
});
