/**
 * `argus check --changed-since <ref>`: asks the real git which lines changed
 * since the ref and keeps only the findings on them.
 */
import * as path from 'node:path';
import { realpathSync } from 'node:fs';
import { parseUnifiedDiff } from '../core/ci/diffHunks';
import { touchesChangedLines, type FileChange } from '../core/ci/changedLines';
import { diffSince, gitTopLevel, resolveCommit, untrackedFiles } from '../node/git';
import { toRelative } from '../node/files';
import type { CheckReport } from './check';
import { keepFindings } from './ciContext';
import { UsageError } from './args';

/** What changed since a ref, keyed by path relative to the scan root (the report's paths). */
export interface ChangeSet {
  readonly ref: string;
  readonly commit: string;
  /** The repository's top level: `git show` paths are relative to it. */
  readonly top: string;
  readonly files: ReadonlyMap<string, ChangedPath>;
}

/** A file's change, with its path relative to the repository's top level. */
export interface ChangedPath extends FileChange {
  readonly repoPath: string;
}

/**
 * Runs git in `root` and builds the change set: tracked files from
 * `git diff --unified=0 <ref>` (renames followed), untracked but not ignored
 * files as wholly changed. A non-git folder or a bad ref is a UsageError.
 */
export async function collectChanges(root: string, ref: string): Promise<ChangeSet> {
  const top = await gitTopLevel(root);
  if (!top.ok) throw new UsageError(top.missing ? `--changed-since needs git: ${top.error}` : `--changed-since: ${root} is not inside a git repository (${top.error})`);
  const commit = await resolveCommit(top.stdout, ref);
  if (!commit.ok) throw new UsageError(`--changed-since: ${commit.error}`);
  const diff = await diffSince(top.stdout, commit.stdout);
  if (!diff.ok) throw new UsageError(`--changed-since: git diff failed: ${diff.error}`);
  const parsed = parseUnifiedDiff(diff.stdout);
  if (!parsed.value) throw new Error(`cannot read git's diff output: ${parsed.problems.join('; ')}`);
  const untracked = await untrackedFiles(top.stdout);
  if (!Array.isArray(untracked)) throw new UsageError(`--changed-since: git ls-files failed: ${untracked.error}`);
  // git reports the real path of the top level; the scan root may be reached through a symlink.
  const realRoot = realpathSync(root);
  const toReportPath = (repoPath: string) => toRelative(realRoot, path.join(top.stdout, repoPath));
  const files = new Map<string, ChangedPath>();
  for (const f of parsed.value) files.set(toReportPath(f.path), { repoPath: f.path, oldPath: f.oldPath, lines: f.wholeFile ? 'all' : f.lines });
  for (const p of untracked) files.set(toReportPath(p), { repoPath: p, oldPath: null, lines: 'all' });
  return { ref, commit: commit.stdout, top: top.stdout, files };
}

/** Keeps the findings on changed lines; returns how many were left out. */
export function keepChangedLines(report: CheckReport, changes: ChangeSet): { report: CheckReport; left: number } {
  let left = 0;
  const kept = keepFindings(report, (p, f) => {
    const keep = touchesChangedLines(f.range, changes.files.get(p));
    if (!keep) left++;
    return keep;
  });
  return { report: kept, left };
}

/** Analysed files that have at least one changed line. */
export function changedReportFiles(report: CheckReport, changes: ChangeSet): string[] {
  return report.files.filter((f) => {
    const c = changes.files.get(f.path);
    return c !== undefined && (c.lines === 'all' || c.lines.length > 0);
  }).map((f) => f.path);
}
