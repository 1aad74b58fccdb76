/**
 * Messages between a scan and its `worker_threads` (dist/scan-worker.js),
 * and the plain-data result of analysing one file. Everything here crosses
 * a thread boundary or goes to the on-disk cache, so it is structured-clone
 * and JSON safe: no class instances, no functions.
 */
import type { AnalysisOutcome } from '../../core/analyze';
import type { EditorOverrides } from '../../core/config/resolve';
import type { LanguageId } from '../../core/document';
import type { FileFingerprints } from '../../core/review';
import type { RulePackProblem } from '../analyzerFactory';

/** One file to analyse; the text was read by the scan (one read per file, also used for hashing). */
export interface FileJob {
  readonly id: number;
  readonly absolutePath: string;
  readonly relativePath: string;
  readonly languageId: LanguageId;
  readonly text: string;
  /** Per-file overrides (the editor's settings for this resource), on top of the setup's. */
  readonly overrides?: EditorOverrides;
}

/** What analysing one file produced: the outcome and the file's duplication fingerprints. */
export interface FileResult {
  readonly outcome: AnalysisOutcome;
  /** Winnowed token windows for cross-file duplication; absent when the review engine did not run. */
  readonly fingerprints?: FileFingerprints;
}

/** Set up once per worker. */
export interface WorkerSetup {
  readonly distDir: string;
  readonly root: string;
  /** `--config`: replaces config discovery. */
  readonly explicitConfig?: string;
  /** Overrides for every file (`--experimental`, false-positive marks), exactly as the main thread uses them. */
  readonly overrides?: EditorOverrides;
}

/** Messages to a worker. */
export type ToScanWorker = { readonly type: 'file'; readonly job: FileJob };

/** Messages from a worker. */
export type FromScanWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly result: FileResult; readonly ruleProblems: readonly RulePackProblem[] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'log'; readonly level: 'debug' | 'info' | 'warn' | 'error'; readonly line: string };
