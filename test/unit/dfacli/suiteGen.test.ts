/**
 * The generated suite (scripts/gen-dfa-suite.ts): deterministic, committed
 * as a fixture while under 1.5 MB, with exactly the injected flaws, and the
 * core's verdict on every row equal to the generator's own ground truth
 * (a differential check of the DFA core against an independent oracle).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { verifySuite } from '../../../server/src/core/dfa';
import { parseCsv } from '../../../server/src/node/dfa/csv';
import { toOutcome } from '../../../server/src/node/dfa/outcome';
import { MAX_FIXTURE_BYTES, generateSuite } from '../../../scripts/gen-dfa-suite';
import { FLAW_SHARE } from './gen/truth';

const FIXTURE = path.resolve(__dirname, '..', '..', 'fixtures', 'dfa-suite');
const suite = generateSuite();

describe('generated DFA suite', () => {
  it('is deterministic and the committed fixture is up to date (rerun the script if not)', () => {
    assert.equal(generateSuite().csv, suite.csv);
    assert.ok(statSync(path.join(FIXTURE, 'suite-6000.csv')).size < MAX_FIXTURE_BYTES);
    assert.equal(readFileSync(path.join(FIXTURE, 'suite-6000.csv'), 'utf8'), suite.csv);
    assert.deepEqual(JSON.parse(readFileSync(path.join(FIXTURE, 'suite-6000.truth.json'), 'utf8')), JSON.parse(JSON.stringify(suite.truth)));
  });

  it('has 6000 rows in the seed format with every injected flaw in its share', () => {
    const [header, ...records] = parseCsv(suite.csv);
    assert.deepEqual(header!.fields, ['prompt', 'category', 'expected_type', 'difficulty', 'must_accept', 'must_reject', 'is_contradiction']);
    assert.equal(records.length, 6000);
    for (const [flaw, share] of Object.entries(FLAW_SHARE)) assert.equal(suite.truth.injected[flaw], Math.round(share * 6000), flaw);
    assert.deepEqual(new Set(suite.rows.map((r) => r.category)), new Set(['Composite_OR', 'Atomic_STARTS_WITH', 'Atomic_CONTAINS', 'Atomic_ENDS_WITH', 'Composite_AND', 'Negation_NOT_CONTAINS', 'Negation_NOT_STARTS_WITH', 'Atomic_Count', 'Negation_NOT_ENDS_WITH', 'Atomic_Numeric', 'Atomic_Length', 'Composite_Range', 'Composite_Contradiction', 'Composite_Clash']));
  });

  it('clean rows carry no flaw: non-empty lists over the alphabet, no ε, unique prompts', () => {
    for (const r of suite.rows.filter((x) => x.flaw === null && x.is_contradiction === 'false')) {
      assert.deepEqual(r.expect, { status: 'PASS', flags: [] }, r.prompt);
    }
  });

  it('the core gives every row exactly the expected status and flags', () => {
    const rows = suite.rows.map((r) => ({ prompt: r.prompt, category: r.category, expectedType: r.expected_type, mustAccept: r.must_accept, mustReject: r.must_reject, isContradiction: r.is_contradiction }));
    const { verdicts } = verifySuite(rows, { defaultAlphabet: ['0', '1'] });
    const mismatches = verdicts
      .map((v, i) => ({ i, got: { status: v.status, flags: v.flags.map((f) => f.kind) }, want: suite.rows[i]!.expect }))
      .filter((m) => JSON.stringify(m.got) !== JSON.stringify(m.want))
      .map((m) => `row ${m.i + 1} ${JSON.stringify(suite.rows[m.i]!.prompt)}: got ${JSON.stringify(m.got)}, want ${JSON.stringify(m.want)}`);
    assert.deepEqual(mismatches, []);
    // The CLI's outcome keeps every flag but the chunk-local duplicate one, which it recomputes suite-wide.
    assert.deepEqual(toOutcome(verdicts[0]!, false).flags.map((f) => f.kind), suite.rows[0]!.expect.flags.filter((f) => f !== 'duplicate-prompt'));
  });

  it('scales to other sizes and seeds', () => {
    const small = generateSuite({ rows: 600, seed: 7 });
    assert.equal(small.rows.length, 600);
    assert.equal(small.truth.injected['duplicate-prompt'], 60);
    assert.notEqual(small.csv, generateSuite({ rows: 600, seed: 8 }).csv);
  });
});
