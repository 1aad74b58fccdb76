/**
 * Argus's custom LSP messages, typed and documented by direction. Both the
 * client and the server import this file; it has no runtime dependencies.
 */

/** Options the client sends in `initialize`. */
export interface InitializationOptions {
  /** Whether VS Code trusts the workspace; untrusted means no external process is ever spawned. */
  readonly trusted: boolean;
}

/** Server → client after each analysis and on engine state changes; drives the language status item. */
export const STATUS_NOTIFICATION = 'argus/status';
export interface StatusParams {
  readonly state: 'ready' | 'analyzing' | 'error';
  /** One line per engine, e.g. { security: 'on', semgrep: 'off: workspace is not trusted' }. */
  readonly engines: Readonly<Record<string, string>>;
  /** The last completed analysis. */
  readonly last?: { readonly uri: string; readonly millis: number; readonly at: string };
  readonly message?: string;
}

/** Client → server when the user grants workspace trust (trust can only be granted, never revoked, in a session). */
export const TRUST_GRANTED_NOTIFICATION = 'argus/trustGranted';

/** Commands the server executes through `workspace/executeCommand`. */
export const SERVER_COMMANDS = {
  scanWorkspace: 'argus.server.scanWorkspace',
  /** Argument: {@link MarkFalsePositiveArgs}; result: {@link FeedbackCommandResult}. Offered as a code action on every Argus finding. */
  markFalsePositive: 'argus.server.markFalsePositive',
  /** Argument: {@link UnmarkFalsePositiveArgs}; result: {@link FeedbackCommandResult}. */
  unmarkFalsePositive: 'argus.server.unmarkFalsePositive',
} as const;

/**
 * The argument of `markFalsePositive`. The code action sends `uri` and
 * `fingerprint`; a client may add `reason` (VS Code asks for one). Without a
 * reason the mark is stored without one.
 */
export interface MarkFalsePositiveArgs {
  readonly uri: string;
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly reason?: string;
}

/** The argument of `unmarkFalsePositive`: marks of one folder's feedback file, by finding identity. */
export interface UnmarkFalsePositiveArgs {
  readonly folderUri: string;
  readonly marks: readonly { readonly path: string; readonly ruleId: string; readonly fingerprint: string }[];
}

/** What a feedback command did; `ok: false` means nothing was written (the message says why). */
export interface FeedbackCommandResult {
  readonly ok: boolean;
  readonly message: string;
}

/** Client → server: every false-positive mark of every workspace folder (for "unmark"). */
export const FEEDBACK_MARKS_REQUEST = 'argus/feedbackMarks';
export interface FeedbackMarksResult {
  readonly folders: readonly {
    readonly folderUri: string;
    /** URI of the folder's `.argus/feedback.json`. */
    readonly fileUri: string;
    readonly marks: readonly { readonly path: string; readonly ruleId: string; readonly fingerprint: string; readonly reason?: string; readonly createdAt: string }[];
    /** Problems of the file (`line:col message`); non-empty means marks cannot be added or removed. */
    readonly problems: readonly string[];
  }[];
}

/** Client → server: per-rule noise statistics for "Argus: Rule Statistics". */
export const RULE_STATISTICS_REQUEST = 'argus/ruleStatistics';
export interface RuleStatisticsRow {
  readonly ruleId: string;
  readonly channel: 'stable' | 'experimental' | 'quarantined';
  /** Findings shown now, over the open and scanned files. */
  readonly findings: number;
  /** Findings hidden by inline directives. */
  readonly suppressed: number;
  /** Findings of an experimental rule kept in shadow. */
  readonly shadow: number;
  /** False-positive marks in the feedback files. */
  readonly marks: number;
  /** 1 − marks / (findings + shadow + marks), or null below `minSample` reports. */
  readonly precision: number | null;
  readonly suggestDisable: boolean;
}
export interface RuleStatisticsResult {
  readonly rows: readonly RuleStatisticsRow[];
  /** Files whose last analysis the counts come from. */
  readonly files: number;
  /** Rules that never run (channel `quarantined`). */
  readonly quarantined: readonly string[];
  readonly minSample: number;
  readonly noiseThreshold: number;
}

