/**
 * `--format github`: GitHub Actions workflow commands, one annotation per
 * finding, shown on the changed files of a pull request and in the run summary.
 */
import type { Severity } from '../core/model/finding';
import { allFindings, type CheckReport } from './check';
import type { CiContext } from './ciContext';
import { ciSummaryLines, findingSummaryLine } from './ciText';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/**
 * Escapes a command's message, as the runner's toolkit does
 * (`escapeData` in @actions/core): `%` first, then CR and LF.
 */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (`escapeProperty` in @actions/core): as data, plus `:` and `,`, which delimit properties. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One `::error|warning|notice file=…,line=…,endLine=…,col=…,endColumn=…,title=<rule>::<message>`
 * line per finding (1-based, paths relative to the current folder, which
 * should be the repository root), then the counts as plain log lines.
 */
export function renderGithub(report: CheckReport, ci: CiContext): string {
  const lines: string[] = [];
  for (const p of report.ruleProblems) lines.push(`::error file=${escapeProperty(p.path)},line=${p.line + 1},col=${p.character + 1},title=rule-pack::${escapeData(p.message)}`);
  for (const { path, finding: f } of allFindings(report)) {
    const props = [`file=${escapeProperty(path)}`, `line=${f.range.start.line + 1}`, `endLine=${f.range.end.line + 1}`, `col=${f.range.start.character + 1}`, `endColumn=${f.range.end.character + 1}`, `title=${escapeProperty(f.ruleId)}`];
    lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
  }
  for (const f of report.files) if (f.error) lines.push(`::warning file=${escapeProperty(f.path)},title=not-analysed::${escapeData(f.error)}`);
  lines.push(...ciSummaryLines(ci), findingSummaryLine(report));
  return lines.join('\n') + '\n';
}
