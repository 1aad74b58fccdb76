import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient/node';
import {
  FEEDBACK_MARKS_REQUEST,
  SERVER_COMMANDS,
  type FeedbackCommandResult,
  type FeedbackMarksResult,
  type MarkFalsePositiveArgs,
  type UnmarkFalsePositiveArgs,
} from '../../protocol/protocol';
import type { ClientContext } from './clientContext';
import { argusRequest, errorText } from './webviews/request';

/**
 * Client middleware for the server's "mark as false positive" command (the
 * code action runs it): asks for an optional reason first. Escape cancels
 * the mark; an empty reason stores the mark without one. Other LSP clients
 * run the same server command without the prompt.
 */
export const feedbackMiddleware: Pick<Middleware, 'executeCommand'> = {
  async executeCommand(command, args, next) {
    if (command !== SERVER_COMMANDS.markFalsePositive) return next(command, args);
    const target = args[0] as MarkFalsePositiveArgs | undefined;
    const reason = await vscode.window.showInputBox({
      title: `Argus: mark ${target?.ruleId ?? 'finding'} as a false positive`,
      prompt: 'Why is this not a problem? (optional; Enter to mark without a reason, Escape to cancel)',
      placeHolder: 'e.g. the input is a constant',
      ignoreFocusOut: true,
    });
    if (reason === undefined) return undefined;
    const result = (await next(command, [{ ...target, ...(reason.trim() ? { reason: reason.trim() } : {}) }])) as FeedbackCommandResult | undefined;
    // Refusals are shown by the server itself (window/showMessage), for every client alike.
    if (result?.ok) void vscode.window.setStatusBarMessage(`Argus: ${result.message}`, 5000);
    return result;
  },
};

/**
 * "Argus: Show False-Positive Marks": lists every folder's marks; the ones
 * picked are removed (unmarked), so their findings show again.
 */
export async function showFalsePositiveMarks(ctx: ClientContext): Promise<void> {
  let listing: FeedbackMarksResult;
  try {
    listing = await argusRequest<FeedbackMarksResult>(ctx, FEEDBACK_MARKS_REQUEST, {});
  } catch (err) {
    void vscode.window.showErrorMessage(errorText(err).message);
    return;
  }
  const broken = listing.folders.filter((f) => f.problems.length > 0);
  for (const f of broken) {
    const open = 'Open feedback.json';
    void vscode.window.showErrorMessage(`Argus: ${vscode.Uri.parse(f.fileUri).fsPath} is invalid (${f.problems[0]}); marks cannot be removed until it is fixed.`, open).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(vscode.Uri.parse(f.fileUri));
    });
  }
  type Item = vscode.QuickPickItem & { folderUri: string; mark: UnmarkFalsePositiveArgs['marks'][number] };
  const items: Item[] = listing.folders
    .filter((f) => f.problems.length === 0)
    .flatMap((f) => f.marks.map((m) => ({ label: m.ruleId, description: m.path, detail: `${m.reason ?? 'no reason given'} · ${m.createdAt}`, folderUri: f.folderUri, mark: { path: m.path, ruleId: m.ruleId, fingerprint: m.fingerprint } })));
  if (items.length === 0) {
    if (broken.length === 0) void vscode.window.showInformationMessage('Argus: no finding is marked as a false positive.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Argus: false-positive marks', placeHolder: 'Select marks to remove (their findings show again)' });
  if (!picked?.length) return;
  const client = ctx.languageClient;
  if (!client) return void vscode.window.showErrorMessage('Argus: the server is not running. Run "Argus: Restart Server".');
  for (const folderUri of new Set(picked.map((p) => p.folderUri))) {
    const args: UnmarkFalsePositiveArgs = { folderUri, marks: picked.filter((p) => p.folderUri === folderUri).map((p) => p.mark) };
    const r = (await client.sendRequest('workspace/executeCommand', { command: SERVER_COMMANDS.unmarkFalsePositive, arguments: [args] })) as FeedbackCommandResult | null;
    if (r?.ok) void vscode.window.showInformationMessage(`Argus: ${r.message}`);
  }
}
