import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { verifySuite } from '../../../server/src/core/dfa';
import { parseCsv } from '../../../server/src/node/dfa/csv';
import { errorOutcome, toOutcome } from '../../../server/src/node/dfa/outcome';
import { failuresJsonl, resultsCsv, resultsJsonl, summarize, type RowResult } from '../../../server/src/node/dfa/results';
import { VerifyReporter } from '../../../server/src/cli/dfa/progress';

const BIN = { defaultAlphabet: ['0', '1'] };

describe('toOutcome', () => {
  it('keeps the verdict, classes non-PASS as permanent and drops the chunk-local duplicate flag', () => {
    const [, v] = verifySuite([{ prompt: 'ends with 1' }, { prompt: 'ends with 1', mustAccept: '0', mustReject: '1' }], BIN).verdicts;
    const o = toOutcome(v!, false);
    assert.equal(o.status, 'FAIL');
    assert.equal(o.errorClass, 'permanent');
    assert.equal(o.errorName, null);
    assert.equal(o.reading, "endsWith '1'");
    assert.deepEqual(o.messages, ['labelled accept but the spec rejects 0', 'labelled reject but the spec accepts 1']);
    assert.deepEqual(o.flags, []);
  });

  it('for JSON arrays: ε is unambiguous and a lone ε (sent as ";") is reported once', () => {
    const v = verifySuite([{ prompt: 'ends with 1', mustAccept: ';', mustReject: '1' }], BIN).verdicts[0]!;
    assert.deepEqual(v.flags.map((f) => f.kind), ['epsilon-ambiguous']);
    const o = toOutcome(v, true);
    assert.deepEqual(o.flags, []);
    assert.deepEqual(o.messages, ['labelled accept but the spec rejects ε', 'labelled reject but the spec accepts 1']);
    assert.deepEqual(o.disagreements.map((d) => d.word), ['', '1']);
  });

  it('names the error of ERROR rows', () => {
    const v = verifySuite([{ prompt: 'divisible by 45 and divisible by 47' }], { ...BIN, limit: 2000 }).verdicts[0]!;
    assert.deepEqual([toOutcome(v, false).status, toOutcome(v, false).errorName], ['ERROR', 'StateLimitError']);
  });
});

const result = (row: number, category: string, outcome: RowResult['outcome'], cache: RowResult['cache'] = 'miss'): RowResult => ({ row, line: row + 1, prompt: `p${row}, "q"`, category, expectedType: 'T', difficulty: 'easy', outcome, cache, ms: 1.234 });

describe('result files', () => {
  const pass = toOutcome(verifySuite([{ prompt: 'ends with 1', mustAccept: '1', mustReject: '0' }], BIN).verdicts[0]!, false);
  const fail = toOutcome(verifySuite([{ prompt: 'ends with 1', mustAccept: '0;', mustReject: '1' }], BIN).verdicts[0]!, false);
  const results = [result(1, 'A', pass, 'hit'), result(2, 'A', fail), result(3, '', errorOutcome('TIMEOUT', 'transient', 'Timeout', 'slow'))];

  it('results.csv has one quoted, parseable line per row', () => {
    const [header, ...rows] = parseCsv(resultsCsv(results)).map((r) => r.fields);
    assert.deepEqual(header, ['row', 'line', 'prompt', 'category', 'expected_type', 'status', 'error_class', 'error_name', 'reading', 'alphabet', 'flags', 'counterexample', 'cache', 'ms', 'message']);
    assert.deepEqual(rows[0], ['1', '2', 'p1, "q"', 'A', 'T', 'PASS', '', '', "endsWith '1'", '0;1', '', '', 'hit', '1.23', '']);
    assert.deepEqual(rows[1]!.slice(5, 11), ['FAIL', 'permanent', '', "endsWith '1'", '0;1', 'epsilon-ambiguous']);
    assert.equal(rows[1]![14], 'labelled accept but the spec rejects 0 | labelled accept but the spec rejects ε | labelled reject but the spec accepts 1');
    assert.deepEqual(rows[2]!.slice(5, 8), ['TIMEOUT', 'transient', 'Timeout']);
  });

  it('results.jsonl and failures.jsonl (the failure bank: only non-PASS rows, with why)', () => {
    assert.equal(resultsJsonl(results).trimEnd().split('\n').length, 3);
    const bank = failuresJsonl(results).trimEnd().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(bank.map((b) => [b.row, b.status, b.error_class]), [[2, 'FAIL', 'permanent'], [3, 'TIMEOUT', 'transient']]);
    assert.equal(bank[1].reason, 'slow');
    assert.deepEqual(Object.keys(bank[0]), ['row', 'line', 'prompt', 'category', 'status', 'error_class', 'error_name', 'counterexample', 'reason', 'reading', 'disagreements', 'flags']);
  });

  it('summary: counts per status, pass rate per category, flags and error classes', () => {
    const cache = { enabled: true, dir: '/c', hits: 1, misses: 2, corrupt_lines: 0, loaded: 1, written: 1 };
    const s = summarize(results, { argus_version: '9', input: 's.csv', cache, jobs: 2, timeout_ms: 10, worker_restarts: 1, wall_ms: 5 });
    assert.deepEqual(s.statuses, { PASS: 1, FAIL: 1, INVALID_SPEC: 0, INVALID_DFA: 0, TIMEOUT: 1, ERROR: 0 });
    assert.equal(s.pass_rate, 0.3333);
    assert.deepEqual(s.categories, { '(none)': { rows: 1, pass: 0, pass_rate: 0, statuses: { TIMEOUT: 1 } }, A: { rows: 2, pass: 1, pass_rate: 0.5, statuses: { PASS: 1, FAIL: 1 } } });
    assert.deepEqual(s.flags, { 'epsilon-ambiguous': 1 });
    assert.deepEqual(s.error_classes, { transient: 1, permanent: 1 });
  });
});

describe('VerifyReporter', () => {
  const sink = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, sink: { write: (t: string) => void out.push(t), isTTY } };
  };

  it('draws a bar on a terminal, throttled, and erases it', () => {
    let now = 0;
    const s = sink(true);
    const r = new VerifyReporter(s.sink, false, () => now);
    r.progress(1, 10);
    now = 50;
    r.progress(2, 10);
    now = 1000;
    r.progress(10, 10);
    r.clear();
    assert.equal(s.out.length, 3);
    assert.match(s.out[0]!, /^\r\[###\.+\] 1\/10 10% \d+ rows\/s/);
    assert.ok(s.out[0]!.endsWith('\x1b[K'), 'erases the rest of the line');
    assert.match(s.out[1]!, /^\r\[#{30}\] 10\/10 100%/);
    assert.equal(s.out[2], '\r\x1b[K');
  });

  it('writes nothing but warnings when stderr is not a terminal', () => {
    const s = sink(false);
    const r = new VerifyReporter(s.sink, false);
    r.progress(10, 10);
    r.event('info', 'verify.start', { rows: 1 });
    r.event('warn', 'verify.worker_restart', {}, 'row 3: slow');
    assert.deepEqual(s.out, ['argus: row 3: slow\n']);
  });

  it('--json-logs: one JSON object per line with time, level and event', () => {
    const s = sink(true);
    const r = new VerifyReporter(s.sink, true, () => 0);
    r.event('info', 'verify.start', { rows: 2 });
    r.progress(2, 2);
    const lines = s.out.map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => [l.level, l.event]), [['info', 'verify.start'], ['info', 'verify.progress']]);
    assert.equal(lines[1].done, 2);
    assert.match(lines[0].time, /^\d{4}-\d\d-\d\dT/);
  });
});
