/**
 * How long to wait after a keystroke before analysing, per document.
 *
 * The wait exists to bound the CPU spent while the user types, not to delay
 * an answer: a keystroke that comes after the document has been quiet is
 * analysed at once. While keystrokes keep coming, analyses are spaced by a
 * gap after the previous one ended: twice the document's moving average of
 * analysis times, within bounds. The gap is measured from that end, so a
 * keystroke during the wait does not push the next analysis further away
 * (continuous typing still gets a result every analysis-plus-gap), and
 * analysis takes at most about a third of the thread while the user types.
 *
 * Why not a plain debounce (the first design): every keystroke then waited at
 * least the shortest debounce even when nothing else was happening, which on
 * a 10k-line file that analyses in 9 ms tripled the time to diagnostics.
 */

/** Bounds and weights of the typing delay; the defaults are what the server uses. */
export interface TypingDelayOptions {
  /** Shortest gap between analyses while typing, so a burst of keystrokes within a few milliseconds costs at most two. */
  readonly minMs: number;
  /** Longest gap, and the wait before any analysis time of the document is known. */
  readonly maxMs: number;
  /** The gap as a multiple of the average analysis time. */
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
  /** When the latest analysis of each document ended (performance.now() milliseconds). */
  private readonly lastEnd = new Map<string, number>();
  /** Analyses running per document (a cancelled one may still be finishing when the next starts). */
  private readonly running = new Map<string, number>();
  private readonly options: TypingDelayOptions;

  constructor(options: Partial<TypingDelayOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** The gap kept between analyses of `uri` while the user types. */
  gapFor(uri: string): number {
    const { minMs, maxMs, factor } = this.options;
    const avg = this.average.get(uri);
    return avg === undefined ? maxMs : Math.round(Math.min(maxMs, Math.max(minMs, factor * avg)));
  }

  /**
   * Milliseconds to wait after a keystroke in `uri` at `now` before analysing it: none when the
   * document has been quiet for the gap, the rest of the gap otherwise, the whole gap when an
   * analysis is running (the keystroke cancels it) or no analysis time is known yet.
   */
  delayFor(uri: string, now: number = performance.now()): number {
    const gap = this.gapFor(uri);
    const end = this.lastEnd.get(uri);
    if (!this.average.has(uri) || this.running.has(uri)) return gap;
    return end === undefined ? 0 : Math.max(0, Math.round(end + gap - now));
  }

  /** An analysis of `uri` (of any kind) starts. */
  started(uri: string): void {
    this.running.set(uri, (this.running.get(uri) ?? 0) + 1);
  }

  /** An analysis of `uri` (of any kind, completed, stale or cancelled) ended at `now`. */
  ended(uri: string, now: number = performance.now()): void {
    const left = (this.running.get(uri) ?? 1) - 1;
    if (left > 0) this.running.set(uri, left);
    else this.running.delete(uri);
    // A document closed meanwhile (forgotten, so no average) keeps no entry.
    if (this.average.has(uri)) this.lastEnd.set(uri, now);
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
    this.lastEnd.delete(uri);
    this.running.delete(uri);
  }
}
