import {
  CodeAction,
  CodeActionKind,
  Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  type Hover,
  MarkupKind,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, Fix, RuleInfo, Severity, TextEdit } from '../core/model/finding';

/** The `source` of every Argus diagnostic, shown in the Problems panel. */
export const DIAGNOSTIC_SOURCE = 'Argus';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to the server in code-action requests. */
export interface DiagnosticData {
  readonly fingerprint: string;
  readonly version: number | null;
}

/**
 * The only place that turns findings into LSP types. Ranges are already
 * UTF-16 (LSP's default position encoding), so they pass through unchanged.
 */
export function toDiagnostic(f: Finding, uri: string, version: number | null): Diagnostic {
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    data: { fingerprint: f.fingerprint, version } satisfies DiagnosticData,
  };
  if (f.docsUrl) d.codeDescription = { href: f.docsUrl };
  const tags = (f.tags ?? []).map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (tags.length) d.tags = tags;
  if (f.related?.length) d.relatedInformation = f.related.map((r) => ({ location: { uri: r.uri ?? uri, range: r.range }, message: r.message }));
  return d;
}

/** A workspace edit for one document; versioned when the client supports it, so stale edits are refused. */
export function toWorkspaceEdit(uri: string, version: number | null, edits: readonly TextEdit[], versioned: boolean): WorkspaceEdit {
  const plain = edits.map((e) => ({ range: e.range, newText: e.newText }));
  if (!versioned) return { changes: { [uri]: plain } };
  return { documentChanges: [TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, version), plain)] };
}

/** A quick-fix code action for one of a finding's fixes. */
export function toFixAction(fix: Fix, diagnostic: Diagnostic, uri: string, version: number | null, versioned: boolean): CodeAction {
  const action = CodeAction.create(fix.title, toWorkspaceEdit(uri, version, fix.edits, versioned), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}

/** Hover text for the findings under the cursor: the rule's description, its tags and a docs link. */
export function toHover(items: readonly { finding: Finding; rule: RuleInfo | undefined }[]): Hover {
  const parts = items.map(({ finding, rule }) => {
    const lines = [`**Argus** \`${finding.ruleId}\` — ${finding.message}`];
    if (rule) lines.push('', rule.fullDescription);
    const tags = [...(finding.cwe ?? []), ...(finding.owasp ?? []).map((o) => `OWASP ${o}`)];
    if (tags.length) lines.push('', tags.join(' · '));
    const href = finding.docsUrl ?? rule?.helpUri;
    if (href) lines.push('', `[Documentation for ${finding.ruleId}](${href})`);
    return lines.join('\n');
  });
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') } };
}
