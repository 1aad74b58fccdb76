/**
 * How long to wait after a keystroke before analysing, per document.
 *
 * A fixed debounce long enough for the slowest documents made every
 * document wait for it: a 200-line file analysed in 2 ms still showed its
 * diagnostics 120 ms after the last keystroke. Here the wait follows the
 * document's own recent analysis times (twice their moving average, within
 * bounds), so a quick document is answered at once, and a slow one is
 * analysed at most about once per three analysis times while the user
 * types: a keystroke during the wait or the run restarts it (the scheduler
 * aborts the run), so no more than one analysis is ever in flight.
 */

/** Bounds and weights of the typing delay; the defaults are what the server uses. */
export interface TypingDelayOptions {
  /** Shortest wait, so a burst of keystrokes within a few milliseconds is still one analysis. */
  readonly minMs: number;
  /** Longest wait, and the wait before any analysis time of the document is known. */
  readonly maxMs: number;
  /** The wait as a multiple of the average analysis time. */
  readonly factor: number;
  /** Weight of the newest analysis time in the moving average. */
  readonly weight: number;
}

const DEFAULTS: TypingDelayOptions = { minMs: 20, maxMs: 120, factor: 2, weight: 0.3 };

/** Per-document typing delays from measured analysis times. */
export class TypingDelay {
  private readonly average = new Map<string, number>();
  /** Documents whose average is still the time of an untyped analysis (see `seed`). */
  private readonly seeded = new Set<string>();
  private readonly options: TypingDelayOptions;

  constructor(options: Partial<TypingDelayOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Milliseconds to wait after a keystroke in `uri` before analysing it. */
  delayFor(uri: string): number {
    const { minMs, maxMs, factor } = this.options;
    const avg = this.average.get(uri);
    return avg === undefined ? maxMs : Math.round(Math.min(maxMs, Math.max(minMs, factor * avg)));
  }

  /** Records how long a completed analysis of `uri` took. */
  record(uri: string, millis: number): void {
    const avg = this.seeded.delete(uri) ? undefined : this.average.get(uri);
    this.average.set(uri, avg === undefined ? millis : avg + this.options.weight * (millis - avg));
  }

  /**
   * Records the time of an analysis that was not typed (the one on open, on save): it stands in
   * for the average only until the first typed analysis, which replaces it outright, so a small
   * file's first keystroke is already answered quickly. A full analysis is slower than the
   * incremental ones that follow it, so the stand-in errs on the side of waiting longer.
   */
  seed(uri: string, millis: number): void {
    if (this.average.has(uri) && !this.seeded.has(uri)) return;
    this.average.set(uri, millis);
    this.seeded.add(uri);
  }

  /** Forgets a closed document. */
  forget(uri: string): void {
    this.average.delete(uri);
    this.seeded.delete(uri);
  }
}
