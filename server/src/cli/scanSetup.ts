/**
 * Turns `check` options into scan options: worker count (one per core by
 * default), the on-disk cache folder, and a progress bar on stderr when it is
 * a terminal (never on stdout, which carries the report).
 */
import * as path from 'node:path';
import { availableParallelism } from 'node:os';
import type { ScanOptions } from '../node/scan/fileScanner';
import type { CheckOptions } from './args';
import { ARGUS_VERSION } from './version';

/** Where `--cache` keeps results unless `--cache-location` says otherwise, relative to the current folder. */
export const DEFAULT_CACHE_LOCATION = '.argus/cache';

/** A one-line progress bar redrawn in place; cleared when the scan ends. */
export function progressBar(stream: NodeJS.WriteStream): { update(done: number, total: number): void; clear(): void } {
  let last = -1;
  let drawn = false;
  return {
    update(done, total) {
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      // Redraw only when the bar or the count visibly changes, so huge scans do not flood the terminal.
      if (filled === last && done !== total && done % 50 !== 0) return;
      last = filled;
      drawn = true;
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} files`);
    },
    clear() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

/** Scan options for `opts`, run from `root` with the bundle in `distDir`. */
export function scanOptionsFor(opts: CheckOptions, root: string, distDir: string): ScanOptions & { done(): void } {
  const showProgress = opts.progress ?? (process.stderr.isTTY === true && !process.env.CI);
  const bar = showProgress ? progressBar(process.stderr) : undefined;
  return {
    jobs: opts.jobs ?? availableParallelism(),
    distDir,
    version: ARGUS_VERSION,
    ...(opts.cache ? { cacheDir: path.resolve(root, opts.cacheLocation ?? DEFAULT_CACHE_LOCATION) } : {}),
    ...(bar ? { onProgress: (d: number, t: number) => bar.update(d, t) } : {}),
    done: () => bar?.clear(),
  };
}
