import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDfaFile } from '../../../server/src/core/dfa/file/dfaText';
import { parseDfaJson } from '../../../server/src/core/dfa/file/dfaJson';
import { validateDfaDocument } from '../../../server/src/core/dfa/check/validate';
import { parseSpec } from '../../../server/src/core/dfa/spec/parser';
import { compileSpec } from '../../../server/src/core/dfa/spec/compile';
import { StateLimitError } from '../../../server/src/core/dfa/automata/automaton';
import type { MachineAst } from '../../../server/src/core/dfa/file/machineAst';
import { buildMachine } from '../../../server/src/core/dfa/check/structure';
import { equivalent } from '../../../server/src/core/dfa/automata/equivalence';
import { toDfaText } from '../../../server/src/core/dfa/automata/export';
import { arbDfa } from './helpers';

const slice = (text: string, s: { start: number; end: number }): string => text.slice(s.start, s.end);

/** The transitions of a machine as `from -symbol-> to` strings. */
function arrows(m: MachineAst): string[] {
  return m.transitions.map((t) => `${t.from.text} -${t.symbol.text}-> ${t.to.text}`);
}

describe('.dfa text syntax', () => {
  it('reads arrows with several symbols, quoted symbols and comments', () => {
    const text = "machine m // trailing comment\n  alphabet: {a, b, '-'}\n  // a comment line\n  p -a,b-> q\n  q -'-'-> p   // back\n";
    const r = parseDfaFile(text);
    assert.deepEqual(r.problems, []);
    const m = r.value!.machines[0]!;
    assert.equal(m.name!.text, 'm');
    assert.deepEqual(m.alphabet!.symbols.map((s) => s.text), ['a', 'b', '-']);
    assert.deepEqual(arrows(m), ['p -a-> q', 'p -b-> q', 'q ---> p']);
    assert.equal(slice(text, m.transitions[1]!.symbol.span), 'b');
  });

  it('reads a transition table, with - for a missing transition', () => {
    const text = 'machine t\n  alphabet: {0, 1}\n  table:\n        0    1\n    a   b    -\n    b   b    a\n  start: a\n';
    const r = parseDfaFile(text);
    assert.deepEqual(r.problems, []);
    const m = r.value!.machines[0]!;
    assert.deepEqual(arrows(m), ['a -0-> b', 'b -0-> b', 'b -1-> a']);
    assert.equal(m.start!.name.text, 'a');
    assert.equal(m.structureLines.length, 4);
  });

  it('reads named alphabets and test vectors with explicit ε', () => {
    const text = 'alphabet: binary\naccepts: ε, "", 01 10\nrejects: \'\', 1';
    const m = parseDfaFile(text).value!.machines[0]!;
    assert.deepEqual(m.alphabet!.symbols.map((s) => s.text), ['0', '1']);
    assert.deepEqual(m.vectors.map((v) => [v.expect, v.word, slice(text, v.span)]), [
      ['accept', '', 'ε'],
      ['accept', '', '""'],
      ['accept', '01', '01'],
      ['accept', '10', '10'],
      ['reject', '', "''"],
      ['reject', '1', '1'],
    ]);
  });

  it('reports empty items instead of reading them as ε', () => {
    const text = 'machine m\n  accepts: 1,,0,\n';
    const r = parseDfaFile(text);
    assert.deepEqual(
      r.problems.map((p) => [p.ruleId, p.span.start, p.message]),
      [
        ['dfa/vector-empty-item', text.indexOf(',,'), 'empty item: write ε (or "") for the empty string'],
        ['dfa/vector-empty-item', text.lastIndexOf(','), 'empty item: write ε (or "") for the empty string'],
      ],
    );
  });

  it('keeps reading after bad lines and reports each', () => {
    const text = 'machine m\n  alphabet: {0, 1}\n  what is this\n  q0 -> q1\n  q0 -01-> q1\n  start: q0\n';
    const r = parseDfaFile(text);
    assert.deepEqual(
      r.problems.map((p) => [p.ruleId, slice(text, p.span), p.message]),
      [
        ['dfa/syntax', 'what is this', 'cannot read this line; expected "key: value", a transition such as "q0 -0-> q1", or "machine <name>"'],
        ['dfa/syntax', 'q0 -> q1', 'cannot read this transition; write it as "q0 -0-> q1" (several symbols: "q0 -0,1-> q1")'],
        ['dfa/syntax', '01', '"01" is not one symbol; separate symbols with commas'],
      ],
    );
    assert.equal(r.value!.machines[0]!.start!.name.text, 'q0');
  });

  it('reads statements before any "machine" line as one unnamed machine', () => {
    const m = parseDfaFile('alphabet: {a}\nstart: s\ns -a-> s\n').value!.machines;
    assert.equal(m.length, 1);
    assert.equal(m[0]!.name, undefined);
    assert.deepEqual(arrows(m[0]!), ['s -a-> s']);
  });
});

