import * as vscode from 'vscode';
import type { ClientContext } from '../clientContext';

/** JSON-RPC "method not found": the server predates the request. */
const METHOD_NOT_FOUND = -32601;
/** How long a request waits for a server that is still starting (activation, restart). */
const START_WAIT_MS = 20_000;

/** A failed Argus request, with a message meant for the user. */
export class ArgusRequestError extends Error {
  constructor(
    message: string,
    /** A second line: what to do about it. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

async function runningClient(ctx: ClientContext): Promise<NonNullable<ClientContext['languageClient']>> {
  // A panel opened right after start-up (or during "Restart Server") would otherwise
  // fail at once; the language client usually becomes ready within a few seconds.
  const deadline = Date.now() + START_WAIT_MS;
  for (;;) {
    const client = ctx.languageClient;
    if (client) return client;
    if (Date.now() > deadline) {
      throw new ArgusRequestError('The Argus language server is not running.', 'Run "Argus: Restart Server", then "Argus: Show Output" if it fails again.');
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Sends one of Argus's custom requests. Every failure (no server, method not
 * implemented, server error) becomes an {@link ArgusRequestError} whose
 * message can be shown as is.
 */
export async function argusRequest<R>(ctx: ClientContext, method: string, params: object): Promise<R> {
  const client = await runningClient(ctx);
  try {
    return await client.sendRequest<R>(method, params);
  } catch (err) {
    const e = err as { code?: number; message?: string };
    if (e?.code === METHOD_NOT_FOUND) {
      throw new ArgusRequestError(`This Argus server does not handle "${method}" (${e.message ?? 'method not found'}).`, 'The server and the extension are out of step: rebuild or update Argus.');
    }
    throw new ArgusRequestError(`Argus request "${method}" failed: ${e?.message ?? String(err)}`, 'Details are in "Argus: Show Output".');
  }
}

/** Opens `uri` with the cursor at the start of a 1-based `line` (omitted: keep the editor's own position). */
export async function openAt(uri: vscode.Uri, line: number | undefined, column: vscode.ViewColumn | undefined): Promise<void> {
  const options: vscode.TextDocumentShowOptions = { viewColumn: column ?? vscode.ViewColumn.One, preserveFocus: false };
  if (line !== undefined && Number.isFinite(line)) {
    const l = Math.max(0, Math.floor(line) - 1);
    options.selection = new vscode.Range(l, 0, l, 0);
  }
  const editor = await vscode.window.showTextDocument(uri, options);
  if (options.selection) editor.revealRange(options.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** The message of an error, for a toast or a panel. */
export function errorText(err: unknown): { message: string; detail?: string } {
  if (err instanceof ArgusRequestError) return { message: err.message, ...(err.detail ? { detail: err.detail } : {}) };
  return { message: err instanceof Error ? err.message : String(err) };
}
