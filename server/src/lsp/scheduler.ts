/** One unit of scheduled work for a document. */
export type DocumentJob = (signal: AbortSignal) => Promise<void>;

interface Pending {
  timer?: NodeJS.Timeout;
  controller?: AbortController;
}

/**
 * Runs analyses per document, after a delay the caller chooses (see
 * typingDelay.ts), and cancellable. A newer request for the same document
 * replaces the timer and aborts any run in flight, so keystrokes during the
 * wait are analysed together and stale results are dropped. (The job itself
 * re-checks the document version before publishing.)
 */
export class DocumentScheduler {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly onError: (uri: string, err: unknown) => void) {}

  /** Schedules `job` for `uri` after `delayMs`, replacing anything pending for it. */
  schedule(uri: string, delayMs: number, job: DocumentJob): void {
    this.cancel(uri);
    const entry: Pending = {};
    this.pending.set(uri, entry);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      const controller = new AbortController();
      entry.controller = controller;
      job(controller.signal)
        .catch((err) => {
          if (!controller.signal.aborted) this.onError(uri, err);
        })
        .finally(() => {
          if (this.pending.get(uri) === entry) this.pending.delete(uri);
        });
    }, delayMs);
  }

  /** Cancels a pending or running job for `uri`. */
  cancel(uri: string): void {
    const entry = this.pending.get(uri);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    entry.controller?.abort();
    this.pending.delete(uri);
  }

  /** Cancels everything (on shutdown). */
  dispose(): void {
    for (const uri of [...this.pending.keys()]) this.cancel(uri);
  }
}
