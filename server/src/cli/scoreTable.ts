import type { CheckReport } from './check';

interface Review {
  readonly score: number | null;
  readonly grade: string | null;
  readonly skipped?: string;
  readonly dimensions: readonly { name: string; lost: number }[];
  readonly functions: readonly { name: string; startLine: number; cognitiveComplexity: number }[];
}

const reviewOf = (engines: Readonly<Record<string, unknown>>) => engines.review as Review | undefined;
const round = (n: number) => String(Math.round(n * 10) / 10);

/** A readable table of file scores, worst first, for `argus score`. */
export function renderScoreTable(report: CheckReport): string {
  const rows = report.files
    .map((f) => ({ path: f.path, r: reviewOf(f.engines) }))
    .filter((x): x is { path: string; r: Review } => x.r !== undefined)
    .sort((a, b) => (a.r.score ?? 101) - (b.r.score ?? 101));
  const cells = rows.map(({ path, r }) => {
    if (r.score === null) return [path, '—', '—', `skipped: ${r.skipped ?? 'not scored'}`, ''];
    const lost = r.dimensions.filter((d) => d.lost > 0).sort((a, b) => b.lost - a.lost).map((d) => `${d.name} −${round(d.lost)}`).join(', ');
    const worst = [...r.functions].sort((a, b) => b.cognitiveComplexity - a.cognitiveComplexity)[0];
    return [path, round(r.score), r.grade ?? '—', lost || 'nothing lost', worst ? `${worst.name} (line ${worst.startLine}, cognitive ${worst.cognitiveComplexity})` : ''];
  });
  const header = ['File', 'Score', 'Grade', 'Points lost', 'Most complex function'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: readonly string[]) => c.map((x, i) => (i === 1 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ').trimEnd();
  const scored = rows.filter((x) => x.r.score !== null);
  const mean = scored.length ? scored.reduce((n, x) => n + x.r.score!, 0) / scored.length : null;
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line), '', `${scored.length} file${scored.length === 1 ? '' : 's'} scored${mean === null ? '' : `, mean ${round(mean)}`}`].join('\n') + '\n';
}

/** Files scoring below `min`, for `--fail-under`. */
export function filesUnder(report: CheckReport, min: number): string[] {
  return report.files.filter((f) => {
    const s = reviewOf(f.engines)?.score;
    return typeof s === 'number' && s < min;
  }).map((f) => f.path);
}
