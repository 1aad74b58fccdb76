import * as vscode from 'vscode';
import { RULE_DISABLE_PLAN_REQUEST, RULE_STATISTICS_REQUEST, type RuleDisablePlan, type RuleDisablePlanResult, type RuleStatisticsResult } from '../../../protocol/protocol';
import type { ClientContext } from '../clientContext';
import type { FromWebview, RuleStatisticsView } from './messages';
import { Panel } from './panel';
import { argusRequest } from './request';

/** Analyses are published in bursts (a re-analysis of every open file, a workspace scan): request once they settle. */
const DEBOUNCE_MS = 300;

/**
 * "Argus: Rule Statistics": per rule, findings, inline suppressions,
 * false-positive marks, shadow findings of experimental rules and the
 * estimated precision; rules that are mostly noise get a "Disable" button.
 */
export class RuleStatisticsPanel extends Panel<RuleStatisticsView> {
  private seq = 0;
  /** Numbers are on screen: a background refresh replaces them instead of flashing "Loading". */
  private shown = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(ctx: ClientContext) {
    super(ctx, { viewType: 'argus.ruleStatistics', title: 'Argus Rule Statistics', script: 'ruleStatistics' });
  }

  protected async refresh(): Promise<void> {
    const seq = ++this.seq;
    if (!this.shown) this.setState({ type: 'loading', message: 'Counting findings and marks…' });
    try {
      const r = await argusRequest<RuleStatisticsResult>(this.ctx, RULE_STATISTICS_REQUEST, {});
      if (seq !== this.seq) return;
      if (!r || !Array.isArray(r.rows)) throw new Error('the server sent rule statistics without rows');
      this.shown = true;
      this.setState({ type: 'data', data: r });
    } catch (err) {
      if (seq !== this.seq) return;
      this.shown = false;
      this.setError(err);
    }
  }

  protected watch(): vscode.Disposable[] {
    // The numbers are the server's latest analyses, and every analysis is published as
    // diagnostics: after a save, a mark, a config change ("Disable" included), a scan. A save
    // event alone came too early: the re-analysis it starts was not counted yet, and a rule just
    // turned off kept its findings and its "Disable" button until a manual refresh.
    return [vscode.languages.onDidChangeDiagnostics(() => this.schedule()), { dispose: () => clearTimeout(this.timer) }];
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  protected async handle(m: FromWebview): Promise<void> {
    if (m.type === 'refresh') await this.refresh();
    else if (m.type === 'scan') {
      await vscode.commands.executeCommand('argus.scanWorkspace');
      await this.refresh();
    } else if (m.type === 'disableRule') await this.disable(m.ruleId);
  }

  /** Writes `<rule>: off` into each folder's root `.argus.yml` where the server verified it is safe; else offers a snippet. */
  private async disable(ruleId: string): Promise<void> {
    const { plans } = await argusRequest<RuleDisablePlanResult>(this.ctx, RULE_DISABLE_PLAN_REQUEST, { ruleId });
    for (const plan of plans) {
      if (plan.kind === 'edit') await applyPlan(plan);
      else await offerSnippet(plan);
    }
    await this.refresh();
  }
}

async function applyPlan(plan: Extract<RuleDisablePlan, { kind: 'edit' }>): Promise<void> {
  const uri = vscode.Uri.parse(plan.fileUri);
  const edit = new vscode.WorkspaceEdit();
  if (plan.created) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), plan.newText);
  } else {
    const doc = await vscode.workspace.openTextDocument(uri);
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), plan.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${uri.fsPath}`);
  const doc = await vscode.workspace.openTextDocument(uri);
  await doc.save();
  void vscode.window.showInformationMessage(`Argus: turned the rule off in ${vscode.workspace.asRelativePath(uri)}.`, 'Open').then((c) => {
    if (c === 'Open') void vscode.window.showTextDocument(uri);
  });
}

async function offerSnippet(plan: Extract<RuleDisablePlan, { kind: 'snippet' }>): Promise<void> {
  const copy = 'Copy snippet';
  const choice = await vscode.window.showWarningMessage(`Argus: ${vscode.workspace.asRelativePath(vscode.Uri.parse(plan.fileUri))} was not changed: ${plan.reason}. Add this yourself:\n\n${plan.snippet}`, { modal: true }, copy);
  if (choice === copy) await vscode.env.clipboard.writeText(plan.snippet);
}
