/**
 * Messages between the extension and Argus's webviews, and the data each view
 * renders. Types only: the browser scripts in `media/src/` import this file
 * too (`import type`), so it must never import `vscode` or server code.
 */
import type { RuleStatisticsResult, WorkspaceReportRow } from '../../../protocol/protocol';

/** One dimension of a file's score (the review engine's `DimensionScore`). */
export interface ReviewDimension {
  readonly key: string;
  readonly name: string;
  readonly weight: number;
  /** Points lost, 0 … weight. */
  readonly lost: number;
  readonly findings: number;
}

/** Per-function numbers of the review engine; lines are 1-based. */
export interface ReviewFunction {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly cognitiveComplexity: number;
  readonly cyclomaticComplexity: number;
  readonly maxNesting: number;
  readonly lines: number;
  readonly params: number;
}

/** What fixing one finding gives back; `line` is 1-based. */
export interface ReviewRecoverable {
  readonly ruleId: string;
  readonly line: number;
  readonly message: string;
  readonly points: number;
  readonly share: number;
}

/**
 * The client's local copy of the review engine's `fileData.review`
 * (server/src/core/review/fileData.ts). The client may not import server
 * code, so the fields the panel reads are restated here.
 */
export interface ReviewData {
  readonly score: number | null;
  readonly grade: string | null;
  readonly gradeCap?: string;
  readonly skipped?: string;
  readonly note?: string;
  readonly dimensions: readonly ReviewDimension[];
  readonly functions: readonly ReviewFunction[];
  readonly recoverable: readonly ReviewRecoverable[];
  readonly file: { readonly lines: number; readonly loc: number; readonly functions: number } | null;
}

/** What the score panel shows for one file. */
export interface ScoreView {
  readonly fileName: string;
  /** Null when the server did not score the file (unsupported language, review disabled). */
  readonly review: ReviewData | null;
  readonly head: { readonly score: number | null; readonly grade: string | null } | null;
  readonly headUnavailable?: string;
}

/** One row of the workspace score report. */
export type WorkspaceRowView = WorkspaceReportRow;

/** What the workspace report shows. */
export interface WorkspaceView {
  readonly rows: readonly WorkspaceRowView[];
  readonly millis: number;
}

/** What the DFA diagram shows (the protocol's `DfaDiagramResult`, plus the file name). */
export interface DfaView {
  readonly fileName: string;
  readonly machines: readonly string[];
  readonly machine: string;
  readonly dot: string;
  readonly counterexample?: string;
  readonly verdict: 'equivalent' | 'different' | 'unknown';
}

/** What the rule statistics panel shows: the server's statistics as they are. */
export type RuleStatisticsView = RuleStatisticsResult;

/**
 * Extension → webview. A view always shows exactly one of these states, so a
 * failed request is a visible error, never a blank panel.
 */
export type ToWebview<T> =
  | { readonly type: 'empty'; readonly message: string }
  | { readonly type: 'loading'; readonly message: string }
  | { readonly type: 'error'; readonly message: string; readonly detail?: string }
  | { readonly type: 'data'; readonly data: T };

/** Webview → extension. */
export type FromWebview =
  /** The script loaded: (re)send the current state (a hidden webview is reloaded when shown again). */
  | { readonly type: 'ready' }
  /** Reveal a 1-based line of the panel's file. */
  | { readonly type: 'reveal'; readonly line: number }
  /** Open a file, optionally at a 1-based line. */
  | { readonly type: 'open'; readonly uri: string; readonly line?: number }
  /** Request the data again. */
  | { readonly type: 'refresh' }
  /** DFA diagram: show another machine of the same file. */
  | { readonly type: 'machine'; readonly name: string }
  /** Rule statistics: turn a rule off in `.argus.yml` (or show a snippet when that is not safe). */
  | { readonly type: 'disableRule'; readonly ruleId: string }
  /** Rule statistics: scan the workspace first, so closed files count too. */
  | { readonly type: 'scan' };
