import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/types';
import { makeDocument } from '../../../server/src/core/document';
import { createDfaEngine } from '../../../server/src/core/dfa';
import { analyze, applyEdits, assertFindings, fixOf, fixture, locate, only } from './engineHelpers';
import { rangeOf } from './helpers';

describe('structural errors', () => {
  it('reports every structural error of every machine', async () => {
    const text = fixture('structure-errors.dfa');
    const r = await analyze(text);
    assertFindings(text, r.findings, [
      { rule: 'dfa/unknown-state', severity: 'error', at: 'q9', message: 'state q9 is not declared in "states:"' },
      { rule: 'dfa/duplicate-transition', severity: 'error', at: 'q0', in: 'q0 -1-> q0', nth: 1, message: 'a second transition on 1: it already goes to q1, so the machine is not deterministic' },
      { rule: 'dfa/foreign-symbol', severity: 'error', at: '2', in: 'q1 -2-> q1', message: 'symbol 2 is not in the alphabet {0, 1}' },
      { rule: 'dfa/unknown-state', severity: 'error', at: 'qx', message: 'state qx is not declared in "states:"' },
      { rule: 'dfa/syntax', severity: 'error', at: 'strat', message: 'unknown key "strat"; did you mean "start:"?' },
      { rule: 'dfa/missing-start', severity: 'error', at: 'machine no_start', message: 'the machine has no start state; add a line such as "start: q0"' },
    ]);
    assert.deepEqual(
      r.findings.find((f) => f.ruleId === 'dfa/syntax')!.fixes!.map((f) => f.title),
      ['Change to "start"'],
    );
  });

  it('still checks the spec of a machine with structural errors, but not its meaning', async () => {
    const r = await analyze(fixture('structure-errors.dfa'));
    const verdicts = (r.fileData as { machines: { name: string; equivalent: unknown; reading: unknown }[] }).machines;
    assert.deepEqual(verdicts.map((v) => [v.name, v.equivalent, v.reading]), [['broken', null, "endsWith '1'"], ['no_start', null, null]]);
  });

  it('applies the state limit from the configuration', async () => {
    const text = 'machine big\n  alphabet: {a}\n  start: s1\n  accepting: s3\n  s1 -a-> s2\n  s2 -a-> s3\n  s3 -a-> s4\n  s4 -a-> s1\n';
    const config = { ...DEFAULT_CONFIG, thresholds: { ...DEFAULT_CONFIG.thresholds, 'dfa.maxStates': 3 } };
    const r = await analyze(text, 'dfa', config);
    assertFindings(text, r.findings, [{ rule: 'dfa/state-limit', severity: 'error', at: 'machine big', message: 'the machine has 4 states, more than the limit of 3 (dfa.maxStates)' }]);
  });
});

describe('structural hints and their fixes', () => {
  const text = fixture('hints.dfa');

  it('reports unreachable states, non-minimality and missing transitions', async () => {
    const r = await analyze(text);
    assertFindings(text, r.findings, [
      { rule: 'dfa/not-minimal', severity: 'hint', at: 'even_as', message: 'the machine is not minimal: 4 reachable states where 2 suffice (equivalent: e0 ≡ e2; o1 ≡ o3)' },
      { rule: 'dfa/unreachable-state', severity: 'warning', at: 'lost', message: 'state lost cannot be reached from the start state e0' },
      { rule: 'dfa/missing-transition', severity: 'info', at: 's', in: ' s, a1, ok', message: 's has no transition on b; a missing transition goes to an implicit dead state, so such words are rejected' },
      { rule: 'dfa/missing-transition', severity: 'info', at: 'a1', message: 'a1 has no transition on a; a missing transition goes to an implicit dead state, so such words are rejected' },
    ]);
    assert.deepEqual(only(r.findings, 'dfa/unreachable-state').tags, ['unnecessary']);
  });

  it('"Remove unreachable state" deletes its lines and list entries', async () => {
    const r = await analyze(text);
    const fixed = applyEdits(text, fixOf(only(r.findings, 'dfa/unreachable-state'), 'Remove unreachable state lost'));
    assert.equal(fixed, text.replace('e0, o1, e2, o3, lost', 'e0, o1, e2, o3').replace('e0, e2, lost', 'e0, e2').replace('  lost -a,b-> lost\n', ''));
    assert.deepEqual((await analyze(fixed)).findings.filter((f) => f.ruleId === 'dfa/unreachable-state'), []);
  });

  it('"Minimise" rewrites the structure with the kept names', async () => {
    const r = await analyze(text);
    const fixed = applyEdits(text, fixOf(only(r.findings, 'dfa/not-minimal'), 'Minimise the machine'));
    const firstMachine = fixed.slice(0, fixed.indexOf('machine partial'));
    assert.equal(
      firstMachine,
      [
        "// Valid, but with everything a reviewer would point out.",
        'machine even_as',
        "  spec: even number of a's",
        '  alphabet: {a, b}',
        '  states: e0, o1',
        '  start: e0',
        '  accepting: e0',
        '  e0 -a-> o1',
        '  e0 -b-> e0',
        '  o1 -a-> e0',
        '  o1 -b-> o1',
        '',
        '',
      ].join('\n'),
    );
    const again = await analyze(fixed);
    assert.deepEqual(again.findings.filter((f) => f.ruleId.startsWith('dfa/') && f.range.start.line < 12), []);
  });

  it('"Add an explicit dead state" completes the machine without changing its language', async () => {
    const r = await analyze(text);
    const fixed = applyEdits(text, fixOf(only(r.findings, 'dfa/missing-transition'), 'Add an explicit dead state'));
    assert.equal(fixed, text.replace('states: s, a1, ok', 'states: s, a1, ok, dead').replace('  ok -a,b-> ok\n', '  ok -a,b-> ok\n  s -b-> dead\n  a1 -a-> dead\n  dead -a,b-> dead\n'));
    const again = await analyze(fixed);
    assert.deepEqual(again.findings.filter((f) => f.ruleId === 'dfa/missing-transition' || f.ruleId === 'dfa/spec-mismatch'), []);
  });
});

