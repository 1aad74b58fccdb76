import type { CodeLens } from 'vscode-languageserver/node';
import { lowerBound } from '../core/review/frames';

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
  const costs = functionCosts(r.functions, r.recoverable);
  r.functions.forEach((f, i) => {
    const cost = costs[i]!;
    const title = `cognitive ${f.cognitiveComplexity} · cyclomatic ${f.cyclomaticComplexity}${cost > 0 ? ` · costs ${round(cost)} pts` : ''}`;
    lenses.push({ range: { start: { line: f.startLine - 1, character: 0 }, end: { line: f.startLine - 1, character: 0 } }, command: command(title) });
  });
  return lenses;
}

/**
 * The points each function's findings cost: the shares of the recoverable
 * findings on its lines that lie in none of the other functions within it
 * (a finding belongs to the innermost function around its line; two
 * functions on the same lines both contain each other). Shares are added
 * in the order of `recoverable`. Sorted lookups instead of comparing every
 * pair: a 10k-line file has hundreds of functions, and the lenses are
 * rebuilt after every keystroke.
 */
export function functionCosts(functions: ReviewData['functions'], recoverable: ReviewData['recoverable']): number[] {
  const byStart = functions.map((_, i) => i).sort((a, b) => functions[a]!.startLine - functions[b]!.startLine);
  const starts = byStart.map((i) => functions[i]!.startLine);
  const byLine = recoverable.map((_, i) => i).sort((a, b) => recoverable[a]!.line - recoverable[b]!.line || a - b);
  const lines = byLine.map((i) => recoverable[i]!.line);
  return functions.map((f) => {
    const inner: { startLine: number; endLine: number }[] = [];
    for (let k = lowerBound(starts, f.startLine); k < starts.length && starts[k]! <= f.endLine; k++) {
      const g = functions[byStart[k]!]!;
      if (g !== f && g.endLine <= f.endLine) inner.push(g);
    }
    const mine: number[] = [];
    for (let k = lowerBound(lines, f.startLine); k < lines.length && lines[k]! <= f.endLine; k++) {
      const x = recoverable[byLine[k]!]!;
      if (!inner.some((g) => x.line >= g.startLine && x.line <= g.endLine)) mine.push(byLine[k]!);
    }
    return mine.sort((a, b) => a - b).reduce((n, i) => n + recoverable[i]!.share, 0);
  });
}
