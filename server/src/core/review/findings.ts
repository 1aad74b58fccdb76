/**
 * Turns the walk's measurements into review findings, each with the penalty
 * it costs in the score. One function, no I/O.
 */
import type { SourceDocument } from '../document';
import type { Finding, Range, RelatedLocation } from '../model/finding';
import { contentFingerprint } from '../model/fingerprint';
import type { ResolvedConfig } from '../config/types';
import { ruleLevel } from '../config/resolve';
import type { Family } from './languages';
import type { FileWalk, FunctionMetrics, Increment } from './types';
import type { Penalty } from './score';
import { PENALTY, ruleSpec, setting } from './rules';
import { findCommentedCode, findTodos, type CommentCodeCache } from './hygiene';
import { findInFileDuplicates } from './duplication';

/** Findings and their penalties, in the same order. */
export interface Built {
  readonly findings: Finding[];
  readonly penalties: Penalty[];
}

const MAX_LISTED = 8;

function incrementRange(i: Increment): Range {
  const word = i.kind === 'ternary' || i.kind === 'recursion' ? 1 : i.kind.split(' ')[0]!.length;
  return { start: { line: i.line - 1, character: i.column - 1 }, end: { line: i.line - 1, character: i.column - 1 + word } };
}

function describeIncrement(i: Increment): string {
  return i.nesting > 0 ? `+${i.amount} (incl. ${i.nesting} for nesting): ${i.reason}` : `+${i.amount}: ${i.reason}`;
}

/** `+1 if at line 12, +2 nested for at line 14, …` */
export function explainIncrements(incs: readonly Increment[]): string {
  const parts = incs.slice(0, MAX_LISTED).map((i) => `+${i.amount} ${i.reason} at line ${i.line}`);
  return parts.join(', ') + (incs.length > MAX_LISTED ? `, … (${incs.length - MAX_LISTED} more)` : '');
}

