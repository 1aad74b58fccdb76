/**
 * The CI options in the JSON and SARIF reports. The base renderers stay as
 * they are; their output is extended here, so a report without
 * `--baseline`/`--changed-since` is byte-identical to before.
 */
import type { BaselineEntry } from '../core/baseline/baselineFile';
import type { Severity } from '../core/model/finding';
import type { CheckReport } from './check';
import { keepFindings, type CiContext } from './ciContext';
import { jsonReportChunks } from './json';
import { renderSarif } from './sarif';

/** The JSON report (in pieces, see {@link jsonReportChunks}) plus `baseline` and `changedSince` objects (docs/argus-report.schema.json) right after `summary`. */
export function renderJsonWithCi(report: CheckReport, ci: CiContext): Iterable<string> {
  return jsonReportChunks(report, { ...(ci.baseline ? { baseline: baselineJson(ci) } : {}), ...(ci.changedSince ? { changedSince: ci.changedSince } : {}) });
}

function baselineJson(ci: CiContext): Record<string, unknown> {
  const b = ci.baseline!;
  return {
    file: b.file,
    new: b.added,
    unchanged: b.unchanged.length,
    fixed: b.fixed.length,
    fixedFindings: b.fixed.map((e) => ({ path: e.path, ruleId: e.ruleId, fingerprint: e.fingerprint, severity: e.severity, message: e.message, line: e.range.start.line + 1 })),
  };
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/**
 * SARIF with `baselineState` (SARIF 2.1.0 §3.27.24) when a baseline is used:
 * reported findings are `new`, accepted ones are included as `unchanged`,
 * and fixed baseline entries are added as `absent` results at their old place.
 * `original` is the report before the baseline dropped the accepted findings;
 * `reported` the one after every filter. The CI counts go in `run.properties.argus`.
 */
export function renderSarifWithCi(original: CheckReport, reported: CheckReport, ci: CiContext): string {
  if (!ci.baseline && !ci.changedSince) return renderSarif(reported);
  const key = (path: string, fingerprint: string) => `${path}\0${fingerprint}`;
  const unchanged = new Set((ci.baseline?.unchanged ?? []).map((u) => key(u.path, u.finding.fingerprint)));
  const shown = new Set(reported.files.flatMap((f) => f.findings.map((x) => key(f.path, x.fingerprint))));
  const combined = ci.baseline ? keepFindings(original, (p, f) => shown.has(key(p, f.fingerprint)) || unchanged.has(key(p, f.fingerprint))) : reported;
  const sarif = JSON.parse(renderSarif(combined));
  const run = sarif.runs[0];
  if (ci.baseline) {
    for (const r of run.results as Record<string, any>[]) {
      if (r.suppressions) continue;
      const k = key(decodeURI(r.locations[0].physicalLocation.artifactLocation.uri), r.partialFingerprints['argusFingerprint/v1']);
      r.baselineState = unchanged.has(k) ? 'unchanged' : 'new';
    }
    const ruleIndex = new Map((run.tool.driver.rules as { id: string }[]).map((r, i) => [r.id, i]));
    run.results.push(...ci.baseline.fixed.map((e) => absentResult(e, ruleIndex.get(e.ruleId))));
  }
  const b = ci.baseline;
  run.properties = { argus: { ...(b ? { baseline: { file: b.file, new: b.added, unchanged: b.unchanged.length, fixed: b.fixed.length } } : {}), ...(ci.changedSince ? { changedSince: ci.changedSince } : {}) } };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function absentResult(e: BaselineEntry, ruleIndex: number | undefined): object {
  const region = { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 };
  return {
    ruleId: e.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: LEVEL[e.severity],
    message: { text: e.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(e.path), uriBaseId: 'SRCROOT' }, region } }],
    partialFingerprints: { 'argusFingerprint/v1': e.fingerprint },
    baselineState: 'absent',
  };
}
