/**
 * The review engine's per-file JSON (`fileData.review`) and the operations on
 * it that happen after the engine ran: folding in security findings and
 * suppressions (re-scoring), and cross-file duplication findings.
 */
import type { SourceDocument } from '../document';
import type { Finding, Range } from '../model/finding';
import { contentFingerprint } from '../model/fingerprint';
import type { CrossFileDuplicate } from './duplication';
import type { DimensionKey } from './rules';
import { PENALTY } from './rules';
import { computeScore, securityPenalties, type DimensionScore, type Grade, type Penalty, type Recoverable } from './score';
import type { FileWalk, FunctionMetrics } from './types';

/** The per-function numbers published in `fileData`. */
export interface FunctionSummary {
  readonly name: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly cognitiveComplexity: number;
  readonly cyclomaticComplexity: number;
  readonly maxNesting: number;
  readonly lines: number;
  readonly params: number;
}

/** Size figures of the whole file. */
export interface FileSummary {
  readonly lines: number;
  /** Non-blank, non-comment lines. */
  readonly loc: number;
  readonly commentLines: number;
  readonly blankLines: number;
  /** commentLines / (loc + commentLines), 0 when both are 0. */
  readonly commentRatio: number;
  readonly functions: number;
}

/** `fileData.review`: score, dimensions, per-function metrics, and what fixing each finding recovers. */
export interface ReviewFileData {
  /** 0–100, or null when the file was skipped (generated/minified). */
  readonly score: number | null;
  readonly grade: Grade | null;
  readonly gradeCap?: string;
  /** Why the file was not scored. */
  readonly skipped?: string;
  /** Caveats, e.g. parse errors. */
  readonly note?: string;
  readonly dimensions: readonly DimensionScore[];
  readonly functions: readonly FunctionSummary[];
  readonly recoverable: readonly Recoverable[];
  readonly file: FileSummary | null;
  /** Every penalty, so hosts can re-score after suppressions and security findings ({@link rescoreReview}). */
  readonly penalties: readonly Penalty[];
  /** Whether security findings are part of the score yet. */
  readonly securityIncluded: boolean;
}

function summarizeFunction(f: FunctionMetrics): FunctionSummary {
  const { name, startLine, endLine, cognitiveComplexity, cyclomaticComplexity, maxNesting, lines, params } = f;
  return { name, startLine, endLine, cognitiveComplexity, cyclomaticComplexity, maxNesting, lines, params };
}

/** Size figures from the walk's line kinds (the empty "line" after a final newline is not a line). */
export function summarizeFile(walk: FileWalk, text: string): FileSummary {
  let loc = 0;
  let commentLines = 0;
  for (const k of walk.lineKinds) {
    if (k === 1) loc++;
    else if (k === 2) commentLines++;
  }
  const lines = text.length === 0 ? 0 : walk.lineKinds.length - (/\r?\n$|\r$/.test(text) ? 1 : 0);
  const ratio = loc + commentLines === 0 ? 0 : commentLines / (loc + commentLines);
  return { lines, loc, commentLines, blankLines: lines - loc - commentLines, commentRatio: Math.round(ratio * 1000) / 1000, functions: walk.functions.length };
}

/** Builds `fileData.review` for an analysed file (security not yet included). */
export function reviewFileData(walk: FileWalk, text: string, penalties: readonly Penalty[], weights: Readonly<Record<DimensionKey, number>>, note?: string): ReviewFileData {
  const s = computeScore(penalties, weights);
  return {
    score: s.score,
    grade: s.grade,
    ...(s.gradeCap ? { gradeCap: s.gradeCap } : {}),
    ...(note ? { note } : {}),
    dimensions: s.dimensions,
    functions: walk.functions.map(summarizeFunction),
    recoverable: s.recoverable,
    file: summarizeFile(walk, text),
    penalties,
    securityIncluded: false,
  };
}

/** `fileData.review` of a file that is deliberately not scored. */
export function skippedFileData(reason: string): ReviewFileData {
  return { score: null, grade: null, skipped: reason, dimensions: [], functions: [], recoverable: [], file: null, penalties: [], securityIncluded: false };
}

/**
 * Re-scores after the host applied rule levels and suppressions and knows the
 * security findings: pass every finding kept for the document (all engines).
 * Review penalties stay only for review findings still present; security and
 * semgrep findings add their penalties. Skipped files stay unscored.
 */
export function rescoreReview(data: ReviewFileData, keptFindings: readonly Finding[], extra: readonly Penalty[] = []): ReviewFileData {
  if (data.score === null) return data;
  const kept = new Set(keptFindings.filter((f) => f.engine === 'review').map((f) => `${f.ruleId}@${f.range.start.line}:${f.range.start.character}`));
  const review = data.penalties.filter((p) => p.dimension !== 'security' && kept.has(`${p.ruleId}@${p.line}:${p.character}`));
  const penalties = [...review, ...extra, ...securityPenalties(keptFindings)];
  const weights = Object.fromEntries(data.dimensions.map((d) => [d.key, d.weight])) as Record<DimensionKey, number>;
  const s = computeScore(penalties, weights);
  return {
    score: s.score,
    grade: s.grade,
    ...(s.gradeCap ? { gradeCap: s.gradeCap } : {}),
    ...(data.note ? { note: data.note } : {}),
    dimensions: s.dimensions,
    functions: data.functions,
    recoverable: s.recoverable,
    file: data.file,
    penalties,
    securityIncluded: true,
  };
}

/** `review/duplication` findings for blocks that {@link DuplicationIndex.duplicatesOf} found in other files. */
export function crossFileDuplicationFindings(doc: SourceDocument, duplicates: readonly CrossFileDuplicate[]): Finding[] {
  return duplicates.map((d) => {
    const range: Range = { start: { line: d.line, character: 0 }, end: { line: d.endLine, character: doc.index.lineText(d.endLine).length } };
    const n = d.endLine - d.line + 1;
    return {
      ruleId: 'review/duplication',
      engine: 'review',
      category: 'duplication',
      severity: 'info',
      range,
      message: `${n} lines duplicated with ${d.otherPath}:${d.otherLine + 1}–${d.otherEndLine + 1}.`,
      fingerprint: contentFingerprint('review/duplication', doc.index, range),
    };
  });
}

/** Penalties of cross-file duplication findings: pass them as `extra` to {@link rescoreReview}. */
export function crossFileDuplicationPenalties(findings: readonly Finding[]): Penalty[] {
  return findings.map((f) => ({
    dimension: 'duplication' as const,
    ruleId: f.ruleId,
    points: PENALTY.duplication(f.range.end.line - f.range.start.line + 1),
    line: f.range.start.line,
    character: f.range.start.character,
    message: f.message,
  }));
}
