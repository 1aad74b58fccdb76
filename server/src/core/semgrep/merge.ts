/**
 * Combines built-in findings with semgrep's for one document. Users who run
 * both often load rules that detect the same flaw (an `eval` call, a SQL
 * string built by concatenation); showing two squiggles for one problem is
 * noise, so the built-in finding, whose fixes and explanations Argus
 * controls, is kept and the overlapping semgrep finding dropped.
 */
import type { Finding, Range } from '../model/finding';
import { comparePositions, rangesOverlap } from '../model/text';

/**
 * Built-in findings plus the semgrep findings that do not duplicate one. A
 * semgrep finding is a duplicate when a built-in finding starts on the same
 * line, their ranges overlap (or are the same empty range), and they share
 * a CWE id. Findings without CWE ids are never merged: without a shared
 * weakness there is no evidence they are about the same problem.
 * The result is sorted by position, then rule id.
 */
export function mergeFindings(builtin: readonly Finding[], semgrep: readonly Finding[]): Finding[] {
  const kept = semgrep.filter((s) => !builtin.some((b) => duplicates(b, s)));
  return [...builtin, ...kept].sort((a, b) => comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId));
}

/** True when `s` reports the same weakness at the same place as `b`. */
export function duplicates(b: Finding, s: Finding): boolean {
  if (b.range.start.line !== s.range.start.line) return false;
  if (!overlap(b.range, s.range)) return false;
  const cwe = new Set(b.cwe ?? []);
  return (s.cwe ?? []).some((c) => cwe.has(c));
}

/** `rangesOverlap` treats empty ranges as touching nothing; an empty range inside the other counts here. */
function overlap(a: Range, b: Range): boolean {
  if (rangesOverlap(a, b)) return true;
  const within = (p: Range['start'], r: Range) => comparePositions(r.start, p) <= 0 && comparePositions(p, r.end) <= 0;
  const emptyA = comparePositions(a.start, a.end) === 0;
  const emptyB = comparePositions(b.start, b.end) === 0;
  return (emptyA && within(a.start, b)) || (emptyB && within(b.start, a));
}
