/** Text lines for the CI options, shared by the text and github formats. */
import type { CheckReport } from './check';
import { roundScore, type CiContext, type ScoreDelta } from './ciContext';
import { renderText } from './text';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The counts `--baseline` and `--changed-since` add, e.g.
 * `baseline .argus/baseline.json: 1 new, 3 unchanged, 2 fixed` and one
 * `score since <ref>:` line per changed file.
 */
export function ciSummaryLines(ci: CiContext): string[] {
  const lines: string[] = [];
  if (ci.baseline) {
    const b = ci.baseline;
    lines.push(`baseline ${b.file}: ${b.added} new, ${b.unchanged.length} unchanged, ${b.fixed.length} fixed`);
  }
  if (ci.changedSince) {
    const c = ci.changedSince;
    lines.push(`changed since ${c.ref} (${c.commit.slice(0, 12)}): ${plural(c.changedFiles, 'changed file')}, ${plural(c.unchangedLineFindings, 'finding')} on unchanged lines not shown`);
    for (const s of c.scores) lines.push(`score since ${c.ref}: ${s.path} ${describeDelta(s, c.ref)}`);
  }
  return lines;
}

/** `81.5 (was 90, -8.5)`, `90 (new since main)`, or `not scored`. */
export function describeDelta(s: ScoreDelta, ref: string): string {
  if (s.score === null) return 'not scored';
  if (s.scoreAtRef === null) return `${roundScore(s.score)} (${s.renamedFrom ? `not scored at ${ref}` : `new since ${ref}`})`;
  const d = s.delta ?? 0;
  const sign = d > 0 ? `+${d}` : d < 0 ? `${d}` : '±0';
  return `${roundScore(s.score)} (was ${roundScore(s.scoreAtRef)}, ${sign}${s.renamedFrom ? `; renamed from ${s.renamedFrom}` : ''})`;
}

/** The text format's own summary line (`N findings (…) in M files, T ms`). */
export function findingSummaryLine(report: CheckReport): string {
  return renderText(report, false).trimEnd().split('\n').at(-1)!;
}

/** The text format with the CI lines just above its summary line, which stays last. */
export function renderTextWithCi(report: CheckReport, ci: CiContext, color: boolean): string {
  const lines = renderText(report, color).trimEnd().split('\n');
  lines.splice(lines.length - 1, 0, ...ciSummaryLines(ci));
  return lines.join('\n') + '\n';
}
