import type { CodeLens } from 'vscode-languageserver/node';

/** The parts of the review engine's fileData the lenses use (see core/review/fileData.ts). */
interface ReviewData {
  readonly score: number | null;
  readonly grade: string | null;
  readonly skipped?: string;
  readonly dimensions: readonly { name: string; lost: number }[];
  readonly functions: readonly { name: string; startLine: number; endLine: number; cognitiveComplexity: number; cyclomaticComplexity: number }[];
  readonly recoverable: readonly { line: number; share: number }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Code lenses from the review data: one at the top of the file with the score
 * and the dimensions that lost points, and one over each function with its
 * complexity and the points its findings cost. Clicking opens the score panel.
 */
export function reviewLenses(data: unknown): CodeLens[] {
  const r = data as ReviewData | undefined;
  if (!r || r.score === null || !Array.isArray(r.functions)) return [];
  const command = (title: string) => ({ title, command: 'argus.showScorePanel' });
  const lost = r.dimensions.filter((d) => d.lost > 0).map((d) => `${d.name} −${round(d.lost)}`);
  const top: CodeLens = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, command: command(`Argus score ${r.score} (${r.grade})${lost.length ? ` · ${lost.join(' · ')}` : ''}`) };
  const lenses = [top];
  for (const f of r.functions) {
    // A finding belongs to the innermost function around its line; nested functions report their own.
    const inner = r.functions.filter((g) => g !== f && g.startLine >= f.startLine && g.endLine <= f.endLine);
    const cost = r.recoverable.filter((x) => x.line >= f.startLine && x.line <= f.endLine && !inner.some((g) => x.line >= g.startLine && x.line <= g.endLine)).reduce((n, x) => n + x.share, 0);
    const title = `cognitive ${f.cognitiveComplexity} · cyclomatic ${f.cyclomaticComplexity}${cost > 0 ? ` · costs ${round(cost)} pts` : ''}`;
    lenses.push({ range: { start: { line: f.startLine - 1, character: 0 }, end: { line: f.startLine - 1, character: 0 } }, command: command(title) });
  }
  return lenses;
}
