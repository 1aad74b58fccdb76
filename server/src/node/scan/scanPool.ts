/**
 * A pool of scan workers (`worker_threads`), one per core by default, used
 * two ways:
 * - `runShared` (headless scans, where the calling thread analyses too):
 *   every thread claims the next file from one shared atomic counter. Handing
 *   files out by message starved the workers, because the calling thread
 *   cannot post while it analyses a large file of its own (measured: the
 *   worker sat idle for a quarter of a webpack scan).
 * - `analyze` (the editor's Scan Workspace, where the server thread only
 *   dispatches): files are posted as workers free up, a short queue each.
 * A worker that dies fails only the file(s) it held (each becomes that
 * file's error in the report) and is replaced; a worker that cannot even
 * start fails with {@link ScanWorkerStartError} and the caller analyses its
 * share instead.
 */
import { Worker } from 'node:worker_threads';
import type { RulePackProblem } from '../analyzerFactory';
import type { BatchFile, FileJob, FileResult, FromScanWorker, SharedBatch, ToScanWorker, WorkerSetup } from './protocol';

/** Options of {@link ScanPool}. */
export interface ScanPoolOptions {
  /** The worker bundle (`dist/scan-worker.js`). */
  readonly script: string;
  readonly jobs: number;
  readonly setup: WorkerSetup;
  /** Log lines of the workers. */
  readonly onLog?: (level: 'debug' | 'info' | 'warn' | 'error', line: string) => void;
  /** Rule-pack problems a worker found when it compiled a grammar's queries. */
  readonly onRuleProblems?: (problems: readonly RulePackProblem[]) => void;
}

/** A worker could not load (a broken install). */
export class ScanWorkerStartError extends Error {}

interface Pending {
  readonly job: FileJob;
  readonly resolve: (r: FileResult) => void;
  readonly reject: (e: Error) => void;
}

interface Slot {
  /** Index of this worker's claim cell in a shared batch; a replacement takes over the dead worker's. */
  readonly index: number;
  readonly worker: Worker;
  ready: boolean;
  readonly held: Map<number, Pending>;
  dead: boolean;
}

/** Young-generation size of each worker's heap (see `spawn`). */
const YOUNG_GENERATION_MB = 4;

/** Files queued per worker beyond the one it is analysing: enough to hide message latency. */
const DEPTH = 2;

