/**
 * What `argus dfa verify` tells a person or a log collector while it runs,
 * on stderr only (stdout carries the final summary): a progress bar when
 * stderr is a terminal, or one JSON object per line with `--json-logs`.
 */

/** A stderr sink (a stream's `write` and whether it is a terminal). */
export interface ErrSink {
  readonly write: (text: string) => void;
  readonly isTTY: boolean;
}

const BAR = 30;
/** Progress is redrawn or logged at most this often; 6000 rows finish in a few hundred ms. */
const BAR_MS = 100;
const LOG_MS = 500;

/** Progress and events of one verify run. */
export class VerifyReporter {
  private lastDraw = -Infinity;
  private drawn = false;
  private readonly t0: number;

  constructor(
    private readonly sink: ErrSink,
    private readonly jsonLogs: boolean,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.t0 = now();
  }

  /** An event: a JSON line with `--json-logs`, else a plain `argus:` line for warnings only. */
  event(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}, text?: string): void {
    if (this.jsonLogs) {
      this.sink.write(JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }) + '\n');
      return;
    }
    if (level === 'info' || text === undefined) return;
    this.clear();
    this.sink.write(`argus: ${text}\n`);
  }

  /** Rows done so far; throttled. */
  progress(done: number, total: number): void {
    const t = this.now();
    const last = done === total;
    if (this.jsonLogs) {
      if (!last && t - this.lastDraw < LOG_MS) return;
      this.lastDraw = t;
      this.event('info', 'verify.progress', { done, total, elapsed_ms: Math.round(t - this.t0) });
      return;
    }
    if (!this.sink.isTTY || (!last && t - this.lastDraw < BAR_MS)) return;
    this.lastDraw = t;
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * BAR);
    const rate = done / Math.max(0.001, (t - this.t0) / 1000);
    this.sink.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${done}/${total} ${(share * 100).toFixed(0)}% ${rate.toFixed(0)} rows/s\x1b[K`);
    this.drawn = true;
  }

  /** Erases the progress bar so that other output starts on a clean line. */
  clear(): void {
    if (!this.drawn) return;
    this.sink.write('\r\x1b[K');
    this.drawn = false;
  }
}
