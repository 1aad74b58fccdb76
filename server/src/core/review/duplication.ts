/**
 * Copy-paste detection over the lexical token stream.
 *
 * In one file: every window of `windowTokens` consecutive tokens is hashed
 * with two rolling hashes; a repeat of an earlier, non-overlapping window is
 * verified token by token and extended as far as the copies agree. O(n).
 * Low-variety windows (fewer than w/5 distinct tokens: padding, zero tables)
 * are not reported.
 *
 * Across files: {@link DuplicationIndex} stores a winnowed sample of each
 * file's window hashes (about 2 in `winnow + 1`), which guarantees that any
 * shared run of at least `windowTokens + winnow - 1` tokens is seen, and
 * reports "duplicated with path:line" per file in time proportional to that
 * file's fingerprints — never all pairs of files.
 */

/** A duplicated block inside one file (0-based lines). */
export interface InFileDuplicate {
  readonly line: number;
  readonly endLine: number;
  /** Where the earlier copy is. */
  readonly originalLine: number;
  readonly originalEndLine: number;
  readonly tokens: number;
}

const BASE1 = 0x01000193;
const BASE2 = 0x5bd1e995;

/** Combines two 32-bit hashes into one exact-in-a-double 53-bit key. */
function key(h1: number, h2: number): number {
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}

function pow32(base: number, exp: number): number {
  let r = 1;
  for (let i = 0; i < exp; i++) r = Math.imul(r, base);
  return r;
}

/**
 * `mix32` (hash.ts) as a signed 32-bit integer: the same bits, but every
 * intermediate stays a small integer (no heap numbers in these hot loops).
 */
