import type { LineIndex } from '../model/text';
import type { Range } from '../model/finding';
import { diffSpan } from '../model/textDiff';

/** The kinds of inline suppression Argus understands. */
export type DirectiveKind =
  | 'argus-next-line'
  | 'argus-file'
  | 'nosemgrep'
  | 'eslint-next-line'
  | 'eslint-line'
  | 'gitleaks-allow'
  | 'nosonar';

/** One suppression comment found in a document. */
export interface Directive {
  readonly kind: DirectiveKind;
  /** Rule ids or globs; empty means "every rule". */
  readonly ruleIds: readonly string[];
  /** Lines (0-based) whose findings it suppresses; empty for file-wide directives. */
  readonly lines: readonly number[];
  /** Span of the directive text itself, for "unused suppression" hints and removal fixes. */
  readonly range: Range;
  /** The whole comment including its marker, so a removal fix can delete it cleanly. */
  readonly commentRange: Range;
  readonly reason?: string;
  /** True when the comment is the only thing on its line. */
  readonly ownLine: boolean;
}

// A comment opener in any of our languages, then optional spaces. Anchoring to
// a comment marker keeps plain prose like "see argus-ignore-file docs" inert.
const COMMENT = String.raw`(?:\/\/|#|\/\*+|<!--|--|;)\s*`;
const ARGUS = new RegExp(`(${COMMENT})(argus-ignore-(next-line|file))\\b([^\\n]*)`);
const NOSEMGREP = /(?:\/\/|#|\/\*)\s*(nosemgrep|nosem)\b(?:\s*:\s*([\w.\-/*, ]+))?/;
const ESLINT = /(?:\/\/|\/\*)\s*(eslint-disable-next-line|eslint-disable-line)\b([^\n*]*)/;
const GITLEAKS = /gitleaks:allow\b/;
const NOSONAR = /(?:\/\/|#|\/\*)\s*NOSONAR\b/;

/** Any directive keyword; a line without one holds no directive. None spans a line break. */
const KEYWORDS = /argus-ignore|nosem|eslint-disable|gitleaks:allow|NOSONAR/g;

/**
 * Finds every suppression directive, line by line. Works for every language
 * because it keys on comment markers, not on a syntax tree. Only the lines
 * holding a directive keyword are looked at (one search of the whole text),
 * so a large file costs one regex pass, not one per line; the next version of
 * the same document re-reads only the lines its edit touched.
 */
export function findDirectives(index: LineIndex): Directive[] {
  const prev = last;
  const out = (prev && (prev.text === index.text ? prev.directives : afterEdit(prev, index))) ?? scanLines(index, 0, index.lineCount - 1);
  last = { text: index.text, directives: out };
  return out;
}

/** The last text scanned and its directives (one document: the one being typed in, in the language server). */
let last: { readonly text: string; readonly directives: Directive[] } | undefined;

/** Directives of lines `from`..`to` (inclusive). */
function scanLines(index: LineIndex, from: number, to: number): Directive[] {
  const out: Directive[] = [];
  const keywords = new RegExp(KEYWORDS.source, 'g');
  // Searched in a slice, so a few lines cost a few lines, not the rest of the file.
  const base = index.lineStart(from);
  const end = to + 1 < index.lineCount ? index.lineStart(to + 1) : index.text.length;
  const text = base === 0 && end === index.text.length ? index.text : index.text.slice(base, end);
  for (let m = keywords.exec(text); m; m = keywords.exec(text)) {
    const line = index.positionAt(base + m.index).line;
    directivesOnLine(index.lineText(line), line, out);
    if (line + 1 >= index.lineCount) break;
    keywords.lastIndex = Math.max(keywords.lastIndex, index.lineStart(line + 1) - base);
  }
  return out;
}

/**
 * The directives of `index`'s text from those of the previous text: lines
 * before the edit keep theirs, lines after it keep theirs moved by the lines
 * it added or removed, and only the edited lines are scanned. Undefined when
 * a full scan is as cheap or line breaks are ambiguous (a CR near the edit).
 */
function afterEdit(prev: { readonly text: string; readonly directives: Directive[] }, index: LineIndex): Directive[] | undefined {
  const d = diffSpan(prev.text, index.text);
  if (d.oldEnd - d.start > index.text.length / 4 || d.newEnd - d.start > index.text.length / 4) return undefined;
  const oldPart = prev.text.slice(Math.max(0, d.start - 1), d.oldEnd + 1);
  const newPart = index.text.slice(Math.max(0, d.start - 1), d.newEnd + 1);
  if (oldPart.includes('\r') || newPart.includes('\r')) return undefined;
  const first = index.positionAt(d.start).line;
  const oldLast = first + breaks(prev.text, d.start, d.oldEnd);
  const newLast = first + breaks(index.text, d.start, d.newEnd);
  const shift = newLast - oldLast;
  const out = prev.directives.filter((x) => x.range.start.line < first);
  out.push(...scanLines(index, first, newLast));
  for (const x of prev.directives) if (x.range.start.line > oldLast) out.push(shift ? moved(x, shift) : x);
  return out;
}

function breaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function moved(x: Directive, by: number): Directive {
  const r = (range: Range): Range => ({ start: { line: range.start.line + by, character: range.start.character }, end: { line: range.end.line + by, character: range.end.character } });
  return { ...x, lines: x.lines.map((l) => l + by), range: r(x.range), commentRange: r(x.commentRange) };
}

/** The directives on one line (at most one of each kind). */
function directivesOnLine(text: string, line: number, out: Directive[]): void {
  if (text.length > 2000) return;
  const ownLine = (at: number) => text.slice(0, at).trim() === '';
  const a = ARGUS.exec(text);
  if (a) {
    const start = a.index + a[1]!.length;
    const { ids, reason } = splitIdsAndReason(stripCommentEnd(a[4]!));
    const kind = a[3] === 'file' ? 'argus-file' : 'argus-next-line';
    out.push({
      kind,
      ruleIds: ids,
      lines: kind === 'argus-file' ? [] : [line + 1],
      range: { start: { line, character: start }, end: { line, character: text.trimEnd().length } },
      commentRange: { start: { line, character: a.index }, end: { line, character: text.length } },
      reason,
      ownLine: ownLine(a.index),
    });
  }
  const s = NOSEMGREP.exec(text);
  if (s) out.push(simple('nosemgrep', line, s.index, text, ids(s[2]), [line, line + 1]));
  const e = ESLINT.exec(text);
  if (e) out.push(simple(e[1] === 'eslint-disable-line' ? 'eslint-line' : 'eslint-next-line', line, e.index, text, ids(stripCommentEnd(e[2] ?? '').split('--')[0]), e[1] === 'eslint-disable-line' ? [line] : [line + 1]));
  const g = GITLEAKS.exec(text);
  if (g) out.push(simple('gitleaks-allow', line, g.index, text, [], [line]));
  const n = NOSONAR.exec(text);
  if (n) out.push(simple('nosonar', line, n.index, text, [], [line]));
}

function simple(kind: DirectiveKind, line: number, at: number, text: string, ruleIds: string[], lines: number[]): Directive {
  const range: Range = { start: { line, character: at }, end: { line, character: text.trimEnd().length } };
  return { kind, ruleIds, lines, range, commentRange: range, ownLine: text.slice(0, at).trim() === '' };
}

function stripCommentEnd(s: string): string {
  return s.replace(/\*+\/\s*$/, '').replace(/-->\s*$/, '');
}

function ids(list: string | undefined): string[] {
  return (list ?? '')
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Splits `id1, id2 -- reason` into ids and the optional reason. */
function splitIdsAndReason(rest: string): { ids: string[]; reason?: string } {
  const dash = rest.indexOf('--');
  const idPart = dash >= 0 ? rest.slice(0, dash) : rest;
  const reason = dash >= 0 ? rest.slice(dash + 2).trim() : undefined;
  return reason ? { ids: ids(idPart), reason } : { ids: ids(idPart) };
}
