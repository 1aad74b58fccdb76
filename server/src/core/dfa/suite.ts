import { DEFAULT_STATE_LIMIT, type Dfa, StateLimitError, encodeWord, runSymbols } from './automata/automaton';
import { equivalent, isEmptyLanguage } from './automata/equivalence';
import { buildMachine } from './check/structure';
import { parseDfaJson } from './file/dfaJson';
import { hasErrors } from './problems';
import type { Spec, SpecNode } from './spec/ast';
import { checkSpecSymbols, compileSpec } from './spec/compile';
import { formatSpec } from './spec/format';
import { parseSpec } from './spec/parser';
import type { SpecPatterns } from './spec/patterns';

/** One row of a prompt suite, with the seed's CSV fields as raw strings (lists `;`-joined). */
export interface SuiteRow {
  readonly prompt: string;
  readonly category?: string;
  readonly expectedType?: string;
  readonly mustAccept?: string;
  readonly mustReject?: string;
  readonly isContradiction?: string;
  /** Optional machine under test, as `.dfa.json` text; without it the row's labels are checked. */
  readonly dfa?: string;
}

export type SuiteStatus = 'PASS' | 'FAIL' | 'INVALID_SPEC' | 'INVALID_DFA' | 'ERROR';

/** A defect of the row itself (the seed's data flaws), reported next to the status. */
export interface RowFlag {
  readonly kind: 'duplicate-prompt' | 'foreign-symbol' | 'vacuous' | 'epsilon-ambiguous' | 'undetected-contradiction' | 'false-contradiction' | 'type-mismatch';
  readonly message: string;
}

/** The verdict of one row. */
export interface RowVerdict {
  readonly index: number;
  readonly status: SuiteStatus;
  /** The spec in the formal syntax, when readable. */
  readonly reading?: string;
  readonly alphabet?: readonly string[];
  /** Why the row is not PASS (spec problems, label disagreements, the counterexample). */
  readonly messages: readonly string[];
  /** Labelled strings our oracle (the spec's exact DFA) disagrees with. */
  readonly disagreements: readonly { readonly word: string; readonly labelled: 'accept' | 'reject'; readonly foreign: boolean }[];
  readonly counterexample?: { readonly word: string; readonly acceptedBy: 'dfa' | 'spec' };
  readonly flags: readonly RowFlag[];
  /** For ERROR: the error's class (`StateLimitError`, or the name of an unexpected exception). */
  readonly errorClass?: string;
}

/** Options of {@link verifySuite}. */
export interface SuiteOptions {
  readonly limit?: number;
  /**
   * Alphabet for prompts that declare none. Never guessed: without it such
   * rows are INVALID_SPEC. (The seed's default was binary.)
   */
  readonly defaultAlphabet?: readonly string[];
  readonly patterns?: SpecPatterns;
}

/** Totals per status and per flag kind. */
export type SuiteSummary = Record<SuiteStatus, number> & { readonly flags: Partial<Record<RowFlag['kind'], number>> };

/**
 * Splits a `;`-joined list. The seed writes ε as an empty item, and an empty
 * field means "no strings"; both readings are kept but flagged, because the
 * format cannot tell "no strings" from "only ε".
 */
export function splitList(field: string | undefined): { words: string[]; ambiguous: boolean } {
  if (field === undefined || field === '') return { words: [], ambiguous: field === '' };
  const words = field.split(';');
  return { words, ambiguous: words.includes('') };
}

type Compiled = { spec: Spec; dfa: Dfa; alphabet: readonly string[] } | { problems: string[] } | { error: string; message: string };

/** Verifies every row; identical prompts are compiled once. Pure and synchronous. */
export function verifySuite(rows: readonly SuiteRow[], options: SuiteOptions = {}): { verdicts: RowVerdict[]; summary: SuiteSummary } {
  const cache = new Map<string, Compiled>();
  const firstSeen = new Map<string, number>();
  const verdicts = rows.map((row, index) => {
    const key = row.prompt.trim().replace(/\s+/g, ' ').toLowerCase();
    const first = firstSeen.get(key);
    if (first === undefined) firstSeen.set(key, index);
    return verifyRow(row, index, options, cache, first);
  });
  const summary: SuiteSummary = { PASS: 0, FAIL: 0, INVALID_SPEC: 0, INVALID_DFA: 0, ERROR: 0, flags: {} };
  for (const v of verdicts) {
    summary[v.status]++;
    for (const f of v.flags) summary.flags[f.kind] = (summary.flags[f.kind] ?? 0) + 1;
  }
  return { verdicts, summary };
}

