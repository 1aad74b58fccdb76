import type { Finding } from '../core/model/finding';
import { ARGUS_VERSION } from './version';
import type { CheckReport } from './check';
import { countBySeverity } from './text';

/** Schema version of the JSON report; bump on breaking changes (documented in docs/json-report.md). */
export const JSON_REPORT_VERSION = 1;

/** A finding as it appears in the JSON report: the plain finding plus its path and 1-based coordinates. */
function jsonFinding(path: string, f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    engine: f.engine,
    category: f.category,
    severity: f.severity,
    message: f.message,
    path,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    range: f.range,
    cwe: f.cwe ?? [],
    owasp: f.owasp ?? [],
    fingerprint: f.fingerprint,
    docsUrl: f.docsUrl ?? null,
    fixes: (f.fixes ?? []).map((x) => ({ title: x.title, preferred: x.preferred ?? false, edits: x.edits })),
    related: f.related ?? [],
  };
}

/** One file of the JSON report. */
function jsonFile(f: CheckReport['files'][number]): Record<string, unknown> {
  return {
    path: f.path,
    language: f.languageId,
    skipped: f.skipped ?? null,
    error: f.error ?? null,
    findings: f.findings.map((x) => jsonFinding(f.path, x)),
    suppressed: f.suppressed.map((x) => {
      const reason = f.suppressionReasons?.[x.fingerprint];
      return reason ? { ...jsonFinding(f.path, x), suppressionReason: reason } : jsonFinding(f.path, x);
    }),
    engines: f.engines,
  };
}

/**
 * The documented JSON report (schema: docs/argus-report.schema.json) in
 * pieces: the header, then one piece per file. Written piece by piece, a
 * large report never exists as one string or one object tree next to the
 * results (on webpack's 789 files that string alone is 17 MB). `extra`
 * properties go right after `summary`. Joined, the pieces are exactly
 * `JSON.stringify(report, null, 2)`.
 */
export function* jsonReportChunks(report: CheckReport, extra: Readonly<Record<string, unknown>> = {}): Generator<string> {
  const counts = countBySeverity(report);
  const head = {
    version: JSON_REPORT_VERSION,
    tool: { name: 'argus', version: ARGUS_VERSION },
    root: report.root,
    summary: {
      files: report.files.length,
      findings: counts.error + counts.warning + counts.info + counts.hint,
      bySeverity: counts,
      suppressed: report.files.reduce((n, f) => n + f.suppressed.length, 0),
      skipped: report.files.filter((f) => f.skipped).length,
      millis: Math.round(report.millis),
      semgrep: report.semgrep,
      ...(report.workers !== undefined ? { workers: report.workers } : {}),
      ...(report.cache ? { cache: { ...report.cache } } : {}),
    },
    ...extra,
    configProblems: report.configFindings.flatMap((c) => c.findings.map((x) => jsonFinding(c.path, x))),
    rulePackProblems: report.ruleProblems.map((p) => ({ path: p.path, line: p.line + 1, column: p.character + 1, message: p.message })),
    files: [],
  };
  const text = JSON.stringify(head, null, 2);
  const n = report.files.length;
  if (n === 0) {
    yield text + '\n';
    return;
  }
  // `text` ends with `"files": []\n}`; the files go between the brackets, indented two levels.
  yield text.slice(0, -'[]\n}'.length) + '[\n';
  // Nested two arrays deep, JSON.stringify indents the file by four spaces itself: the text between
  // the wrapper's `[\n  [\n` and `\n  ]\n]` is the indented file (a regex re-indent cost 2.5× as much).
  for (let i = 0; i < n; i++) yield JSON.stringify([[jsonFile(report.files[i]!)]], null, 2).slice(6, -6) + (i < n - 1 ? ',\n' : '\n');
  yield '  ]\n}\n';
}

/** The whole JSON report as one string (small reports, tests); see {@link jsonReportChunks}. */
export function renderJson(report: CheckReport): string {
  return [...jsonReportChunks(report)].join('');
}
