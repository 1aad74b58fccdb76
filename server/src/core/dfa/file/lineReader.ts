import type { Span } from '../problems';
import type { Named } from './machineAst';

/** One line of a `.dfa` document with its comment removed. */
export interface SourceLine {
  /** Trimmed text without the comment. */
  readonly content: string;
  readonly indent: string;
  /** The line including its line break (for deleting the line). */
  readonly lineSpan: Span;
  /** Where `content` is. */
  readonly contentSpan: Span;
}

/**
 * Splits a document into lines. A comment starts at `//` at the beginning of
 * a line or after whitespace, so a spec can still mention `a//b` literally.
 */
export function splitLines(text: string): SourceLine[] {
  const lines: SourceLine[] = [];
  const re = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  for (let m = re.exec(text); m && m.index < text.length; m = re.exec(text)) {
    const raw = m[1]!;
    const comment = raw.search(/(^|\s)\/\//);
    const body = comment < 0 ? raw : raw.slice(0, comment);
    const indent = /^\s*/.exec(body)![0];
    const content = body.trim();
    const start = m.index + indent.length;
    lines.push({ content, indent, lineSpan: { start: m.index, end: m.index + m[0].length }, contentSpan: { start, end: start + content.length } });
    if (m[0].length === 0) break;
  }
  return lines;
}

const QUOTE = /^(['"])(.*)\1$/su;

/**
 * Items of a list such as `{q0, q1}`, `q0 q1`, `0, 1` or a table row: split
 * on commas and whitespace, outer braces dropped, quotes removed from
 * quoted items (`'-'`). Spans are absolute offsets into `text`.
 */
export function listItems(text: string, span: Span): { named: Named }[] {
  const out: { named: Named }[] = [];
  const re = /'[^']*'|"[^"]*"|[^\s,{}]+/gu;
  const slice = text.slice(span.start, span.end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const at = span.start + m.index;
    const q = QUOTE.exec(m[0]);
    out.push({ named: { text: q ? q[2]! : m[0], span: { start: at, end: at + m[0].length } } });
  }
  return out;
}

/**
 * Test words of an `accepts:` / `rejects:` line. `ε`, `""` and `''` are the
 * empty word; an empty item between commas is reported instead of being
 * read as ε (the seed's CSV could not tell "no strings" from "only ε").
 */
export function vectorItems(text: string, span: Span): { words: Named[]; emptyItems: Span[] } {
  const words: Named[] = [];
  const emptyItems: Span[] = [];
  const slice = text.slice(span.start, span.end);
  if (slice.trim() === '') return { words, emptyItems };
  let itemStart = 0;
  const parts = /'[^']*'|"[^"]*"|,/g;
  const cut = (from: number, to: number): void => {
    const raw = slice.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed === '') {
      // Point at the comma that leaves the item empty.
      const comma = from > 0 ? from - 1 : to;
      emptyItems.push({ start: span.start + comma, end: span.start + comma + 1 });
      return;
    }
    // Items may also be separated by spaces.
    const re = /'[^']*'|"[^"]*"|\S+/g;
    for (let m = re.exec(trimmed); m; m = re.exec(trimmed)) {
      const at = span.start + from + lead + m.index;
      const q = QUOTE.exec(m[0]);
      const word = m[0] === 'ε' ? '' : q ? q[2]! : m[0];
      words.push({ text: word, span: { start: at, end: at + m[0].length } });
    }
  };
  for (let m = parts.exec(slice); m; m = parts.exec(slice)) {
    if (m[0] !== ',') continue;
    cut(itemStart, m.index);
    itemStart = m.index + 1;
  }
  cut(itemStart, slice.length);
  return { words, emptyItems };
}