describe('toDfaText', () => {
  it('writes text that reads back to an equivalent machine (property, 200 runs)', () => {
    fc.assert(
      fc.property(arbDfa(5), (d) => {
        const text = toDfaText(d, undefined, { name: 'm' });
        const parsed = parseDfaFile(text);
        assert.deepEqual(parsed.problems, [], text);
        const built = buildMachine(parsed.value!.machines[0]!, 100);
        assert.deepEqual(built.problems.filter((p) => p.severity === 'error'), [], text);
        assert.deepEqual(equivalent(built.machine!.dfa, d), { equal: true });
      }),
      { numRuns: 200 },
    );
  });
});

describe('.dfa.json syntax', () => {
  it('reads an array of machines and a { machines } wrapper', () => {
    const one = '{"alphabet": ["a"], "start": "s", "accept": ["s"], "transitions": {"s": {"a": "s"}}}';
    assert.equal(parseDfaJson(`[${one}, ${one}]`).value!.machines.length, 2);
    assert.equal(parseDfaJson(`{"machines": [${one}]}`).value!.machines.length, 1);
  });

  it('reports wrong types and invalid JSON at their place', () => {
    const text = '{"alphabet": "01", "states": ["q0", 3]}';
    assert.deepEqual(
      parseDfaJson(text).problems.map((p) => [slice(text, p.span), p.message]),
      [
        ['"01"', 'alphabet must be an array of strings'],
        ['3', 'each item of states must be a string'],
      ],
    );
    assert.deepEqual(parseDfaJson('{"a": }').problems.map((p) => [p.span.start, p.message]), [[6, 'invalid JSON: unexpected character }']]);
  });
});

describe('robustness (property tests)', () => {
  const pieces = ['machine m', 'machine', 'alphabet: {0, 1}', 'alphabet:', 'states: q0, q1', 'start: q0', 'start:', 'accepting: q1', 'accepting: {}', 'q0 -0-> q1', 'q1 -0,1-> q0', 'q1 -2-> q9', 'q0 -1-> q0', 'table:', '  0  1', 'q0 q1 -', 'spec: ends with 1', 'spec: (starts with 0 or', 'spec: length is 3 and length is 4', 'accepts: ε, 1, 01', 'rejects: ,', '// x', '{', '->', ''];

  it('the .dfa pipeline never throws on arbitrary line soup (property, 300 runs)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 12 })), { maxLength: 25 }), (lines) => {
        const text = lines.join('\n');
        const r = validateDfaDocument(text, 'dfa');
        for (const p of r.problems) assert.ok(p.span.start >= 0 && p.span.end <= text.length && p.span.start <= p.span.end);
      }),
      { numRuns: 300 },
    );
  });

  it('the JSON reader never throws (property, 300 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        validateDfaDocument(text, 'dfa-json');
      }),
      { numRuns: 300 },
    );
  });

  it('the spec parser never throws and what it accepts compiles (property, 500 runs)', () => {
    const words = ['starts with', 'ends', 'contains', 'not', 'and', 'or', '(', ')', "'01'", '1', '0s', 'length', 'is', 'at least', 'between', '3', 'and 5', 'number of', 'even', 'divisible by', 'the', 'second', 'symbol', 'from the end', 'mod', '%', '#a', '|w|', '>=', 'in binary,', 'over {a,b}', 'w[-1] =', 'ε', ','];
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 5 })), { maxLength: 12 }), (parts) => {
        const r = parseSpec(parts.join(' '));
        if (!r.value) return;
        try {
          compileSpec(r.value, r.value.alphabet?.symbols ?? ['0', '1', 'a', 'b'], { limit: 5000 });
        } catch (e) {
          assert.ok(e instanceof StateLimitError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