function compileRow(prompt: string, options: SuiteOptions, cache: Map<string, Compiled>): Compiled {
  const hit = cache.get(prompt);
  if (hit) return hit;
  let out: Compiled;
  const parsed = parseSpec(prompt, options.patterns ? { patterns: options.patterns } : {});
  if (!parsed.value) out = { problems: parsed.problems.filter((p) => p.severity === 'error').map((p) => p.message) };
  else {
    const alphabet = parsed.value.alphabet?.symbols ?? options.defaultAlphabet;
    if (!alphabet) out = { problems: ['the prompt declares no alphabet and no default alphabet is configured'] };
    else {
      const foreign = checkSpecSymbols(parsed.value, alphabet);
      if (foreign.length > 0) out = { problems: foreign.map((p) => p.message) };
      else {
        try {
          out = { spec: parsed.value, dfa: compileSpec(parsed.value, alphabet, { limit: options.limit ?? DEFAULT_STATE_LIMIT }), alphabet };
        } catch (e) {
          out = { error: e instanceof StateLimitError ? 'StateLimitError' : e instanceof Error ? e.name : 'Error', message: e instanceof Error ? e.message : String(e) };
        }
      }
    }
  }
  cache.set(prompt, out);
  return out;
}

function verifyRow(row: SuiteRow, index: number, options: SuiteOptions, cache: Map<string, Compiled>, duplicateOf: number | undefined): RowVerdict {
  const flags: RowFlag[] = [];
  // Rows are numbered from 1 in messages, as a person counts them in a suite file.
  if (duplicateOf !== undefined) flags.push({ kind: 'duplicate-prompt', message: `same prompt as row ${duplicateOf + 1}` });
  const accept = splitList(row.mustAccept);
  const reject = splitList(row.mustReject);
  // A row with a machine is checked exactly against the spec; without strings it needs none,
  // so "no strings" is not a defect there (no vacuous or ε-ambiguity noise).
  const machineOnly = row.dfa !== undefined && !row.mustAccept?.trim() && !row.mustReject?.trim();
  if ((accept.ambiguous || reject.ambiguous) && !machineOnly) flags.push({ kind: 'epsilon-ambiguous', message: 'an empty item (or field) could mean ε or "no strings"; read as ε (item) and as no strings (empty field)' });
  const compiled = compileRow(row.prompt, options, cache);
  if ('problems' in compiled) return { index, status: 'INVALID_SPEC', messages: compiled.problems, disagreements: [], flags };
  if ('error' in compiled) return { index, status: 'ERROR', errorClass: compiled.error, messages: [compiled.message], disagreements: [], flags };
  const { spec, dfa, alphabet } = compiled;
  const base = { index, reading: formatSpec(spec), alphabet };

  const labelled = [...accept.words.map((word) => ({ word, labelled: 'accept' as const })), ...reject.words.map((word) => ({ word, labelled: 'reject' as const }))];
  const disagreements: RowVerdict['disagreements'][number][] = [];
  let foreignCount = 0;
  let usable = 0;
  for (const l of labelled) {
    const enc = encodeWord(alphabet, l.word);
    if ('foreign' in enc) {
      foreignCount++;
      // No machine over the alphabet accepts it: a label "accept" is wrong, a label "reject" is vacuous.
      if (l.labelled === 'accept') disagreements.push({ ...l, foreign: true });
      continue;
    }
    if (l.word !== '') usable++;
    if ((dfa.accepting[runSymbols(dfa, enc.symbols)] === 1) !== (l.labelled === 'accept')) disagreements.push({ ...l, foreign: false });
  }
  if (foreignCount > 0) flags.push({ kind: 'foreign-symbol', message: `${foreignCount} of ${labelled.length} strings use symbols outside {${alphabet.join(', ')}}` });
  if (usable === 0 && row.dfa === undefined) flags.push({ kind: 'vacuous', message: 'no non-empty test string over the alphabet' });
  const empty = isEmptyLanguage(dfa);
  const claimed = row.isContradiction?.trim().toLowerCase() === 'true';
  if (empty && !claimed) flags.push({ kind: 'undetected-contradiction', message: 'the spec describes the empty language but the row is not marked as a contradiction' });
  if (!empty && claimed) flags.push({ kind: 'false-contradiction', message: 'the row is marked as a contradiction but the spec accepts some string' });
  const actualType = seedType(spec.root);
  if (row.expectedType && actualType && !typeMatches(row.expectedType, actualType)) {
    flags.push({ kind: 'type-mismatch', message: `labelled ${row.expectedType}, read as ${actualType}` });
  }

  const messages = disagreements.map((d) => `labelled ${d.labelled} but the spec ${d.labelled === 'accept' ? 'rejects' : 'accepts'} ${d.word === '' ? 'ε' : d.word}${d.foreign ? ' (symbol outside the alphabet)' : ''}`);
  if (row.dfa !== undefined) {
    // Wrong labels are reported even when the machine is right: the row itself is defective.
    const machine = checkMachine(row.dfa, dfa, options);
    const status = machine.status === 'PASS' && disagreements.length > 0 ? 'FAIL' : machine.status;
    return { ...base, ...machine, status, messages: [...machine.messages, ...messages], disagreements, flags };
  }
  return { ...base, status: disagreements.length > 0 ? 'FAIL' : 'PASS', messages, disagreements, flags };
}

