/**
 * When the server is quiet enough for background work that cannot be
 * interrupted.
 *
 * Compiling one grammar's rule queries is a single synchronous wasm call of
 * 100–400 ms. The start-up warm-up used to run all of them 3 s after
 * `initialized`, so a user who started typing at once had a keystroke's
 * diagnostics held up by up to 400 ms (the keystroke bench's worst edit).
 * Now each grammar waits until no document has been scheduled or analysed
 * for a quiet period.
 */

/** Clock and timer, injectable so the tests control time. */
export interface IdleClock {
  now(): number;
  /** Calls `fn` after `ms`; must not keep the process alive. */
  after(ms: number, fn: () => void): void;
}

const REAL_CLOCK: IdleClock = {
  now: () => performance.now(),
  after: (ms, fn) => void setTimeout(fn, ms).unref(),
};

/** Tracks the server's last activity and tells background work when it has been quiet. */
export class IdleGate {
  private last: number;
  /** Analyses running now: never quiet while one is. */
  private running = 0;

  constructor(private readonly clock: IdleClock = REAL_CLOCK) {
    this.last = clock.now();
  }

  /** Records activity: a document scheduled for analysis, or an analysis that ended. */
  touch(): void {
    this.last = this.clock.now();
  }

  /** Marks an analysis as running until the returned function is called (which also counts as activity). */
  begin(): () => void {
    this.running++;
    this.touch();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.running--;
      this.touch();
    };
  }

  /** Resolves once nothing has happened for `quietMs` and no analysis is running. */
  quiet(quietMs: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        const waited = this.clock.now() - this.last;
        if (this.running === 0 && waited >= quietMs) resolve();
        else this.clock.after(this.running > 0 ? quietMs : quietMs - waited, check);
      };
      check();
    });
  }
}
