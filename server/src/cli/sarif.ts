import { pathToFileURL } from 'node:url';
import type { Finding, RuleInfo, Severity } from '../core/model/finding';
import { ARGUS_VERSION } from './version';
import { allFindings, type CheckReport } from './check';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** SARIF 2.1.0 report: rules with CWE tags and security-severity, relative URIs, partial fingerprints. */
export function renderSarif(report: CheckReport): string {
  const used = new Set<string>();
  for (const { finding } of allFindings(report)) used.add(finding.ruleId);
  for (const f of report.files) for (const s of f.suppressed) used.add(s.ruleId);
  const rules = report.rules.filter((r) => used.has(r.id));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: object[] = [];
  for (const { path, finding } of allFindings(report)) results.push(result(path, finding, ruleIndex));
  for (const f of report.files) {
    for (const s of f.suppressed) {
      // A false-positive mark lives in .argus/feedback.json, outside the source: SARIF's `external`, with the user's reason.
      const reason = f.suppressionReasons?.[s.fingerprint];
      results.push({ ...result(f.path, s, ruleIndex), suppressions: [reason ? { kind: 'external', justification: reason } : { kind: 'inSource' }] });
    }
  }
  const rootUri = pathToFileURL(report.root.endsWith('/') ? report.root : `${report.root}/`).href;
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Argus', semanticVersion: ARGUS_VERSION, version: ARGUS_VERSION, informationUri: 'https://argus.invalid/', rules: rules.map(sarifRule) } },
        originalUriBaseIds: { SRCROOT: { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: report.ruleProblems.length === 0 }],
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

function sarifRule(r: RuleInfo): object {
  const tags = [r.engine === 'security' || r.engine === 'semgrep' ? 'security' : r.engine, r.category, ...(r.cwe ?? []).map((c) => `external/cwe/${c.toLowerCase()}`), ...(r.owasp ?? []).map((o) => `external/owasp/${o}`), ...(r.tags ?? [])];
  const properties: Record<string, unknown> = { tags: [...new Set(tags)] };
  if (r.securitySeverity !== undefined) properties['security-severity'] = r.securitySeverity.toFixed(1);
  return {
    id: r.id,
    name: r.name,
    shortDescription: { text: r.shortDescription },
    fullDescription: { text: r.fullDescription },
    help: { text: `${r.fullDescription}${r.helpUri ? `\nSee ${r.helpUri}` : ''}` },
    ...(r.helpUri ? { helpUri: r.helpUri } : {}),
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
    properties,
  };
}

function result(path: string, f: Finding, ruleIndex: Map<string, number>): object {
  const region = { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 };
  const artifactLocation = { uri: encodeURI(path), uriBaseId: 'SRCROOT' };
  const idx = ruleIndex.get(f.ruleId);
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    ...(idx !== undefined ? { ruleIndex: idx } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation, region } }],
    partialFingerprints: { 'argusFingerprint/v1': f.fingerprint },
  };
  const fix = f.fixes?.find((x) => x.preferred) ?? f.fixes?.[0];
  if (fix) {
    out.fixes = [
      {
        description: { text: fix.title },
        artifactChanges: [
          {
            artifactLocation,
            replacements: fix.edits.map((e) => ({
              deletedRegion: { startLine: e.range.start.line + 1, startColumn: e.range.start.character + 1, endLine: e.range.end.line + 1, endColumn: e.range.end.character + 1 },
              insertedContent: { text: e.newText },
            })),
          },
        ],
      },
    ];
  }
  return out;
}
