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
  /** Headless scans keep each worker's young generation small (`heapTuning.ts`); the language server's scans do not. */
  readonly smallYoungGeneration?: boolean;
}

/** A file of a shared batch: its text lives in the batch's shared buffer as UTF-8 bytes `[start, end)`. */
export interface BatchFile extends Omit<FileJob, 'text'> {
  readonly start: number;
  readonly end: number;
}

/**
 * A batch every worker and the scanning thread work through together: each
 * claims the next file with `Atomics.add` on `claims[0]`, so no thread waits
 * for another to hand it work. A worker records the index it is analysing in
 * `claims[1 + slot]` (-1 when idle), so the files of a worker that dies are known.
 */
export interface SharedBatch {
  readonly files: readonly BatchFile[];
  readonly texts: SharedArrayBuffer;
  readonly claims: SharedArrayBuffer;
}

/** Messages to a worker. */
export type ToScanWorker = { readonly type: 'file'; readonly job: FileJob } | { readonly type: 'batch'; readonly slot: number; readonly batch: SharedBatch };

/** Messages from a worker. */
export type FromScanWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'result'; readonly id: number; readonly result: FileResult; readonly ruleProblems: readonly RulePackProblem[] }
  /** The worker found no file left to claim in the current batch. */
  | { readonly type: 'batchDone' }
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  | { readonly type: 'log'; readonly level: 'debug' | 'info' | 'warn' | 'error'; readonly line: string };
