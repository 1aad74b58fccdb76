import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvField, csvLine, parseCsv } from '../../../server/src/node/dfa/csv';

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and the seed\'s ";"-lists', () => {
    const text = 'prompt,must_accept\n"In binary, ends with \'1\'",1;01\n"say ""hi""",;111\n';
    assert.deepEqual(fields(text), [['prompt', 'must_accept'], ["In binary, ends with '1'", '1;01'], ['say "hi"', ';111']]);
  });

  it('handles CRLF, a lone CR, a BOM and a missing final line break', () => {
    assert.deepEqual(fields('\uFEFFa,b\r\n1,2\r3,4'), [['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('keeps line breaks inside quoted fields and reports the line each record starts on', () => {
    const records = parseCsv('a,b\n"two\nlines",x\r\n"three\r\nmore\nlines",y\nlast,z\n');
    assert.deepEqual(records.map((r) => [r.line, r.fields]), [[1, ['a', 'b']], [2, ['two\nlines', 'x']], [4, ['three\r\nmore\nlines', 'y']], [7, ['last', 'z']]]);
  });

  it('keeps empty fields (ε in the seed format), including a trailing one, and skips blank lines', () => {
    assert.deepEqual(fields('a,,c,\n\n,\n'), [['a', '', 'c', ''], ['', '']]);
  });

  it('marks malformed records instead of throwing', () => {
    const [ok, stray, after, open] = parseCsv('a,b\nx"y,1\n"q"z,2\n"never closed,3\n');
    assert.equal(ok!.problem, undefined);
    assert.equal(stray!.problem, 'a quote inside an unquoted field');
    assert.deepEqual(stray!.fields, ['x"y', '1']);
    assert.equal(after!.problem, 'text after a closing quote');
    assert.deepEqual(after!.fields, ['qz', '2']);
    assert.equal(open!.problem, 'unterminated quoted field (opened on line 4)');
    assert.deepEqual(open!.fields, ['never closed,3\n']);
  });
});

describe('csvLine', () => {
  it('quotes only what needs quoting', () => {
    assert.equal(csvLine(['a', 'b,c', 'say "x"', '', null, 3, ' pad']), 'a,"b,c","say ""x""",,,3," pad"\n');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
  });

  it('round-trips through parseCsv for any fields (property)', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', ';', 'é', 'ε') });
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const text = rows.map((r) => csvLine(r)).join('');
        assert.deepEqual(fields(text), rows);
      }),
      { numRuns: 300 },
    );
  });
});
