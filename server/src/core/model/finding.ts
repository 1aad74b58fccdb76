/**
 * The finding model: plain, serialisable data shared by every engine, the LSP
 * layer and the CLI reporters. Nothing here knows about LSP or VS Code; the
 * only conversion to protocol types lives in `server/src/lsp/convert.ts`.
 */

/** Severity of a finding, ordered from most to least severe. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** All severities, most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

/** Rank a severity so that larger means more severe (error = 3, hint = 0). */
export function severityRank(s: Severity): number {
  return 3 - SEVERITIES.indexOf(s);
}

/** A zero-based position; `character` counts UTF-16 code units, as LSP does. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open range `[start, end)` in UTF-16 positions. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A replacement of `range` by `newText` in the analysed document. */
export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

/** A fix that a user can apply; `edits` must not overlap each other. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix an editor should offer first (LSP `isPreferred`). */
  readonly preferred?: boolean;
}

/** Extra locations that explain a finding (a taint source, a counterexample's path). */
export interface RelatedLocation {
  /** Another document; absent means the finding's own document. */
  readonly uri?: string;
  readonly range: Range;
  readonly message: string;
}

/** Which engine produced a finding. */
export type EngineId = 'security' | 'review' | 'dfa' | 'semgrep' | 'config' | 'suppression';

/** One result of an analysis, as plain data. */
export interface Finding {
  /** Stable rule id, `engine/kebab-case` for built-in rules (e.g. `security/js-eval`). */
  readonly ruleId: string;
  readonly engine: EngineId;
  /** Coarse category such as `sql-injection`, `complexity`, `dfa-structure`. */
  readonly category: string;
  readonly severity: Severity;
  readonly range: Range;
  /** Human-readable message; secrets in it are already masked. */
  readonly message: string;
  /** CWE ids such as `CWE-89`. */
  readonly cwe?: readonly string[];
  /** OWASP Top 10 ids such as `A03:2021`. */
  readonly owasp?: readonly string[];
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
  /** Stable identity that survives line moves: rule id + normalised code around the finding. */
  readonly fingerprint: string;
  readonly docsUrl?: string;
  /** Rendering hints: faded (`unnecessary`) or struck-through (`deprecated`) code. */
  readonly tags?: readonly ('unnecessary' | 'deprecated')[];
}

/** Static description of a rule, used by hover, SARIF `rules[]` and docs. */
export interface RuleInfo {
  readonly id: string;
  readonly engine: EngineId;
  readonly name: string;
  readonly shortDescription: string;
  readonly fullDescription: string;
  readonly helpUri?: string;
  readonly category: string;
  readonly defaultSeverity: Severity;
  readonly cwe?: readonly string[];
  readonly owasp?: readonly string[];
  /** CVSS-like score 0.0–10.0 for SARIF `security-severity`; security rules only. */
  readonly securitySeverity?: number;
  readonly tags?: readonly string[];
}
