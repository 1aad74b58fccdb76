/**
 * The lexical pass (`lexical.ts`) updated after an edit instead of redone:
 * line starts, line kinds and the token stream of the unchanged text before
 * and after the edit are copied (the part after shifted), and only a span
 * of whole lines around the edit is scanned again.
 *
 * The span [a, b) must be cut where both scans agree on the state: at line
 * starts of both texts (no token crosses a line break) that no comment or
 * docstring straddles, with the same skip ranges before a and, shifted,
 * after b. The result equals `scanText` on the new text (tested in
 * `test/unit/review/incremental.test.ts`).
 */
import { diffSpan } from '../model/textDiff';
import { lowerBound } from './frames';
import { trackTokens } from './duplication';
import { lineOf, markSkips, scanText, scanTokens, type SkipRange, type TokenBuffer } from './lexical';

/** A lexical pass kept for the next analysis of the same document. */
export interface LexicalState {
  readonly lineStarts: Uint32Array;
  readonly lineKinds: Uint8Array;
  readonly tokenHashes: Int32Array;
  readonly tokenLines: Int32Array;
  /** Comments and docstrings, sorted by start. */
  readonly skips: readonly SkipRange[];
}

/** `old[start, oldEnd)` became `text[start, newEnd)`; the rest is the texts' common prefix and suffix. */
export interface TextDiff {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/** The single replaced span between two texts. */
export function diffTexts(a: string, b: string): TextDiff {
  return diffSpan(a, b);
}

/** The full lexical state of `text` (first analysis, or a fallback). */
export function fullLexical(text: string, skips: readonly SkipRange[]): LexicalState {
  const scan = scanText(text, skips);
  trackTokens(scan.tokenHashes);
  return { lineStarts: scan.lineStarts, lineKinds: scan.lineKinds, tokenHashes: scan.tokenHashes, tokenLines: scan.tokenLines, skips };
}

function isLineStart(starts: Uint32Array, offset: number): boolean {
  const i = lowerBound(starts, offset);
  return i < starts.length && starts[i] === offset;
}

/** Line starts of `text`, from those of `old` and the diff (UTF-16 offsets; `\n`, `\r\n` and a lone `\r` end a line). */
function spliceLineStarts(prev: Uint32Array, text: string, d: TextDiff): Uint32Array {
  const keep = lowerBound(prev, d.start);
  const tail = lowerBound(prev, d.oldEnd + 1);
  const mid: number[] = [];
  if (d.start === 0) mid.push(0);
  const delta = d.newEnd - d.oldEnd;
  for (let x = Math.max(d.start, 1); x <= Math.min(d.newEnd, text.length); x++) {
    const before = text.charCodeAt(x - 1);
    if (before === 10 || (before === 13 && text.charCodeAt(x) !== 10)) mid.push(x);
  }
  const out = new Uint32Array(keep + mid.length + prev.length - tail);
  out.set(prev.subarray(0, keep));
  out.set(mid, keep);
  for (let i = tail, o = keep + mid.length; i < prev.length; i++, o++) out[o] = prev[i]! + delta;
  return out;
}

/** Index of the first skip starting at or after `offset`. */
function firstFrom(skips: readonly SkipRange[], offset: number): number {
  let lo = 0;
  let hi = skips.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (skips[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the skip that strictly contains `offset`, or -1. */
function straddling(skips: readonly SkipRange[], offset: number): number {
  const k = firstFrom(skips, offset) - 1;
  return k >= 0 && skips[k]!.end > offset ? k : -1;
}

/**
 * The lexical state of `text` (whose comments and docstrings are `skips`,
 * sorted), from the state of the previous text and the diff between them.
 */
export function spliceLexical(prev: LexicalState, text: string, skips: readonly SkipRange[], d: TextDiff): LexicalState {
  const delta = d.newEnd - d.oldEnd;
  const old = prev.skips;
  // Skips equal in both texts from the front, and (shifted, past the edit) from the back.
  let pre = 0;
  while (pre < old.length && pre < skips.length && old[pre]!.start === skips[pre]!.start && old[pre]!.end === skips[pre]!.end) pre++;
  let suf = 0;
  while (suf < old.length - pre && suf < skips.length - pre) {
    const o = old[old.length - 1 - suf]!;
    const n = skips[skips.length - 1 - suf]!;
    if (o.start < d.oldEnd || n.start < d.newEnd || o.start + delta !== n.start || o.end + delta !== n.end) break;
    suf++;
  }
  const mapOld = (x: number): number => (x <= d.start ? x : x >= d.oldEnd ? x + delta : d.newEnd);
  let a0 = d.start;
  let b0 = d.newEnd;
  if (pre < skips.length - suf) {
    a0 = Math.min(a0, skips[pre]!.start);
    b0 = Math.max(b0, skips[skips.length - suf - 1]!.end);
  }
  if (pre < old.length - suf) {
    a0 = Math.min(a0, mapOld(old[pre]!.start));
    b0 = Math.max(b0, mapOld(old[old.length - suf - 1]!.end));
  }
  const starts = spliceLineStarts(prev.lineStarts, text, d);
  // a: a line start of both texts that no skip straddles (skips before it are the same in both).
  let la = lineOf(starts, a0);
  for (;;) {
    const a = starts[la]!;
    if (a === d.start && !isLineStart(prev.lineStarts, a)) {
      la--;
      continue;
    }
    const k = straddling(skips, a);
    if (k < 0) break;
    la = lineOf(starts, skips[k]!.start);
  }
  const a = starts[la]!;
  // b: the same after the edit (or the end of the text).
  let lb = lowerBound(starts, b0);
  for (;;) {
    if (lb >= starts.length) break;
    const b = starts[lb]!;
    if (b <= d.newEnd && !isLineStart(prev.lineStarts, b - delta)) {
      lb++;
      continue;
    }
    const k = straddling(skips, b);
    if (k < 0) break;
    lb = lowerBound(starts, skips[k]!.end);
  }
  const b = lb >= starts.length ? text.length : starts[lb]!;
  const lineDelta = starts.length - prev.lineStarts.length;
  const lbOld = lb - lineDelta;
  // Line kinds: copied before la and from lb on, recomputed between.
  const lineKinds = new Uint8Array(starts.length);
  lineKinds.set(prev.lineKinds.subarray(0, la));
  lineKinds.set(prev.lineKinds.subarray(lbOld), lb);
  const midKinds = lineKinds.subarray(la, lb);
  const firstSkip = firstFrom(skips, a);
  let endSkip = firstSkip;
  while (endSkip < skips.length && skips[endSkip]!.start < b) endSkip++;
  markSkips(midKinds, starts, skips, firstSkip, endSkip, la);
  // Tokens: the old ones before line la and from line lbOld on (shifted), the span's in between.
  const ia = lowerBound(prev.tokenLines, la);
  const ib = lowerBound(prev.tokenLines, lbOld);
  const size = Math.max(16, (b - a) >> 2);
  const mid: TokenBuffer = { hashes: new Int32Array(size), lines: new Int32Array(size), count: 0 };
  scanTokens(text, skips, firstSkip, starts, la, midKinds, la, a, b, mid);
  const total = ia + mid.count + (prev.tokenHashes.length - ib);
  const tokenHashes = new Int32Array(total);
  const tokenLines = new Int32Array(total);
  tokenHashes.set(prev.tokenHashes.subarray(0, ia));
  tokenLines.set(prev.tokenLines.subarray(0, ia));
  tokenHashes.set(mid.hashes.subarray(0, mid.count), ia);
  tokenLines.set(mid.lines.subarray(0, mid.count), ia);
  tokenHashes.set(prev.tokenHashes.subarray(ib), ia + mid.count);
  if (lineDelta === 0) tokenLines.set(prev.tokenLines.subarray(ib), ia + mid.count);
  else for (let i = ib, o = ia + mid.count; i < prev.tokenLines.length; i++, o++) tokenLines[o] = prev.tokenLines[i]! + lineDelta;
  trackTokens(tokenHashes, { prev: prev.tokenHashes, keep: ia, mid: mid.count, from: ib });
  return { lineStarts: starts, lineKinds, tokenHashes, tokenLines, skips };
}
