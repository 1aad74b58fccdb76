import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import type { RowOutcome } from './outcome';

/** Bumped whenever the cached outcome's shape or meaning changes. */
export const CACHE_FORMAT = 'argus-dfa-verify/1';
/** More segments than this are merged into one when the cache is closed. */
const MAX_SEGMENTS = 8;
const FLUSH_ROWS = 256;
const FLUSH_MS = 200;

/** sha256 of the JSON of everything an outcome depends on. */
export function cacheKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify([CACHE_FORMAT, ...parts])).digest('hex');
}

const checksum = (payload: string): string => createHash('sha256').update(payload).digest('hex').slice(0, 16);

/** Counters reported in `summary.json`. */
export interface CacheStats {
  hits: number;
  misses: number;
  /** Lines dropped on load: torn by an interruption, or edited; their rows are simply recomputed. */
  corruptLines: number;
  /** Valid entries found on load. */
  loaded: number;
  written: number;
}

/**
 * The persistent verdict cache. Crash safety comes from the layout, not from
 * locks: each run appends to its own new segment (`seg-*.jsonl`), one line
 * per entry, `<checksum> <json>`. A line torn by SIGKILL or power loss fails
 * its checksum and is ignored, so an interruption costs at most the rows
 * since the last flush and never corrupts what is already there. Merging
 * segments writes a temporary file and renames it into place before the old
 * segments are removed, so every moment of it leaves a readable cache.
 */
export class DfaCache {
  private readonly entries = new Map<string, string>();
  private readonly segments: string[] = [];
  private readonly own: string;
  private fd: number | undefined;
  private buffer: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  readonly stats: CacheStats = { hits: 0, misses: 0, corruptLines: 0, loaded: 0, written: 0 };

  /** Loads every segment under `dir` (which need not exist yet). */
  constructor(readonly dir: string) {
    this.own = path.join(dir, `seg-${Date.now().toString(36)}-${process.pid}-${randomBytes(3).toString('hex')}.jsonl`);
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => /^seg-.*\.jsonl$/.test(n)).sort();
    } catch {
      // A missing folder is an empty cache.
    }
    for (const n of names) this.load(path.join(dir, n));
  }

  private load(file: string): void {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // removed by a concurrent merge: its entries are in the merged segment
    }
    this.segments.push(file);
    const lines = text.split('\n');
    // Whatever follows the last line break is a torn write.
    if (lines.pop() !== '') this.stats.corruptLines++;
    for (const line of lines) {
      const payload = line.slice(17);
      if (line[16] !== ' ' || checksum(payload) !== line.slice(0, 16)) {
        this.stats.corruptLines++;
        continue;
      }
      try {
        const [key] = JSON.parse(payload) as [string, RowOutcome];
        if (!this.entries.has(key)) this.stats.loaded++;
        this.entries.set(key, payload);
      } catch {
        this.stats.corruptLines++;
      }
    }
  }

  /** The cached outcome for a key, counting a hit or a miss. */
  get(key: string): RowOutcome | undefined {
    const payload = this.entries.get(key);
    if (payload === undefined) {
      this.stats.misses++;
      return undefined;
    }
    this.stats.hits++;
    return (JSON.parse(payload) as [string, RowOutcome])[1];
  }

  /** Records an outcome; written within {@link FLUSH_MS} ms or {@link FLUSH_ROWS} rows. */
  put(key: string, outcome: RowOutcome): void {
    const payload = JSON.stringify([key, outcome]);
    this.entries.set(key, payload);
    this.buffer.push(`${checksum(payload)} ${payload}\n`);
    this.stats.written++;
    if (this.buffer.length >= FLUSH_ROWS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS).unref();
  }

  /** Appends buffered lines to this run's segment, in one write. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return;
    if (this.fd === undefined) {
      mkdirSync(this.dir, { recursive: true });
      this.fd = openSync(this.own, 'a', 0o644);
    }
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
  }

  /** Flushes and closes; merges segments when there are many or some lines were corrupt. */
  close(): void {
    this.flush();
    if (this.fd !== undefined) {
      closeSync(this.fd);
      this.fd = undefined;
      this.segments.push(this.own);
    }
    if (this.segments.length > MAX_SEGMENTS || (this.stats.corruptLines > 0 && this.segments.length > 0)) this.compact();
  }

  /** Writes every valid entry to one new segment (temp + fsync + rename), then removes the old ones. */
  private compact(): void {
    mkdirSync(this.dir, { recursive: true });
    const tmp = path.join(this.dir, `merge-${process.pid}-${randomBytes(3).toString('hex')}.tmp`);
    const fd = openSync(tmp, 'w', 0o644);
    try {
      const lines: string[] = [];
      for (const payload of this.entries.values()) lines.push(`${checksum(payload)} ${payload}\n`);
      writeSync(fd, lines.join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    const merged = path.join(this.dir, `seg-${Date.now().toString(36)}-${process.pid}-merged.jsonl`);
    renameSync(tmp, merged);
    for (const s of this.segments) {
      if (s === merged) continue;
      try {
        unlinkSync(s);
      } catch {
        // Already removed by a concurrent merge.
      }
    }
    this.segments.length = 0;
    this.segments.push(merged);
  }
}
