import * as vscode from 'vscode';
import type { StatusParams } from '../../protocol/protocol';

/**
 * The language status item: which engines run, whether external tools are
 * allowed (workspace trust), and when the last analysis finished.
 */
export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('argus.status', selector);
    this.item.name = 'Argus';
    this.item.text = '$(loading~spin) Argus';
    this.item.detail = 'starting';
    this.item.command = { title: 'Show Output', command: 'argus.showOutput' };
  }

  /** Shows a server status update. */
  update(s: StatusParams): void {
    const untrusted = (s.engines.externalTools ?? '').startsWith('off');
    this.item.text = s.state === 'error' ? '$(error) Argus' : untrusted ? '$(shield) Argus (restricted)' : '$(check) Argus';
    const engines = Object.entries(s.engines)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · ');
    const last = s.last ? `last analysis ${new Date(s.last.at).toLocaleTimeString()} (${s.last.millis} ms)` : 'no analysis yet';
    this.item.detail = `${engines} — ${last}${s.message ? ` — ${s.message}` : ''}`;
    this.item.severity = s.state === 'error' ? vscode.LanguageStatusSeverity.Error : untrusted ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    this.item.busy = s.state === 'analyzing';
  }

  /** Shows that the server is not running, and why. */
  stopped(reason: string): void {
    this.item.text = '$(error) Argus';
    this.item.detail = reason;
    this.item.severity = vscode.LanguageStatusSeverity.Error;
  }

  dispose(): void {
    this.item.dispose();
  }
}
