/**
 * Analyses the files of a headless scan: reads each once, answers from the
 * on-disk cache when the file, its config and the rules are unchanged, and
 * analyses the rest on a worker pool (large scans) or in this thread (small
 * scans, `--jobs 1`). Results come back in target order whatever the order
 * in which workers finish, so reports are deterministic.
 */
import * as path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { DuplicationIndex } from '../../core/review';
import type { EditorOverrides } from '../../core/config/resolve';
import type { Logger } from '../../core/engine';
import type { RulePackProblem } from '../analyzerFactory';
import type { ScanTarget } from '../files';
import type { WorkspaceAnalysis } from '../workspaceAnalysis';
import type { FileJob, FileResult } from './protocol';
import { directoryHash, fileHash, ResultCache, type CacheStats } from './resultCache';
import { ScanPool } from './scanPool';

/** How to scan: parallelism, cache, and where the bundle lives. */
export interface ScanOptions {
  /** Worker threads; 1 analyses in this thread. */
  readonly jobs: number;
  /** The cache folder; undefined disables the cache. */
  readonly cacheDir?: string;
  /** The folder of the built bundle (`dist/`): worker script and rules. */
  readonly distDir: string;
  /** `--config`, handed to workers so they resolve config exactly like this thread. */
  readonly explicitConfig?: string;
  /** The overrides the WorkspaceAnalysis was built with, handed to workers too. */
  readonly overrides?: EditorOverrides;
  /** Argus's version, part of every cache key. */
  readonly version: string;
  /** Called after each file, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One target after the scan: its text and result, or why it has none. */
export interface ScannedFile {
  readonly target: ScanTarget;
  readonly text?: string;
  readonly result?: FileResult;
  /** The file vanished or could not be read, or its analysis failed. */
  readonly error?: string;
}

/** What {@link scanTargets} returns. */
export interface ScanRun {
  readonly files: ScannedFile[];
  /** Cache statistics, when the cache is on. */
  readonly cache?: CacheStats;
  /** Worker threads used (0 = this thread). */
  readonly workers: number;
}

/** Below this many files to analyse, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 24;

/** See the module comment. */
export async function scanTargets(targets: readonly ScanTarget[], ws: WorkspaceAnalysis, duplicates: DuplicationIndex | undefined, ruleProblems: RulePackProblem[], logger: Logger, opts: ScanOptions): Promise<ScanRun> {
  const script = path.join(opts.distDir, 'scan-worker.js');
  const poolAllowed = opts.jobs > 1 && existsSync(script);
  let pool: ScanPool | undefined;
  const startPool = () =>
    new ScanPool({
      script,
      jobs: opts.jobs,
      setup: { distDir: opts.distDir, root: ws.root, ...(opts.explicitConfig ? { explicitConfig: opts.explicitConfig } : {}), ...(opts.overrides ? { overrides: opts.overrides } : {}) },
      onLog: (level, line) => logger[level](line),
      onRuleProblems: (problems) => {
        for (const p of problems) if (!ruleProblems.some((q) => q.path === p.path && q.line === p.line && q.message === p.message)) ruleProblems.push(p);
      },
    });
  const cache = opts.cacheDir ? new ResultCache(opts.cacheDir, [opts.version, directoryHash(path.join(opts.distDir, 'rules')), fileHash(path.join(ws.root, '.argus', 'feedback.json'))].join('\0')) : undefined;
  const files: ScannedFile[] = new Array(targets.length);
  let done = 0;
  const finish = (i: number, f: ScannedFile) => {
    files[i] = f;
    opts.onProgress?.(++done, targets.length);
  };
  const work: Promise<void>[] = [];
  const misses: { i: number; job: FileJob; key: string | undefined }[] = [];
  const dispatch = (m: { i: number; job: FileJob; key: string | undefined }, via: (job: FileJob) => Promise<FileResult>) => {
    const target = targets[m.i]!;
    const promise = via(m.job).then(
      (result) => {
        if (m.key) cache!.set(m.key, result);
        finish(m.i, { target, text: m.job.text, result });
      },
      (err: unknown) => finish(m.i, { target, text: m.job.text, error: err instanceof Error ? err.message : String(err) }),
    );
    work.push(promise);
    return promise;
  };
  const onPool = (job: FileJob) => pool!.analyze(job).then((r) => (r.fingerprints && duplicates?.add(r.fingerprints), r));
  try {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i]!;
      let text: string;
      try {
        text = readFileSync(target.absolutePath, 'utf8');
      } catch (err) {
        // A file that vanished or became unreadable mid-scan is reported, never fatal.
        finish(i, { target, error: (err as Error).message });
        continue;
      }
      const key = cache?.key(target.relativePath, JSON.stringify(ws.configFor(target.absolutePath).config), text);
      const cached = key ? cache!.get(key) : undefined;
      if (cached) {
        if (cached.fingerprints) duplicates?.add(cached.fingerprints);
        finish(i, { target, text, result: cached });
        continue;
      }
      const miss = { i, job: { id: i, absolutePath: target.absolutePath, relativePath: target.relativePath, languageId: target.languageId, text }, key };
      if (pool) {
        void dispatch(miss, onPool);
        continue;
      }
      misses.push(miss);
      // Workers only pay off for many files to analyse (a warm cached scan often has one or two).
      if (poolAllowed && misses.length >= MIN_FILES_FOR_WORKERS) {
        pool = startPool();
        for (const m of misses.splice(0)) void dispatch(m, onPool);
      }
    }
    // Few misses: analysed here, one at a time, which keeps memory flat and results in order.
    for (const m of misses) await dispatch(m, (job) => analyzeHere(ws, job, duplicates));
    await Promise.all(work);
  } finally {
    await pool?.close();
  }
  return { files, workers: pool ? opts.jobs : 0, ...(cache ? { cache: cache.stats } : {}) };
}

/** In-process analysis; the review engine has already put the file's fingerprints into `duplicates`. */
async function analyzeHere(ws: WorkspaceAnalysis, job: FileJob, duplicates: DuplicationIndex | undefined): Promise<FileResult> {
  const { outcome, relativePath } = await ws.analyzeText(job.absolutePath, `file://${job.absolutePath}`, job.languageId, job.text);
  const fingerprints = duplicates?.fingerprintsOf(relativePath);
  return { outcome, ...(fingerprints ? { fingerprints } : {}) };
}
