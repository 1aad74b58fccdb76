import type { DfaProblem, Parsed, Span } from '../problems';
import { type JsonNode, parseJsonTree } from './jsonTree';
import type { DfaFile, KeyLine, MachineAst, Named, TransitionAst, VectorAst } from './machineAst';

/** Accepted spellings per field: the seed's names first, then Argus's own export names. */
const FIELDS = {
  states: ['states'],
  alphabet: ['alphabet'],
  transitions: ['transitions'],
  start: ['start_state', 'start'],
  accepting: ['accept_states', 'accept', 'accepting'],
  spec: ['spec', 'prompt'],
  name: ['name'],
  accepts: ['must_accept', 'accepts'],
  rejects: ['must_reject', 'rejects'],
} as const;
/** Fields the seed writes that carry no meaning for validation. */
const IGNORED = new Set(['reasoning', 'category', 'expected_type', 'difficulty', 'is_contradiction']);

const typeError = (span: Span, message: string): DfaProblem => ({ ruleId: 'dfa/syntax', severity: 'error', message, span });

function named(node: JsonNode, what: string, problems: DfaProblem[]): Named | undefined {
  if (node.kind === 'string') return { text: node.value, span: node.span };
  problems.push(typeError(node.span, `${what} must be a string`));
  return undefined;
}

function namedList(node: JsonNode, what: string, problems: DfaProblem[]): Named[] {
  if (node.kind !== 'array') {
    problems.push(typeError(node.span, `${what} must be an array of strings`));
    return [];
  }
  return node.items.flatMap((item) => named(item, `each item of ${what}`, problems) ?? []);
}

const keyLine = (node: JsonNode): KeyLine => ({ lineSpan: node.span, valueSpan: node.span });

function readMachine(obj: Extract<JsonNode, { kind: 'object' }>, problems: DfaProblem[]): MachineAst {
  const field = (names: readonly string[]): JsonNode | undefined => obj.entries.find((e) => names.includes(e.key))?.value;
  for (const e of obj.entries) {
    const known = Object.values(FIELDS).some((names) => (names as readonly string[]).includes(e.key));
    if (!known && !IGNORED.has(e.key)) problems.push({ ruleId: 'dfa/syntax', severity: 'warning', message: `unknown field "${e.key}" is ignored`, span: e.keySpan });
  }
  const transitions: TransitionAst[] = [];
  const t = field(FIELDS.transitions);
  if (t && t.kind !== 'object') problems.push(typeError(t.span, 'transitions must be an object {state: {symbol: state}}'));
  else if (t) {
    for (const row of t.entries) {
      if (row.value.kind !== 'object') {
        problems.push(typeError(row.value.span, `transitions of "${row.key}" must be an object {symbol: state}`));
        continue;
      }
      for (const cell of row.value.entries) {
        const to = named(cell.value, 'a transition target', problems);
        if (to) transitions.push({ from: { text: row.key, span: row.keySpan }, symbol: { text: cell.key, span: cell.keySpan }, to, lineSpan: cell.value.span });
      }
    }
  }
  const vectors: VectorAst[] = [];
  for (const [expect, names] of [['accept', FIELDS.accepts], ['reject', FIELDS.rejects]] as const) {
    const v = field(names);
    // In JSON "" is unambiguous, so it is the empty word.
    if (v) for (const w of namedList(v, names[0], problems)) vectors.push({ expect, word: w.text, span: w.span });
  }
  const m: { -readonly [K in keyof MachineAst]: MachineAst[K] } = { format: 'json', anchor: { start: obj.span.start, end: obj.span.start + 1 }, end: obj.span.end, indent: '', transitions, vectors, vectorLines: [], structureLines: [] };
  const name = field(FIELDS.name);
  if (name) {
    const n = named(name, 'name', problems);
    if (n) m.name = n;
  }
  const spec = field(FIELDS.spec);
  if (spec) {
    const s = named(spec, 'the spec', problems);
    // The spec's spans must map 1:1 onto the document, so escaped strings are read without spans inside.
    if (s) m.spec = { text: s.text, span: { start: spec.span.start + 1, end: spec.span.end - 1 }, ...keyLine(spec) };
  }
  const alphabet = field(FIELDS.alphabet);
  if (alphabet) m.alphabet = { symbols: namedList(alphabet, 'alphabet', problems), ...keyLine(alphabet) };
  const states = field(FIELDS.states);
  if (states) m.states = { names: namedList(states, 'states', problems), ...keyLine(states) };
  const start = field(FIELDS.start);
  if (start) {
    const s = named(start, 'the start state', problems);
    if (s) m.start = { name: s, ...keyLine(start) };
  }
  const accepting = field(FIELDS.accepting);
  if (accepting) m.accepting = { names: namedList(accepting, 'accepting states', problems), ...keyLine(accepting) };
  return m;
}

/**
 * Reads the seed's JSON shape (`states`, `alphabet`, `transitions`,
 * `start_state`, `accept_states`, optional `prompt`/`spec`, `must_accept`,
 * `must_reject`) or Argus's `toJson` shape (`start`, `accept`). The document
 * may hold one machine, an array of machines or `{ "machines": [...] }`.
 */
export function parseDfaJson(text: string): Parsed<DfaFile> {
  const tree = parseJsonTree(text);
  if (!tree.value) return { value: undefined, problems: tree.problems };
  const problems: DfaProblem[] = [];
  const root = tree.value;
  const wrapped = root.kind === 'object' ? root.entries.find((e) => e.key === 'machines')?.value : undefined;
  const list = wrapped ? wrapped : root;
  const objects = list.kind === 'array' ? list.items : [list];
  const machines: MachineAst[] = [];
  for (const o of objects) {
    if (o.kind === 'object') machines.push(readMachine(o, problems));
    else problems.push(typeError(o.span, 'a machine must be a JSON object'));
  }
  return { value: { machines }, problems };
}
