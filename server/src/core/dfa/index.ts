/**
 * Public API of the DFA engine: the pure automata core, the spec language,
 * the `.dfa` / `.dfa.json` readers, whole-document validation and the
 * `Engine` used by the LSP server and the CLI. Nothing here does IO.
 */
export { createDfaEngine, problemsToFindings, type DfaEngineOptions } from './engine';
export { DFA_RULES, dfaRule } from './rules';

// Automata core.
export type { Dfa } from './automata/automaton';
export { StateLimitError, DEFAULT_STATE_LIMIT, accepts, makeDfa, encodeWord, trace, showWord } from './automata/automaton';
export { product, complement, withAlphabet, type ProductOp } from './automata/operations';
export { minimize, canonicalize, isMinimal, stateClasses } from './automata/minimize';
export { equivalent, shortestAccessStrings, shortestAccepted, shortestRejected, isEmptyLanguage, isUniversal, type Equivalence } from './automata/equivalence';
export { densityDistance, editDistance, type Density } from './automata/distance';
export { toDot, toJson, toDfaText, type DfaJson, type DfaTextOptions } from './automata/export';
export type { NumberTest } from './automata/builders';

// Spec language.
export type { DfaProblem, Parsed, Span, SpanEdit, ProblemFix } from './problems';
export type { Spec, SpecNode, SpecWord, DeclaredAlphabet } from './spec/ast';
export { parseSpec, type ParseSpecOptions } from './spec/parser';
export { compileSpec, checkSpecSymbols, type CompileOptions } from './spec/compile';
export { formatSpec } from './spec/format';
export { DEFAULT_PATTERNS, mergePatterns, type SpecPatterns, type PhraseKind } from './spec/patterns';
export { NAMED_ALPHABETS } from './spec/headers';

// Documents.
export type { DfaFile, MachineAst, TransitionAst, VectorAst, Named } from './file/machineAst';
export { parseDfaFile } from './file/dfaText';
export { parseDfaJson } from './file/dfaJson';
export { buildMachine, type BuiltMachine } from './check/structure';
export { validateDfaDocument, type DocumentValidation, type MachineVerdict, type ValidateOptions } from './check/validate';

// Batch suites (rows already parsed from CSV by the caller).
export { verifySuite, splitList, seedType, type SuiteRow, type SuiteStatus, type RowVerdict, type RowFlag, type SuiteOptions, type SuiteSummary } from './suite';
