import * as vscode from 'vscode';
import { SERVER_COMMANDS, type ScanSummary } from '../../protocol/protocol';
import type { ClientContext } from './clientContext';

/** Every palette command: id → handler. Titles and the "Argus" category live in package.json. */
export function registerCommands(ctx: ClientContext): vscode.Disposable[] {
  const table: Record<string, () => unknown> = {
    'argus.scanWorkspace': () => scanWorkspace(ctx),
    'argus.restartServer': () => ctx.restart(),
    'argus.showOutput': () => ctx.log.show(true),
  };
  return Object.entries(table).map(([id, fn]) => vscode.commands.registerCommand(id, fn));
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
