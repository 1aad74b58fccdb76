/**
 * `argus check --baseline`: reads the baseline file and keeps only the
 * findings it does not hold. A post-processing step on the finished report.
 */
import * as path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { parseBaseline, type Baseline } from '../core/baseline/baselineFile';
import { compareWithBaseline } from '../core/baseline/matchBaseline';
import { toRelative } from '../node/files';
import type { CheckReport } from './check';
import { fileFindings, keepFindings, type BaselineSummary } from './ciContext';
import { InputError } from './cliError';

/**
 * Reads and validates a baseline file. A missing, unreadable or invalid file
 * is an InputError naming the file and the reason: checking against a
 * baseline that is not there must never quietly report everything or nothing.
 */
export function readBaselineFile(root: string, file: string): Baseline {
  const abs = path.resolve(root, file);
  if (!existsSync(abs)) throw new InputError(`baseline ${file} not found; create it with 'argus baseline create'`);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    throw new InputError(`baseline ${file} cannot be read: ${(err as Error).message}`);
  }
  const parsed = parseBaseline(text);
  if (!parsed.value) throw new InputError(`baseline ${file} is not usable: ${summarise(parsed.problems)}`);
  return parsed.value;
}

/** At most three problems, then a count: enough to fix the file without flooding the log. */
export function summarise(problems: readonly string[]): string {
  const shown = problems.slice(0, 3).join('; ');
  return problems.length > 3 ? `${shown}; and ${problems.length - 3} more` : shown;
}

/**
 * Compares the report with the baseline and drops the accepted findings.
 * Baseline entries count as fixed only for files this run looked at: a file
 * it analysed, or a file that no longer exists below one of the scanned paths
 * (whose findings may have moved with it to another file).
 */
export function applyBaseline(report: CheckReport, baseline: Baseline, file: string, scannedPaths: readonly string[]): { report: CheckReport; summary: BaselineSummary } {
  const analysed = new Set(report.files.map((f) => f.path));
  const scopes = scannedPaths.map((p) => toRelative(report.root, path.resolve(report.root, p)));
  const under = (p: string) => scopes.some((s) => s === '' || s === '.' || p === s || p.startsWith(`${s}/`));
  const gone = (p: string) => !analysed.has(p) && under(p) && !existsSync(path.resolve(report.root, p));
  const cmp = compareWithBaseline(fileFindings(report), baseline.entries, { inScope: (p) => analysed.has(p) || gone(p), gone });
  const added = new Set(cmp.added.map((x) => x.finding));
  return {
    report: keepFindings(report, (_p, f) => added.has(f)),
    summary: { file, added: cmp.added.length, unchanged: cmp.unchanged, fixed: cmp.fixed },
  };
}
