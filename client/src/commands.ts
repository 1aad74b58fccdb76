import * as vscode from 'vscode';
import { SERVER_COMMANDS, type ScanSummary } from '../../protocol/protocol';
import type { ClientContext } from './clientContext';
import { generateDfa, minimiseDfa, testString } from './dfaCommands';
import { DfaDiagramPanel } from './webviews/dfaDiagram';
import { ScorePanel } from './webviews/scorePanel';
import { WorkspaceReportPanel } from './webviews/workspaceReport';
import { RuleStatisticsPanel } from './webviews/ruleStatistics';
import { showFalsePositiveMarks } from './feedbackCommands';

/** Every palette command: id → handler. Titles and the "Argus" category live in package.json. */
export function registerCommands(ctx: ClientContext): vscode.Disposable[] {
  // One panel of each kind, created on first use and reused.
  const panels = { score: new ScorePanel(ctx), workspace: new WorkspaceReportPanel(ctx), dfa: new DfaDiagramPanel(ctx), ruleStats: new RuleStatisticsPanel(ctx) };
  const table: Record<string, () => unknown> = {
    'argus.scanWorkspace': () => scanWorkspace(ctx),
    'argus.restartServer': () => ctx.restart(),
    'argus.showOutput': () => ctx.log.show(true),
    'argus.showScorePanel': () => panels.score.show(),
    'argus.workspaceScoreReport': () => panels.workspace.show(),
    'argus.dfa.showDiagram': () => panels.dfa.show(),
    'argus.dfa.generate': () => generateDfa(ctx),
    'argus.dfa.testString': () => testString(ctx),
    'argus.dfa.minimise': () => minimiseDfa(),
    'argus.ruleStatistics': () => panels.ruleStats.show(),
    'argus.showFalsePositiveMarks': () => showFalsePositiveMarks(ctx),
  };
  return [...Object.entries(table).map(([id, fn]) => vscode.commands.registerCommand(id, fn)), ...Object.values(panels)];
}

async function scanWorkspace(ctx: ClientContext): Promise<void> {
  const client = ctx.languageClient;
  if (!client) {
    void vscode.window.showErrorMessage('Argus: the server is not running. Run "Argus: Restart Server".');
    return;
  }
  // The server reports $/progress with a cancel button; the result is a summary for the toast.
  const summary = (await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.scanWorkspace, arguments: [] })) as ScanSummary | null;
  if (!summary) return;
  const what = `${summary.findings} finding${summary.findings === 1 ? '' : 's'} in ${summary.files} file${summary.files === 1 ? '' : 's'} (${summary.millis} ms)`;
  void vscode.window.showInformationMessage(summary.cancelled ? `Argus: workspace scan cancelled after ${what}.` : `Argus: workspace scan found ${what}.`);
}
