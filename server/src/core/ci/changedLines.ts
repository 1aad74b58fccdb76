/**
 * Which findings lie on changed lines (`argus check --changed-since`). Pure:
 * the change set is built by the CLI from git's output.
 */
import type { Range } from '../model/finding';
import type { LineSpan } from './diffHunks';

/** The changes to one file: its path at the ref, and which of its lines changed. */
export interface FileChange {
  /** Path at the ref, relative to the repository; null for a file that did not exist there (new or untracked). */
  readonly oldPath: string | null;
  /** Changed lines (1-based), or `all` for new, untracked and binary files. */
  readonly lines: readonly LineSpan[] | 'all';
}

/**
 * True when a finding's lines overlap a changed line. A range ending at
 * column 0 of a line does not reach into that line (ranges are half-open).
 */
export function touchesChangedLines(range: Range, change: FileChange | undefined): boolean {
  if (!change) return false;
  if (change.lines === 'all') return true;
  const first = range.start.line + 1;
  const last = range.end.line > range.start.line && range.end.character === 0 ? range.end.line : range.end.line + 1;
  return change.lines.some((s) => s.from <= last && s.to >= first);
}

