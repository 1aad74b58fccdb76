/**
 * The review score's delta against the `--changed-since` ref: each changed
 * file's text at the ref (`git show <ref>:<path>`) is analysed with the same
 * analyzer and configuration as today's text.
 */
import * as path from 'node:path';
import type { Analyzer, AnalysisOutcome } from '../core/analyze';
import { makeDocument, type LanguageId, type SourceDocument } from '../core/document';
import type { ResolvedConfig } from '../core/config/types';
import { crossFileDuplicationFindings, crossFileDuplicationPenalties, rescoreReview, type DuplicationIndex, type ReviewFileData } from '../core/review';
import { WorkspaceAnalysis } from '../node/workspaceAnalysis';
import type { LoadedConfigFile } from '../node/configFiles';
import { textAtCommit } from '../node/git';
import type { CheckReport } from './check';
import { roundScore, type ScoreDelta } from './ciContext';
import { changedReportFiles, type ChangeSet } from './changedLines';

interface AtRef {
  readonly path: string;
  readonly doc: SourceDocument;
  readonly config: ResolvedConfig;
  readonly outcome: AnalysisOutcome;
}

/**
 * Scores every changed, analysed file at the ref. Cross-file duplication is
 * measured against the tree as it was at the ref: all ref versions are
 * indexed first, and files that did not exist at the ref are taken out of
 * the duplication index (which this run no longer needs afterwards).
 * Semgrep is not run on the old text, so with semgrep findings the delta
 * also counts them; docs/ci.md says so.
 */
export async function scoreDeltas(report: CheckReport, changes: ChangeSet, analyzer: Analyzer, explicitConfig: LoadedConfigFile | undefined, duplicates?: DuplicationIndex): Promise<ScoreDelta[]> {
  const ws = new WorkspaceAnalysis(report.root, analyzer, undefined, explicitConfig);
  const byPath = new Map(report.files.map((f) => [f.path, f]));
  const atRef = new Map<string, AtRef>();
  const changed = changedReportFiles(report, changes);
  for (const p of changed) {
    const file = byPath.get(p)!;
    const oldPath = changes.files.get(p)?.oldPath ?? null;
    if (file.skipped || file.error || oldPath === null) continue;
    const text = await textAtCommit(changes.top, changes.commit, oldPath);
    if (text === undefined) continue;
    const abs = path.resolve(report.root, p);
    const { outcome, relativePath, config } = await ws.analyzeText(abs, `file://${abs}`, file.languageId as LanguageId, text);
    atRef.set(p, { path: p, doc: makeDocument(`file://${abs}`, relativePath, file.languageId as LanguageId, text), config, outcome });
  }
  if (duplicates) for (const p of changed) if (!atRef.has(p)) duplicates.remove(p);
  return changed.map((p) => {
    const now = reviewScore(byPath.get(p)!.engines);
    const old = atRef.get(p);
    const scoreAtRef = old ? reviewScore({ review: withCrossFileDuplication(old, analyzer, duplicates) }) : null;
    const change = changes.files.get(p);
    return {
      path: p,
      renamedFrom: change && change.oldPath !== null && change.oldPath !== change.repoPath ? change.oldPath : null,
      score: now,
      scoreAtRef,
      delta: now !== null && scoreAtRef !== null ? roundScore(now - scoreAtRef) : null,
    };
  });
}

/** The same re-scoring check.ts applies for blocks duplicated in other files. */
function withCrossFileDuplication(r: AtRef, analyzer: Analyzer, duplicates: DuplicationIndex | undefined): ReviewFileData | undefined {
  const review = r.outcome.fileData.review as ReviewFileData | undefined;
  if (!review || !duplicates || !r.config.engines.review) return review;
  const dups = duplicates.duplicatesOf(r.doc.relativePath);
  if (dups.length === 0) return review;
  const policy = analyzer.applyPolicy(r.doc, r.config, crossFileDuplicationFindings(r.doc, dups));
  return rescoreReview(review, [...r.outcome.findings, ...policy.findings], crossFileDuplicationPenalties(policy.findings));
}

function reviewScore(engines: Readonly<Record<string, unknown>>): number | null {
  const s = (engines.review as ReviewFileData | undefined)?.score;
  return typeof s === 'number' ? s : null;
}

