/**
 * The review engine's rule catalogue, its settings (thresholds and score
 * weights, read from the resolved configuration) and the penalty each finding
 * costs. All numbers are documented in docs/scoring.md.
 */
import type { RuleInfo, Severity } from '../model/finding';
import { threshold, type ResolvedConfig } from '../config/types';

/** Score dimensions, in report order. */
export type DimensionKey = 'complexity' | 'size' | 'duplication' | 'hygiene' | 'security' | 'documentation';

/** Display names of the dimensions. */
export const DIMENSION_NAMES: Readonly<Record<DimensionKey, string>> = {
  complexity: 'Complexity',
  size: 'Size',
  duplication: 'Duplication',
  hygiene: 'Hygiene',
  security: 'Security',
  documentation: 'Documentation',
};

/** Reads a review setting: configured value, else its documented default (config/types.ts `DEFAULT_THRESHOLDS`). */
export function setting(config: ResolvedConfig, key: string): number {
  return threshold(config, key);
}

/** Score weight (maximum points lost) per dimension; they sum to 100 by default. */
export function weights(config: ResolvedConfig): Record<DimensionKey, number> {
  const w = {} as Record<DimensionKey, number>;
  for (const k of Object.keys(DIMENSION_NAMES) as DimensionKey[]) w[k] = Math.max(0, setting(config, `review.weight.${k}`));
  return w;
}

interface RuleSpec {
  readonly id: string;
  readonly name: string;
  readonly dimension: DimensionKey;
  readonly category: string;
  readonly severity: Severity;
  readonly short: string;
  readonly full: string;
}

const SPECS: readonly RuleSpec[] = [
  { id: 'review/cognitive-complexity', name: 'CognitiveComplexity', dimension: 'complexity', category: 'complexity', severity: 'info', short: 'Cognitive Complexity of a function is above the limit.', full: 'Cognitive Complexity (SonarSource whitepaper) counts breaks in linear flow, with extra weight for nesting. Setting: review.cognitiveComplexity (default 15). The related locations list every increment.' },
  { id: 'review/cyclomatic-complexity', name: 'CyclomaticComplexity', dimension: 'complexity', category: 'complexity', severity: 'info', short: 'Cyclomatic complexity of a function is above the limit.', full: 'McCabe cyclomatic complexity: 1 + decision points (ESLint `complexity` conventions for JS/TS, radon for Python). Setting: review.cyclomaticComplexity (default 10).' },
  { id: 'review/nesting', name: 'DeepNesting', dimension: 'complexity', category: 'complexity', severity: 'info', short: 'Control structures are nested too deeply.', full: 'The deepest nesting of if/loop/switch/catch/ternary inside a function. Setting: review.maxNesting (default 4).' },
  { id: 'review/function-size', name: 'LargeFunction', dimension: 'size', category: 'size', severity: 'info', short: 'A function has too many lines of code.', full: 'Non-blank, non-comment lines of a function. Setting: review.functionLines (default 60).' },
  { id: 'review/parameters', name: 'TooManyParameters', dimension: 'size', category: 'size', severity: 'info', short: 'A function takes too many parameters.', full: 'Declared parameters (receivers such as self/this excluded). Setting: review.maxParams (default 4).' },
  { id: 'review/file-size', name: 'LargeFile', dimension: 'size', category: 'size', severity: 'info', short: 'A file has too many lines of code.', full: 'Non-blank, non-comment lines of the file. Setting: review.fileLines (default 500).' },
  { id: 'review/duplication', name: 'DuplicatedCode', dimension: 'duplication', category: 'duplication', severity: 'info', short: 'A block of code is duplicated.', full: 'At least review.duplicationTokens (default 100) identical tokens spanning review.duplicationLines (default 6) lines, within the file or, when the host indexes a project, across files.' },
  { id: 'review/todo', name: 'TodoComment', dimension: 'hygiene', category: 'hygiene', severity: 'hint', short: 'A TODO/FIXME/XXX/HACK marker is left in a comment.', full: 'Tracked work markers in comments.' },
  { id: 'review/debug-output', name: 'DebugOutput', dimension: 'hygiene', category: 'hygiene', severity: 'info', short: 'Debug output is left in the code.', full: 'console.log and friends, debugger, print/breakpoint, System.out/err.print*, printStackTrace(), Go println and fmt.Print* outside package main, var_dump/print_r/dd. Printing in a main function or a Python __main__ block is not reported.' },
  { id: 'review/empty-catch', name: 'EmptyCatch', dimension: 'hygiene', category: 'hygiene', severity: 'info', short: 'An exception is caught and silently ignored.', full: 'A catch block with no statement and no comment, an except block that only passes, or a bare Python except:.' },
  { id: 'review/commented-out-code', name: 'CommentedOutCode', dimension: 'hygiene', category: 'hygiene', severity: 'info', short: 'Code is commented out.', full: 'A run of comment lines most of which read as code. Version control keeps old code; delete it.' },
  { id: 'review/missing-doc', name: 'MissingDocumentation', dimension: 'documentation', category: 'documentation', severity: 'hint', short: 'A public function has no doc comment.', full: 'Exported JS/TS functions and public methods of exported classes, public Python functions and methods (no leading underscore), public Java methods (not @Override), exported Go functions, public PHP functions and methods.' },
];

const BY_ID = new Map(SPECS.map((s) => [s.id, s]));

/** Dimension and default severity of a review rule. */
export function ruleSpec(id: string): RuleSpec {
  const s = BY_ID.get(id);
  if (!s) throw new Error(`unknown review rule ${id}`);
  return s;
}

/** Static descriptions of every review rule. */
export function reviewRules(): RuleInfo[] {
  return SPECS.map((s) => ({
    id: s.id,
    engine: 'review',
    name: s.name,
    shortDescription: s.short,
    fullDescription: s.full,
    category: s.category,
    defaultSeverity: s.severity,
    tags: ['maintainability', s.dimension],
  }));
}

/** Raw penalty points of one finding (before the per-dimension saturation in score.ts). */
export const PENALTY = {
  cognitive: (value: number, limit: number): number => 2 + (value - limit) / 2,
  cyclomatic: (value: number, limit: number): number => 1 + (value - limit) / 4,
  nesting: (value: number, limit: number): number => 1.5 * (value - limit),
  functionSize: (value: number, limit: number): number => 1 + (value - limit) / 20,
  parameters: (value: number, limit: number): number => value - limit,
  fileSize: (value: number, limit: number): number => 2 + (value - limit) / 100,
  duplication: (lines: number): number => 1 + lines / 10,
  todo: 0.5,
  debugOutput: 1,
  emptyCatch: 2,
  commentedOutCode: 1,
  missingDoc: 1,
  security: { error: 10, warning: 5, info: 2, hint: 0.5 } as Readonly<Record<Severity, number>>,
} as const;
