/**
 * Matches the findings of a run against a baseline. Pure: which baseline
 * paths belong to this run is decided by the caller (it needs the file system).
 */
import type { Finding } from '../model/finding';
import type { BaselineEntry } from './baselineFile';

/** A finding of the current run with the path it belongs to. */
export interface LocatedFinding {
  readonly path: string;
  readonly finding: Finding;
}

/** How the current findings relate to the baseline. */
export interface BaselineComparison {
  /** Findings not in the baseline: the ones to report. */
  readonly added: LocatedFinding[];
  /** Findings the baseline already accepted. */
  readonly unchanged: LocatedFinding[];
  /** Baseline entries for files in this run that were not found again: fixed. */
  readonly fixed: BaselineEntry[];
}

/** Which baseline entries a run can judge; decided by the caller, which can see the file system. */
export interface BaselineScope {
  /** The run looked at this path (analysed it, or it is gone from a scanned folder). */
  readonly inScope: (path: string) => boolean;
  /** The file no longer exists (deleted or renamed): its entries may match findings in any file. */
  readonly gone: (path: string) => boolean;
}

type Key = (path: string, ruleId: string, fingerprint: string, message: string) => string;

/**
 * Passes, each one-to-one (a baseline entry absorbs at most one finding, so a
 * second copy of an accepted bug is still new), the first that matches wins:
 * 1. same path and content fingerprint — the normal case, robust to lines
 *    moving anywhere in the file;
 * 2. same path, rule and message — a finding whose own line or a neighbour
 *    was edited, which changes the fingerprint but not the finding;
 * 3. and 4. the same two keys without the path, only for entries of files
 *    that are gone — a renamed or moved file keeps its accepted findings.
 * Entries out of scope are neither matched nor counted as fixed.
 */
export function compareWithBaseline(current: readonly LocatedFinding[], baseline: readonly BaselineEntry[], scope: BaselineScope): BaselineComparison {
  const open = baseline.filter((e) => scope.inScope(e.path));
  const used = new Array<boolean>(open.length).fill(false);
  const matched = new Array<boolean>(current.length).fill(false);
  const passes: { key: Key; entries: (e: BaselineEntry) => boolean }[] = [
    { key: (p, _r, fp) => `${p}\0${fp}`, entries: () => true },
    { key: (p, r, _fp, m) => `${p}\0${r}\0${m}`, entries: () => true },
    { key: (_p, _r, fp) => fp, entries: (e) => scope.gone(e.path) },
    { key: (_p, r, _fp, m) => `${r}\0${m}`, entries: (e) => scope.gone(e.path) },
  ];
  for (const pass of passes) {
    const available = new Map<string, number[]>();
    open.forEach((e, i) => {
      if (used[i] || !pass.entries(e)) return;
      const k = pass.key(e.path, e.ruleId, e.fingerprint, e.message);
      const list = available.get(k);
      if (list) list.push(i);
      else available.set(k, [i]);
    });
    current.forEach((c, j) => {
      if (matched[j]) return;
      const i = available.get(pass.key(c.path, c.finding.ruleId, c.finding.fingerprint, c.finding.message))?.shift();
      if (i === undefined) return;
      used[i] = true;
      matched[j] = true;
    });
  }
  return {
    added: current.filter((_, j) => !matched[j]),
    unchanged: current.filter((_, j) => matched[j]),
    fixed: open.filter((_, i) => !used[i]),
  };
}
