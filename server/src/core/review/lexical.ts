/**
 * Lexical pass over the raw text: line kinds (code / comment / blank) and the
 * code-token stream used for duplication. Comment ranges come from the tree;
 * everything else is plain string scanning, which is far cheaper than asking
 * the wasm tree for every leaf.
 */
import type { CommentInfo } from './types';
import { lineStartOffsets } from '../model/text';

/** A range of the text that is not code (a comment or a docstring). */
export interface SkipRange {
  readonly start: number;
  readonly end: number;
}

/** Result of the lexical pass. */
export interface LexicalScan {
  /** Per 0-based line: 1 = code, 2 = comment/doc only, 0 = blank. */
  readonly lineKinds: Uint8Array;
  /** UTF-16 offset at which each line starts. */
  readonly lineStarts: Uint32Array;
  readonly tokenHashes: Int32Array;
  readonly tokenLines: Int32Array;
}

/**
 * Tokens for clone detection: identifiers/keywords (letters, digits, `_`, `$`,
 * non-ASCII), numbers, and single other characters. Strings become their words
 * and quotes, which is enough to tell copies apart; the same lexer runs on
 * every file, so windows compare consistently across files and languages.
 */
function isWordChar(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 36 || ch >= 0xc0;
}

function isSpace(ch: number): boolean {
  return ch === 32 || (ch >= 9 && ch <= 13) || ch === 0xa0 || ch === 0xfeff;
}

/** Offsets where lines start (after `\n`, `\r\n` or a lone `\r`), as `LineIndex` finds them. */
export function computeLineStarts(text: string): Uint32Array {
  return Uint32Array.from(lineStartOffsets(text));
}

/** 0-based line containing `offset`. */
export function lineOf(lineStarts: Uint32Array, offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The comments of a walk (ranges in document order) with their lines and text. */
export function commentInfos(text: string, ranges: readonly SkipRange[], lineStarts: Uint32Array): CommentInfo[] {
  return ranges.map((r) => ({
    startIndex: r.start,
    endIndex: r.end,
    line: lineOf(lineStarts, r.start),
    endLine: lineOf(lineStarts, Math.max(r.start, r.end - 1)),
    text: text.slice(r.start, r.end),
  }));
}

/** Scans `text` once; `skips` must be sorted by start and not overlap. */
export function scanText(text: string, skips: readonly SkipRange[]): LexicalScan {
  const lineStarts = computeLineStarts(text);
  const lineKinds = new Uint8Array(lineStarts.length);
  markSkips(lineKinds, lineStarts, skips, 0, skips.length, 0);
  // At most one token per non-space character; typed arrays avoid boxing 10^5–10^6 numbers.
  const buf: TokenBuffer = { hashes: new Int32Array(Math.max(16, text.length >> 2)), lines: new Int32Array(Math.max(16, text.length >> 2)), count: 0 };
  scanTokens(text, skips, 0, lineStarts, 0, lineKinds, 0, 0, text.length, buf);
  return { lineKinds, lineStarts, tokenHashes: buf.hashes.slice(0, buf.count), tokenLines: buf.lines.slice(0, buf.count) };
}

/** Growable parallel arrays of token hashes and lines. */
export interface TokenBuffer {
  hashes: Int32Array;
  lines: Int32Array;
  count: number;
}

/**
 * Marks the lines of `skips[from, to)` as comment lines (2) in `lineKinds`,
 * whose index 0 is line `line0` of `lineStarts`. Code marks overwrite them.
 */
export function markSkips(lineKinds: Uint8Array, lineStarts: Uint32Array, skips: readonly SkipRange[], from: number, to: number, line0: number): void {
  for (let k = from; k < to; k++) {
    const s = skips[k]!;
    const last = lineOf(lineStarts, Math.max(s.start, s.end - 1));
    for (let l = lineOf(lineStarts, s.start); l <= last; l++) lineKinds[l - line0] = 2;
  }
}

/**
 * Appends the tokens of `text[from, to)` to `buf` and marks their lines as
 * code. `from` must not be inside a token or a skip range; `skip` is the
 * index of the first skip that ends after `from`; `line` is the line of
 * `from` and `line0` the line `lineKinds[0]` stands for.
 */
export function scanTokens(text: string, skips: readonly SkipRange[], skip: number, lineStarts: Uint32Array, line0: number, lineKinds: Uint8Array, line: number, from: number, to: number, buf: TokenBuffer): void {
  let { hashes, lines, count } = buf;
  let i = from;
  while (i < to) {
    const ch = text.charCodeAt(i);
    if (isSpace(ch)) {
      i++;
      continue;
    }
    while (skip < skips.length && skips[skip]!.end <= i) skip++;
    const s = skips[skip];
    if (s && s.start <= i) {
      i = s.end;
      continue;
    }
    const start = i;
    // FNV-1a over the token's code units, computed in place (no substring).
    let h = 0x811c9dc5;
    if (isWordChar(ch)) {
      while (i < text.length && isWordChar(text.charCodeAt(i))) {
        h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
        i++;
      }
    } else {
      h = Math.imul(h ^ ch, 0x01000193);
      i++;
    }
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= start) line++;
    lineKinds[line - line0] = 1;
    if (count === hashes.length) {
      const grownHashes = new Int32Array(count * 2);
      grownHashes.set(hashes);
      hashes = grownHashes;
      const grownLines = new Int32Array(count * 2);
      grownLines.set(lines);
      lines = grownLines;
    }
    hashes[count] = h;
    lines[count] = line;
    count++;
  }
  buf.hashes = hashes;
  buf.lines = lines;
  buf.count = count;
}
