import type { LineIndex } from '../model/text';
import type { Range } from '../model/finding';

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
 * so a large file costs one regex pass, not one per line.
 */
export function findDirectives(index: LineIndex): Directive[] {
  const out: Directive[] = [];
  const keywords = new RegExp(KEYWORDS.source, 'g');
  for (let m = keywords.exec(index.text); m; m = keywords.exec(index.text)) {
    const line = index.positionAt(m.index).line;
    directivesOnLine(index.lineText(line), line, out);
    keywords.lastIndex = Math.max(keywords.lastIndex, index.lineStart(line + 1));
    if (line + 1 >= index.lineCount) break;
  }
  return out;
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
