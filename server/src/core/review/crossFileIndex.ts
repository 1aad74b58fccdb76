/**
 * The cross-file half of duplication: an index from window keys to the
 * files and places they were sampled at, queried per file once every file
 * is in. Everything lives in typed arrays (an open-addressing table of keys,
 * each with a linked list of postings): on a 789-file scan the earlier
 * Map-of-arrays-of-objects layout held ~40 MB of JS heap for 146k postings,
 * this holds under 10 MB, and the garbage collector has almost nothing to
 * trace. Files can be removed and re-added (the editor re-indexes a file on
 * every edit); freed postings are reused.
 */
import type { FileFingerprints } from './duplication';
import { mix32 } from './hash';

/** A block of one file that also appears in another file (0-based lines). */
export interface CrossFileDuplicate {
  readonly line: number;
  readonly endLine: number;
  readonly otherPath: string;
  readonly otherLine: number;
  readonly otherEndLine: number;
}

/** Slot states in `heads`: never used; used, with no postings left (kept so probing stays correct). */
const NEVER = -2;
const EMPTY = -1;

/**
 * Cross-file duplication over winnowed fingerprints. Add every file, then
 * ask per file. Keys shared by more than `maxBucket` places (boilerplate such
 * as licence headers or import blocks) are ignored.
 */
export class DuplicationIndex {
  private readonly ids = new Map<string, number>();
  private readonly files: (FileFingerprints | undefined)[] = [];
  private keys = new Float64Array(1024);
  private heads = new Int32Array(1024).fill(NEVER);
  private used = 0;
  /** Postings: file id, index of the fingerprint in that file, next posting of the same key (-1 ends). */
  private pFile = new Int32Array(1024);
  private pAt = new Int32Array(1024);
  private pNext = new Int32Array(1024);
  private pCount = 0;
  /** Head of the list of freed postings (-1: none). */
  private freed = -1;
  /**
   * Per file id: 1 once one of its keys was seen in another file. Most files
   * share no key at all (82 duplicated blocks in webpack's 789 files), and
   * {@link duplicatesOf} answers them without looking up each of their keys
   * again. A superset: removing a file does not clear its partners' marks.
   */
  private shared = new Uint8Array(64);

  constructor(private readonly maxBucket = 8) {}

  /** Adds or replaces a file's fingerprints. */
  add(file: FileFingerprints): void {
    this.remove(file.path);
    const id = this.files.length;
    this.files.push(file);
    this.ids.set(file.path, id);
    if (id >= this.shared.length) {
      const grown = new Uint8Array(2 * this.shared.length);
      grown.set(this.shared);
      this.shared = grown;
    }
    for (let k = 0; k < file.keys.length; k++) {
      const slot = this.slotFor(file.keys[k]!, true);
      const head = this.heads[slot]!;
      // Lists longer than maxBucket are ignored by duplicatesOf, so marking stops there.
      for (let q = head, n = 0; q >= 0 && n <= this.maxBucket; q = this.pNext[q]!, n++) {
        if (this.pFile[q] === id) continue;
        this.shared[this.pFile[q]!] = 1;
        this.shared[id] = 1;
      }
      const p = this.newPosting();
      this.pFile[p] = id;
      this.pAt[p] = k;
      this.pNext[p] = head < 0 ? -1 : head;
      this.heads[slot] = p;
    }
  }

  remove(path: string): void {
    const id = this.ids.get(path);
    if (id === undefined) return;
    const file = this.files[id]!;
    this.ids.delete(path);
    this.files[id] = undefined;
    for (let k = 0; k < file.keys.length; k++) {
      const slot = this.slotFor(file.keys[k]!, false);
      if (slot < 0) continue;
      let prev = -1;
      for (let p = this.heads[slot]!; p >= 0; ) {
        const next = this.pNext[p]!;
        if (this.pFile[p] === id) {
          if (prev < 0) this.heads[slot] = next < 0 ? EMPTY : next;
          else this.pNext[prev] = next;
          this.pNext[p] = this.freed;
          this.freed = p;
        } else prev = p;
        p = next;
      }
    }
  }

  get size(): number {
    return this.ids.size;
  }

  /** The fingerprints indexed for `path` (to cache them, or to hand them to another index). */
  fingerprintsOf(path: string): FileFingerprints | undefined {
    const id = this.ids.get(path);
    return id === undefined ? undefined : this.files[id];
  }