describe('meaning: machine against spec and test vectors', () => {
  const text = fixture('meaning.dfa');

  it('reports the shortest counterexample, failing vectors and vectors against the spec', async () => {
    const r = await analyze(text);
    assertFindings(text, r.findings, [
      { rule: 'dfa/spec-mismatch', severity: 'error', at: 'the second symbol from the end is 1', message: 'the machine accepts `1`, which the spec rejects (shortest counterexample)' },
      { rule: 'dfa/vector-failed', severity: 'error', at: '0', in: 'accepts: 10, 11, 0', nth: 1, message: 'the machine rejects `0` (its run ends in a), but it is listed under accepts' },
      { rule: 'dfa/vector-contradicts-spec', severity: 'warning', at: '0', in: 'accepts: 10, 11, 0', nth: 1, message: '`0` is listed under accepts, but the spec rejects it' },
      { rule: 'dfa/vector-failed', severity: 'error', at: '01', in: 'rejects: 01, 2', message: 'the machine accepts `01` (its run ends in b), but it is listed under rejects' },
      { rule: 'dfa/vector-foreign-symbol', severity: 'error', at: '2', in: 'rejects: 01, 2', message: '`2` uses 2, which is not in the alphabet {0, 1}; such a test can never run' },
      { rule: 'dfa/spec-mismatch', severity: 'error', at: '(starts with a or ends with b) and length is at most 2', message: 'the machine rejects `bb`, which the spec accepts (shortest counterexample)' },
    ]);
  });

  it('points related information at each transition of the counterexample run', async () => {
    const r = await analyze(text);
    const mismatch = only(r.findings, 'dfa/spec-mismatch', 1);
    assert.deepEqual(
      mismatch.related!.map((x) => [x.range, x.message]),
      [
        [rangeOf(text, '(starts with a or ends with b) and length is at most 2'), "the spec was read as: (startsWith 'a' | endsWith 'b') & |w| <= 2"],
        [rangeOf(text, 'p     both  acc'), 'step 1: p -b-> acc'],
        [rangeOf(text, 'acc   dead  dead'), 'step 2: acc -b-> dead'],
        [locate(text, 'dead', 'acc   dead  dead'), 'the run ends in dead, which is not accepting'],
      ],
    );
  });

  it('adds the counterexample as a test vector', async () => {
    const r = await analyze(text);
    const fixed = applyEdits(text, fixOf(only(r.findings, 'dfa/spec-mismatch'), 'Add 1 to "rejects:"'));
    assert.equal(fixed, text.replace('  rejects: 01, 2', '  rejects: 01, 2, 1'));
    const table = only(r.findings, 'dfa/spec-mismatch', 1);
    assert.equal(applyEdits(text, fixOf(table, 'Add bb')), text.replace('    dead  dead  dead\n', '    dead  dead  dead\n  accepts: bb\n'));
  });

  it('replaces a wrong machine with the minimal DFA of its spec', async () => {
    const r = await analyze(text);
    const fixed = applyEdits(text, fixOf(only(r.findings, 'dfa/spec-mismatch', 1), 'Replace the machine'));
    assert.equal(
      fixed.slice(fixed.indexOf('machine table_form')),
      [
        'machine table_form',
        '  spec: (starts with a or ends with b) and length is at most 2',
        '  alphabet: {a, b}',
        '  start: q0',
        '  accepting: q1, q2, q3',
        '  q0 -a-> q1',
        '  q0 -b-> q2',
        '  q1 -a,b-> q3',
        '  q2 -a-> dead',
        '  q2 -b-> q3',
        '  q3 -a,b-> dead',
        '  dead -a,b-> dead',
        '',
      ].join('\n'),
    );
    const verdicts = (await analyze(fixed)).fileData as { machines: { name: string; equivalent: boolean }[] };
    assert.equal(verdicts.machines.find((m) => m.name === 'table_form')!.equivalent, true);
  });

  it('publishes per-machine verdicts as file data', async () => {
    const r = await analyze(text);
    const machines = (r.fileData as { machines: Record<string, unknown>[] }).machines;
    assert.deepEqual(machines[1], {
      name: 'almost',
      anchor: rangeOf(text, 'machine almost'),
      spec: 'the second symbol from the end is 1',
      reading: "w[-2] = '1'",
      alphabet: ['0', '1'],
      equivalent: false,
      counterexample: '1',
      acceptedBy: 'machine',
      states: 2,
      minimalStates: 2,
      specStates: 4,
      accessStrings: { a: '', b: '1' },
    });
  });
});

