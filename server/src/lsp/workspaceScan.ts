import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import type { Logger } from '../core/engine';
import type { EditorOverrides } from '../core/config/resolve';
import type { LanguageId } from '../core/document';
import { collectTargets, type ScanTarget } from '../node/files';
import type { WorkspaceAnalysis } from '../node/workspaceAnalysis';
import type { AnalysisOutcome } from '../core/analyze';
import type { ScanSummary } from '../../../protocol/protocol';
import { ScanPool } from '../node/scan/scanPool';
import type { FileJob } from '../node/scan/protocol';
import { toDiagnostic } from './convert';

/** Where the scan workers come from and how many to start; absent = analyse in the server's thread. */
export interface ScanWorkers {
  readonly distDir: string;
  readonly jobs: number;
}

/** A file a scan covered, with what is needed to analyse it again exactly as the scan did. */
export interface ScannedFile {
  readonly uri: string;
  readonly root: string;
  readonly absolutePath: string;
  readonly languageId: LanguageId;
}

/** What the server learns from a scan (the rule statistics count scanned files too). */
export interface ScanListener {
  /** A closed file's outcome, just before it is published as its diagnostics. */
  scanned(file: ScannedFile, outcome: AnalysisOutcome): void;
  /** An open file, left to the document scheduler, yet one of the scan's files once it closes. */
  skippedOpen(file: ScannedFile): void;
}

/** Below this many files, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 24;

/**
 * Scans every workspace folder with `$/progress` (cancellable from the
 * editor) and publishes diagnostics for files that are not open; open files
 * are owned by the per-document scheduler. Large folders are analysed on a
 * worker_threads pool (the same scan workers as `argus check`), which is
 * ended when the scan ends, so the server keeps no worker memory afterwards.
 */
export async function scanWorkspace(
  connection: Connection,
  folders: readonly WorkspaceAnalysis[],
  isOpen: (uri: string) => boolean,
  overridesFor: (uri: string) => Promise<EditorOverrides>,
  logger: Logger,
  token?: CancellationToken,
  listener?: ScanListener,
  workers?: ScanWorkers,
): Promise<ScanSummary> {
  const t0 = performance.now();
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin('Argus: scanning workspace', 0, 'collecting files', true);
  const state = { files: 0, findings: 0, cancelled: false };
  const isCancelled = () => (state.cancelled ||= progress.token.isCancellationRequested || token?.isCancellationRequested === true);
  try {
    for (const ws of folders) {
      const rootOverrides = await overridesFor(pathToFileURL(ws.root).href);
      const targets = collectTargets(ws.root, ['.'], [...ws.configFor(`${ws.root}/.argus-probe`, rootOverrides).config.exclude]);
      const fileOf = (t: ScanTarget): ScannedFile => ({ uri: pathToFileURL(t.absolutePath).href, root: ws.root, absolutePath: t.absolutePath, languageId: t.languageId });
      const publish = async (file: ScannedFile, outcome: AnalysisOutcome) => {
        // A file opened while it was analysed belongs to the document scheduler now.
        if (isOpen(file.uri)) return listener?.skippedOpen(file);
        state.findings += outcome.findings.length;
        listener?.scanned(file, outcome);
        await connection.sendDiagnostics({ uri: file.uri, diagnostics: outcome.findings.map((f) => toDiagnostic(f, file.uri, null)) });
      };
      const hooks = { isOpen, overridesFor, isCancelled, publish, skippedOpen: (file: ScannedFile) => listener?.skippedOpen(file), fileOf, logger };
      const usePool = workers !== undefined && workers.jobs > 1 && targets.length >= MIN_FILES_FOR_WORKERS;
      if (usePool) await scanOnWorkers(ws, targets, workers, { ...hooks, report: (done, rel) => progress.report(Math.round((100 * done) / Math.max(1, targets.length)), rel) }, state);
      else {
        for (const [i, t] of targets.entries()) {
          if (isCancelled()) break;
          const file = fileOf(t);
          progress.report(Math.round((100 * i) / Math.max(1, targets.length)), t.relativePath);
          state.files++;
          if (isOpen(file.uri)) {
            listener?.skippedOpen(file);
            continue;
          }
          const text = readTarget(t, logger);
          if (text === undefined) continue;
          const { outcome } = await ws.analyzeText(t.absolutePath, file.uri, t.languageId, text, await overridesFor(file.uri));
          await publish(file, outcome);
        }
      }
      if (isCancelled()) break;
    }
  } finally {
    progress.done();
  }
  const summary = { files: state.files, findings: state.findings, millis: Math.round(performance.now() - t0), cancelled: state.cancelled };
  logger.info('workspace scan finished', { ...summary, workers: workers?.jobs ?? 0 });
  return summary;
}

function readTarget(t: ScanTarget, logger: Logger): string | undefined {
  try {
    return readFileSync(t.absolutePath, 'utf8');
  } catch (err) {
    logger.warn('file vanished during scan', { path: t.relativePath, error: (err as Error).message });
    return undefined;
  }
}

interface PoolScanHooks {
  readonly isOpen: (uri: string) => boolean;
  readonly overridesFor: (uri: string) => Promise<EditorOverrides>;
  readonly isCancelled: () => boolean;
  /** Publishes a file's outcome, or hands it to `skippedOpen` when the file was opened meanwhile. */
  readonly publish: (file: ScannedFile, outcome: AnalysisOutcome) => Promise<void>;
  readonly skippedOpen: (file: ScannedFile) => void;
  readonly fileOf: (t: ScanTarget) => ScannedFile;
  readonly report: (done: number, relativePath: string) => void;
  readonly logger: Logger;
}

/** One folder on a worker pool: results are published as they arrive; cancelling ends the workers at once. */
async function scanOnWorkers(ws: WorkspaceAnalysis, targets: readonly ScanTarget[], workers: ScanWorkers, hooks: PoolScanHooks, state: { files: number }): Promise<void> {
  const pool = new ScanPool({ script: path.join(workers.distDir, 'scan-worker.js'), jobs: workers.jobs, setup: { distDir: workers.distDir, root: ws.root }, onLog: (level, line) => hooks.logger[level](line) });
  let done = 0;
  const pending: Promise<void>[] = [];
  const poll = setInterval(() => {
    if (hooks.isCancelled()) void pool.close();
  }, 100);
  try {
    for (const [i, t] of targets.entries()) {
      if (hooks.isCancelled()) break;
      state.files++;
      const file = hooks.fileOf(t);
      if (hooks.isOpen(file.uri)) {
        hooks.skippedOpen(file);
        continue;
      }
      const text = readTarget(t, hooks.logger);
      if (text === undefined) continue;
      const job: FileJob = { id: i, absolutePath: t.absolutePath, relativePath: t.relativePath, languageId: t.languageId, text, overrides: await hooks.overridesFor(file.uri) };
      pending.push(
        pool.analyze(job).then(
          async (r) => {
            hooks.report(++done, t.relativePath);
            await hooks.publish(file, r.outcome);
          },
          (err: unknown) => {
            if (!hooks.isCancelled()) hooks.logger.warn('scan: file failed', { path: t.relativePath, error: err instanceof Error ? err.message : String(err) });
          },
        ),
      );
    }
    await Promise.all(pending);
  } finally {
    clearInterval(poll);
    await pool.close();
  }
}
