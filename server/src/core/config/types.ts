import type { Severity } from '../model/finding';
import type { FeedbackMark } from '../feedback/types';

/** What a rule setting can say: turn the rule off, or re-grade it. */
export type RuleLevel = 'off' | Severity;

/** A rule setting keyed by an exact rule id or a glob over rule ids (`security/*`). */
export interface RuleOverride {
  readonly pattern: string;
  readonly level: RuleLevel;
  /** Only applies to files matching these globs (relative paths); absent means every file. */
  readonly files?: readonly string[];
}

/**
 * The configuration every engine sees, after merging defaults, editor
 * settings and `.argus.yml` files. Immutable and plain data.
 */
export interface ResolvedConfig {
  readonly engines: { readonly security: boolean; readonly review: boolean; readonly dfa: boolean };
  /** Later entries win over earlier ones. */
  readonly rules: readonly RuleOverride[];
  /** Globs of relative paths never analysed. */
  readonly exclude: readonly string[];
  /**
   * Engine thresholds by dotted key. Documented keys and defaults live in
   * `DEFAULT_THRESHOLDS`; engines read them with {@link threshold}.
   */
  readonly thresholds: Readonly<Record<string, number>>;
  /**
   * Findings of `experimental` rules: `hide` (the default) keeps them in
   * shadow (counted and logged, not shown); `show` shows them like stable ones.
   * Optional so that configs built by hand elsewhere stay valid; absent = `hide`.
   */
  readonly experimental?: ExperimentalMode;
  /** False-positive marks of the folder (`.argus/feedback.json`); the analyzer hides their findings. */
  readonly feedback?: readonly FeedbackMark[];
}

/** Whether findings of experimental rules are shown. */
export type ExperimentalMode = 'show' | 'hide';

/** Defaults for every documented threshold key. */
export const DEFAULT_THRESHOLDS: Readonly<Record<string, number>> = {
  'review.cognitiveComplexity': 15,
  'review.cyclomaticComplexity': 10,
  'review.maxNesting': 4,
  'review.maxParams': 4,
  'review.functionLines': 60,
  'review.fileLines': 500,
  'review.duplicationTokens': 100,
  'review.duplicationLines': 6,
  'review.weight.complexity': 30,
  'review.weight.size': 15,
  'review.weight.duplication': 15,
  'review.weight.hygiene': 10,
  'review.weight.security': 20,
  'review.weight.documentation': 10,
  'dfa.maxStates': 10000,
  'security.maxFileBytes': 1000000,
};

/** The configuration used when nothing is configured. */
export const DEFAULT_CONFIG: ResolvedConfig = {
  engines: { security: true, review: true, dfa: true },
  rules: [],
  exclude: [],
  thresholds: DEFAULT_THRESHOLDS,
  experimental: 'hide',
  feedback: [],
};

/** Reads a threshold, falling back to its documented default. */
export function threshold(config: ResolvedConfig, key: string): number {
  const v = config.thresholds[key] ?? DEFAULT_THRESHOLDS[key];
  if (v === undefined) throw new Error(`undocumented threshold key: ${key}`);
  return v;
}
