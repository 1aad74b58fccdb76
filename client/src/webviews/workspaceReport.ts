import * as vscode from 'vscode';
import { WORKSPACE_REPORT_REQUEST, type WorkspaceReportResult } from '../../../protocol/protocol';
import type { ClientContext } from '../clientContext';
import type { FromWebview, WorkspaceView } from './messages';
import { Panel } from './panel';
import { argusRequest, openAt } from './request';

/**
 * "Argus: Workspace Score Report": a sortable table of every scored file in
 * the workspace; a row opens its file. Refreshed on demand only (a workspace
 * scan is too heavy to repeat on every save).
 */
export class WorkspaceReportPanel extends Panel<WorkspaceView> {
  private seq = 0;

  constructor(ctx: ClientContext) {
    super(ctx, { viewType: 'argus.workspaceReport', title: 'Argus Workspace Score Report', script: 'workspaceReport' });
  }

  protected async refresh(): Promise<void> {
    if (!vscode.workspace.workspaceFolders?.length) {
      this.setState({ type: 'empty', message: 'Open a folder to get a workspace score report.' });
      return;
    }
    const seq = ++this.seq;
    this.setState({ type: 'loading', message: 'Scoring the workspace…' });
    const started = Date.now();
    try {
      // The scan takes seconds on a large workspace: show it in the status bar too.
      const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Argus: scoring the workspace' }, () =>
        argusRequest<WorkspaceReportResult>(this.ctx, WORKSPACE_REPORT_REQUEST, {}),
      );
      if (seq !== this.seq) return;
      if (!r || !Array.isArray(r.rows)) throw new Error('the server sent a workspace report without rows');
      this.setState({ type: 'data', data: { rows: r.rows, millis: Date.now() - started } });
    } catch (err) {
      if (seq === this.seq) this.setError(err);
    }
  }

  protected async handle(m: FromWebview): Promise<void> {
    if (m.type === 'refresh') await this.refresh();
    else if (m.type === 'open') await openAt(vscode.Uri.parse(m.uri), m.line, vscode.ViewColumn.One);
  }
}
