import type { DfaProblem, Parsed, Span } from '../problems';
import { NAMED_ALPHABETS } from '../spec/headers';
import { closestPhrase } from '../spec/suggest';
import type { DfaFile, KeyLine, MachineAst, Named, TransitionAst, VectorAst } from './machineAst';
import { type SourceLine, listItems, splitLines, vectorItems } from './lineReader';

const KEYS = ['spec', 'alphabet', 'states', 'start', 'accepting', 'accepts', 'rejects', 'table'] as const;
type Key = (typeof KEYS)[number];

/** Characters allowed in state names: letters, digits, `_`, `'`, `.` and `|` (product names). */
export const STATE_NAME = /^[\p{L}\p{N}_'.|]+$/u;
const ARROW = /^([\p{L}\p{N}_'.|]+)\s*-(.*?)->\s*([\p{L}\p{N}_'.|]+)\s*$/u;

type Draft = {
  -readonly [K in keyof MachineAst]: MachineAst[K] extends readonly (infer T)[] ? T[] : MachineAst[K];
};

const syntax = (span: Span, message: string): DfaProblem => ({ ruleId: 'dfa/syntax', severity: 'error', message, span });

/**
 * Parses a `.dfa` document (syntax in docs/dfa.md). Line-based, so one bad
 * line never hides the others: every problem is reported and the rest of
 * the machine is still read. Never throws.
 */
export function parseDfaFile(text: string): Parsed<DfaFile> {
  const problems: DfaProblem[] = [];
  const machines: MachineAst[] = [];
  let m: Draft | undefined;
  let table: { symbols: Named[] } | 'header' | undefined;
  const open = (line: SourceLine, name?: Named): Draft => {
    if (m) machines.push(m);
    table = undefined;
    m = { format: 'dfa', anchor: line.contentSpan, end: line.contentSpan.end, indent: '  ', transitions: [], vectors: [], vectorLines: [], structureLines: [] };
    if (name) m.name = name;
    return m;
  };
  let sawBody = false;
  for (const line of splitLines(text)) {
    if (line.content === '') {
      table = undefined;
      continue;
    }
    const header = /^machine\b\s*(.*)$/.exec(line.content);
    if (header) {
      const nameText = header[1]!.trim();
      const at = line.contentSpan.end - header[1]!.length + header[1]!.indexOf(nameText);
      open(line, nameText ? { text: nameText, span: { start: at, end: at + nameText.length } } : undefined);
      sawBody = false;
      continue;
    }
    const cur = m ?? open(line);
    cur.end = line.contentSpan.end;
    if (!sawBody) {
      cur.indent = line.indent;
      sawBody = true;
    }
    const key = /^([A-Za-z][A-Za-z ]*?)\s*:/.exec(line.content);
    if (key) {
      table = undefined;
      const valueStart = line.contentSpan.start + key[0].length;
      const raw = text.slice(valueStart, line.contentSpan.end);
      const lead = raw.length - raw.trimStart().length;
      const kl: KeyLine = { lineSpan: line.lineSpan, valueSpan: { start: valueStart + lead, end: line.contentSpan.end } };
      const name = key[1]!.toLowerCase();
      if (!(KEYS as readonly string[]).includes(name)) {
        const s = closestPhrase([name], KEYS);
        const keySpan = { start: line.contentSpan.start, end: line.contentSpan.start + key[1]!.length };
        const hint = name === 'accept' ? '; write "accepting:" for accepting states or "accepts:" for test words' : s ? `; did you mean "${s.phrase}:"?` : `; known keys: ${KEYS.join(', ')}`;
        problems.push({ ...syntax(keySpan, `unknown key "${key[1]}"${hint}`), ...(s && name !== 'accept' ? { fixes: [{ title: `Change to "${s.phrase}"`, edits: [{ span: keySpan, newText: s.phrase }], preferred: true }] } : {}) });
        continue;
      }
      table = readKey(cur, name as Key, kl, text, problems) ? 'header' : undefined;
      continue;
    }
    if (line.content.includes('->')) {
      table = undefined;
      readArrow(cur, line, text, problems);
      continue;
    }
    if (table === 'header') {
      table = { symbols: listItems(text, line.contentSpan).map((i) => i.named) };
      cur.structureLines.push(line.lineSpan);
      continue;
    }
    if (table) {
      readRow(cur, line, table.symbols, text, problems);
      continue;
    }
    problems.push(syntax(line.contentSpan, 'cannot read this line; expected "key: value", a transition such as "q0 -0-> q1", or "machine <name>"'));
  }
  if (m) machines.push(m);
  return { value: { machines }, problems };
}

/** Reads one `key: value` line into the draft; returns true when a table starts. */
function readKey(m: Draft, key: Key, kl: KeyLine, text: string, problems: DfaProblem[]): boolean {
  const value = text.slice(kl.valueSpan.start, kl.valueSpan.end);
  const once = <T>(existing: T | undefined): boolean => {
    if (existing === undefined) return true;
    problems.push({ ruleId: 'dfa/duplicate-declaration', severity: 'error', message: `"${key}:" is declared twice; the first one is used`, span: kl.valueSpan });
    return false;
  };
  const names = (): Named[] =>
    listItems(text, kl.valueSpan).map(({ named }) => {
      if (!STATE_NAME.test(named.text)) problems.push(syntax(named.span, `"${named.text}" is not a state name (letters, digits, _ ' . |)`));
      return named;
    });
  switch (key) {
    case 'spec':
      if (value === '') problems.push(syntax(kl.valueSpan, 'the spec is empty'));
      else if (once(m.spec)) m.spec = { text: value, span: kl.valueSpan, ...kl };
      return false;
    case 'alphabet': {
      if (!once(m.alphabet)) return false;
      const named = NAMED_ALPHABETS[value.toLowerCase()];
      const symbols = named ? named.map((s) => ({ text: s, span: kl.valueSpan })) : listItems(text, kl.valueSpan).map((i) => i.named);
      for (const s of symbols) if (Array.from(s.text).length !== 1) problems.push(syntax(s.span, `alphabet symbols are single characters; "${s.text}" is not one`));
      m.alphabet = { symbols: symbols.filter((s) => Array.from(s.text).length === 1), ...kl };
      return false;
    }
    case 'states':
      if (once(m.states)) m.states = { names: names(), ...kl };
      return false;
    case 'accepting':
      if (once(m.accepting)) m.accepting = { names: names(), ...kl };
      return false;
    case 'start': {
      const list = names();
      if (list.length !== 1) problems.push(syntax(kl.valueSpan, list.length === 0 ? 'the start state is missing' : 'a DFA has exactly one start state'));
      else if (once(m.start)) m.start = { name: list[0]!, ...kl };
      return false;
    }
    case 'accepts':
    case 'rejects': {
      const expect = key === 'accepts' ? 'accept' : 'reject';
      m.vectorLines.push({ expect, ...kl });
      const items = vectorItems(text, kl.valueSpan);
      for (const empty of items.emptyItems) {
        problems.push({ ruleId: 'dfa/vector-empty-item', severity: 'error', message: 'empty item: write ε (or "") for the empty string', span: empty });
      }
      for (const v of items.words) m.vectors.push({ expect, word: v.text, span: v.span } satisfies VectorAst);
      return false;
    }
    case 'table':
      if (value !== '') problems.push(syntax(kl.valueSpan, 'write the table on the lines after "table:"'));
      m.structureLines.push(kl.lineSpan);
      return true;
  }
}

function readArrow(m: Draft, line: SourceLine, text: string, problems: DfaProblem[]): void {
  const match = ARROW.exec(line.content);
  if (!match) {
    problems.push(syntax(line.contentSpan, 'cannot read this transition; write it as "q0 -0-> q1" (several symbols: "q0 -0,1-> q1")'));
    return;
  }
  m.structureLines.push(line.lineSpan);
  const base = line.contentSpan.start;
  const from: Named = { text: match[1]!, span: { start: base, end: base + match[1]!.length } };
  const toAt = base + line.content.lastIndexOf(match[3]!);
  const to: Named = { text: match[3]!, span: { start: toAt, end: toAt + match[3]!.length } };
  const labelStart = base + line.content.indexOf('-', match[1]!.length) + 1;
  const labels = listItems(text, { start: labelStart, end: labelStart + match[2]!.length });
  if (labels.length === 0) problems.push(syntax(line.contentSpan, 'the transition has no symbol'));
  for (const { named } of labels) {
    if (named.text === 'ε' || named.text === '') problems.push(syntax(named.span, 'a DFA has no ε-transitions'));
    else if (Array.from(named.text).length !== 1) problems.push(syntax(named.span, `"${named.text}" is not one symbol; separate symbols with commas`));
    else m.transitions.push({ from, symbol: named, to, lineSpan: line.lineSpan } satisfies TransitionAst);
  }
}

const MISSING_CELLS = new Set(['-', '.', '∅']);

function readRow(m: Draft, line: SourceLine, symbols: readonly Named[], text: string, problems: DfaProblem[]): void {
  m.structureLines.push(line.lineSpan);
  const cells = listItems(text, line.contentSpan).map((i) => i.named);
  const from = cells[0]!;
  if (cells.length - 1 !== symbols.length) {
    problems.push(syntax(line.contentSpan, `this row has ${cells.length - 1} cells but the table has ${symbols.length} symbols`));
  }
  cells.slice(1, symbols.length + 1).forEach((to, i) => {
    if (MISSING_CELLS.has(to.text)) return;
    m.transitions.push({ from, symbol: { text: symbols[i]!.text, span: symbols[i]!.span }, to, lineSpan: line.lineSpan });
  });
}