/** Analyses files on `jobs` worker threads; see the module comment. */
export class ScanPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private closed = false;
  private startFailure: Error | undefined;
  /** The shared batch being worked through, if any (see {@link runShared}). */
  private batch: ActiveBatch | undefined;
  /** Workers started to replace one that died. */
  restarts = 0;

  constructor(private readonly options: ScanPoolOptions) {
    for (let i = 0; i < Math.max(1, options.jobs); i++) this.spawn(i);
  }

  /** Why workers could not start, if they could not (their files are then analysed by the caller). */
  get startError(): Error | undefined {
    return this.startFailure;
  }

  /** Called whenever a worker becomes ready or dies. */
  private startWaiters: (() => void)[] = [];

  /**
   * Resolves once every worker is ready or has failed to start, or after
   * `capMs`: a scan whose own thread finished every file before a broken
   * worker had even failed still learns why it started none (`startError`).
   */
  whenStarted(capMs = 10_000): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, capMs);
      timer.unref();
      const check = () => {
        if (this.startFailure || [...this.slots].every((s) => s.ready || s.dead)) {
          clearTimeout(timer);
          resolve();
          return true;
        }
        return false;
      };
      if (!check()) this.startWaiters.push(() => void check());
    });
  }

  private notifyStart(): void {
    const waiters = this.startWaiters.splice(0);
    for (const w of waiters) w();
  }

  /**
   * Analyses `jobs` on every worker and on the calling thread at once: all of
   * them claim the next file from one shared counter, so nobody waits for
   * work while another thread is busy (the calling thread cannot hand out
   * files while it analyses one). `here` analyses on the calling thread;
   * `settle` gets each job's result or error exactly once. Workers that
   * cannot start cost nothing: the calling thread claims their share.
   */
  async runShared(jobs: readonly BatchFile[], texts: SharedArrayBuffer, here: (job: BatchFile) => Promise<FileResult>, settle: (index: number, result: FileResult | Error) => void): Promise<void> {
    const batch = makeBatch(jobs, texts, this.options.jobs);
    const settled = new Uint8Array(jobs.length);
    let left = jobs.length;
    const active: ActiveBatch = {
      shared: batch,
      settle: (i, r) => {
        if (settled[i]) return;
        settled[i] = 1;
        left--;
        settle(i, r);
        if (left === 0) active.wake();
      },
      byId: new Map(jobs.map((j, i) => [j.id, i])),
      working: new Set(),
      wake: () => undefined,
    };
    this.batch = active;
    // Workers still loading get the batch now too: it waits in their port, so they start claiming the moment they are
    // ready instead of when this thread next takes in messages, which is only between its files (measured on webpack:
    // the worker sat idle for ~175 ms after loading, while this thread analysed a large file).
    for (const slot of this.slots) this.join(slot);
    const claims = new Int32Array(batch.claims);
    try {
      for (let i = Atomics.add(claims, 0, 1); i < jobs.length; i = Atomics.add(claims, 0, 1)) {
        const job = jobs[i]!;
        active.settle(i, await here(job).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))));
        // Take in worker results (and replace dead workers) between files.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      // Every file is claimed; wait for the workers still analysing theirs.
      while (left > 0 && active.working.size > 0) await new Promise<void>((resolve) => (active.wake = resolve));
      // A file claimed by a worker that died before recording its claim is the only way to get here with files left.
      for (let i = 0; i < jobs.length; i++) if (!settled[i]) active.settle(i, new Error('the scan worker analysing this file stopped'));
    } finally {
      this.batch = undefined;
    }
  }

  /** Hands the current shared batch to `slot` (ready or still loading). */
  private join(slot: Slot): void {
    const b = this.batch;
    if (!b || slot.dead || b.working.has(slot)) return;
    b.working.add(slot);
    slot.worker.postMessage({ type: 'batch', slot: slot.index, batch: b.shared } satisfies ToScanWorker);
  }

  /** Analyses one file on some worker. Rejects when its worker died while holding it. */
  analyze(job: FileJob): Promise<FileResult> {
    if (this.startFailure) return Promise.reject(this.startFailure);
    if (this.closed) return Promise.reject(new Error('the scan was stopped'));
    return new Promise<FileResult>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  /** Ends every worker; files not yet analysed are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('the scan was stopped'));
    await Promise.all([...this.slots].map(async (s) => {
      s.dead = true;
      for (const p of s.held.values()) p.reject(new Error('the scan was stopped'));
      s.held.clear();
      await s.worker.terminate();
    }));
    this.slots.clear();
  }

  private spawn(index: number): void {
    // A small young generation: analysis garbage is short-lived, and V8's default for a worker
    // (tens of MB) showed up as ~25 MB more peak RSS per worker on webpack, with no speed gained.
    const worker = new Worker(this.options.script, { workerData: this.options.setup, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const slot: Slot = { index, worker, ready: false, held: new Map(), dead: false };
    this.slots.add(slot);
    worker.on('message', (m: FromScanWorker) => this.onMessage(slot, m));
    worker.on('error', (err) => this.onDeath(slot, `${err.name}: ${err.message}`));
    worker.on('exit', (code) => this.onDeath(slot, `the scan worker exited with code ${code}`));
  }

  private onMessage(slot: Slot, m: FromScanWorker): void {
    if (m.type === 'log') return this.options.onLog?.(m.level, m.line);
    if (m.type === 'ready') {
      slot.ready = true;
      this.notifyStart();
      this.join(slot);
      return this.pump();
    }
    const b = this.batch;
    if (m.type === 'batchDone') {
      b?.working.delete(slot);
      return b?.wake();
    }
    const index = b?.byId.get(m.id);
    if (b && index !== undefined && b.working.has(slot)) {
      if (m.type === 'result' && m.ruleProblems.length) this.options.onRuleProblems?.(m.ruleProblems);
      return b.settle(index, m.type === 'result' ? m.result : new Error(m.message));
    }
    const pending = slot.held.get(m.id);
    if (!pending) return;
    slot.held.delete(m.id);
    if (m.type === 'result') {
      if (m.ruleProblems.length) this.options.onRuleProblems?.(m.ruleProblems);
      pending.resolve(m.result);
    } else pending.reject(new Error(m.message));
    this.pump();
  }

  private onDeath(slot: Slot, reason: string): void {
    if (slot.dead) return;
    slot.dead = true;
    this.slots.delete(slot);
    for (const p of slot.held.values()) p.reject(new Error(`${reason} while analysing this file`));
    slot.held.clear();
    const b = this.batch;
    if (b?.working.delete(slot)) {
      const held = new Int32Array(b.shared.claims)[1 + slot.index]!;
      if (held >= 0) b.settle(held, new Error(`${reason} while analysing this file`));
      b.wake();
    }
    if (this.closed) return;
    if (!slot.ready) {
      // It never loaded: another would fail the same way.
      this.startFailure = new ScanWorkerStartError(`a scan worker could not start: ${reason}`);
      for (const p of this.queue.splice(0)) p.reject(this.startFailure);
      this.notifyStart();
      return;
    }
    this.restarts++;
    this.spawn(slot.index);
  }

  private pump(): void {
    for (const slot of this.slots) {
      while (slot.ready && !slot.dead && slot.held.size <= DEPTH && this.queue.length) {
        const p = this.queue.shift()!;
        slot.held.set(p.job.id, p);
        slot.worker.postMessage({ type: 'file', job: p.job } satisfies ToScanWorker);
      }
    }
  }
}

interface ActiveBatch {
  readonly shared: SharedBatch;
  readonly settle: (index: number, result: FileResult | Error) => void;
  /** Job id → index in the batch. */
  readonly byId: ReadonlyMap<number, number>;
  /** Workers that joined the batch and have not said they are done. */
  readonly working: Set<Slot>;
  /** Wakes the calling thread when it waits for workers. */
  wake: () => void;
}

/** A batch over `files`, whose texts are already in `texts` (see `TextStore`), with free claim cells. */
function makeBatch(files: readonly BatchFile[], texts: SharedArrayBuffer, workers: number): SharedBatch {
  const claims = new SharedArrayBuffer(4 * (1 + Math.max(1, workers)));
  new Int32Array(claims).fill(-1).fill(0, 0, 1);
  return { files, texts, claims };
}
