/**
 * Per-rule noise statistics for "Argus: Rule Statistics": counts of shown,
 * suppressed, marked and shadow findings, and an estimated precision.
 *
 * Precision = 1 − marks / (findings + shadow + marks): of everything a rule
 * reported (shown now, or hidden in shadow, or marked as a false positive),
 * the share nobody called a false positive. It is only estimated from
 * {@link MIN_SAMPLE} reports up; below that it is `null` ("too few").
 * Inline suppressions are shown but not counted as noise: they often record
 * an accepted risk rather than a wrong finding.
 */
import type { Finding } from '../model/finding';
import type { FeedbackMark } from './types';

/** Fewest reports (findings + shadow + marks) from which a precision is estimated. */
export const MIN_SAMPLE = 5;
/** Below this estimated precision a rule is suggested for disabling. */
export const NOISE_THRESHOLD = 0.5;

/** How often one rule fired, by outcome. */
export interface RuleCounts {
  /** Findings shown now. */
  findings: number;
  /** Findings hidden by an inline directive (`argus-ignore-*` and aliases). */
  suppressed: number;
  /** Findings of experimental rules, computed but hidden (shadow mode). */
  shadow: number;
  /** False-positive marks in the feedback files. */
  marks: number;
}

/** One row of the statistics. */
export interface RuleStatistic extends RuleCounts {
  readonly ruleId: string;
  readonly channel: 'stable' | 'experimental' | 'quarantined';
  /** Estimated precision 0…1, or null below {@link MIN_SAMPLE} reports. */
  readonly precision: number | null;
  /** Mostly noise: enough reports and a precision under {@link NOISE_THRESHOLD}. */
  readonly suggestDisable: boolean;
}

/** Empty counts. */
export function zeroCounts(): RuleCounts {
  return { findings: 0, suppressed: 0, shadow: 0, marks: 0 };
}

/** The precision estimate of one rule's counts (see the module comment). */
export function estimatePrecision(c: RuleCounts): number | null {
  const reports = c.findings + c.shadow + c.marks;
  return reports < MIN_SAMPLE ? null : 1 - c.marks / reports;
}

/** What one analysis of one document contributes to the statistics. */
export interface DocumentCounts {
  readonly findings: readonly Finding[];
  /** Hidden by inline directives only (not by feedback). */
  readonly suppressed: readonly Finding[];
  readonly shadow: readonly Finding[];
}

/** Adds one document's findings into per-rule counts. */
export function addDocumentCounts(into: Map<string, RuleCounts>, doc: DocumentCounts): void {
  const bump = (ruleId: string, key: keyof RuleCounts) => {
    const c = into.get(ruleId) ?? zeroCounts();
    c[key]++;
    into.set(ruleId, c);
  };
  for (const f of doc.findings) bump(f.ruleId, 'findings');
  for (const f of doc.suppressed) bump(f.ruleId, 'suppressed');
  for (const f of doc.shadow) bump(f.ruleId, 'shadow');
}

/** Adds the marks of feedback files into per-rule counts. */
export function addMarkCounts(into: Map<string, RuleCounts>, marks: readonly FeedbackMark[]): void {
  for (const m of marks) {
    const c = into.get(m.ruleId) ?? zeroCounts();
    c.marks++;
    into.set(m.ruleId, c);
  }
}

/** Rows for every counted rule: suggested-for-disabling first, then by precision (lowest first), then by id. */
export function ruleStatistics(counts: ReadonlyMap<string, RuleCounts>, channelOf: (ruleId: string) => RuleStatistic['channel']): RuleStatistic[] {
  const rows = [...counts.entries()].map(([ruleId, c]): RuleStatistic => {
    const precision = estimatePrecision(c);
    return { ruleId, channel: channelOf(ruleId), ...c, precision, suggestDisable: precision !== null && precision < NOISE_THRESHOLD };
  });
  return rows.sort((a, b) => Number(b.suggestDisable) - Number(a.suggestDisable) || (a.precision ?? 2) - (b.precision ?? 2) || a.ruleId.localeCompare(b.ruleId));
}
