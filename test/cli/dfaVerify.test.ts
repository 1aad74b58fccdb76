/**
 * `argus dfa verify` on small suites through the real bundle: exact
 * statuses and output files, the cache across runs (hits, a corrupt line,
 * transient outcomes never cached), TIMEOUT and worker crashes (through the
 * worker's documented test-only hooks), JSONL, logs and usage errors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseCsv } from '../../server/src/node/dfa/csv';
import { DIST } from '../helpers/workspace';

function verify(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'dfa', 'verify', ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'argus-verify-'));
const read = (dir: string, f: string): string => readFileSync(path.join(dir, f), 'utf8');
const summary = (dir: string) => JSON.parse(read(dir, 'summary.json'));
/** results.csv without the columns that change between runs (time, cache). */
function stable(dir: string): string[][] {
  const [header, ...rows] = parseCsv(read(dir, 'results.csv')).map((r) => r.fields);
  const drop = new Set([header!.indexOf('ms'), header!.indexOf('cache')]);
  return rows.map((r) => r.filter((_, i) => !drop.has(i)));
}

const machine = (accept: string, extra = {}) => JSON.stringify({ states: ['q0', 'q1'], alphabet: ['0', '1'], transitions: { q0: { '0': 'q0', '1': 'q1' }, q1: { '0': 'q0', '1': 'q1' } }, start_state: 'q0', accept_states: [accept], ...extra }).replace(/"/g, '""');
const SUITE = [
  'prompt,category,expected_type,difficulty,must_accept,must_reject,is_contradiction,dfa',
  "ends with 1,Atomic_ENDS_WITH,ENDS_WITH,easy,1;01,0;10,false,",
  "Ends  with 1,Atomic_ENDS_WITH,ENDS_WITH,easy,0,1,false,",
  'strats with 1,Atomic_STARTS_WITH,STARTS_WITH,easy,1,0,false,',
  `"In binary, ends with 1",Machine,,,,,false,"${machine('q0')}"`,
  `contains 11,Machine,,,,,false,"${machine('q7')}"`,
  'only,three,fields',
  'divisible by 45 and divisible by 47,Atomic_Numeric,AND,hard,0,1,false,',
  `"In binary, ends with 0",Atomic_ENDS_WITH,ENDS_WITH,easy,0;10,1,false,"${machine('q0', { accept_states: [] }).replace('"accept_states"', '"unused"')}"`,
].join('\r\n');

test('verify: exact statuses, error classes and result files; exit 1 when a row does not pass', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'suite.csv'), SUITE);
  const r = verify(dir, ['suite.csv', '--alphabet', '{0,1}', '--max-states', '2000', '--jobs', '2']);
  assert.equal(r.code, 1, r.stderr);
  assert.equal(r.stderr, '');
  const out = path.join(dir, 'argus-dfa-results');
  const rows = stable(out);
  assert.deepEqual(rows.map((x) => x.slice(0, 2).concat(x.slice(5, 8))), [
    ['1', '2', 'PASS', '', ''],
    ['2', '3', 'FAIL', 'permanent', ''],
    ['3', '4', 'INVALID_SPEC', 'permanent', ''],
    ['4', '5', 'FAIL', 'permanent', ''],
    ['5', '6', 'INVALID_DFA', 'permanent', ''],
    ['6', '7', 'ERROR', 'permanent', 'MalformedRow'],
    ['7', '8', 'ERROR', 'permanent', 'StateLimitError'],
    ['8', '9', 'FAIL', 'permanent', ''],
  ]);
  assert.deepEqual(rows[1]!.slice(8), ["endsWith '1'", '0;1', 'duplicate-prompt', '', 'labelled accept but the spec rejects 0 | labelled reject but the spec accepts 1']);
  assert.deepEqual(rows[3]!.slice(8), ["endsWith '1'", '0;1', '', 'ε', 'the DFA accepts ε, which the spec rejects (shortest counterexample)']);
  assert.equal(rows[4]![12], 'state q7 is not declared in "states:"');
  assert.equal(rows[5]![12], 'malformed CSV record: the record has 3 fields, the header has 8');
  // An unknown field in the machine is a warning, not INVALID_DFA; the machine accepts nothing, so "0" is the counterexample.
  assert.deepEqual(rows[7]!.slice(11, 13), ['0', 'the DFA rejects 0, which the spec accepts (shortest counterexample)']);

  const bank = read(out, 'failures.jsonl').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(bank.map((b) => b.row), [2, 3, 4, 5, 6, 7, 8]);
  assert.deepEqual(bank[2], { row: 4, line: 5, prompt: 'In binary, ends with 1', category: 'Machine', status: 'FAIL', error_class: 'permanent', error_name: null, counterexample: { word: '', acceptedBy: 'dfa' }, reason: 'the DFA accepts ε, which the spec rejects (shortest counterexample)', reading: "endsWith '1'", disagreements: [], flags: bank[2].flags });
  assert.deepEqual(bank[2].flags.map((f: { kind: string }) => f.kind), []);

  const s = summary(out);
  assert.deepEqual(s.statuses, { PASS: 1, FAIL: 3, INVALID_SPEC: 1, INVALID_DFA: 1, TIMEOUT: 0, ERROR: 2 });
  // A row with a machine needs no strings: it is checked exactly, so no vacuous or ε-ambiguity flags.
  assert.deepEqual(s.flags, { 'duplicate-prompt': 1 });
  assert.deepEqual(s.error_classes, { transient: 0, permanent: 7 });
  assert.deepEqual(s.categories.Atomic_ENDS_WITH, { rows: 3, pass: 1, pass_rate: 0.3333, statuses: { PASS: 1, FAIL: 2 } });
  assert.deepEqual([s.cache.hits, s.cache.misses, s.cache.written, s.cache.dir], [0, 7, 7, path.join(dir, '.argus', 'cache', 'dfa')]);
  assert.deepEqual([s.rows, s.jobs, s.timeout_ms, s.worker_restarts], [8, 2, 10000, 0]);
  assert.equal(r.stdout.split('\n')[0], '8 rows: 1 PASS, 3 FAIL, 1 INVALID_SPEC, 1 INVALID_DFA, 0 TIMEOUT, 2 ERROR (pass rate 12.5%)');

  // Second run: every readable row comes from the cache, with identical results.
  const again = verify(dir, ['suite.csv', '--alphabet', '{0,1}', '--max-states', '2000', '--out', 'second']);
  assert.equal(again.code, 1);
  assert.deepEqual(stable(path.join(dir, 'second')), rows);
  assert.deepEqual([summary(path.join(dir, 'second')).cache.hits, summary(path.join(dir, 'second')).cache.misses], [7, 0]);
  assert.match(again.stdout, /^cache: 7 hits, 0 misses \(\.argus\/cache\/dfa\)$/m);
  // The state limit is part of the key: another limit is another verdict.
  assert.equal(summary(path.join(dir, 'second')).statuses.ERROR, 2);
  verify(dir, ['suite.csv', '--alphabet', '{0,1}', '--out', 'third']);
  assert.deepEqual([summary(path.join(dir, 'third')).cache.misses, summary(path.join(dir, 'third')).statuses.ERROR], [7, 1]);
});

