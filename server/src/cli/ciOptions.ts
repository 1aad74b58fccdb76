/**
 * Applies `--baseline` and `--changed-since` to a finished check: the
 * post-processing step between runCheck and the reporters.
 */
import * as path from 'node:path';
import type { Analyzer } from '../core/analyze';
import type { Baseline } from '../core/baseline/baselineFile';
import type { DuplicationIndex } from '../core/review';
import { ConfigFiles } from '../node/configFiles';
import { DEFAULT_BASELINE, type CheckOptions } from './args';
import type { CheckReport } from './check';
import type { CiContext } from './ciContext';
import { applyBaseline, readBaselineFile } from './baselineFilter';
import { changedReportFiles, collectChanges, keepChangedLines, type ChangeSet } from './changedLines';
import { scoreDeltas } from './scoreAtRef';
import { filesUnder } from './scoreTable';

/** Inputs the CI options need, read before the scan so a bad baseline or ref fails fast. */
export interface CiInputs {
  readonly baseline?: Baseline;
  readonly changes?: ChangeSet;
}

/** Reads the baseline file and asks git for the change set, as the options require. Throws InputError/UsageError. */
export async function readCiInputs(opts: CheckOptions, root: string): Promise<CiInputs> {
  const baseline = opts.baseline ? readBaselineFile(root, opts.baseline) : undefined;
  const changes = opts.changedSince ? await collectChanges(root, opts.changedSince) : undefined;
  return { baseline, changes };
}

/**
 * Baseline first, on every finding, so an accepted finding on an unchanged
 * line still counts as unchanged rather than fixed; then the changed-lines
 * filter on what is new. Scores are never filtered: they describe whole files.
 */
export async function applyCiOptions(report: CheckReport, opts: CheckOptions, inputs: CiInputs, analyzer: Analyzer, duplicates?: DuplicationIndex): Promise<{ reported: CheckReport; ci: CiContext }> {
  let reported = report;
  let ci: CiContext = {};
  if (inputs.baseline) {
    const b = applyBaseline(reported, inputs.baseline, opts.baseline ?? DEFAULT_BASELINE, opts.paths);
    reported = b.report;
    ci = { baseline: b.summary };
  }
  if (inputs.changes) {
    const c = keepChangedLines(reported, inputs.changes);
    reported = c.report;
    const explicit = opts.config ? new ConfigFiles().load(path.resolve(report.root, opts.config)) : undefined;
    const scores = await scoreDeltas(report, inputs.changes, analyzer, explicit, duplicates);
    ci = { ...ci, changedSince: { ref: inputs.changes.ref, commit: inputs.changes.commit, changedFiles: changedReportFiles(report, inputs.changes).length, unchangedLineFindings: c.left, scores } };
  }
  return { reported, ci };
}

/** Files below `--fail-under`; with `--changed-since`, only changed files can fail the run. */
export function failingScores(report: CheckReport, min: number, inputs: CiInputs): string[] {
  if (!inputs.changes) return filesUnder(report, min);
  const changed = new Set(changedReportFiles(report, inputs.changes));
  return filesUnder({ ...report, files: report.files.filter((f) => changed.has(f.path)) }, min);
}
