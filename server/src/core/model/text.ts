import type { Position, Range } from './finding';

/**
 * Maps between UTF-16 offsets, UTF-16 line/character positions and UTF-8
 * byte columns for one immutable text. Built once per analysed document.
 */
export class LineIndex {
  /** UTF-16 offset at which each line starts. */
  private readonly starts: Int32Array;

  /** True when every line break is a LF: lines are then exactly tree-sitter's rows. */
  readonly lfOnly: boolean;

  /** Indexes `text`; `starts` and `lfOnly` only from {@link LineIndex.afterEdit}, which computed them. */
  constructor(
    readonly text: string,
    known?: { starts: Int32Array; lfOnly: boolean },
  ) {
    if (known) {
      this.starts = known.starts;
      this.lfOnly = known.lfOnly;
      return;
    }
    this.lfOnly = text.indexOf('\r') < 0;
    this.starts = Int32Array.from(lineStartOffsets(text, this.lfOnly));
  }

  /**
   * The index of `text`, a later version of `prev.text` that differs from it
   * in one span (`diffSpan`): the line starts before the span are kept, those
   * after it are moved by the length change, and only the span is searched.
   * Equal to `new LineIndex(text)`; a text with a carriage return on either
   * side is indexed from scratch (a CR LF pair may straddle the span's ends).
   * In the language server this replaces a whole-file pass per keystroke.
   */
  static afterEdit(prev: LineIndex, text: string, span: { start: number; oldEnd: number; newEnd: number }): LineIndex {
    if (!prev.lfOnly || text.slice(span.start, span.newEnd).includes('\r')) return new LineIndex(text);
    const old = prev.starts;
    // Starts at or before the span's start follow a line break in the shared prefix; those after its old end follow one in the shared suffix.
    const keep = upperBound(old, span.start);
    const tail = upperBound(old, span.oldEnd);
    const added: number[] = [];
    for (let i = text.indexOf('\n', span.start); i >= 0 && i < span.newEnd; i = text.indexOf('\n', i + 1)) added.push(i + 1);
    const starts = new Int32Array(keep + added.length + (old.length - tail));
    starts.set(old.subarray(0, keep));
    for (let k = 0; k < added.length; k++) starts[keep + k] = added[k]!;
    const delta = span.newEnd - span.oldEnd;
    for (let i = tail, o = keep + added.length; i < old.length; i++, o++) starts[o] = old[i]! + delta;
    return new LineIndex(text, { starts, lfOnly: true });
  }

  /** Number of lines (a text without a final newline still has its last line). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** UTF-16 offset of the start of `line`, clamped to the text. */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return this.starts[line]!;
  }

  /** UTF-16 offset of the end of `line`, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1]! : this.text.length;
    let end = next;
    if (end > this.lineStart(line) && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    if (end > this.lineStart(line) && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The text of `line` without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  /** Position of a UTF-16 offset. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  /** UTF-16 offset of a position, clamped to its line. */
  offsetAt(p: Position): number {
    const start = this.lineStart(p.line);
    return Math.min(start + Math.max(0, p.character), this.lineEnd(p.line));
  }

  /** Range covering the UTF-16 offsets `[start, end)`. */
  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** The text covered by a range. */
  textOf(r: Range): string {
    return this.text.slice(this.offsetAt(r.start), this.offsetAt(r.end));
  }

  /**
   * Converts a 1-based line and a 1-based UTF-8 byte column (semgrep's
   * convention) to a UTF-16 position. Columns past the line end clamp to it.
   */
  positionFromByteColumn(line1: number, byteCol1: number): Position {
    const line = line1 - 1;
    const text = this.lineText(line);
    return { line, character: utf16LengthOfUtf8Prefix(text, byteCol1 - 1) };
  }

  /** Converts a 0-based UTF-8 byte offset into the whole text to a position. */
  positionFromByteOffset(byteOffset: number): Position {
    return this.positionAt(utf16LengthOfUtf8Prefix(this.text, byteOffset));
  }
}

/**
 * Offsets where the lines of `text` start: 0, and after every `\n`, `\r\n`
 * or lone `\r`. `lfOnly` (the text has no `\r`) lets the native `indexOf`
 * find the breaks, several times faster than a loop over characters.
 */
export function lineStartOffsets(text: string, lfOnly = !text.includes('\r')): number[] {
  const starts = [0];
  if (lfOnly) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The number of entries of the ascending `a` that are at most `x`. */
function upperBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many UTF-16 code units the first `bytes` UTF-8 bytes of `s` occupy. */
export function utf16LengthOfUtf8Prefix(s: string, bytes: number): number {
  let consumed = 0;
  let i = 0;
  while (i < s.length && consumed < bytes) {
    const cp = s.codePointAt(i)!;
    consumed += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Compares two positions: negative when `a` is before `b`. */
export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** True when two ranges share at least one character (touching ends do not overlap). */
export function rangesOverlap(a: Range, b: Range): boolean {
  return comparePositions(a.start, b.end) < 0 && comparePositions(b.start, a.end) < 0;
}

/**
 * A copy of `s` that does not keep a larger string alive. V8 represents a
 * substring of 13 or more characters (`text.slice`, a tree-sitter node's
 * `.text`) as a view into its parent, so a function name or message kept in
 * a result would retain the whole file text it came from: measured on a
 * webpack scan, about 8 MB of file texts held by names and messages. Short
 * strings are copied by V8 anyway; for longer ones the concatenation is
 * flattened into a fresh string before being sliced.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