test('verify: a corrupt cache line is ignored, counted, its row recomputed and the cache rewritten', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'suite.csv'), 'prompt,must_accept,must_reject\nends with 1,1,0\nstarts with 1,1,0\ncontains 00,00,0\n');
  assert.equal(verify(dir, ['suite.csv', '--alphabet', 'binary', '--cache', 'c']).code, 0);
  const seg = path.join(dir, 'c', readdirSync(path.join(dir, 'c'))[0]!);
  const lines = readFileSync(seg, 'utf8').split('\n');
  lines[1] = lines[1]!.replace('"PASS"', '"FAIL"');
  writeFileSync(seg, lines.join('\n'));
  const r = verify(dir, ['suite.csv', '--alphabet', 'binary', '--cache', 'c', '--out', 'o2']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, 'argus: ignored 1 corrupt cache line(s) in ' + path.join(dir, 'c') + '; their rows are recomputed\n');
  const s = summary(path.join(dir, 'o2'));
  assert.deepEqual([s.cache.hits, s.cache.misses, s.cache.corrupt_lines, s.statuses.PASS], [2, 1, 1, 3]);
  verify(dir, ['suite.csv', '--alphabet', 'binary', '--cache', 'c', '--out', 'o3']);
  assert.deepEqual([summary(path.join(dir, 'o3')).cache.hits, summary(path.join(dir, 'o3')).cache.corrupt_lines], [3, 0]);
  // The second run merged everything into one segment; the third, all hits, wrote nothing.
  assert.equal(readdirSync(path.join(dir, 'c')).length, 1);
});

const PASSING = 'prompt,must_accept,must_reject\nends with 1,1,0\nhang here,1,0\nstarts with 1,1,0\ncontains 00,00,0\n';

