import * as path from 'node:path';
import * as vscode from 'vscode';
import { DFA_DIAGRAM_REQUEST, type DfaDiagramParams, type DfaDiagramResult } from '../../../protocol/protocol';
import type { ClientContext } from '../clientContext';
import type { DfaView, FromWebview } from './messages';
import { Panel } from './panel';
import { argusRequest } from './request';

const DEBOUNCE_MS = 300;

/** Whether a document is a `.dfa` machine file Argus can draw. */
export function isDfaDocument(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'dfa' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

/**
 * "Argus: Show DFA Diagram": a Graphviz drawing of one machine of a `.dfa`
 * file, with the counterexample's run highlighted, drawn in the webview with
 * viz-js (WebAssembly). Follows the active `.dfa` editor and redraws on save.
 */
export class DfaDiagramPanel extends Panel<DfaView> {
  private target: vscode.Uri | undefined;
  /** The machine picked in the panel; otherwise the one under the cursor when the command ran. */
  private machine: string | undefined;
  private position: vscode.Position | undefined;
  private shown: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(ctx: ClientContext) {
    super(ctx, { viewType: 'argus.dfaDiagram', title: 'DFA Diagram', script: 'dfaDiagram', styles: ['dfa.css'], wasm: true });
  }

  override show(): void {
    const editor = vscode.window.activeTextEditor;
    if (editor && isDfaDocument(editor.document)) {
      // Run from an editor: draw the machine under the cursor, whatever was picked before.
      this.target = editor.document.uri;
      this.machine = undefined;
      this.position = editor.selection.active;
    }
    super.show();
  }

  protected override watch(): vscode.Disposable[] {
    return [
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e && isDfaDocument(e.document) && e.document.uri.toString() !== this.target?.toString()) {
          this.target = e.document.uri;
          this.machine = undefined;
          this.position = e.selection.active;
          this.schedule();
        }
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.uri.toString() === this.target?.toString()) this.schedule();
      }),
      { dispose: () => clearTimeout(this.timer) },
    ];
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  protected async refresh(): Promise<void> {
    const uri = this.target;
    if (!uri) {
      this.setState({ type: 'empty', message: 'Open a .dfa file, put the cursor in a machine and run "Argus: Show DFA Diagram".' });
      return;
    }
    const seq = ++this.seq;
    const fileName = path.basename(uri.path);
    this.setTitle(`DFA: ${fileName}`);
    const key = `${uri.toString()}#${this.machine ?? ''}`;
    if (this.shown !== key) this.setState({ type: 'loading', message: `Drawing ${this.machine ?? 'the machine'} in ${fileName}…` });
    try {
      const r = await this.request(uri);
      if (seq !== this.seq) return;
      this.shown = key;
      this.setState({ type: 'data', data: { fileName, ...r } });
    } catch (err) {
      if (seq !== this.seq) return;
      this.shown = undefined;
      this.setError(err);
    }
  }

  private async request(uri: vscode.Uri): Promise<DfaDiagramResult> {
    const params: DfaDiagramParams = {
      uri: uri.toString(),
      ...(this.machine ? { machine: this.machine } : this.position ? { position: { line: this.position.line, character: this.position.character } } : {}),
    };
    try {
      return await argusRequest<DfaDiagramResult>(this.ctx, DFA_DIAGRAM_REQUEST, params);
    } catch (err) {
      // The picked machine may have been renamed or deleted since: fall back to the first one.
      if (!this.machine) throw err;
      this.machine = undefined;
      return argusRequest<DfaDiagramResult>(this.ctx, DFA_DIAGRAM_REQUEST, { uri: uri.toString() } satisfies DfaDiagramParams);
    }
  }

  protected async handle(m: FromWebview): Promise<void> {
    if (m.type === 'refresh') {
      await this.refresh();
    } else if (m.type === 'machine') {
      this.machine = m.name;
      await this.refresh();
    }
  }
}
