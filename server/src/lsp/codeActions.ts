import { CodeAction, CodeActionKind, Command, type CodeActionParams, type Diagnostic } from 'vscode-languageserver/node';
import type { Finding, TextEdit } from '../core/model/finding';
import type { LanguageId } from '../core/document';
import type { LineIndex } from '../core/model/text';
import { rangesOverlap } from '../core/model/text';
import { disableForFileEdit, disableForLineEdit } from '../core/suppression/insert';
import { isMarkable } from '../core/feedback/match';
import { SERVER_COMMANDS, type MarkFalsePositiveArgs } from '../../../protocol/protocol';
import { DIAGNOSTIC_SOURCE, toFixAction, toWorkspaceEdit, type DiagnosticData } from './convert';

/** Title of the "mark as false positive" action; the rule id is appended when several findings are in range. */
export const MARK_FALSE_POSITIVE_TITLE = 'Argus: mark as false positive';

/** The `source.fixAll` kind Argus serves, for `editor.codeActionsOnSave`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.argus`;

/** The analysed state of one open document that code actions work from. */
export interface AnalysedDocument {
  readonly uri: string;
  readonly version: number;
  readonly languageId: LanguageId;
  readonly index: LineIndex;
  readonly findings: readonly Finding[];
}

/** Options that depend on the client's capabilities. */
export interface ActionOptions {
  /** The client accepts versioned `documentChanges`, so stale edits are refused by the editor. */
  readonly versioned: boolean;
}

function wants(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/**
 * Code actions for a range: each Argus diagnostic's own fixes (the rule's
 * preferred fix first), "disable for this line", "disable for the entire
 * file", "mark as false positive", and the fix-all source action.
 */
export function codeActionsFor(params: CodeActionParams, doc: AnalysedDocument, opts: ActionOptions): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wants(params, CodeActionKind.QuickFix)) {
    const disabled = new Set<string>();
    const found = params.context.diagnostics.map((d) => ({ diagnostic: d, finding: findingFor(d, doc) }));
    const markable = found.filter((x) => x.finding && isMarkable(x.finding));
    for (const { diagnostic, finding } of found) {
      if (!finding) continue;
      for (const fix of finding.fixes ?? []) actions.push(toFixAction(fix, diagnostic, doc.uri, doc.version, opts.versioned));
      if (finding.engine === 'suppression' || finding.engine === 'config' || disabled.has(finding.ruleId)) continue;
      disabled.add(finding.ruleId);
      actions.push(disableAction(`Disable ${finding.ruleId} for this line`, disableForLineEdit(doc.languageId, doc.index, finding.range.start.line, finding.ruleId), diagnostic, doc, opts));
      actions.push(disableAction(`Disable ${finding.ruleId} for the entire file`, disableForFileEdit(doc.languageId, doc.index, finding.ruleId), diagnostic, doc, opts));
    }
    for (const { diagnostic, finding } of markable) actions.push(markAction(finding!, diagnostic, doc.uri, markable.length > 1));
  }
  if (params.context.only && wants(params, FIX_ALL_KIND)) {
    const fixAll = fixAllAction(doc, opts);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/**
 * One action applying every finding's preferred fix that does not overlap an
 * earlier one. Overlapping fixes are skipped rather than merged: merging
 * neighbouring precomputed edits corrupts code (vscode-eslint #1745, semgrep #3388).
 */
export function fixAllAction(doc: AnalysedDocument, opts: ActionOptions): CodeAction | undefined {
  const accepted: TextEdit[] = [];
  for (const f of doc.findings) {
    const fix = f.fixes?.find((x) => x.preferred);
    if (!fix || f.engine === 'suppression') continue;
    if (fix.edits.some((e) => accepted.some((a) => rangesOverlap(a.range, e.range) || sameInsertPoint(a, e)))) continue;
    accepted.push(...fix.edits);
  }
  if (accepted.length === 0) return undefined;
  return CodeAction.create('Fix all auto-fixable Argus problems', toWorkspaceEdit(doc.uri, doc.version, accepted, opts.versioned), FIX_ALL_KIND);
}

function sameInsertPoint(a: TextEdit, b: TextEdit): boolean {
  return a.range.start.line === b.range.start.line && a.range.start.character === b.range.start.character;
}

/**
 * "Argus: mark as false positive" runs a server command, so any LSP client can
 * use it; the VS Code client adds a reason it asks for (see client/src/feedbackCommands.ts).
 * It comes after the fixes and the "disable" actions, and is never preferred.
 */
function markAction(finding: Finding, diagnostic: Diagnostic, uri: string, several: boolean): CodeAction {
  const title = several ? `${MARK_FALSE_POSITIVE_TITLE} (${finding.ruleId})` : MARK_FALSE_POSITIVE_TITLE;
  const args: MarkFalsePositiveArgs = { uri, fingerprint: finding.fingerprint, ruleId: finding.ruleId };
  const action = CodeAction.create(title, Command.create(title, SERVER_COMMANDS.markFalsePositive, args), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  return action;
}

function disableAction(title: string, edit: TextEdit, diagnostic: Diagnostic, doc: AnalysedDocument, opts: ActionOptions): CodeAction {
  const action = CodeAction.create(title, toWorkspaceEdit(doc.uri, doc.version, [edit], opts.versioned), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  return action;
}

/** The finding behind an Argus diagnostic, if the diagnostic is from the analysed version. */
function findingFor(diagnostic: Diagnostic, doc: AnalysedDocument): Finding | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as DiagnosticData | undefined;
  if (!data) return undefined;
  return doc.findings.find((f) => f.fingerprint === data.fingerprint);
}