test('verify: a row over --timeout-ms is TIMEOUT (transient), its worker is replaced, the rest still runs, and it is not cached', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'suite.csv'), PASSING);
  const r = verify(dir, ['suite.csv', '--alphabet', 'binary', '--jobs', '1', '--timeout-ms', '2000', '--json-logs'], { ARGUS_DFA_TEST_HANG_PROMPT: 'hang here' });
  assert.equal(r.code, 1, r.stderr);
  const out = path.join(dir, 'argus-dfa-results');
  assert.deepEqual(stable(out).map((x) => x.slice(5, 8)), [['PASS', '', ''], ['TIMEOUT', 'transient', 'Timeout'], ['PASS', '', ''], ['PASS', '', '']]);
  assert.equal(stable(out)[1]![12], 'no result within 2000 ms; the worker was terminated and replaced');
  const s = summary(out);
  assert.deepEqual([s.worker_restarts, s.error_classes.transient, s.cache.written], [1, 1, 3]);
  const logs = r.stderr.trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(logs.filter((l) => l.event === 'verify.worker_restart').map((l) => [l.level, l.reason, l.row]), [['warn', 'timeout', 2]]);
  assert.deepEqual([logs[0].event, logs.at(-1).event], ['verify.start', 'verify.done']);
  // Without the hang, the row is verified for real: it was never cached.
  const again = verify(dir, ['suite.csv', '--alphabet', 'binary', '--out', 'again']);
  assert.deepEqual([summary(path.join(dir, 'again')).cache.hits, summary(path.join(dir, 'again')).cache.misses, summary(path.join(dir, 'again')).statuses.INVALID_SPEC], [3, 1, 1]);
  assert.equal(again.code, 1);
});

test('verify: a worker that dies is an ERROR (transient) for its row only', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'suite.csv'), PASSING);
  const r = verify(dir, ['suite.csv', '--alphabet', 'binary', '--jobs', '2', '--no-cache'], { ARGUS_DFA_TEST_CRASH_PROMPT: 'hang here' });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^argus: row 2: the worker exited with code 70\n$/);
  const out = path.join(dir, 'argus-dfa-results');
  assert.deepEqual(stable(out).map((x) => x.slice(5, 8)), [['PASS', '', ''], ['ERROR', 'transient', 'WorkerExited'], ['PASS', '', ''], ['PASS', '', '']]);
  assert.deepEqual(summary(out).cache, { enabled: false, dir: null, hits: 0, misses: 0, corrupt_lines: 0, loaded: 0, written: 0 });
});

test('verify: --timeout-ms 1 makes rows TIMEOUT or PASS, never anything else, and the run still ends', () => {
  const dir = tmp();
  // Every row passes when it is not cut off (the hanging prompt becomes an ordinary one with consistent tests).
  writeFileSync(path.join(dir, 'suite.csv'), PASSING.replace('hang here,1,0', 'ends with 0,0,1'));
  const r = verify(dir, ['suite.csv', '--alphabet', 'binary', '--timeout-ms', '1', '--no-cache']);
  const s = summary(path.join(dir, 'argus-dfa-results'));
  assert.equal(s.statuses.PASS + s.statuses.TIMEOUT, 4);
  assert.equal(r.code, s.statuses.TIMEOUT > 0 ? 1 : 0);
});

test('verify: JSONL in and out, ε as "" in arrays, every row passing is exit 0', () => {
  const dir = tmp();
  const lines = [{ prompt: 'even number of 1s', must_accept: ['', '11'], must_reject: ['1'], category: 'Atomic_Count' }, { prompt: 'ends with 1', dfa: JSON.parse(machine('q1').replace(/""/g, '"')) }];
  writeFileSync(path.join(dir, 'suite.jsonl'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const r = verify(dir, ['suite.jsonl', '--alphabet', 'binary', '--format', 'jsonl', '--out', 'o']);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const results = read(path.join(dir, 'o'), 'results.jsonl').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(results.map((x) => [x.row, x.status, x.flags.length, x.cache]), [[1, 'PASS', 0, 'miss'], [2, 'PASS', 0, 'miss']]);
  assert.equal(read(path.join(dir, 'o'), 'failures.jsonl'), '');
});

test('verify: usage errors and unusable suites are exit 2; an empty suite passes', () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'noprompt.csv'), 'spec\nx\n');
  writeFileSync(path.join(dir, 'empty.csv'), 'prompt,must_accept\n');
  assert.deepEqual([verify(dir, ['noprompt.csv']).code, verify(dir, ['noprompt.csv']).stderr], [2, 'argus: noprompt.csv: no "prompt" column (columns: spec)\n']);
  assert.equal(verify(dir, ['missing.csv']).code, 2);
  assert.equal(verify(dir, ['suite.txt']).code, 2);
  assert.equal(verify(dir, ['empty.csv', '--jobs', '0']).code, 2);
  assert.equal(verify(dir, ['empty.csv', '--cache', 'x', '--no-cache']).code, 2);
  assert.equal(verify(dir, ['empty.csv', '--alphabet', '{ab}']).code, 2);
  assert.equal(verify(dir, []).code, 2);
  const empty = verify(dir, ['empty.csv']);
  assert.equal(empty.code, 0, empty.stderr);
  assert.equal(summary(path.join(dir, 'argus-dfa-results')).rows, 0);
});
