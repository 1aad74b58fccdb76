import { createHash } from 'node:crypto';
import { DEFAULT_PATTERNS, type SpecPatterns, type SuiteOptions } from '../../core/dfa';
import { DfaCache, cacheKey, type CacheStats } from './cache';
import { errorOutcome, type RowOutcome } from './outcome';
import { WorkerPool, type WorkItem } from './pool';
import type { RowResult } from './results';
import { readSuite, type SuiteInput } from './suiteFile';

/** Options of {@link runVerify}. */
export interface VerifyRunOptions {
  readonly input: string;
  /** The worker bundle, `dist/dfa-worker.js`. */
  readonly workerScript: string;
  readonly jobs: number;
  readonly timeoutMs: number;
  /** null: no cache. */
  readonly cacheDir: string | null;
  readonly defaultAlphabet?: readonly string[];
  /** `dfa.maxStates`. */
  readonly limit: number;
  readonly patterns?: SpecPatterns;
  /** Part of every cache key: a new version never reuses an older one's verdicts. */
  readonly version: string;
  readonly signal?: AbortSignal;
  readonly onStart?: (info: { rows: number; toVerify: number; cacheLoaded: number; corruptLines: number }) => void;
  readonly onProgress?: (done: number, total: number) => void;
  readonly onRestart?: (reason: 'timeout' | 'died', row: number | undefined, detail: string) => void;
}

/** What {@link runVerify} produced; `results` is complete unless interrupted. */
export interface VerifyRunResult {
  readonly results: RowResult[];
  readonly format: 'csv' | 'jsonl';
  readonly interrupted: boolean;
  readonly cache: CacheStats | null;
  readonly restarts: number;
}

/** The seed's notion of "the same prompt", which the core also uses: case and spacing ignored. */
const normalise = (prompt: string): string => prompt.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * Reads a suite, answers what it can from the cache, verifies the rest in
 * worker threads and returns one result per row in suite order. Duplicate
 * prompts are flagged here, across the whole suite, because workers only see
 * chunks and cached outcomes must not depend on where a row sits.
 */
export async function runVerify(o: VerifyRunOptions): Promise<VerifyRunResult> {
  const suiteOptions: SuiteOptions = { limit: o.limit, ...(o.defaultAlphabet ? { defaultAlphabet: o.defaultAlphabet } : {}), ...(o.patterns ? { patterns: o.patterns } : {}) };
  // Filled once the suite is read; the pool only calls back after run() starts.
  let plan: Plan | undefined;
  let done = 0;
  const pool = new WorkerPool({
    script: o.workerScript,
    jobs: o.jobs,
    timeoutMs: o.timeoutMs,
    suiteOptions,
    onResult: (id, outcome, ms) => {
      const p = plan!;
      p.results[id] = resultOf(p.rows[id]!, outcome, p.cache ? 'miss' : 'off', ms);
      // Transient outcomes say nothing about the row: a rerun must try it again.
      if (outcome.errorClass !== 'transient') p.cache?.put(p.keys[id]!, outcome);
      o.onProgress?.(++done, p.items.length);
    },
    onRestart: (reason, id, detail) => o.onRestart?.(reason, id === undefined ? undefined : plan!.rows[id]!.row, detail),
  });
  // Workers load while the suite is read and hashed.
  pool.warm();
  const onAbort = (): void => void pool.stop();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    plan = prepare(o);
    const { rows, items, cache } = plan;
    o.onStart?.({ rows: rows.length, toVerify: items.length, cacheLoaded: cache?.stats.loaded ?? 0, corruptLines: cache?.stats.corruptLines ?? 0 });
    try {
      if (!o.signal?.aborted) await pool.run(items);
    } finally {
      cache?.close();
    }
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    // Ends warm workers left idle by an unreadable suite or an early interruption.
    await pool.stop();
  }
  const interrupted = o.signal?.aborted === true;
  return { results: interrupted ? [] : withDuplicates(plan.rows, plan.results as RowResult[]), format: plan.format, interrupted, cache: plan.cache?.stats ?? null, restarts: pool.restarts };
}

interface Plan {
  readonly rows: SuiteInput[];
  readonly format: 'csv' | 'jsonl';
  readonly cache: DfaCache | undefined;
  /** Per row; cache hits and unreadable rows are filled at once, the rest by the workers. */
  readonly results: (RowResult | undefined)[];
  readonly keys: string[];
  readonly items: WorkItem[];
}

/** Reads the suite and answers from the cache what it can; the rest becomes work items. */
function prepare(o: VerifyRunOptions): Plan {
  const { rows, format } = readSuite(o.input);
  const cache = o.cacheDir === null ? undefined : new DfaCache(o.cacheDir);
  const patternsHash = createHash('sha256').update(JSON.stringify(o.patterns ?? DEFAULT_PATTERNS)).digest('hex');
  const results: (RowResult | undefined)[] = new Array(rows.length);
  const keys: string[] = [];
  const items: WorkItem[] = [];
  rows.forEach((input, i) => {
    if (input.readError !== undefined) {
      results[i] = resultOf(input, errorOutcome('ERROR', 'permanent', 'MalformedRow', input.readError), 'off', 0);
      return;
    }
    const r = input.suiteRow;
    // Everything the outcome depends on, and nothing about the row's position.
    keys[i] = cacheKey([o.version, patternsHash, o.limit, o.defaultAlphabet ?? null, r.prompt, r.dfa ?? null, r.mustAccept ?? null, r.mustReject ?? null, r.isContradiction ?? null, r.expectedType ?? null, input.arrays]);
    const hit = cache?.get(keys[i]!);
    if (hit) results[i] = resultOf(input, hit, 'hit', 0);
    else items.push({ id: i, row: r, arrays: input.arrays });
  });
  return { rows, format, cache, results, keys, items };
}

function resultOf(input: SuiteInput, outcome: RowOutcome, cache: RowResult['cache'], ms: number): RowResult {
  const r = input.suiteRow;
  return { row: input.row, line: input.line, prompt: r.prompt, category: r.category ?? '', expectedType: r.expectedType ?? '', difficulty: input.difficulty ?? '', outcome, cache, ms };
}

function withDuplicates(rows: readonly SuiteInput[], results: RowResult[]): RowResult[] {
  const first = new Map<string, number>();
  return results.map((r, i) => {
    if (rows[i]!.readError !== undefined) return r;
    const key = normalise(rows[i]!.suiteRow.prompt);
    const seen = first.get(key);
    if (seen === undefined) {
      first.set(key, r.row);
      return r;
    }
    return { ...r, outcome: { ...r.outcome, flags: [{ kind: 'duplicate-prompt', message: `same prompt as row ${seen}` }, ...r.outcome.flags] } };
  });
}
