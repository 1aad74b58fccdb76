import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';
import type { FromWebview, ToWebview } from './messages';
import { errorText } from './request';

/** `publisher.name` from package.json: how the panels find the extension's files. */
const EXTENSION_ID = 'argus-dev.argus';

/** The extension's install folder (the panels load their scripts and CSS from it). */
export function extensionRoot(): vscode.Uri {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} not found`);
  return ext.extensionUri;
}

/** What distinguishes one panel kind from another. */
export interface PanelOptions {
  readonly viewType: string;
  readonly title: string;
  /** Bundle name in `dist/webview/` (from `media/src/<script>.ts`). */
  readonly script: string;
  /** Extra stylesheets in `media/`, after `panels.css`. */
  readonly styles?: readonly string[];
  /** The script compiles WebAssembly (viz-js): CSP needs 'wasm-unsafe-eval'. */
  readonly wasm?: boolean;
}

/**
 * The page of a webview: a strict CSP (no remote anything, scripts only by
 * nonce), theme colours through `--vscode-*` variables in the stylesheets, and
 * a static "Loading…" so that the panel is never blank, even if the script fails.
 */
export function webviewHtml(webview: vscode.Webview, root: vscode.Uri, o: PanelOptions): string {
  const nonce = randomBytes(16).toString('base64');
  const src = webview.asWebviewUri(vscode.Uri.joinPath(root, 'dist', 'webview', `${o.script}.js`));
  const css = ['panels.css', ...(o.styles ?? [])].map((f) => `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(root, 'media', f))}">`);
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'unsafe-inline'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'${o.wasm ? " 'wasm-unsafe-eval'" : ''}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${css.join('\n')}
<title>${o.title}</title>
</head>
<body data-argus-view="${o.script}">
<main id="app"><p class="state">Loading…</p></main>
<noscript><p class="state error">This panel needs JavaScript.</p></noscript>
<script nonce="${nonce}" src="${src}"></script>
</body>
</html>`;
}

/**
 * One webview panel of a kind, created on demand and reused. Subclasses
 * fetch their data in {@link refresh} and publish it with {@link setState};
 * the last state is replayed whenever the webview (re)loads.
 */
export abstract class Panel<T> implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private state: ToWebview<T> = { type: 'loading', message: 'Loading…' };
  private panelDisposables: vscode.Disposable[] = [];

  constructor(
    protected readonly ctx: ClientContext,
    private readonly options: PanelOptions,
  ) {}

  /** Opens the panel beside the editor (or reveals it) and refreshes its data. */
  show(): void {
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      const root = extensionRoot();
      const panel = vscode.window.createWebviewPanel(this.options.viewType, this.options.title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [vscode.Uri.joinPath(root, 'dist', 'webview'), vscode.Uri.joinPath(root, 'media')],
      });
      panel.webview.html = webviewHtml(panel.webview, root, this.options);
      this.panel = panel;
      this.panelDisposables = [
        panel.webview.onDidReceiveMessage((m: FromWebview) => this.receive(m)),
        panel.onDidDispose(() => this.closed()),
        ...this.watch(),
      ];
    }
    void this.refresh();
  }

  /** Sets the panel title, e.g. to the file it shows. */
  protected setTitle(title: string): void {
    if (this.panel) this.panel.title = title;
  }

  /** Publishes what the panel shows now. */
  protected setState(state: ToWebview<T>): void {
    this.state = state;
    void this.panel?.webview.postMessage(state);
  }

  /** Shows an error from a failed request or command in the panel. */
  protected setError(err: unknown): void {
    this.setState({ type: 'error', ...errorText(err) });
  }

  /** Whether the panel is open. */
  protected get isOpen(): boolean {
    return this.panel !== undefined;
  }

  /** Listeners that live as long as the panel (editor changes, saves). */
  protected watch(): vscode.Disposable[] {
    return [];
  }

  /** Fetches the data and publishes it. */
  protected abstract refresh(): Promise<void>;

  /** Handles a webview message other than `ready`. */
  protected abstract handle(message: FromWebview): Promise<void> | void;

  private receive(message: FromWebview): void {
    if (message?.type === 'ready') {
      void this.panel?.webview.postMessage(this.state);
      return;
    }
    Promise.resolve(this.handle(message)).catch((err) => {
      const { message: text } = errorText(err);
      void vscode.window.showErrorMessage(`Argus: ${text}`);
    });
  }

  private closed(): void {
    this.panel = undefined;
    for (const d of this.panelDisposables) d.dispose();
    this.panelDisposables = [];
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
