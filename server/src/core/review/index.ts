/**
 * Public API of the review engine: code metrics (Cognitive Complexity,
 * cyclomatic complexity, nesting, size, parameters), hygiene and duplication
 * findings, and the explained 0–100 file score. Pure: no file system, no VS
 * Code, no LSP. Counting rules and score weights: docs/scoring.md.
 */
import type { Engine } from '../engine';
import { grammarFor } from '../parsing/grammars';
import { specFor } from './languages';
import { walkFile } from './metrics';
import { buildFindings, type FindingCaches } from './findings';
import { reviewRules, setting, weights } from './rules';
import { skipReason } from './generated';
import { reviewFileData, skippedFileData } from './fileData';
import { fingerprintFile, type DuplicationIndex } from './duplication';
import { ReviewMemo, type ReviewMemoOptions } from './memo';

export { computeFunctionMetrics, walkFile, type WalkOptions } from './metrics';
export type { FunctionMetrics, Increment, FileWalk, CommentInfo, HygieneHit } from './types';
export { computeScore, gradeOf, securityPenalties, type Grade, type Penalty, type ScoreResult, type DimensionScore, type Recoverable } from './score';
export { reviewRules, DIMENSION_NAMES, type DimensionKey } from './rules';
export { DuplicationIndex, fingerprintFile, findInFileDuplicates, type CrossFileDuplicate, type FileFingerprints, type InFileDuplicate } from './duplication';
export { rescoreReview, crossFileDuplicationFindings, crossFileDuplicationPenalties, type ReviewFileData, type FunctionSummary, type FileSummary } from './fileData';
export { skipReason } from './generated';
export { ReviewMemo, type ReviewMemoOptions, type MemoWalk } from './memo';
export { explainIncrements } from './findings';

/** Options of {@link createReviewEngine}. */
export interface ReviewEngineOptions {
  /**
   * A project-wide index (CLI runs): every analysed file's winnowed token
   * fingerprints are added to it. After all files are analysed, ask
   * `index.duplicatesOf(relativePath)` and turn the answers into findings
   * with `crossFileDuplicationFindings`. The engine itself reports only
   * duplication inside each file, since it sees one file at a time.
   */
  readonly duplicationIndex?: DuplicationIndex;
  /**
   * Language server only: remember the last walk of up to `documents`
   * documents (by URI), so re-analysing an edited document walks only the
   * top-level declarations (or class members) the edit touched. Results are
   * identical to a full walk. Call `forget(uri)` when a document closes.
   * The CLI analyses each file once and must leave this unset.
   */
  readonly memo?: ReviewMemoOptions;
}

/** The review engine; `forget` drops what the memo keeps for a closed document. */
export interface ReviewEngine extends Engine {
  forget(uri: string): void;
}

/**
 * The review engine (id `review`). Findings have severity `info` (`hint`
 * for TODOs and missing docs); `fileData` is a {@link ReviewFileData}
 * whose score does not yet include security findings: the host calls
 * `rescoreReview(fileData, keptFindings)` after all engines ran.
 */
export function createReviewEngine(options: ReviewEngineOptions = {}): ReviewEngine {
  const memo = options.memo ? new ReviewMemo(options.memo) : undefined;
  return {
    id: 'review',
    rules: reviewRules,
    supports: (doc) => specFor(doc.languageId) !== undefined && grammarFor(doc.languageId) !== undefined,
    async analyze(doc, ctx) {
      const spec = specFor(doc.languageId);
      const grammar = grammarFor(doc.languageId);
      if (!spec || !grammar) return { findings: [] };
      const skip = skipReason(doc.relativePath, doc.text);
      if (skip) return { findings: [], fileData: { ...skippedFileData(skip) } };
      let caches: FindingCaches | undefined;
      const walk = await ctx.parsers.withTree(grammar, doc.text, (tree) => {
        if (!memo) return walkFile(tree, doc.languageId, doc.text);
        const r = memo.walk(doc.uri, doc.languageId, tree, doc.text);
        if (r?.error !== undefined) ctx.logger.warn('review: incremental walk failed, walked the whole file', { uri: doc.uri, error: r.error });
        caches = r?.caches;
        return r?.walk;
      });
      if (!walk) return { findings: [], fileData: { ...skippedFileData('the parser gave up on this file') } };
      const built = buildFindings(doc, walk, spec.family, ctx.config, caches);
      if (options.duplicationIndex) {
        options.duplicationIndex.add(fingerprintFile(doc.relativePath, walk.tokenHashes, walk.tokenLines, setting(ctx.config, 'review.duplicationTokens')));
      }
      let note: string | undefined;
      if (walk.hasParseErrors) {
        const broken = walk.functions.filter((f) => f.hasParseErrors).length;
        note = `The file has syntax errors: metrics cover the parts that parsed; ${broken} function${broken === 1 ? '' : 's'} containing errors get no complexity findings.`;
        ctx.logger.debug('review: partial parse', { uri: doc.uri, brokenFunctions: broken });
      }
      return { findings: built.findings, fileData: { ...reviewFileData(walk, doc.text, built.penalties, weights(ctx.config), note) } };
    },
    forget(uri) {
      memo?.forget(uri);
    },
  };
}