  /** Blocks of `path` that also occur in other indexed files, merged per other file. */
  duplicatesOf(path: string): CrossFileDuplicate[] {
    const id = this.ids.get(path);
    if (id === undefined || this.shared[id] === 0) return [];
    const file = this.files[id]!;
    const w = file.windowTokens;
    // Hits as (my fingerprint index, posting) pairs.
    const mine: number[] = [];
    const theirs: number[] = [];
    for (let k = 0; k < file.keys.length; k++) {
      const slot = this.slotFor(file.keys[k]!, false);
      if (slot < 0) continue;
      let count = 0;
      for (let p = this.heads[slot]!; p >= 0 && count <= this.maxBucket; p = this.pNext[p]!) count++;
      if (count > this.maxBucket) continue;
      for (let p = this.heads[slot]!; p >= 0; p = this.pNext[p]!) {
        if (this.pFile[p] === id) continue;
        mine.push(k);
        theirs.push(p);
      }
    }
    const order = mine.map((_, i) => i);
    const pathOf = (i: number) => this.files[this.pFile[theirs[i]!]!]!.path;
    const otherAt = (i: number) => this.pAt[theirs[i]!]!;
    order.sort((a, b) => {
      const pa = pathOf(a);
      const pb = pathOf(b);
      return pa < pb ? -1 : pa > pb ? 1 : mine[a]! - mine[b]! || otherAt(a) - otherAt(b);
    });
    const out: CrossFileDuplicate[] = [];
    let cur: { line: number; endLine: number; otherPath: string; otherLine: number; otherEndLine: number; at: number; otherAt: number } | undefined;
    for (const i of order) {
      const my = file.places;
      const m = 3 * mine[i]!;
      const other = this.files[this.pFile[theirs[i]!]!]!;
      const o = 3 * otherAt(i);
      const at = my[m]!;
      const oAt = other.places[o]!;
      if (cur && cur.otherPath === other.path && at - cur.at <= w && oAt - cur.otherAt <= w && oAt >= cur.otherAt) {
        cur.endLine = Math.max(cur.endLine, my[m + 2]!);
        cur.otherEndLine = Math.max(cur.otherEndLine, other.places[o + 2]!);
        cur.at = at;
        cur.otherAt = oAt;
        continue;
      }
      if (cur) out.push(strip(cur));
      cur = { line: my[m + 1]!, endLine: my[m + 2]!, otherPath: other.path, otherLine: other.places[o + 1]!, otherEndLine: other.places[o + 2]!, at, otherAt: oAt };
    }
    if (cur) out.push(strip(cur));
    return out.sort((a, b) => a.line - b.line || (a.otherPath < b.otherPath ? -1 : 1));
  }

  /** The table slot of `key`: found, claimed (when `claim`), or -1. */
  private slotFor(key: number, claim: boolean): number {
    if (claim && (this.used + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let s = slotHash(key) & mask; ; s = (s + 1) & mask) {
      const head = this.heads[s]!;
      if (head === NEVER) {
        if (!claim) return -1;
        this.keys[s] = key;
        this.heads[s] = EMPTY;
        this.used++;
        return s;
      }
      if (this.keys[s] === key) return s;
    }
  }

  /** Doubles the table, dropping keys whose postings are all gone. */
  private grow(): void {
    const oldKeys = this.keys;
    const oldHeads = this.heads;
    let size = oldKeys.length;
    while (size < 3 * (this.used + 1)) size *= 2;
    this.keys = new Float64Array(size);
    this.heads = new Int32Array(size).fill(NEVER);
    this.used = 0;
    const mask = size - 1;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldHeads[i]! < 0) continue;
      const key = oldKeys[i]!;
      let s = slotHash(key) & mask;
      while (this.heads[s] !== NEVER) s = (s + 1) & mask;
      this.keys[s] = key;
      this.heads[s] = oldHeads[i]!;
      this.used++;
    }
  }

  private newPosting(): number {
    if (this.freed >= 0) {
      const p = this.freed;
      this.freed = this.pNext[p]!;
      return p;
    }
    if (this.pCount === this.pFile.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.pFile = grow(this.pFile);
      this.pAt = grow(this.pAt);
      this.pNext = grow(this.pNext);
    }
    return this.pCount++;
  }
}

/**
 * A key's table hash: its high part, the first rolling hash (see `windowKeys`),
 * is already well spread; integer division keeps this off V8's slow float paths.
 */
function slotHash(key: number): number {
  return mix32((key / 0x200000) | 0);
}

function strip(c: CrossFileDuplicate & { at: number; otherAt: number }): CrossFileDuplicate {
  return { line: c.line, endLine: c.endLine, otherPath: c.otherPath, otherLine: c.otherLine, otherEndLine: c.otherEndLine };
}
