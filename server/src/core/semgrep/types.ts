/**
 * The parts of `semgrep scan --json` output that Argus reads, after the
 * lenient reader (`reader.ts`) has checked and normalised them. Field names are
 * camel-cased; everything Argus does not use is dropped. The source of truth
 * for the wire format is `semgrep_output_v1.atd` (semgrep-interfaces); see
 * `/work/shared/notes/semgrep.md` §5 for the summary this follows.
 */

/**
 * A position as semgrep prints it: `line` from 1, `col` from 1 counted in
 * UTF-8 bytes, and `offset` the 0-based UTF-8 byte offset from the start of
 * the file. `offset` is undefined when semgrep omitted it or printed -1.
 */
export interface SemgrepPosition {
  readonly line: number;
  readonly col: number;
  readonly offset?: number;
}

/** One match (`cli_match`). Login-gated strings equal to "requires login" are undefined here. */
export interface SemgrepResult {
  /** The rule id as semgrep prints it (registry ids are dotted paths). */
  readonly checkId: string;
  /** The target path as it was given on semgrep's command line. */
  readonly path: string;
  readonly start: SemgrepPosition;
  /** Exclusive end. */
  readonly end: SemgrepPosition;
  /** `extra.message`, metavariables already substituted; undefined when absent or blank. */
  readonly message?: string;
  /** `extra.severity` upper-cased, kept verbatim otherwise (new levels keep appearing). */
  readonly severity: string;
  /** `extra.metadata`: the rule's raw metadata (`cwe`, `owasp`, `category`, `shortlink`, …). */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** `extra.fix`: replacement text for `[start, end)`; may be the empty string (a deletion). */
  readonly fix?: string;
  /** `extra.lines`; informational only, Argus reads matched text from the scanned buffer. */
  readonly lines?: string;
  /** `extra.fingerprint`; never used for identity, Argus computes its own. */
  readonly fingerprint?: string;
  /** `extra.is_ignored`: semgrep judged the match suppressed by a `nosemgrep` comment. */
  readonly isIgnored: boolean;
}

/** One entry of `errors[]` (`cli_error`). */
export interface SemgrepError {
  /** The exit code semgrep associates with this error, when printed. */
  readonly code?: number;
  /** `"error"`, `"warn"` or `"info"`; unknown levels are kept verbatim. */
  readonly level: string;
  /**
   * The error's tag: a bare string type (`"Syntax error"`) verbatim, or the
   * first element of a `[tag, payload]` array type (`"PartialParsing"`).
   */
  readonly type: string;
  /** The second element of an array type, untouched. */
  readonly payload?: unknown;
  /** The most specific human text semgrep gave (`message`, else `long_msg`, else `short_msg`). */
  readonly message?: string;
  readonly ruleId?: string;
  /** The target or rule file the error is about: `path`, else the first span's or location's file. */
  readonly path?: string;
}

/** The whole output of one or more merged semgrep runs. */
export interface SemgrepOutput {
  readonly version?: string;
  readonly results: readonly SemgrepResult[];
  readonly errors: readonly SemgrepError[];
  /** `paths.scanned`. */
  readonly scanned: readonly string[];
  /** Entries of `results[]` that were not objects with a rule id, path and positions. */
  readonly unreadableResults: number;
}

/** An output with nothing in it, the identity for `mergeOutputs`. */
export const EMPTY_OUTPUT: SemgrepOutput = { results: [], errors: [], scanned: [], unreadableResults: 0 };

/**
 * Something the user should know about a semgrep run that is not a finding.
 * `error`: semgrep could not do (part of) its job, show it in the status item
 * and the log; `warning`: a partial result; `info`: low-key, log it.
 */
export interface SemgrepNotice {
  readonly level: 'error' | 'warning' | 'info';
  readonly message: string;
  /** Paths concerned, as semgrep printed them. */
  readonly paths?: readonly string[];
}
