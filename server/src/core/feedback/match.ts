/**
 * Which findings a set of false-positive marks hides. Pure: findings, the
 * document's lines and the marks in, a split out.
 */
import { createHash } from 'node:crypto';
import type { Finding, Range } from '../model/finding';
import type { LineIndex } from '../model/text';
import type { FeedbackMark } from './types';

/** Engines whose findings can be marked: code findings, not Argus's own configuration or suppression hints. */
export function isMarkable(f: Finding): boolean {
  return f.engine !== 'config' && f.engine !== 'suppression';
}

/**
 * Rule id + the whitespace-normalised text of the finding's own lines. Unlike
 * the fingerprint it ignores the lines around the finding, so it survives an
 * edit right above or below; it is only used when it is unambiguous (see
 * {@link applyFeedback}).
 */
export function lineKey(ruleId: string, index: LineIndex, range: Range): string {
  const parts: string[] = [];
  const last = Math.min(range.end.line, index.lineCount - 1);
  for (let l = range.start.line; l <= last; l++) parts.push(index.lineText(l).replace(/\s+/g, ' ').trim());
  return createHash('sha256').update(`${ruleId}\0${parts.join('\n')}`).digest('hex').slice(0, 32);
}

/** A finding hidden by a mark. */
export interface MarkedFinding {
  readonly finding: Finding;
  readonly mark: FeedbackMark;
}

/** Findings split by whether a mark hides them. */
export interface FeedbackSplit {
  readonly kept: Finding[];
  readonly marked: MarkedFinding[];
}

/**
 * Hides the findings of one document that the user marked as false positives.
 *
 * A mark matches a finding of its path and rule by fingerprint, which
 * survives line moves and edits elsewhere in the file. When no finding has the
 * mark's fingerprint any more (a neighbouring line was edited), the mark's
 * line key is tried, but only if exactly one finding of that rule has it:
 * an ambiguous match could hide a real, unmarked finding.
 */
export function applyFeedback(findings: readonly Finding[], marks: readonly FeedbackMark[], relativePath: string, index: LineIndex): FeedbackSplit {
  const mine = marks.filter((m) => m.path === relativePath);
  if (mine.length === 0) return { kept: [...findings], marked: [] };
  const byFingerprint = new Map<string, FeedbackMark>();
  for (const m of mine) byFingerprint.set(`${m.ruleId}\0${m.fingerprint}`, m);
  const hiddenBy = new Map<Finding, FeedbackMark>();
  const usedMarks = new Set<FeedbackMark>();
  for (const f of findings) {
    const m = isMarkable(f) ? byFingerprint.get(`${f.ruleId}\0${f.fingerprint}`) : undefined;
    if (m) {
      hiddenBy.set(f, m);
      usedMarks.add(m);
    }
  }
  const fallback = mine.filter((m) => !usedMarks.has(m) && m.lineKey);
  if (fallback.length > 0) {
    const candidates = new Map<string, Finding[]>();
    for (const f of findings) {
      if (hiddenBy.has(f) || !isMarkable(f)) continue;
      const key = `${f.ruleId}\0${lineKey(f.ruleId, index, f.range)}`;
      candidates.set(key, [...(candidates.get(key) ?? []), f]);
    }
    for (const m of fallback) {
      const hits = candidates.get(`${m.ruleId}\0${m.lineKey}`);
      if (hits?.length === 1 && !hiddenBy.has(hits[0]!)) hiddenBy.set(hits[0]!, m);
    }
  }
  const kept: Finding[] = [];
  const marked: MarkedFinding[] = [];
  for (const f of findings) {
    const m = hiddenBy.get(f);
    if (m) marked.push({ finding: f, mark: m });
    else kept.push(f);
  }
  return { kept, marked };
}

/** How a finding hidden by a mark is described in reports: `feedback: <reason>`. */
export function feedbackReason(mark: FeedbackMark): string {
  return mark.reason ? `feedback: ${mark.reason}` : 'feedback: marked as a false positive';
}
