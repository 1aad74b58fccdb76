/**
 * Editor operations on `.dfa` documents, for the language server's custom
 * requests: pick the machine under the cursor, draw it, run a string through
 * it, and generate a machine from a spec. Pure; results are plain data.
 */
import { DEFAULT_STATE_LIMIT, encodeWord, trace, type Dfa } from './automata/automaton';
import { minimize } from './automata/minimize';
import { toDfaText, toDot } from './automata/export';
import { parseDfaJson } from './file/dfaJson';
import { parseDfaFile } from './file/dfaText';
import type { MachineAst } from './file/machineAst';
import { compileSpec } from './spec/compile';
import { parseSpec } from './spec/parser';
import { buildMachine, type BuiltMachine } from './check/structure';
import { checkMeaning, type MeaningResult } from './check/meaning';

/** Which machine a request is about: by name, else the one containing `offset`, else the first. */
export interface MachineSelector {
  readonly name?: string;
  readonly offset?: number;
}

interface Selected {
  readonly names: string[];
  readonly ast: MachineAst;
  readonly label: string;
  readonly built?: BuiltMachine;
  readonly meaning: MeaningResult;
}

function select(text: string, languageId: 'dfa' | 'dfa-json', sel: MachineSelector, limit: number): Selected | { error: string } {
  const machines = (languageId === 'dfa-json' ? parseDfaJson(text) : parseDfaFile(text)).value?.machines ?? [];
  if (machines.length === 0) return { error: 'this document has no machine' };
  const label = (m: MachineAst, i: number) => m.name?.text ?? `machine ${i + 1}`;
  const names = machines.map(label);
  let i = sel.name !== undefined ? names.indexOf(sel.name) : -1;
  if (i < 0 && sel.offset !== undefined) for (let j = 0; j < machines.length; j++) if (machines[j]!.anchor.start <= sel.offset) i = j;
  if (i < 0) i = 0;
  const ast = machines[i]!;
  const built = buildMachine(ast, limit).machine;
  return { names, ast, label: names[i]!, built, meaning: checkMeaning(text, ast, built, { limit }) };
}

/** A DOT drawing of the selected machine, its counterexample path highlighted. */
export function dfaDiagram(text: string, languageId: 'dfa' | 'dfa-json', sel: MachineSelector, limit = DEFAULT_STATE_LIMIT) {
  const s = select(text, languageId, sel, limit);
  if ('error' in s) return s;
  if (!s.built) return { error: `${s.label} has structural errors; fix the errors shown in the file first` };
  const counterexample = s.meaning.counterexample?.word;
  return {
    machines: s.names,
    machine: s.label,
    dot: toDot(s.built.dfa, counterexample),
    ...(counterexample !== undefined ? { counterexample } : {}),
    verdict: s.meaning.equivalent === true ? ('equivalent' as const) : s.meaning.equivalent === false ? ('different' as const) : ('unknown' as const),
  };
}

/** Runs `input` through the selected machine and reports every state visited. */
export function dfaTestString(text: string, languageId: 'dfa' | 'dfa-json', sel: MachineSelector, input: string, limit = DEFAULT_STATE_LIMIT) {
  const s = select(text, languageId, sel, limit);
  if ('error' in s) return { machine: '', steps: [], accepted: false, error: s.error };
  if (!s.built) return { machine: s.label, steps: [], accepted: false, error: `${s.label} has structural errors` };
  const dfa = s.built.dfa;
  const enc = encodeWord(dfa.alphabet, input);
  if ('foreign' in enc) return { machine: s.label, steps: [], accepted: false, error: `'${enc.foreign}' is not in the alphabet {${dfa.alphabet.join(', ')}}` };
  const states = trace(dfa, enc.symbols);
  const name = (q: number) => dfa.stateNames?.[q] ?? `q${q}`;
  const steps = states.map((q, i) => ({ symbol: i === 0 ? null : dfa.alphabet[enc.symbols[i - 1]!]!, state: name(q) }));
  const accepted = dfa.accepting[states.at(-1)!] === 1;
  const specDfa = s.meaning.specDfa;
  return { machine: s.label, steps, accepted, ...(specDfa ? { specAccepts: acceptsSymbols(specDfa, enc.symbols) } : {}) };
}

function acceptsSymbols(dfa: Dfa, symbols: readonly number[]): boolean {
  const states = trace(dfa, symbols);
  return dfa.accepting[states.at(-1)!] === 1;
}

/**
 * The minimal complete DFA of a spec as `.dfa` text. The alphabet is
 * required (`{0,1}`): Argus never guesses one.
 */
export function dfaGenerate(spec: string, alphabet: string, name = 'M', limit = DEFAULT_STATE_LIMIT): { text: string } | { error: string } {
  const symbols = alphabet
    .replace(/^\s*\{|\}\s*$/g, '')
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
  if (symbols.length === 0 || symbols.some((x) => [...x].length !== 1)) return { error: `alphabet must list single symbols, like {0,1} (got '${alphabet}')` };
  const parsed = parseSpec(spec);
  const errors = parsed.problems.filter((p) => p.severity === 'error');
  if (!parsed.value || errors.length > 0) return { error: errors.map((p) => `${p.message} (at ${p.span.start}–${p.span.end})`).join('; ') || 'the spec could not be read' };
  try {
    return { text: `${toDfaText(minimize(compileSpec(parsed.value, symbols, { limit })), spec, { name })}\n` };
  } catch (err) {
    return { error: (err as Error).message };
  }
}