function mix32i(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

interface Windows {
  readonly w: number;
  readonly h1: Int32Array;
  readonly h2: Int32Array;
}

/** How a token array was derived from an earlier one: `keep` tokens equal, `mid` new ones, then the old ones from `from`. */
interface Splice {
  readonly prev: Int32Array;
  readonly keep: number;
  readonly mid: number;
  readonly from: number;
}

/**
 * Window hashes of token arrays the language server keeps (see
 * {@link trackTokens}), so an edited file's are derived from its previous
 * ones; arrays not tracked (the CLI's) are never remembered.
 */
const WINDOWS = new WeakMap<Int32Array, Windows | null>();
const SPLICES = new WeakMap<Int32Array, Splice>();

/** Remembers the window hashes of `tokens` once computed; with `splice`, says how it was made from `splice.prev`. */
export function trackTokens(tokens: Int32Array, splice?: Splice): void {
  WINDOWS.set(tokens, null);
  if (!splice) return;
  // Only one step back is ever used: never let a chain of old arrays stay reachable.
  SPLICES.delete(splice.prev);
  SPLICES.set(tokens, splice);
}

/** Two independent rolling hashes of every window of `w` tokens (`[i, i + w)` at index i). */
function rollingHashes(tokens: ArrayLike<number>, w: number): Windows {
  const tracked = tokens instanceof Int32Array && WINDOWS.has(tokens) ? tokens : undefined;
  const known = tracked && WINDOWS.get(tracked);
  if (known && known.w === w) return known;
  const splice = tracked && SPLICES.get(tracked);
  const old = splice && WINDOWS.get(splice.prev);
  const out = old && old.w === w ? spliceWindows(tokens, w, old, splice) : windowsFrom(tokens, w, 0, Math.max(0, tokens.length - w + 1));
  if (tracked) {
    WINDOWS.set(tracked, out);
    SPLICES.delete(tracked);
  }
  return out;
}

/** The windows of `tokens`: copied from `old` where their tokens are the old ones, computed in between. */
function spliceWindows(tokens: ArrayLike<number>, w: number, old: Windows, s: Splice): Windows {
  const n = Math.max(0, tokens.length - w + 1);
  const head = Math.max(0, Math.min(n, s.keep - w + 1));
  const tail = Math.min(n, s.keep + s.mid);
  const mid = windowsFrom(tokens, w, head, Math.max(head, tail));
  const h1 = new Int32Array(n);
  const h2 = new Int32Array(n);
  h1.set(old.h1.subarray(0, head));
  h2.set(old.h2.subarray(0, head));
  h1.set(mid.h1, head);
  h2.set(mid.h2, head);
  if (tail < n) {
    h1.set(old.h1.subarray(s.from, s.from + n - tail), tail);
    h2.set(old.h2.subarray(s.from, s.from + n - tail), tail);
  }
  return { w, h1, h2 };
}

/** Hashes of the windows starting in `[from, to)` (the arithmetic is mod 2^32, so starting anywhere gives the same values). */
function windowsFrom(tokens: ArrayLike<number>, w: number, from: number, to: number): Windows {
  const count = Math.max(0, to - from);
  const h1s = new Int32Array(count);
  const h2s = new Int32Array(count);
  if (count === 0) return { w, h1: h1s, h2: h2s };
  const top1 = pow32(BASE1, w - 1);
  const top2 = pow32(BASE2, w - 1);
  const end = to + w - 1;
  const mixed = new Int32Array(end - from);
  for (let i = from; i < end; i++) mixed[i - from] = mix32i(tokens[i]!);
  let h1 = 0;
  let h2 = 0;
  for (let i = from; i < end; i++) {
    if (i >= from + w) {
      h1 = (h1 - Math.imul(tokens[i - w]!, top1)) | 0;
      h2 = (h2 - Math.imul(mixed[i - w - from]!, top2)) | 0;
    }
    h1 = (Math.imul(h1, BASE1) + tokens[i]!) | 0;
    h2 = (Math.imul(h2, BASE2) + mixed[i - from]!) | 0;
    if (i >= from + w - 1) {
      h1s[i - w + 1 - from] = h1;
      h2s[i - w + 1 - from] = h2;
    }
  }
  return { w, h1: h1s, h2: h2s };
}

/** 53-bit keys of every window of `w` tokens: `keys[i]` covers tokens `[i, i + w)`. */
export function windowKeys(tokens: ArrayLike<number>, w: number): Float64Array {
  const { h1, h2 } = rollingHashes(tokens, w);
  const out = new Float64Array(h1.length);
  for (let i = 0; i < h1.length; i++) out[i] = key(h1[i]!, h2[i]!);
  return out;
}

/** Whether tokens `[at, at + w)` are varied enough to be code (not padding or a table of zeros). */
function varied(tokens: ArrayLike<number>, at: number, w: number): boolean {
  const seen = new Set<number>();
  for (let k = 0; k < w; k++) seen.add(tokens[at + k]!);
  return seen.size * 5 >= w;
}

/**
 * Duplicated blocks of at least `w` tokens spanning at least `minLines`
 * lines, each reported once at its later copy. The first occurrence of each
 * window is kept in an open-addressing table (typed arrays, no Map).
 */
export function findInFileDuplicates(tokens: ArrayLike<number>, tokenLines: ArrayLike<number>, w: number, minLines: number): InFileDuplicate[] {
  const { h1, h2 } = rollingHashes(tokens, w);
  const n = h1.length;
  let size = 16;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  const slots = new Int32Array(size); // window index + 1; 0 = empty
  const out: InFileDuplicate[] = [];
  for (let i = 0; i < n; i++) {
    const a = h1[i]!;
    const b = h2[i]!;
    let s = mix32i(a) & mask;
    let j = -1;
    for (; slots[s] !== 0; s = (s + 1) & mask) {
      const cand = slots[s]! - 1;
      if (h1[cand] === a && h2[cand] === b) {
        j = cand;
        break;
      }
    }
    if (j < 0) {
      slots[s] = i + 1;
      continue;
    }
    if (i < j + w || !sameTokens(tokens, j, i, w) || !varied(tokens, i, w)) continue;
    let len = w;
    while (i + len < tokens.length && j + len < i && tokens[j + len] === tokens[i + len]) len++;
    const dup = { line: tokenLines[i]!, endLine: tokenLines[i + len - 1]!, originalLine: tokenLines[j]!, originalEndLine: tokenLines[j + len - 1]!, tokens: len };
    if (dup.endLine - dup.line + 1 >= minLines) out.push(dup);
    i += len - 1; // the rest of this copy is part of the same block
  }
  return out;
}

function sameTokens(tokens: ArrayLike<number>, a: number, b: number, w: number): boolean {
  for (let k = 0; k < w; k++) if (tokens[a + k] !== tokens[b + k]) return false;
  return true;
}

/**
 * What one file contributes to a {@link DuplicationIndex}: its sampled
 * windows as parallel typed arrays (they cross threads and go to the cache;
 * objects per window cost ~10× the memory on a large scan).
 */
export interface FileFingerprints {
  readonly path: string;
  readonly windowTokens: number;
  /** 53-bit key of each sampled window, in token order. */
  readonly keys: Float64Array;
  /** Per sampled window, 3 entries: its token index, first line and last line (0-based). */
  readonly places: Int32Array;
}

/**
 * Winnowing (Schleimer et al., 2003): the minimum key of every `winnow`
 * consecutive windows, each selected position recorded once.
 */
export function fingerprintFile(path: string, tokens: ArrayLike<number>, tokenLines: ArrayLike<number>, w: number, winnow = 16): FileFingerprints {
  const keys = windowKeys(tokens, w);
  const picked: number[] = [];
  let last = -1;
  // The rightmost minimum of each run of `winnow` windows (of all windows when there are fewer), with a
  // monotone queue: indices whose keys increase from front to back, so the front is the minimum. O(n).
  const queue = new Int32Array(Math.max(1, keys.length));
  let head = 0;
  let tail = 0;
  const firstEnd = Math.min(winnow, keys.length) - 1;
  for (let i = 0; i < keys.length; i++) {
    while (tail > head && keys[queue[tail - 1]!]! >= keys[i]!) tail--;
    queue[tail++] = i;
    if (i < firstEnd) continue;
    while (queue[head]! <= i - winnow) head++;
    const best = queue[head]!;
    if (best !== last) {
      picked.push(best);
      last = best;
    }
  }
  const out = new Float64Array(picked.length);
  const places = new Int32Array(picked.length * 3);
  for (let k = 0; k < picked.length; k++) {
    const at = picked[k]!;
    out[k] = keys[at]!;
    places[3 * k] = at;
    places[3 * k + 1] = tokenLines[at]!;
    places[3 * k + 2] = tokenLines[at + w - 1]!;
  }
  return { path, windowTokens: w, keys: out, places };
}

export { DuplicationIndex, type CrossFileDuplicate } from './crossFileIndex';
