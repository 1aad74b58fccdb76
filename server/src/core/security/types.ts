/**
 * Types of the built-in security engine: the validated rule model produced by
 * the loader and consumed by the matcher, the taint analyser and the secret
 * scanner. Everything here is plain data except the compiled tree-sitter
 * queries and regular expressions, which are built once per rule pack.
 */
import type { QueryPart } from './queryGating';
import type { Range, Severity } from '../model/finding';
import type { GrammarName } from '../parsing/grammars';

/** A problem in a rule file, located in that file (0-based line and UTF-16 character). */
export interface RuleProblem {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

/**
 * Languages a rule may name. `typescript` covers both the TS and TSX grammars;
 * `tsx` is TSX only (for JSX patterns, which the plain TS grammar rejects).
 */
export type RuleLanguage = 'javascript' | 'typescript' | 'tsx' | 'python' | 'java' | 'go' | 'php' | 'generic';

/** All rule languages, for validation messages. */
export const RULE_LANGUAGES: readonly RuleLanguage[] = ['javascript', 'typescript', 'tsx', 'python', 'java', 'go', 'php', 'generic'];

/** Grammars a rule language is compiled for. `generic` rules run on text, not trees. */
export const GRAMMARS_OF: Readonly<Record<RuleLanguage, readonly GrammarName[]>> = {
  javascript: ['javascript'],
  typescript: ['typescript', 'tsx'],
  tsx: ['tsx'],
  python: ['python'],
  java: ['java'],
  go: ['go'],
  php: ['php'],
  generic: [],
};

/**
 * How a rule is released: `stable` rules are shown; `experimental` rules run in
 * shadow (counted and logged, shown only when asked for); `quarantined` rules
 * are validated but never compiled or run.
 */
export type RuleChannel = 'stable' | 'experimental' | 'quarantined';

/** All rule channels, for validation messages. */
export const RULE_CHANNELS: readonly RuleChannel[] = ['stable', 'experimental', 'quarantined'];

/** How sure a rule is that a match is a real problem. */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * One edit of a fix. Captures are raw node texts; `$NAME` in a template
 * inserts the text of capture `@name` (or a name bound by an `in-scope`
 * condition).
 */
export type FixEdit =
  /** Replaces the capture's text by the interpolated template. */
  | { readonly kind: 'replace'; readonly capture: string; readonly template: string }
  /** Inserts the template as a new line after the line where the capture ends, indented like the capture's first line. */
  | { readonly kind: 'insert-after'; readonly capture: string; readonly template: string }
  /** Removes the capture together with one separating comma when it is an item of a comma-separated list. */
  | { readonly kind: 'delete'; readonly capture: string };

/** A line a fix needs at the top of the module (an import), unless `present` already matches the document. */
export interface FixImport {
  /** Multiline regex; when it matches the document, nothing is inserted. */
  readonly present: RegExp;
  /** The line to insert (without line break) after the module's leading imports. */
  readonly text: string;
}

/**
 * A quick fix of a rule. A rule may list several; per finding the first one
 * whose captures were all matched and whose `where` conditions hold is offered
 * (as the preferred fix). Its edits never overlap.
 */
export interface FixSpec {
  readonly title: string;
  readonly edits: readonly FixEdit[];
  readonly where: readonly WhereCondition[];
  readonly import?: FixImport;
  /** Capture names the fix reads (edit targets and template placeholders, lower-case); all must be matched. */
  readonly captures: readonly string[];
}

/** Conditions that test a regex against some text around the match (see docs/rules.md, `where`). */
export type RegexConditionKind = 'scope-matches' | 'scope-not-matches' | 'scope-strings-not-match' | 'context-matches' | 'document-matches' | 'document-not-matches';

/** An extra condition on a query match (or on offering a fix) that tree-sitter predicates cannot express. */
export type WhereCondition =
  | { readonly kind: 'not-constant' | 'constant-string'; readonly capture: string }
  | { readonly kind: RegexConditionKind; readonly regex: RegExp }
  /** A variable, parameter or import whose name matches `name` is visible at the finding; its name becomes template value `as`. */
  | { readonly kind: 'in-scope'; readonly name: RegExp; readonly as: string };

/** One inline example of a rule, run by the test suite. */
export interface RuleExample {
  readonly code: string;
  /** Language the example is parsed as; defaults to the rule's first language. */
  readonly language: RuleLanguage;
  /** Where the example is written in the rule file, for test failure messages. */
  readonly line: number;
}

/** Secret matcher of a `secret:` rule. */
export interface SecretSpec {
  readonly regex: RegExp;
  /** Capture group holding the secret value (0 = whole match). */
  readonly group: number;
  /** Lower-cased literals; a line must contain one of them before the regex runs. */
  readonly keywords: readonly string[];
  /** Minimum Shannon entropy (bits per character) of the secret value. */
  readonly entropy: number;
  /** Apply the placeholder / test-value allow-list (on for generic rules). */
  readonly allowList: boolean;
}

/** A reference from a taint rule to a named source or sanitizer set, or an inline query. */
export interface TaintSpec {
  readonly sources: readonly string[];
  readonly sanitizers: readonly string[];
}

/** Metadata and behaviour of one validated rule. */
export interface SecurityRule {
  readonly id: string;
  readonly name: string;
  readonly languages: readonly RuleLanguage[];
  readonly category: string;
  readonly cwe: readonly string[];
  readonly owasp: readonly string[];
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Release channel; `stable` when the rule file does not say. */
  readonly channel: RuleChannel;
  readonly securitySeverity: number;
  readonly message: string;
  readonly description: string;
  readonly docsUrl: string;
  readonly kind: 'query' | 'taint' | 'secret';
  /** Capture whose node is the finding's range (`match` for query rules, `sink` for taint rules). */
  readonly report: string;
  readonly where: readonly WhereCondition[];
  /**
   * Rules whose finding on the same line makes this one redundant: an audit
   * rule ("eval of a value built at run time") yields to the taint rule that
   * proved the value comes from a user.
   */
  readonly yieldsTo: readonly string[];
  /** Quick-fix alternatives, in order of preference (empty when the rule has none). */
  readonly fixes: readonly FixSpec[];
  readonly taint?: TaintSpec;
  readonly secret?: SecretSpec;
  readonly examples: { readonly valid: readonly RuleExample[]; readonly invalid: readonly RuleExample[] };
  /** Rule file the rule came from. */
  readonly path: string;
}

/** What a pattern of the combined per-grammar query stands for. */
export type PatternRole =
  | { readonly kind: 'rule'; readonly rule: SecurityRule }
  | { readonly kind: 'sink'; readonly rule: SecurityRule }
  | { readonly kind: 'source'; readonly set: string }
  | { readonly kind: 'sanitizer'; readonly set: string };

/**
 * Several rules' patterns compiled together: a whole-tree part and a
 * keyword-gated part (see queryGating.ts), and the roles of all patterns.
 */
export interface CombinedQuery {
  readonly parts: readonly QueryPart[];
  readonly roles: readonly PatternRole[];
}

/**
 * The compiled queries of one grammar. `main` holds pattern rules and taint
 * sinks and runs on every document; `taint` holds sources and sanitizers and
 * runs only when `main` found a sink, so files without sinks (most files)
 * pay for one traversal only. It is also compiled on first need (once), so a
 * run whose files have no sinks never pays for compiling it.
 */
export interface GrammarQuery {
  readonly grammar: GrammarName;
  readonly main?: CombinedQuery;
  taint(): Promise<CombinedQuery | undefined>;
}

/** A validated, compiled rule pack: the value returned by `loadRulePack`. */
export interface CompiledRules {
  readonly rules: readonly SecurityRule[];
  /** The grammar's compiled queries; compiled once, on first use when the pack was loaded lazily. */
  queriesFor(grammar: GrammarName): Promise<GrammarQuery | undefined>;
  /** Rules that scan raw text (secrets), for every language. */
  readonly secretRules: readonly SecurityRule[];
  /**
   * The release channel of every valid rule, quarantined ones included (they
   * are in no other list). The analyzer keeps experimental findings in shadow.
   */
  readonly channels: ReadonlyMap<string, RuleChannel>;
}
