/**
 * The on-disk result cache of headless scans (`argus check --cache`), in
 * `.argus/cache/` by default. One JSON file per analysed file, named by a
 * SHA-256 of everything the result depends on: the Argus version, the rule
 * pack, the false-positive marks, the file's resolved configuration, its
 * path and its text. Unchanged files are therefore never re-analysed, and
 * any change to rules, config or content simply misses.
 *
 * Every entry is written atomically (a temporary file renamed into place), so
 * an interrupted scan (SIGINT, SIGTERM, a crash) leaves only whole entries.
 * An entry that cannot be read or does not have the expected shape is
 * ignored (counted as corrupt) and rewritten by this scan.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomicWrite';
import type { FileResult } from './protocol';
import type { FileFingerprints } from '../../core/review/duplication';

/** Bumped when the entry format or the meaning of a result changes. */
const FORMAT = 3;

/** Duplication fingerprints as stored: the typed arrays as plain number arrays. */
interface PackedFingerprints {
  readonly path: string;
  readonly windowTokens: number;
  readonly keys: readonly number[];
  readonly places: readonly number[];
}

function pack(f: FileFingerprints): PackedFingerprints {
  return { path: f.path, windowTokens: f.windowTokens, keys: Array.from(f.keys), places: Array.from(f.places) };
}

function unpack(p: PackedFingerprints): FileFingerprints | undefined {
  if (typeof p.path !== 'string' || typeof p.windowTokens !== 'number' || !Array.isArray(p.keys) || !Array.isArray(p.places) || p.places.length !== 3 * p.keys.length) return undefined;
  return { path: p.path, windowTokens: p.windowTokens, keys: Float64Array.from(p.keys), places: Int32Array.from(p.places) };
}

/** Hit, miss and corruption counts of one scan, for the report and logs. */
export interface CacheStats {
  hits: number;
  misses: number;
  corrupt: number;
  writeErrors: number;
}

function sha256(...parts: readonly (string | Uint8Array)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex');
}

/** A hash of every file in `dir` (names and contents), or `none` when it does not exist. */
export function directoryHash(dir: string): string {
  if (!existsSync(dir)) return 'none';
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update('\0').update(readFileSync(path.join(dir, f))).update('\0');
  return h.digest('hex');
}

/** A hash of one file's contents, or `none` when it does not exist. */
export function fileHash(file: string): string {
  try {
    return sha256(readFileSync(file, 'utf8'));
  } catch {
    return 'none';
  }
}

function isResult(v: unknown): v is FileResult {
  if (!v || typeof v !== 'object') return false;
  const outcome = (v as { outcome?: unknown }).outcome as Record<string, unknown> | undefined;
  return !!outcome && Array.isArray(outcome.findings) && Array.isArray(outcome.suppressed) && typeof outcome.fileData === 'object';
}

/** See the module comment. */
export class ResultCache {
  readonly stats: CacheStats = { hits: 0, misses: 0, corrupt: 0, writeErrors: 0 };

  /**
   * @param dir The cache folder (created on first write).
   * @param salt Everything shared by all entries of this scan: version, rule pack hash, feedback hash.
   */
  constructor(readonly dir: string, private readonly salt: string) {}

  /**
   * The key of one file's result. `configKey` is its resolved configuration,
   * serialised; `text` the file's text or its UTF-8 bytes (the same key when
   * the bytes are valid UTF-8, since a string is hashed as UTF-8).
   */
  key(relativePath: string, configKey: string, text: string | Uint8Array): string {
    return sha256(String(FORMAT), this.salt, configKey, relativePath, text);
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached result, or undefined on a miss or an unreadable entry. */
  get(key: string): FileResult | undefined {
    const file = this.fileOf(key);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      this.stats.misses++;
      return undefined;
    }
    try {
      const entry = JSON.parse(text) as { format?: unknown; key?: unknown; result?: unknown; fingerprints?: PackedFingerprints };
      const fingerprints = entry.fingerprints ? unpack(entry.fingerprints) : undefined;
      if (entry.format === FORMAT && entry.key === key && isResult(entry.result) && (fingerprints || !entry.fingerprints)) {
        this.stats.hits++;
        return fingerprints ? { outcome: entry.result.outcome, fingerprints } : { outcome: entry.result.outcome };
      }
    } catch {
      // Falls through: a torn or hand-edited entry is rebuilt, never trusted.
    }
    this.stats.corrupt++;
    this.stats.misses++;
    return undefined;
  }

  /** Stores a result atomically; a failed write is counted, never fatal (the scan result is unaffected). */
  set(key: string, result: FileResult): void {
    try {
      const { fingerprints, ...rest } = result;
      writeFileAtomic(this.fileOf(key), JSON.stringify({ format: FORMAT, key, result: rest, ...(fingerprints ? { fingerprints: pack(fingerprints) } : {}) }));
    } catch {
      this.stats.writeErrors++;
    }
  }
}