describe('spec findings are placed in the document', () => {
  it('maps unreadable-spec spans and "did you mean" fixes into the file', async () => {
    const text = 'machine m\n  spec: strats with 0\n  alphabet: {0, 1}\n  start: q\n  accepting: q\n  q -0,1-> q\n';
    const r = await analyze(text);
    assertFindings(text, r.findings, [{ rule: 'dfa/spec-unreadable', severity: 'error', at: 'strats with 0', message: 'cannot read "strats with 0"; did you mean "starts with"?' }]);
    assert.equal(applyEdits(text, fixOf(r.findings[0]!, 'Change to')), text.replace('strats with', 'starts with'));
  });

  it('warns about empty and universal languages and names the contradiction', async () => {
    const text = 'machine a\n  spec: length is 3 and ends with 0 and length is 4\n  alphabet: {0, 1}\n  start: q\n  accepting: {}\n  q -0,1-> q\nmachine b\n  spec: contains ε\n  alphabet: {0, 1}\n  start: q\n  accepting: q\n  q -0,1-> q\n';
    const r = await analyze(text);
    assertFindings(text, r.findings, [
      { rule: 'dfa/spec-empty-language', severity: 'warning', at: 'length is 3 and ends with 0 and length is 4', message: 'the spec describes the empty language: no string over {0, 1} satisfies it ("length is 3" and "length is 4" cannot both hold)' },
      { rule: 'dfa/spec-tautology', severity: 'warning', at: 'contains ε', message: "the spec accepts every string over {0, 1} (read as: contains '')" },
    ]);
  });

  it('reports an alphabet declared by the spec that differs from the machine', async () => {
    const text = 'machine m\n  spec: in binary, ends with a\n  alphabet: {a, b}\n  start: q\n  accepting: q\n  q -a,b-> q\n';
    const r = await analyze(text);
    assertFindings(text, r.findings, [{ rule: 'dfa/alphabet-mismatch', severity: 'error', at: 'in binary', message: "the spec is over {0, 1} but the machine's alphabet is {a, b}" }]);
  });
});

describe('.dfa.json documents', () => {
  it('accepts the seed JSON shape', async () => {
    const r = await analyze(fixture('seed.dfa.json'), 'dfa-json');
    assert.deepEqual(r.findings, []);
    assert.equal((r.fileData as { machines: { equivalent: boolean }[] }).machines[0]!.equivalent, true);
  });

  it('points at JSON values', async () => {
    const text = '{"states": ["q0"], "alphabet": ["0", "1"], "transitions": {"q0": {"0": "q0", "2": "q0"}},\n "start_state": "q0", "accept_states": [], "prompt": "ends with 0"}';
    const r = await analyze(text, 'dfa-json');
    assertFindings(text, r.findings, [
      { rule: 'dfa/foreign-symbol', severity: 'error', at: '"2"', message: 'symbol 2 is not in the alphabet {0, 1}' },
    ]);
  });
});

describe('engine contract', () => {
  it('supports dfa and dfa-json documents only', () => {
    const engine = createDfaEngine();
    assert.equal(engine.supports(makeDocument('u', 'a.dfa', 'dfa', '')), true);
    assert.equal(engine.supports(makeDocument('u', 'a.dfa.json', 'dfa-json', '')), true);
    assert.equal(engine.supports(makeDocument('u', 'a.ts', 'typescript', '')), false);
    assert.ok(engine.rules().every((r) => r.id.startsWith('dfa/') && r.engine === 'dfa'));
  });

  it('keeps fingerprints when lines move', async () => {
    const text = fixture('meaning.dfa');
    const a = await analyze(text);
    const b = await analyze(`// moved\n\n${text}`);
    assert.deepEqual(b.findings.map((f) => f.fingerprint), a.findings.map((f) => f.fingerprint));
    assert.equal(new Set(a.findings.map((f) => f.fingerprint)).size, a.findings.length);
  });

  it('reports every rule id it uses', async () => {
    const ids = new Set(createDfaEngine().rules().map((r) => r.id));
    for (const name of ['structure-errors.dfa', 'hints.dfa', 'meaning.dfa']) {
      for (const f of (await analyze(fixture(name))).findings) assert.ok(ids.has(f.ruleId), f.ruleId);
    }
  });
});
