import { DEFAULT_STATE_LIMIT } from '../automata/automaton';
import { shortestAccessStrings } from '../automata/equivalence';
import { minimize } from '../automata/minimize';
import type { DfaProblem, Span } from '../problems';
import { parseDfaJson } from '../file/dfaJson';
import { parseDfaFile } from '../file/dfaText';
import type { MachineAst } from '../file/machineAst';
import { formatSpec } from '../spec/format';
import type { SpecPatterns } from '../spec/patterns';
import { structureHints } from './hints';
import { checkMeaning } from './meaning';
import { buildMachine } from './structure';

/** Per-machine verdict for reports (`fileData`), the CLI and hovers. Plain, serialisable data. */
export interface MachineVerdict {
  readonly name: string | null;
  /** Where the machine is (its header or first line), for jumping to it. */
  readonly anchor: Span;
  readonly spec: string | null;
  /** The spec in the formal syntax, showing how it was read; null when unreadable. */
  readonly reading: string | null;
  readonly alphabet: readonly string[] | null;
  /** Language equality with the spec; null when it could not be decided (no spec, or errors). */
  readonly equivalent: boolean | null;
  readonly counterexample: string | null;
  readonly acceptedBy: 'machine' | 'spec' | null;
  /** States as written; null when the machine has structural errors. */
  readonly states: number | null;
  readonly minimalStates: number | null;
  /** States of the minimal DFA of the spec. */
  readonly specStates: number | null;
  /** Shortlex-least word reaching each written state (null: unreachable). */
  readonly accessStrings: Readonly<Record<string, string | null>>;
}

/** Options of {@link validateDfaDocument}. */
export interface ValidateOptions {
  /** `dfa.maxStates`. */
  readonly limit?: number;
  readonly patterns?: SpecPatterns;
  readonly signal?: AbortSignal;
}

/** Everything found in one document. */
export interface DocumentValidation {
  readonly problems: DfaProblem[];
  readonly machines: MachineVerdict[];
}

/**
 * Validates a `.dfa` or `.dfa.json` document: syntax, then per machine the
 * structure, structural hints, the spec and the test vectors. Pure and
 * synchronous; the caller maps offsets to positions.
 */
export function validateDfaDocument(text: string, languageId: 'dfa' | 'dfa-json', options: ValidateOptions = {}): DocumentValidation {
  const limit = options.limit ?? DEFAULT_STATE_LIMIT;
  const parsed = languageId === 'dfa-json' ? parseDfaJson(text) : parseDfaFile(text);
  const problems: DfaProblem[] = [...parsed.problems];
  const machines: MachineVerdict[] = [];
  const names = new Map<string, MachineAst>();
  for (const ast of parsed.value?.machines ?? []) {
    if (options.signal?.aborted) break;
    if (ast.name) {
      if (names.has(ast.name.text)) problems.push({ ruleId: 'dfa/duplicate-machine', severity: 'warning', message: `another machine is also called ${ast.name.text}`, span: ast.name.span });
      else names.set(ast.name.text, ast);
    }
    machines.push(validateMachine(text, ast, limit, options.patterns, problems));
  }
  return { problems, machines };
}

function validateMachine(text: string, ast: MachineAst, limit: number, patterns: SpecPatterns | undefined, problems: DfaProblem[]): MachineVerdict {
  const built = buildMachine(ast, limit);
  problems.push(...built.problems);
  const machine = built.machine;
  if (machine) problems.push(...structureHints(text, ast, machine));
  const meaning = checkMeaning(text, ast, machine, patterns ? { limit, patterns } : { limit });
  problems.push(...meaning.problems);
  const accessStrings: Record<string, string | null> = {};
  if (machine) {
    const words = shortestAccessStrings(machine.dfa);
    for (let s = 0; s < machine.userStates; s++) accessStrings[machine.dfa.stateNames![s]!] = words[s] ?? null;
  }
  return {
    name: ast.name?.text ?? null,
    anchor: ast.anchor,
    spec: ast.spec?.text ?? null,
    reading: meaning.spec ? formatSpec(meaning.spec) : null,
    alphabet: machine?.dfa.alphabet ?? ast.alphabet?.symbols.map((s) => s.text) ?? null,
    equivalent: meaning.equivalent ?? null,
    counterexample: meaning.counterexample?.word ?? null,
    acceptedBy: meaning.counterexample?.acceptedBy ?? null,
    states: machine ? machine.userStates : null,
    minimalStates: machine ? minimize(machine.dfa).stateCount : null,
    specStates: meaning.specDfa ? meaning.specDfa.stateCount : null,
    accessStrings,
  };
}
