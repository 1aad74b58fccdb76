import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** A real LSP client over the stdio of a spawned server process, for protocol tests. */
export class StdioLspClient {
  readonly connection: MessageConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly progress: unknown[] = [];
  readonly logs: string[] = [];
  readonly status: unknown[] = [];
  private readonly proc: ChildProcess;
  private stderr = '';

  /**
   * Starts `node <args>` with the given settings answered to every
   * `workspace/configuration` request (undefined = do not announce that capability).
   */
  constructor(args: readonly string[], readonly settings: Record<string, unknown> | undefined = {}) {
    this.proc = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.published.push(p));
    this.connection.onNotification('$/progress', (p: unknown) => this.progress.push(p));
    this.connection.onNotification('window/logMessage', (p: { message: string }) => this.logs.push(p.message));
    this.connection.onNotification('argus/status', (p: unknown) => this.status.push(p));
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings ?? null));
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.listen();
  }

  /** Sends `initialize` + `initialized` for one workspace folder. */
  async initialize(rootUri: string, opts: { trusted?: boolean; minimal?: boolean; codeLensRefresh?: boolean } = {}): Promise<any> {
    const capabilities = opts.minimal
      ? {}
      : {
          workspace: { configuration: this.settings !== undefined, workspaceEdit: { documentChanges: true }, workspaceFolders: true, ...(opts.codeLensRefresh ? { codeLens: { refreshSupport: true } } : {}) },
          window: { workDoneProgress: true },
          textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true, tagSupport: { valueSet: [1, 2] } }, codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } } },
        };
    const result = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: opts.minimal ? null : [{ uri: rootUri, name: 'ws' }],
      capabilities,
      initializationOptions: opts.minimal ? undefined : { trusted: opts.trusted ?? false },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Polls until diagnostics for `uri` satisfy `pred`, or fails after the deadline with what was seen. */
  async waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean, deadlineMs = 15000): Promise<Diagnostic[]> {
    const end = Date.now() + deadlineMs;
    while (Date.now() < end) {
      const hit = [...this.published].reverse().find((p) => p.uri === uri);
      if (hit && pred(hit)) return hit.diagnostics;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seen = this.published.filter((p) => p.uri === uri);
    throw new Error(`no matching diagnostics for ${uri} within ${deadlineMs} ms; saw ${JSON.stringify(seen).slice(0, 2000)}\nstderr: ${this.stderr.slice(0, 2000)}\nlogs: ${this.logs.slice(-10).join('\n')}`);
  }

  /** The server process exited? (Bad input must never kill it.) */
  get exited(): boolean {
    return this.proc.exitCode !== null;
  }

  async shutdown(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone; killing below is enough.
    }
    this.connection.dispose();
    this.proc.kill();
  }
}
