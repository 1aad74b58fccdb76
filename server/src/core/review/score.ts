/**
 * The file score: 100 minus the points lost per dimension. Every point lost
 * comes from a penalty, and every penalty belongs to one finding, so the
 * score can always be explained ("fixing X recovers N points").
 *
 * Within a dimension of weight W, raw penalties P (summed) cost
 * `W × (1 − e^(−P/W))`: about P while P is small, never more than W, and each
 * further finding still costs something. See docs/scoring.md.
 */
import type { Finding, Severity } from '../model/finding';
import { DIMENSION_NAMES, PENALTY, type DimensionKey } from './rules';

/** A–E, from best to worst. */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'E';

/** What one finding costs. Plain data, so it can travel in `fileData` and be re-scored. */
export interface Penalty {
  readonly dimension: DimensionKey;
  readonly ruleId: string;
  /** Raw points before saturation. */
  readonly points: number;
  /** 0-based position of the finding's range start (matches the Finding). */
  readonly line: number;
  readonly character: number;
  readonly message: string;
  /** Only for security penalties: severity caps the grade. */
  readonly severity?: Severity;
}

/** One dimension of the score. */
export interface DimensionScore {
  readonly key: DimensionKey;
  readonly name: string;
  readonly weight: number;
  /** Points lost (0 … weight). */
  readonly lost: number;
  readonly findings: number;
}

/** Points a single fix would give back, largest first. */
export interface Recoverable {
  readonly ruleId: string;
  /** 1-based line of the finding. */
  readonly line: number;
  readonly message: string;
  /** Score gained if only this finding were fixed. */
  readonly points: number;
  /** This finding's share of the points currently lost (the shares sum to 100 − score). */
  readonly share: number;
}

/** A computed score. */
export interface ScoreResult {
  readonly score: number;
  readonly grade: Grade;
  readonly dimensions: readonly DimensionScore[];
  readonly recoverable: readonly Recoverable[];
  /** Why the grade is lower than the score alone gives (security findings cap it). */
  readonly gradeCap?: string;
}

/** Score bands: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, else E. */
export function gradeOf(score: number): Grade {
  return score >= 90 ? 'A' : score >= 75 ? 'B' : score >= 60 ? 'C' : score >= 40 ? 'D' : 'E';
}

const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D', 'E'];

function saturate(points: number, weight: number): number {
  return weight <= 0 ? 0 : weight * (1 - Math.exp(-points / weight));
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Computes the score of a file from its penalties. */
export function computeScore(penalties: readonly Penalty[], weight: Readonly<Record<DimensionKey, number>>): ScoreResult {
  const sums = new Map<DimensionKey, number>();
  for (const p of penalties) sums.set(p.dimension, (sums.get(p.dimension) ?? 0) + p.points);
  const dimensions: DimensionScore[] = (Object.keys(DIMENSION_NAMES) as DimensionKey[]).map((key) => ({
    key,
    name: DIMENSION_NAMES[key],
    weight: weight[key],
    lost: round1(saturate(sums.get(key) ?? 0, weight[key])),
    findings: penalties.filter((p) => p.dimension === key).length,
  }));
  const lost = (Object.keys(DIMENSION_NAMES) as DimensionKey[]).reduce((s, k) => s + saturate(sums.get(k) ?? 0, weight[k]), 0);
  const score = round1(Math.max(0, 100 - lost));
  const recoverable = penalties
    .map((p) => {
      const total = sums.get(p.dimension)!;
      const w = weight[p.dimension];
      const gain = saturate(total, w) - saturate(total - p.points, w);
      return { ruleId: p.ruleId, line: p.line + 1, message: p.message, points: round1(gain), share: round1(total > 0 ? (saturate(total, w) * p.points) / total : 0) };
    })
    .sort((a, b) => b.points - a.points || a.line - b.line);
  let grade = gradeOf(score);
  let gradeCap: string | undefined;
  const worst = penalties.some((p) => p.severity === 'error') ? 'error' : penalties.some((p) => p.severity === 'warning') ? 'warning' : undefined;
  // Like Sonar's security rating, a serious vulnerability bounds the grade whatever the rest looks like.
  const cap: Grade | undefined = worst === 'error' ? 'C' : worst === 'warning' ? 'B' : undefined;
  if (cap && GRADES.indexOf(grade) < GRADES.indexOf(cap)) {
    grade = cap;
    gradeCap = `a security finding of severity ${worst} limits the grade to ${cap}`;
  }
  return { score, grade, dimensions, recoverable, gradeCap };
}

/** Penalties for security findings (from the security engine or semgrep). */
export function securityPenalties(findings: readonly Finding[]): Penalty[] {
  return findings
    .filter((f) => f.engine === 'security' || f.engine === 'semgrep')
    .map((f) => ({
      dimension: 'security' as const,
      ruleId: f.ruleId,
      points: PENALTY.security[f.severity],
      line: f.range.start.line,
      character: f.range.start.character,
      message: f.message,
      severity: f.severity,
    }));
}