function shorten(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * What building findings may remember about one document between analyses
 * (language server only, see `memo.ts`); results never depend on it.
 */
export interface FindingCaches {
  readonly comments: CommentCodeCache;
}

/** Empty {@link FindingCaches}. */
export function findingCaches(): FindingCaches {
  return { comments: new Map() };
}

/** Builds every review finding of one analysed file. */
export function buildFindings(doc: SourceDocument, walk: FileWalk, family: Family, config: ResolvedConfig, caches?: FindingCaches): Built {
  const findings: Finding[] = [];
  const penalties: Penalty[] = [];
  const add = (ruleId: string, range: Range, message: string, points: number, related?: RelatedLocation[]): void => {
    if (ruleLevel(config, ruleId, doc.relativePath) === 'off') return;
    const spec = ruleSpec(ruleId);
    findings.push({
      ruleId,
      engine: 'review',
      category: spec.category,
      severity: spec.severity,
      range,
      message,
      fingerprint: contentFingerprint(ruleId, doc.index, range),
      ...(related && related.length ? { related } : {}),
    });
    penalties.push({ dimension: spec.dimension, ruleId, points, line: range.start.line, character: range.start.character, message });
  };
  const limits: Limits = {
    cognitive: setting(config, 'review.cognitiveComplexity'),
    cyclomatic: setting(config, 'review.cyclomaticComplexity'),
    nesting: setting(config, 'review.maxNesting'),
    lines: setting(config, 'review.functionLines'),
    params: setting(config, 'review.maxParams'),
  };
  for (const f of walk.functions) functionFindings(f, limits, add);
  if (caches && caches.comments.size > 4 * walk.comments.length + 256) caches.comments.clear();
  fileFindings(doc, walk, family, config, add, caches);
  return { findings, penalties };
}

type Add = (ruleId: string, range: Range, message: string, points: number, related?: RelatedLocation[]) => void;

interface Limits {
  readonly cognitive: number;
  readonly cyclomatic: number;
  readonly nesting: number;
  readonly lines: number;
  readonly params: number;
}

function functionFindings(f: FunctionMetrics, lim: Limits, add: Add): void {
  const where = f.nameRange;
  if (f.isPublic && !f.documented) add('review/missing-doc', where, `Public function ${f.name} has no doc comment.`, PENALTY.missingDoc);
  // Metrics of a function the parser could not fully read may be wrong: no complexity findings.
  if (f.hasParseErrors) return;
  if (f.cognitiveComplexity > lim.cognitive) {
    const related = f.increments.map((i) => ({ range: incrementRange(i), message: describeIncrement(i) }));
    add('review/cognitive-complexity', where, `${f.name}: cognitive complexity ${f.cognitiveComplexity} (limit ${lim.cognitive}): ${explainIncrements(f.increments)}`, PENALTY.cognitive(f.cognitiveComplexity, lim.cognitive), related);
  }
  if (f.cyclomaticComplexity > lim.cyclomatic) add('review/cyclomatic-complexity', where, `${f.name}: cyclomatic complexity ${f.cyclomaticComplexity} (limit ${lim.cyclomatic}).`, PENALTY.cyclomatic(f.cyclomaticComplexity, lim.cyclomatic));
  if (f.maxNesting > lim.nesting) add('review/nesting', where, `${f.name}: control structures nested ${f.maxNesting} deep (limit ${lim.nesting}).`, PENALTY.nesting(f.maxNesting, lim.nesting));
  if (f.lines > lim.lines) add('review/function-size', where, `${f.name}: ${f.lines} lines of code (limit ${lim.lines}).`, PENALTY.functionSize(f.lines, lim.lines));
  if (f.params > lim.params) add('review/parameters', where, `${f.name}: ${f.params} parameters (limit ${lim.params}).`, PENALTY.parameters(f.params, lim.params));
}

function lineRange(doc: SourceDocument, first: number, last: number): Range {
  return { start: { line: first, character: 0 }, end: { line: last, character: doc.index.lineText(last).length } };
}

function fileFindings(doc: SourceDocument, walk: FileWalk, family: Family, config: ResolvedConfig, add: Add, caches: FindingCaches | undefined): void {
  const loc = walk.lineKinds.reduce((n, k) => n + (k === 1 ? 1 : 0), 0);
  const maxLoc = setting(config, 'review.fileLines');
  if (loc > maxLoc) add('review/file-size', lineRange(doc, 0, 0), `${loc} lines of code in this file (limit ${maxLoc}).`, PENALTY.fileSize(loc, maxLoc));
  const w = setting(config, 'review.duplicationTokens');
  const minLines = setting(config, 'review.duplicationLines');
  for (const d of findInFileDuplicates(walk.tokenHashes, walk.tokenLines, w, minLines)) {
    const n = d.endLine - d.line + 1;
    add('review/duplication', lineRange(doc, d.line, d.endLine), `${n} lines (${d.tokens} tokens) duplicate lines ${d.originalLine + 1}–${d.originalEndLine + 1} of this file.`, PENALTY.duplication(n), [
      { range: lineRange(doc, d.originalLine, d.originalEndLine), message: 'first copy' },
    ]);
  }
  for (const t of findTodos(walk.comments)) {
    add('review/todo', doc.index.rangeOf(t.startIndex, t.endIndex), t.text ? `${t.tag}: ${shorten(t.text, 100)}` : `${t.tag} comment.`, PENALTY.todo);
  }
  for (const h of walk.hygiene) {
    const range = doc.index.rangeOf(h.startIndex, h.endIndex);
    if (h.rule === 'debug-output') add('review/debug-output', range, `Debug output left in the code: ${h.detail}.`, PENALTY.debugOutput);
    else add('review/empty-catch', range, `${h.detail[0]!.toUpperCase()}${h.detail.slice(1)}.`, PENALTY.emptyCatch);
  }
  for (const c of findCommentedCode(walk.comments, family, caches?.comments)) {
    add('review/commented-out-code', doc.index.rangeOf(c.startIndex, c.endIndex), `Commented-out code (${c.lines} line${c.lines === 1 ? '' : 's'}): remove it; version control keeps history.`, PENALTY.commentedOutCode);
  }
}
