import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { STATUS_NOTIFICATION, TRUST_GRANTED_NOTIFICATION, type InitializationOptions, type StatusParams } from '../../protocol/protocol';
import { StatusItem } from './statusItem';
import { feedbackMiddleware } from './feedbackCommands';

/** Documents Argus analyses, by language id, plus its own config files. */
export const DOCUMENT_SELECTOR: vscode.DocumentFilter[] = [
  ...['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'java', 'go', 'php', 'dfa'].flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  { scheme: 'file', pattern: '**/*.dfa.json' },
  { scheme: 'file', pattern: '**/.argus.yml' },
];

/**
 * Owns the language client's lifecycle (start, restart, stop), the log
 * channel and the status item. Commands and activation talk to this object
 * instead of module-level globals.
 */
export class ClientContext implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly status: StatusItem;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Argus', { log: true });
    this.status = new StatusItem(DOCUMENT_SELECTOR);
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        void this.client?.sendNotification(TRUST_GRANTED_NOTIFICATION);
      }),
    );
  }

  /** The running client, if any. */
  get languageClient(): LanguageClient | undefined {
    return this.client?.state === State.Running ? this.client : undefined;
  }

  async start(): Promise<void> {
    const module = this.extension.asAbsolutePath('dist/server.js');
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
    };
    const clientOptions: LanguageClientOptions = {
      // The same filters in the protocol's type (vscode.DocumentFilter and the LSP filter differ only in typing).
      documentSelector: DOCUMENT_SELECTOR as LanguageClientOptions['documentSelector'],
      outputChannel: this.log,
      traceOutputChannel: this.log,
      initializationOptions: { trusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
      // The server re-reads .argus/feedback.json on its own when it changes; the event just re-analyses open files sooner.
      synchronize: { fileEvents: [vscode.workspace.createFileSystemWatcher('**/.argus.yml'), vscode.workspace.createFileSystemWatcher('**/.argus/feedback.json')] },
      middleware: feedbackMiddleware,
    };
    const client = new LanguageClient('argus', 'Argus', serverOptions, clientOptions);
    this.client = client;
    client.onNotification(STATUS_NOTIFICATION, (p: StatusParams) => this.status.update(p));
    client.onDidChangeState((e) => {
      if (e.newState === State.Stopped) this.status.stopped('server stopped; run "Argus: Restart Server"');
    });
    this.log.info(`starting server ${module} (workspace trusted: ${vscode.workspace.isTrusted})`);
    await client.start();
  }

  async restart(): Promise<void> {
    this.log.info('restarting server');
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c && c.state !== State.Stopped) await c.stop();
  }

  dispose(): void {
    void this.stop();
    this.status.dispose();
    for (const d of this.disposables) d.dispose();
    this.log.dispose();
  }
}
