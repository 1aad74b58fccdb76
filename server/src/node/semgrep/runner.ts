/**
 * One semgrep run at a time per key (a workspace folder, a document): a new
 * run cancels the one it supersedes, like rust-analyzer's flycheck restarts.
 * Without it, saving quickly starts overlapping scans whose late results
 * overwrite fresher ones, and semgrep processes pile up (semgrep-vscode #210).
 */
import { runSemgrep, type SemgrepRunOptions, type SemgrepRunResult } from './run';
import { scanText, type ScanTextOptions } from './scanText';

/** The functions the runner calls; injectable for tests of the scheduling alone. */
export interface RunnerBackend {
  readonly run: (opts: SemgrepRunOptions) => Promise<SemgrepRunResult>;
  readonly scanText: (opts: ScanTextOptions) => Promise<SemgrepRunResult>;
}

/** Serialises semgrep runs per key by cancelling the previous one. */
export class SemgrepRunner {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly backend: RunnerBackend = { run: runSemgrep, scanText }) {}

  /** Runs semgrep over files for `key`; the previous run for `key` ends with a `cancelled` fault. */
  run(key: string, opts: SemgrepRunOptions): Promise<SemgrepRunResult> {
    return this.exclusive(key, opts.signal, (signal) => this.backend.run({ ...opts, signal }));
  }

  /** Scans a buffer for `key`; the previous run for `key` ends with a `cancelled` fault. */
  scanText(key: string, opts: ScanTextOptions): Promise<SemgrepRunResult> {
    return this.exclusive(key, opts.signal, (signal) => this.backend.scanText({ ...opts, signal }));
  }

  /** Whether a run for `key` is in progress. */
  isRunning(key: string): boolean {
    return this.running.has(key);
  }

  /** Cancels the run for `key`, if any. */
  cancel(key: string): void {
    this.running.get(key)?.abort();
  }

  /** Cancels every run (server shutdown, trust revoked, semgrep turned off). */
  cancelAll(): void {
    for (const c of this.running.values()) c.abort();
  }

  private async exclusive(key: string, outer: AbortSignal | undefined, job: (signal: AbortSignal) => Promise<SemgrepRunResult>): Promise<SemgrepRunResult> {
    this.running.get(key)?.abort();
    const controller = new AbortController();
    this.running.set(key, controller);
    // The caller's own signal still cancels this run (AbortSignal.any needs Node 20.3).
    const forward = () => controller.abort();
    if (outer?.aborted) controller.abort();
    else outer?.addEventListener('abort', forward, { once: true });
    try {
      return await job(controller.signal);
    } finally {
      outer?.removeEventListener('abort', forward);
      if (this.running.get(key) === controller) this.running.delete(key);
    }
  }
}
