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
} as const;

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
