import type { Dfa } from '../automata/automaton';
import type { ProblemFix, Span, SpanEdit } from '../problems';
import type { KeyLine, MachineAst } from '../file/machineAst';

/**
 * Text edits for the `.dfa` quick fixes. Every fix rewrites only the lines
 * it must, so comments and the spec / test-vector lines survive. JSON
 * documents get no fixes (editing JSON by hand-made edits is brittle).
 */

/** A list value in the style it was written (`{q0, q1}` keeps its braces). */
function listValue(text: string, line: KeyLine | undefined, names: readonly string[]): string {
  const braces = line ? text.slice(line.valueSpan.start, line.valueSpan.end).trim().startsWith('{') : false;
  if (braces || names.length === 0) return `{${names.join(', ')}}`;
  return names.join(', ');
}

function showSymbol(s: string): string {
  return /[\s,{}'"]/.test(s) ? `'${s}'` : s;
}

/** Arrow lines for the given states, symbols that share a target grouped (`q0 -0,1-> q1`). */
export function arrowLines(dfa: Dfa, names: readonly string[], indent: string, keep: (s: number, t: number) => boolean): string[] {
  const k = dfa.alphabet.length;
  const lines: string[] = [];
  for (let s = 0; s < dfa.stateCount; s++) {
    const groups = new Map<number, string[]>();
    for (let a = 0; a < k; a++) {
      const t = dfa.delta[s * k + a]!;
      if (!keep(s, t)) continue;
      groups.set(t, [...(groups.get(t) ?? []), showSymbol(dfa.alphabet[a]!)]);
    }
    for (const [t, syms] of groups) lines.push(`${indent}${names[s]} -${syms.join(',')}-> ${names[t]}`);
  }
  return lines;
}

/** Inserts whole lines after the line ending at `lineEnd` (an offset just past a line break, or the end of the text). */
function insertLines(text: string, at: number, lines: readonly string[]): SpanEdit {
  const afterBreak = at > 0 && (text[at - 1] === '\n' || text[at - 1] === '\r');
  return { span: { start: at, end: at }, newText: afterBreak ? lines.map((l) => `${l}\n`).join('') : lines.map((l) => `\n${l}`).join('') };
}

/** Where new structure lines go: after the last transition line, else after the machine. */
function structureEnd(ast: MachineAst): number {
  const last = ast.structureLines[ast.structureLines.length - 1];
  return last ? last.end : ast.end;
}

/** "Add an explicit dead state": routes every missing transition to a new non-accepting sink. */
export function addDeadStateFix(text: string, ast: MachineAst, dfa: Dfa, missing: readonly (readonly [number, number])[]): ProblemFix {
  const names = dfa.stateNames!;
  const dead = dfa.stateCount - 1;
  const edits: SpanEdit[] = [];
  if (ast.states) {
    edits.push({ span: ast.states.valueSpan, newText: listValue(text, ast.states, [...ast.states.names.map((n) => n.text), names[dead]!]) });
  }
  const bySource = new Map<number, string[]>();
  for (const [st, a] of missing) if (st !== dead) bySource.set(st, [...(bySource.get(st) ?? []), showSymbol(dfa.alphabet[a]!)]);
  const lines = [...bySource].map(([st, syms]) => `${ast.indent}${names[st]} -${syms.join(',')}-> ${names[dead]}`);
  lines.push(`${ast.indent}${names[dead]} -${dfa.alphabet.map(showSymbol).join(',')}-> ${names[dead]}`);
  edits.push(insertLines(text, structureEnd(ast), lines));
  return { title: `Add an explicit dead state "${names[dead]}"`, edits, preferred: true };
}

/** "Remove unreachable states": deletes their transition lines and drops them from the lists. */
export function removeStatesFix(text: string, ast: MachineAst, remove: ReadonlySet<string>): ProblemFix {
  const edits: SpanEdit[] = [];
  const lines = new Map<number, Span>();
  for (const t of ast.transitions) if (remove.has(t.from.text)) lines.set(t.lineSpan.start, t.lineSpan);
  for (const span of lines.values()) edits.push({ span, newText: '' });
  if (ast.states) edits.push({ span: ast.states.valueSpan, newText: listValue(text, ast.states, ast.states.names.map((n) => n.text).filter((n) => !remove.has(n))) });
  if (ast.accepting && ast.accepting.names.some((n) => remove.has(n.text))) {
    edits.push({ span: ast.accepting.valueSpan, newText: listValue(text, ast.accepting, ast.accepting.names.map((n) => n.text).filter((n) => !remove.has(n))) });
  }
  const list = [...remove].join(', ');
  return { title: `Remove unreachable state${remove.size > 1 ? 's' : ''} ${list}`, edits: edits.sort((a, b) => a.span.start - b.span.start), preferred: true };
}

/**
 * Replaces the machine's structure (states, start, accepting, transitions)
 * by `dfa`, leaving spec, alphabet, vectors and comments alone. `omit`
 * (a sink state) is left implicit: no state entry and no arrows into it.
 */
export function replaceStructureFix(text: string, ast: MachineAst, dfa: Dfa, names: readonly string[], title: string, omit = -1): ProblemFix {
  const kept = names.filter((_, s) => s !== omit);
  const accepting = names.filter((_, s) => dfa.accepting[s] === 1 && s !== omit);
  const edits: SpanEdit[] = [];
  const block: string[] = [];
  if (ast.states) edits.push({ span: ast.states.valueSpan, newText: listValue(text, ast.states, kept) });
  if (ast.start) edits.push({ span: ast.start.valueSpan, newText: names[dfa.start]! });
  else block.push(`${ast.indent}start: ${names[dfa.start]}`);
  if (ast.accepting) edits.push({ span: ast.accepting.valueSpan, newText: listValue(text, ast.accepting, accepting) });
  else block.push(`${ast.indent}accepting: ${listValue(text, undefined, accepting)}`);
  block.push(...arrowLines(dfa, names, ast.indent, (s, t) => s !== omit && t !== omit));
  const [first, ...rest] = ast.structureLines;
  if (first) {
    const breakAt = text.slice(first.start, first.end).search(/\r?\n|\r/);
    const eol = breakAt < 0 ? '' : text.slice(first.start + breakAt, first.end);
    edits.push({ span: first, newText: block.join('\n') + (eol || '') });
    for (const span of rest) edits.push({ span, newText: '' });
  } else edits.push(insertLines(text, ast.end, block));
  return { title, edits: edits.sort((a, b) => a.span.start - b.span.start) };
}

/** "Add `w` as a test vector": appends to an existing `accepts:`/`rejects:` line or adds one. */
export function addVectorFix(text: string, ast: MachineAst, expect: 'accept' | 'reject', word: string): ProblemFix {
  const shown = word === '' ? 'ε' : word;
  const line = ast.vectorLines.find((l) => l.expect === expect);
  const key = expect === 'accept' ? 'accepts' : 'rejects';
  const title = `Add ${shown} to "${key}:" (the spec ${expect}s it)`;
  if (line) {
    const empty = line.valueSpan.start === line.valueSpan.end;
    return { title, edits: [{ span: { start: line.valueSpan.end, end: line.valueSpan.end }, newText: empty ? shown : `, ${shown}` }] };
  }
  return { title, edits: [insertLines(text, ast.end, [`${ast.indent}${key}: ${shown}`])] };
}
