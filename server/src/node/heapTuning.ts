/**
 * V8 heap tuning for headless scans (`argus check`, `score`, `baseline`).
 *
 * V8 grows the young generation of a thread whose short-lived objects
 * survive often, up to 16 MB per semi-space; a scan's main thread, which
 * analyses files and keeps every result, grew it to 33.6 MB (4.4 MB used)
 * on webpack. Keeping the young generation at its initial size in every
 * scan thread cut the scan's peak RSS (2 threads) by about 30 MB on webpack
 * and 40 MB on the Python stdlib, with reports unchanged and no CPU cost
 * that stood out of this machine's noise.
 *
 * `--max-semi-space-size` would say this more directly, but only on the
 * command line, which `node dist/cli.js` does not get; the growth factor is
 * read whenever the collector resizes, so it can be set at start-up, before
 * the bundle's modules allocate (set once the scan knew it had many files to
 * analyse, after the rules had loaded, it saved only half as much). Scans
 * with the cache are the exception (see {@link analysesEveryFile}). The
 * language server is left alone: it is long-running and well under its
 * memory target.
 */
import { setFlagsFromString } from 'node:v8';

/**
 * Stops the young generation from growing and keeps the old generation's
 * growth steps small, for the rest of the process.
 * Called when the CLI starts a scan without the cache, by a scan with the
 * cache once it has many files to analyse, and by each scan worker.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  // The old generation's next limit is 1.3x its live size instead of V8's dynamic factor (up to 4x
  // for a small heap): on webpack and the stdlib, peak RSS 200 -> 184 MB and 192 -> 181 MB
  // (medians of 3, 2 threads), CPU time within this machine's noise.
  setFlagsFromString('--heap-growing-percent=30');
}

/**
 * Whether `argv` (`process.argv`) runs a headless scan that analyses every
 * file: one without `--cache`. With the cache, most files are usually
 * answered from it, and parsing hundreds of cache entries (which all
 * survive) took its collections from about 60 to 170 ms; such a scan calls
 * {@link keepYoungGenerationSmall} itself once it has many files to analyse.
 */
export function analysesEveryFile(argv: readonly string[]): boolean {
  return ['check', 'score', 'baseline'].includes(argv[2] ?? '') && !argv.includes('--cache');
}

// Runs when the CLI bundle starts, before the other modules allocate (cli/entry.ts imports this module first).
if (analysesEveryFile(process.argv)) keepYoungGenerationSmall();
