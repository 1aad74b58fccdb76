/**
 * Analyses the files of a headless scan: reads each once, answers from the
 * on-disk cache when the file, its config and the rules are unchanged, and
 * analyses the rest in this thread together with a worker pool (large scans)
 * or in this thread alone (small scans, `--jobs 1`). Results come back in
 * target order whatever the order in which threads finish, so reports are
 * deterministic.
 */
import * as path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { DuplicationIndex } from '../../core/review';
import type { EditorOverrides } from '../../core/config/resolve';
import type { Logger } from '../../core/engine';
import type { RulePackProblem } from '../analyzerFactory';
import type { ScanTarget } from '../files';
import type { WorkspaceAnalysis } from '../workspaceAnalysis';
import type { BatchFile, FileResult } from './protocol';
import { directoryHash, fileHash, ResultCache, type CacheStats } from './resultCache';
import { ScanPool } from './scanPool';
import { TextStore, type TextSpan } from './textStore';
import { keepYoungGenerationSmall } from '../heapTuning';

/** How to scan: parallelism, cache, and where the bundle lives. */
export interface ScanOptions {
  /** Threads analysing files: this one and jobs − 1 workers; 1 analyses in this thread only. */
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
  /** Decodes the text the scan read (anew on each call: the scan keeps texts as bytes, see `TextStore`). */
  readonly readText?: () => string;
  readonly result?: FileResult;
  /** The file vanished or could not be read, or its analysis failed. */
  readonly error?: string;
}

/** What {@link scanTargets} returns. */
export interface ScanRun {
  readonly files: ScannedFile[];
  /** Cache statistics, when the cache is on. */
  readonly cache?: CacheStats;
  /** Worker threads used besides this one (0 = this thread alone). */
  readonly workers: number;
}

/** Below this many files to analyse, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 24;

/** See the module comment. */
export async function scanTargets(targets: readonly ScanTarget[], ws: WorkspaceAnalysis, duplicates: DuplicationIndex | undefined, ruleProblems: RulePackProblem[], logger: Logger, opts: ScanOptions): Promise<ScanRun> {
  const script = path.join(opts.distDir, 'scan-worker.js');
  // This thread analyses too (it has loaded the rules already), so `jobs` threads means jobs − 1 workers.
  const workerCount = opts.jobs - 1;
  const poolAllowed = workerCount >= 1 && existsSync(script);
  let pool: ScanPool | undefined;
  const startPool = () =>
    new ScanPool({
      script,
      jobs: workerCount,
      setup: { distDir: opts.distDir, root: ws.root, smallYoungGeneration: true, ...(opts.explicitConfig ? { explicitConfig: opts.explicitConfig } : {}), ...(opts.overrides ? { overrides: opts.overrides } : {}) },
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
  type Miss = { i: number; job: BatchFile; key: string | undefined };
  const store = new TextStore();
  const reader = (span: TextSpan) => () => store.text(span);
  const settle = (m: Miss, r: FileResult | Error) => {
    const target = targets[m.i]!;
    const readText = reader(m.job);
    if (r instanceof Error) return finish(m.i, { target, readText, error: r.message });
    if (m.key) cache!.set(m.key, r);
    finish(m.i, { target, readText, result: r });
  };
  const misses: Miss[] = [];
  try {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i]!;
      // Bytes, not a string: a cache hit never needs the text decoded (see TextStore).
      let text: Buffer;
      try {
        text = readFileSync(target.absolutePath);
      } catch (err) {
        // A file that vanished or became unreadable mid-scan is reported, never fatal.
        finish(i, { target, error: (err as Error).message });
        continue;
      }
      const key = cache?.key(target.relativePath, JSON.stringify(ws.configFor(target.absolutePath).config), text);
      const cached = key ? cache!.get(key) : undefined;
      const span = store.add(text);
      if (cached) {
        if (cached.fingerprints) duplicates?.add(cached.fingerprints);
        finish(i, { target, readText: reader(span), result: cached });
        continue;
      }
      misses.push({ i, job: { id: i, absolutePath: target.absolutePath, relativePath: target.relativePath, languageId: target.languageId, ...span }, key });
      // Workers only pay off for many files to analyse (a warm cached scan often has one or two);
      // started early, they load wasm and rules while this thread is still reading.
      if (misses.length === MIN_FILES_FOR_WORKERS) {
        // Many files to analyse after all (a cold scan with the cache): see heapTuning.ts.
        keepYoungGenerationSmall();
        if (poolAllowed) pool = startPool();
      }
    }
    const texts = store.seal();
    if (pool) {
      const shared = pool;
      await shared.runShared(
        misses.map((m) => m.job),
        texts,
        (job) => analyzeHere(ws, job, store.text(job), duplicates),
        (index, r) => {
          // Workers hand back fingerprints; this thread's own files are indexed already.
          if (!(r instanceof Error) && r.fingerprints && duplicates && !duplicates.fingerprintsOf(r.fingerprints.path)) duplicates.add(r.fingerprints);
          settle(misses[index]!, r);
        },
      );
      // Workers that cannot start (a broken install) cost no results: this thread took their files. This
      // thread may have finished them all before a worker failed, so wait for every worker's start to settle.
      await shared.whenStarted();
      if (shared.startError) logger.warn(`${shared.startError.message}; analysing on the main thread instead`);
    } else for (const m of misses) settle(m, await analyzeHere(ws, m.job, store.text(m.job), duplicates).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))));
  } finally {
    await pool?.close();
  }
  return { files, workers: pool ? workerCount : 0, ...(cache ? { cache: cache.stats } : {}) };
}

/** In-process analysis; the review engine has already put the file's fingerprints into `duplicates`. */
async function analyzeHere(ws: WorkspaceAnalysis, job: BatchFile, text: string, duplicates: DuplicationIndex | undefined): Promise<FileResult> {
  const { outcome, relativePath } = await ws.analyzeText(job.absolutePath, `file://${job.absolutePath}`, job.languageId, text);
  const fingerprints = duplicates?.fingerprintsOf(relativePath);
  return { outcome, ...(fingerprints ? { fingerprints } : {}) };
}