/** Client → server: how to turn a rule off in each workspace folder's root `.argus.yml`. */
export const RULE_DISABLE_PLAN_REQUEST = 'argus/ruleDisablePlan';
export interface RuleDisablePlanParams {
  readonly ruleId: string;
}
export type RuleDisablePlan =
  /** The whole new text of `fileUri` (created when `created`); verified to change nothing else. */
  | { readonly kind: 'edit'; readonly folderUri: string; readonly fileUri: string; readonly newText: string; readonly created: boolean }
  /** No safe edit: a snippet to paste, and why. */
  | { readonly kind: 'snippet'; readonly folderUri: string; readonly fileUri: string; readonly snippet: string; readonly reason: string };
export interface RuleDisablePlanResult {
  readonly plans: readonly RuleDisablePlan[];
}

/** Result of a workspace scan, returned by the scanWorkspace command. */
export interface ScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly millis: number;
  readonly cancelled: boolean;
}

/** Client → server: the review score of one file, for the score panel. */
export const FILE_REPORT_REQUEST = 'argus/fileReport';
export interface FileReportParams {
  readonly uri: string;
}
/** A file's score at git HEAD, for the "HEAD vs working copy" delta. */
export interface HeadScore {
  readonly score: number | null;
  readonly grade: string | null;
}
export interface FileReportResult {
  readonly uri: string;
  /** The review engine's `fileData` (score, grade, dimensions, functions, recoverable); null when not scored. */
  readonly review: unknown;
  /** The same file's score at git HEAD, computed with the same engine; null when unavailable. */
  readonly head: HeadScore | null;
  /** Why `head` is null (not a git repository, file not in HEAD, git missing...). */
  readonly headUnavailable?: string;
}

/** Client → server: scores of every file in the workspace, for the workspace score report. */
export const WORKSPACE_REPORT_REQUEST = 'argus/workspaceReport';
export interface WorkspaceReportRow {
  readonly uri: string;
  readonly path: string;
  readonly score: number | null;
  readonly grade: string | null;
  readonly lines: number;
  readonly functions: number;
  /** The function with the highest cognitive complexity, if any. */
  readonly worst?: { readonly name: string; readonly line: number; readonly cognitiveComplexity: number };
  readonly skipped?: string;
}
export interface WorkspaceReportResult {
  readonly rows: readonly WorkspaceReportRow[];
}

/** Client → server: a DOT rendering of one machine in a .dfa file, with its counterexample path. */
export const DFA_DIAGRAM_REQUEST = 'argus/dfaDiagram';
export interface DfaDiagramParams {
  readonly uri: string;
  /** Machine name; absent means the machine under `position`, else the first. */
  readonly machine?: string;
  readonly position?: { readonly line: number; readonly character: number };
}
export interface DfaDiagramResult {
  readonly machines: readonly string[];
  readonly machine: string;
  readonly dot: string;
  /** The shortest counterexample against the spec, when the machine is wrong; the DOT highlights its path. */
  readonly counterexample?: string;
  readonly verdict: 'equivalent' | 'different' | 'unknown';
}

/** Client → server: run a string through a machine, state by state. */
export const DFA_TEST_STRING_REQUEST = 'argus/dfaTestString';
export interface DfaTestStringParams {
  readonly uri: string;
  readonly machine?: string;
  readonly position?: { readonly line: number; readonly character: number };
  readonly input: string;
}
export interface DfaTestStringResult {
  readonly machine: string;
  /** States visited: the start state, then one per consumed symbol; ends early on an undefined move. */
  readonly steps: readonly { readonly symbol: string | null; readonly state: string }[];
  readonly accepted: boolean;
  /** What the spec says about the input, when the machine has a readable spec. */
  readonly specAccepts?: boolean;
  readonly error?: string;
}

/** Client → server: the minimal complete DFA for a spec, as `.dfa` text. */
export const DFA_GENERATE_REQUEST = 'argus/dfaGenerate';
export interface DfaGenerateParams {
  readonly spec: string;
  /** e.g. "{0,1}"; required: Argus never guesses an alphabet. */
  readonly alphabet: string;
  readonly name?: string;
}
export type DfaGenerateResult = { readonly text: string } | { readonly error: string };
