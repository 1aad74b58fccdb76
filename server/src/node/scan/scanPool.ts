/**
 * A pool of scan workers (`worker_threads`), one per core by default. Files
 * are handed out as workers free up, with a short queue per worker so a
 * worker never waits for the main thread between files. A worker that dies
 * fails only the files it held (each becomes that file's error in the
 * report) and is replaced; a worker that cannot even start rejects every
 * file with {@link ScanWorkerStartError}, and the scanner analyses them on
 * the main thread instead.
 */
import { Worker } from 'node:worker_threads';
import type { RulePackProblem } from '../analyzerFactory';
import type { FileJob, FileResult, FromScanWorker, ToScanWorker, WorkerSetup } from './protocol';

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
  readonly worker: Worker;
  ready: boolean;
  readonly held: Map<number, Pending>;
  dead: boolean;
}

/** Files queued per worker beyond the one it is analysing: enough to hide message latency. */
const DEPTH = 2;

/** Analyses files on `jobs` worker threads; see the module comment. */
export class ScanPool {
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private closed = false;
  private startFailure: Error | undefined;
  /** Workers started to replace one that died. */
  restarts = 0;

  constructor(private readonly options: ScanPoolOptions) {
    for (let i = 0; i < Math.max(1, options.jobs); i++) this.spawn();
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

  private spawn(): void {
    const worker = new Worker(this.options.script, { workerData: this.options.setup });
    const slot: Slot = { worker, ready: false, held: new Map(), dead: false };
    this.slots.add(slot);
    worker.on('message', (m: FromScanWorker) => this.onMessage(slot, m));
    worker.on('error', (err) => this.onDeath(slot, `${err.name}: ${err.message}`));
    worker.on('exit', (code) => this.onDeath(slot, `the scan worker exited with code ${code}`));
  }

  private onMessage(slot: Slot, m: FromScanWorker): void {
    if (m.type === 'log') return this.options.onLog?.(m.level, m.line);
    if (m.type === 'ready') {
      slot.ready = true;
      return this.pump();
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
    if (this.closed) return;
    if (!slot.ready) {
      // It never loaded: another would fail the same way.
      this.startFailure = new ScanWorkerStartError(`a scan worker could not start: ${reason}`);
      for (const p of this.queue.splice(0)) p.reject(this.startFailure);
      return;
    }
    this.restarts++;
    this.spawn();
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