function checkMachine(json: string, specDfa: Dfa, options: SuiteOptions): Pick<RowVerdict, 'status' | 'messages' | 'counterexample'> {
  const parsed = parseDfaJson(json);
  const ast = parsed.value?.machines[0];
  const built = ast ? buildMachine(ast, options.limit ?? DEFAULT_STATE_LIMIT) : undefined;
  if (!ast || hasErrors(parsed.problems) || !built?.machine) {
    return { status: 'INVALID_DFA', messages: [...parsed.problems, ...(built?.problems ?? [])].filter((p) => p.severity === 'error').map((p) => p.message) };
  }
  const eq = equivalent(built.machine.dfa, specDfa);
  if (eq.equal) return { status: 'PASS', messages: [] };
  const by = eq.acceptedBy === 'a' ? 'dfa' : 'spec';
  const w = eq.counterexample === '' ? 'ε' : eq.counterexample;
  return { status: 'FAIL', messages: [`the DFA ${by === 'dfa' ? 'accepts' : 'rejects'} ${w}, which the spec ${by === 'dfa' ? 'rejects' : 'accepts'} (shortest counterexample)`], counterexample: { word: eq.counterexample, acceptedBy: by } };
}

/** The seed's `expected_type` for a reading, when one of its atomic types fits. */
export function seedType(node: SpecNode): string | undefined {
  switch (node.kind) {
    case 'and':
      return 'AND';
    case 'or':
      return 'OR';
    case 'not': {
      const inner = node.operand.kind;
      return inner === 'startsWith' ? 'NOT_STARTS_WITH' : inner === 'endsWith' ? 'NOT_ENDS_WITH' : inner === 'contains' ? 'NOT_CONTAINS' : undefined;
    }
    case 'startsWith':
      return 'STARTS_WITH';
    case 'endsWith':
      return 'ENDS_WITH';
    case 'contains':
      return 'CONTAINS';
    case 'length':
      return { eq: 'EXACT_LENGTH', ge: 'MIN_LENGTH', le: 'MAX_LENGTH', mod: 'LENGTH_MOD', between: 'COMPOSITE_RANGE' }[node.test.op as string];
    case 'count':
      if (node.test.op === 'mod') return node.test.k === 2 && node.test.r < 2 ? (node.test.r === 0 ? 'EVEN_COUNT' : 'ODD_COUNT') : 'COUNT_MOD';
      return { ge: 'MIN_COUNT', le: 'MAX_COUNT', between: 'COMPOSITE_RANGE' }[node.test.op as string];
    case 'value':
      return node.r === 0 ? 'DIVISIBLE_BY' : undefined;
    case 'noConsecutive':
      return 'NO_CONSECUTIVE';
    default:
      return undefined;
  }
}

/** The seed labels ranges "COMPOSITE_RANGE" whether written as "between" or as two bounds joined by "and". */
function typeMatches(expected: string, actual: string): boolean {
  return expected === actual || (expected === 'COMPOSITE_RANGE' && actual === 'AND');
}
