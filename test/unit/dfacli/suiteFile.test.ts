import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SuiteFileError, readSuite } from '../../../server/src/node/dfa/suiteFile';

const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-suite-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('readSuite: CSV', () => {
  it("reads the seed's columns (any order, any case) and an optional dfa column", () => {
    const dfa = JSON.stringify({ alphabet: ['0', '1'], states: ['q'], start: 'q', accept: ['q'], transitions: { q: { '0': 'q', '1': 'q' } } });
    const p = file('s.csv', `Category,PROMPT,expected_type,difficulty,must_accept,must_reject,is_contradiction,dfa\nAtomic,ends with 1,ENDS_WITH,easy,1;01,,false,"${dfa.replace(/"/g, '""')}"\nX,starts with 0,,hard,0,1,false,\n`);
    const { rows, format } = readSuite(p);
    assert.equal(format, 'csv');
    assert.deepEqual(rows[0], {
      row: 1,
      line: 2,
      suiteRow: { prompt: 'ends with 1', category: 'Atomic', expectedType: 'ENDS_WITH', mustAccept: '1;01', mustReject: '', isContradiction: 'false', dfa },
      arrays: false,
      difficulty: 'easy',
    });
    // An empty dfa cell is no machine; an empty must_reject stays "" (the ambiguity is the core's to flag).
    assert.deepEqual(rows[1]!.suiteRow, { prompt: 'starts with 0', category: 'X', expectedType: '', mustAccept: '0', mustReject: '1', isContradiction: 'false' });
  });

  it('turns a malformed record into a row with readError; the other rows are unaffected', () => {
    const { rows } = readSuite(file('bad.csv', 'prompt,category\nends with 1,A\nonly,three,fields\n"open,B\n'));
    assert.deepEqual(rows.map((r) => [r.row, r.line, r.readError]), [
      [1, 2, undefined],
      [2, 3, 'malformed CSV record: the record has 3 fields, the header has 2'],
      [3, 4, 'malformed CSV record: unterminated quoted field (opened on line 4)'],
    ]);
  });

  it('refuses files it cannot use at all (exit 2 upstream)', () => {
    assert.throws(() => readSuite(file('noprompt.csv', 'spec,category\nx,y\n')), (e: unknown) => e instanceof SuiteFileError && /no "prompt" column \(columns: spec, category\)/.test(e.message));
    assert.throws(() => readSuite(file('empty.csv', '')), /the file is empty/);
    assert.throws(() => readSuite(file('s.tsv', 'prompt\n')), /must be a \.csv or \.jsonl file/);
    assert.throws(() => readSuite(path.join(dir, 'missing.csv')), SuiteFileError);
  });
});

describe('readSuite: JSONL', () => {
  it('reads lists as arrays (ε is "") or as ";"-strings, and the dfa as an object or a string', () => {
    const lines = [
      JSON.stringify({ prompt: 'ends with 1', must_accept: ['1', ''], must_reject: ['0'], dfa: { alphabet: ['0', '1'] }, is_contradiction: false }),
      '',
      JSON.stringify({ prompt: 'starts with 0', mustAccept: '0;01', difficulty: 'easy' }),
      JSON.stringify({ prompt: 'contains 1', accepts: [''] }),
    ];
    const { rows, format } = readSuite(file('s.jsonl', lines.join('\r\n')));
    assert.equal(format, 'jsonl');
    assert.deepEqual(rows[0], { row: 1, line: 1, suiteRow: { prompt: 'ends with 1', mustAccept: '1;', mustReject: '0', isContradiction: 'false', dfa: '{"alphabet":["0","1"]}' }, arrays: true });
    assert.deepEqual(rows[1], { row: 2, line: 3, suiteRow: { prompt: 'starts with 0', mustAccept: '0;01' }, arrays: false, difficulty: 'easy' });
    // A lone ε must still reach the core, which splits on ";".
    assert.deepEqual(rows[2]!.suiteRow, { prompt: 'contains 1', mustAccept: ';' });
  });

  it('reports each bad line as a row and keeps going', () => {
    let jsonError = '';
    try {
      JSON.parse('not json');
    } catch (e) {
      jsonError = (e as Error).message;
    }
    const { rows } = readSuite(file('bad.jsonl', '{"prompt": 3}\nnot json\n{"prompt": "x", "must_accept": ["a;b"]}\n[1]\n{"prompt":"ok"}\n'));
    assert.deepEqual(rows.map((r) => r.readError ?? 'ok'), [
      'malformed JSONL line: "prompt" must be a string',
      `malformed JSONL line: ${jsonError}`,
      'malformed JSONL line: an item of must_accept contains ";", which the suite format cannot carry',
      'malformed JSONL line: each line must be a JSON object',
      'ok',
    ]);
  });
});
