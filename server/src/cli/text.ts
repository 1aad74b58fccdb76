import type { Severity } from '../core/model/finding';
import { allFindings, type CheckReport } from './check';

const COLOURS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' };
const RESET = '\x1b[0m';

/** Renders `file:line:col severity rule-id message` lines (1-based), plus a summary line. */
export function renderText(report: CheckReport, color: boolean): string {
  const lines: string[] = [];
  for (const p of report.ruleProblems) lines.push(`${p.path}:${p.line + 1}:${p.character + 1} error rule-pack ${p.message}`);
  for (const { path, finding: f } of allFindings(report)) {
    const sev = color ? `${COLOURS[f.severity]}${f.severity}${RESET}` : f.severity;
    const loc = `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
    lines.push(`${color ? `\x1b[1m${loc}${RESET}` : loc} ${sev} ${f.ruleId} ${f.message.replace(/\s*\n\s*/g, ' ')}`);
  }
  for (const f of report.files) if (f.skipped) lines.push(`${f.path}: skipped: ${f.skipped}`);
  for (const f of report.files) if (f.error) lines.push(`${f.path}: not analysed: ${f.error}`);
  if (report.semgrep.startsWith('error')) lines.push(`semgrep: ${report.semgrep}`);
  const counts = countBySeverity(report);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  lines.push(`${total} finding${total === 1 ? '' : 's'} (${counts.error} error, ${counts.warning} warning, ${counts.info} info, ${counts.hint} hint) in ${report.files.length} file${report.files.length === 1 ? '' : 's'}, ${Math.round(report.millis)} ms`);
  return lines.join('\n') + '\n';
}

/** Findings per severity across the report. */
export function countBySeverity(report: CheckReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const { finding } of allFindings(report)) counts[finding.severity]++;
  return counts;
}
