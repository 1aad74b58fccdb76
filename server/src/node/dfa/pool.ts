import { Worker } from 'node:worker_threads';
import type { SuiteOptions, SuiteRow } from '../../core/dfa';
import { errorOutcome, type RowOutcome } from './outcome';

/** One row to verify; `id` is the caller's handle for the result. */
export interface WorkItem {
  readonly id: number;
  readonly row: SuiteRow;
  readonly arrays: boolean;
}

/** Messages to a worker: a chunk of rows, verified in order. */
export type ToWorker = { readonly type: 'rows'; readonly items: readonly WorkItem[] };
/** Messages from a worker: ready once loaded, then one result per row. */
export type FromWorker = { readonly type: 'ready' } | { readonly type: 'result'; readonly id: number; readonly outcome: RowOutcome; readonly ms: number };

/** Options of {@link WorkerPool}. */
export interface PoolOptions {
  /** The worker bundle (`dist/dfa-worker.js`). */
  readonly script: string;
  readonly jobs: number;
  /** Per-row limit; a row without a result by then is TIMEOUT and its worker is replaced. */
  readonly timeoutMs: number;
  readonly suiteOptions: SuiteOptions;
  readonly onResult: (id: number, outcome: RowOutcome, ms: number) => void;
  /** Worker restarts (timeouts, deaths), for logs. */
  readonly onRestart?: (reason: 'timeout' | 'died', id: number | undefined, detail: string) => void;
}

/** The worker bundle cannot be loaded (a broken install): the run fails instead of restarting workers forever. */
export class WorkerStartError extends Error {}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  /** Rows sent and not yet answered, in order; the first is the one running. */
  current: WorkItem[];
  timer: NodeJS.Timeout | undefined;
  ending: boolean;
}

/**
 * A pool of `worker_threads` verifying rows in chunks. Each row must answer
 * within the timeout, counted from when the worker was handed the row (the
 * chunk's dispatch, then each previous result), so a stuck row is blamed
 * precisely; its worker is terminated (V8 interrupts even a busy loop) and
 * the rest of its chunk goes back to the front of the queue.
 */
export class WorkerPool {
  private queue: WorkItem[][] = [];
  private readonly slots = new Set<Slot>();
  private stopped = false;
  private running = false;
  private settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
  /** Workers started to replace one that timed out or died. */
  restarts = 0;

  constructor(private readonly options: PoolOptions) {}

  /**
   * Starts the workers ahead of {@link run}, so that they load while the
   * caller is still reading the suite; any not needed are ended by `run`.
   */
  warm(): void {
    for (let i = this.slots.size; i < Math.max(1, this.options.jobs); i++) this.spawn();
  }

  /** Verifies every item; resolves when all have a result or {@link stop} was called. */
  run(items: readonly WorkItem[]): Promise<void> {
    const jobs = Math.max(1, this.options.jobs);
    // Several chunks per worker balance uneven rows; a cap keeps a restart's requeue cheap.
    const size = Math.min(128, Math.max(1, Math.ceil(items.length / (jobs * 4))));
    for (let i = 0; i < items.length; i += size) this.queue.push(items.slice(i, i + size));
    return new Promise<void>((resolve, reject) => {
      this.settle = { resolve, reject };
      this.running = true;
      for (let i = this.slots.size; i < Math.min(jobs, this.queue.length); i++) this.spawn();
      // Warm workers that are already loaded start now (or end, when there is nothing to do); the rest when they report ready.
      for (const slot of [...this.slots]) if ((slot.ready || this.queue.length === 0) && slot.current.length === 0) this.dispatch(slot);
      this.checkDone();
    });
  }

  /** Stops at once (SIGINT): terminates every worker; rows without a result get none. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue = [];
    const workers = [...this.slots].map((s) => this.retire(s));
    await Promise.all(workers);
    this.settle?.resolve();
  }

  private spawn(): void {
    const worker = new Worker(this.options.script, { workerData: { options: this.options.suiteOptions } });
    const slot: Slot = { worker, ready: false, current: [], timer: undefined, ending: false };
    this.slots.add(slot);
    worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
    worker.on('error', (err) => this.onDeath(slot, `${err.name}: ${err.message}`, err.name));
    worker.on('exit', (code) => this.onDeath(slot, `the worker exited with code ${code}`, 'WorkerExited'));
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (slot.ending) return;
    if (m.type === 'ready') {
      slot.ready = true;
      if (this.running) this.dispatch(slot);
      return;
    }
    // Results arrive in order; anything else is stale (it raced a timeout).
    if (slot.current[0]?.id !== m.id) return;
    slot.current.shift();
    this.options.onResult(m.id, m.outcome, m.ms);
    if (slot.current.length > 0) this.arm(slot);
    else this.dispatch(slot);
  }

  private dispatch(slot: Slot): void {
    const next = this.stopped ? undefined : this.queue.shift();
    if (!next) {
      void this.retire(slot);
      this.checkDone();
      return;
    }
    slot.current = [...next];
    slot.worker.postMessage({ type: 'rows', items: next } satisfies ToWorker);
    this.arm(slot);
  }

  private arm(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => this.onTimeout(slot), this.options.timeoutMs);
  }

  private onTimeout(slot: Slot): void {
    if (slot.ending) return;
    const stuck = slot.current.shift()!;
    const detail = `no result within ${this.options.timeoutMs} ms; the worker was terminated and replaced`;
    this.options.onResult(stuck.id, errorOutcome('TIMEOUT', 'transient', 'Timeout', detail), this.options.timeoutMs);
    this.replace(slot, 'timeout', stuck.id, detail);
  }

  private onDeath(slot: Slot, detail: string, name: string): void {
    if (slot.ending) return;
    if (!slot.ready) {
      // A worker that cannot even start would be restarted forever: fail the run instead.
      void this.retire(slot);
      this.settle?.reject(new WorkerStartError(`the DFA worker could not start (${this.options.script}): ${detail}`));
      return;
    }
    const stuck = slot.current.shift();
    if (stuck) this.options.onResult(stuck.id, errorOutcome('ERROR', 'transient', name, detail), 0);
    this.replace(slot, 'died', stuck?.id, detail);
  }

  /** Ends a failed worker, puts its unanswered rows back first, and starts a new one if work remains. */
  private replace(slot: Slot, reason: 'timeout' | 'died', id: number | undefined, detail: string): void {
    if (slot.current.length > 0) this.queue.unshift(slot.current);
    slot.current = [];
    void this.retire(slot);
    this.options.onRestart?.(reason, id, detail);
    if (this.queue.length > 0 && !this.stopped) {
      this.restarts++;
      this.spawn();
    }
    this.checkDone();
  }

  private retire(slot: Slot): Promise<number> {
    slot.ending = true;
    clearTimeout(slot.timer);
    this.slots.delete(slot);
    return slot.worker.terminate();
  }

  private checkDone(): void {
    if (this.running && this.slots.size === 0 && this.queue.length === 0) this.settle?.resolve();
  }
}
