/**
 * What `--baseline` and `--changed-since` add to a check: the numbers every
 * reporter shows beside the (already filtered) findings. Filtering happens on
 * the finished CheckReport, so the scan itself (check.ts) knows nothing of it.
 */
import type { BaselineEntry } from '../core/baseline/baselineFile';
import type { LocatedFinding } from '../core/baseline/matchBaseline';
import type { Finding } from '../core/model/finding';
import type { CheckReport } from './check';

/** The outcome of comparing a check with a baseline file. */
export interface BaselineSummary {
  /** The baseline file as the user named it (or the default). */
  readonly file: string;
  /** Findings not in the baseline (the ones reported). */
  readonly added: number;
  /** Findings the baseline already held; not reported, but kept for SARIF `baselineState: unchanged`. */
  readonly unchanged: readonly LocatedFinding[];
  /** Baseline entries no longer found: fixed. */
  readonly fixed: readonly BaselineEntry[];
}

/** A changed file's review score now and at the ref. */
export interface ScoreDelta {
  readonly path: string;
  /** Path at the ref when the file was renamed, else null. */
  readonly renamedFrom: string | null;
  readonly score: number | null;
  /** Null when the file did not exist at the ref or was not scored there. */
  readonly scoreAtRef: number | null;
  readonly delta: number | null;
}

/** The outcome of `--changed-since`. */
export interface ChangedSinceSummary {
  readonly ref: string;
  readonly commit: string;
  /** Analysed files with at least one changed line. */
  readonly changedFiles: number;
  /** Findings left out because none of their lines changed. */
  readonly unchangedLineFindings: number;
  readonly scores: readonly ScoreDelta[];
}

/** Everything the CI options add to a report; both parts are absent without their flag. */
export interface CiContext {
  readonly baseline?: BaselineSummary;
  readonly changedSince?: ChangedSinceSummary;
}

/** The report with only the file findings `keep` accepts. Config problems always stay: they fail the run anyway. */
export function keepFindings(report: CheckReport, keep: (path: string, finding: Finding) => boolean): CheckReport {
  return { ...report, files: report.files.map((f) => ({ ...f, findings: f.findings.filter((x) => keep(f.path, x)) })) };
}

/** Every file finding with its path (config problems excluded: they are never baselined or diff-filtered). */
export function fileFindings(report: CheckReport): LocatedFinding[] {
  return report.files.flatMap((f) => f.findings.map((finding) => ({ path: f.path, finding })));
}

/** A score difference rounded to one decimal, as scores are shown. */
export function roundScore(n: number): number {
  return Math.round(n * 10) / 10;
}
