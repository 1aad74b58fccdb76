/**
 * Comment-based hygiene checks: TODO/FIXME markers and commented-out code.
 * Pure text heuristics over the comments the walk collected.
 */
import type { Family } from './languages';
import type { CommentInfo } from './types';
import { detached } from '../model/text';

/** A TODO-like marker inside a comment. Offsets are UTF-16 indices into the file. */
export interface TodoHit {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly tag: string;
  readonly text: string;
}

/** A run of comment lines that reads as code. */
export interface CommentedCode {
  readonly startIndex: number;
  readonly endIndex: number;
  /** 0-based first and last line. */
  readonly line: number;
  readonly endLine: number;
  readonly lines: number;
}

/** `TODO: text`, `FIXME(owner) text`, `XXX - text`. */
const TODO = /\b(TODO|FIXME|XXX|HACK)\b(?:\([^)\n]*\))?[:\s-]*([^\n\r*]*)/g;

/** TODO, FIXME, XXX and HACK markers in comments (upper case, as conventionally written). */
export function findTodos(comments: readonly CommentInfo[]): TodoHit[] {
  const out: TodoHit[] = [];
  for (const c of comments) {
    TODO.lastIndex = 0;
    for (let m = TODO.exec(c.text); m; m = TODO.exec(c.text)) {
      const start = c.startIndex + m.index;
      out.push({ startIndex: start, endIndex: start + m[1]!.length, tag: m[1]!, text: detached(m[2]!.trim()) });
    }
  }
  return out;
}

/** Tool directives and shebangs that look like code but are not commented-out code. */
const DIRECTIVE = /^(eslint|@ts-|prettier|istanbul|c8|jshint|global |type:|noqa|pylint|mypy|pyright|fmt:|go:|\+build|nolint|phpcs|@phpstan|psalm|argus|NOSONAR|region|endregion|#region|!)/i;

const C_LIKE_CODE = [
  /[;{}]\s*$/, // statement or block end
  /^\s*(if|for|while|switch|catch)\s*\(/, // control statement head
  /^\s*(return|throw|const|let|var|import|export|function|class|new|await|yield|func|package|defer|echo|namespace|use)\b.*[;{)\]]\s*$/,
  /^\s*[\w$.[\]]+\s*(=|\+=|-=|\*=|\/=|\?\?=|\|\|=|&&=|:=)\s*[^\s=]/, // assignment
  /^\s*(this\.|\$)?[\w$.]+\s*\(.*\)\s*;?\s*$/, // call
];
const PY_CODE = [
  /^\s*(if|elif|else|for|while|try|except|finally|with|def|class|async|match|case)\b.*:\s*$/,
  /^\s*(return|raise|import|from|yield|pass|break|continue|del|assert|global|nonlocal|print\()\b/,
  /^\s*[\w.[\]]+\s*(=|\+=|-=|\*=|\/=)\s*[^\s=]/,
  /^\s*[\w.]+\s*\(.*\)\s*$/,
];

/** Whether one comment line (markers already stripped) reads as code. */
export function looksLikeCode(line: string, family: Family): boolean {
  const s = line.trim();
  if (s.length < 3 || DIRECTIVE.test(s) || /https?:\/\//.test(s)) return false;
  // Prose: four or more plain words and no code punctuation ("if the rule was enabled, …").
  const words = s.split(/\s+/).filter((w) => /^[A-Za-z'\u2019,.:!?-]+$/.test(w)).length;
  if (words >= 4 && !/[;{}()=[\]<>]/.test(s)) return false;
  return (family === 'python' ? PY_CODE : C_LIKE_CODE).some((re) => re.test(s));
}

function stripMarkers(text: string): string[] {
  if (text.startsWith('/*')) {
    return text
      .replace(/^\/\*+/, '')
      .replace(/\*+\/$/, '')
      .split(/\r?\n/)
      .map((l) => l.replace(/^\s*\*(?!\/)/, ''));
  }
  return [text.replace(/^(\/\/+|#+|<!--)/, '').replace(/-->$/, '')];
}

/** What one comment contributes to a commented-out-code run (counts filled in when first needed). */
interface CommentCode {
  /** It has a character every code pattern needs. */
  readonly maybe: boolean;
  /** Non-blank lines after stripping comment markers, and how many of them read as code. */
  lines?: number;
  code?: number;
}

/** Per-comment results keyed by comment text; one cache per document (and family) may be reused across analyses. */
export type CommentCodeCache = Map<string, CommentCode>;

/**
 * Runs of comments that are mostly code: consecutive line comments are
 * grouped; doc comments (`/**`) and the file's leading license header are skipped.
 * `cache` (per document) remembers each comment text's verdicts between analyses.
 */
export function findCommentedCode(comments: readonly CommentInfo[], family: Family, cache?: CommentCodeCache): CommentedCode[] {
  const out: CommentedCode[] = [];
  let group: CommentInfo[] = [];
  // Every code pattern needs one of these characters (or, in Python, a statement keyword).
  const maybeCode = family === 'python' ? /[:=([]|#\s*(return|raise|import|from|yield|pass|break|continue|del|assert|global|nonlocal)\b/ : /[;{}()=[\]]/;
  const judge = (c: CommentInfo): CommentCode => {
    let r = cache?.get(c.text);
    if (!r) {
      r = { maybe: maybeCode.test(c.text) };
      cache?.set(c.text, r);
    }
    return r;
  };
  const count = (c: CommentInfo, r: CommentCode): void => {
    if (r.lines !== undefined) return;
    const lines = stripMarkers(c.text).filter((l) => l.trim().length > 0);
    r.lines = lines.length;
    r.code = lines.filter((l) => looksLikeCode(l, family)).length;
  };
  const flush = (): void => {
    if (group.length === 0) return;
    const judged = group.map(judge);
    if (!judged.some((j) => j.maybe)) {
      group = [];
      return;
    }
    let lines = 0;
    let code = 0;
    group.forEach((c, k) => {
      count(c, judged[k]!);
      lines += judged[k]!.lines!;
      code += judged[k]!.code!;
    });
    // Mostly code, and not a lone short fragment inside prose.
    if (code > 0 && code * 2 >= lines) {
      const first = group[0]!;
      const last = group[group.length - 1]!;
      out.push({ startIndex: first.startIndex, endIndex: last.endIndex, line: first.line, endLine: last.endLine, lines: code });
    }
    group = [];
  };
  comments.forEach((c, i) => {
    const isDoc = c.text.startsWith('/**') || (i === 0 && /copyright|license|spdx/i.test(c.text));
    const prev = group[group.length - 1];
    const lineComment = !c.text.startsWith('/*');
    if (prev && (!lineComment || prev.text.startsWith('/*') || c.line !== prev.endLine + 1)) flush();
    if (isDoc) return;
    group.push(c);
    if (!lineComment) flush();
  });
  flush();
  return out;
}
