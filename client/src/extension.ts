import type * as vscode from 'vscode';
import { ClientContext } from './clientContext';
import { registerCommands } from './commands';

let ctx: ClientContext | undefined;

/** Starts the Argus language server and registers the palette commands. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  ctx = new ClientContext(context);
  context.subscriptions.push(ctx, ...registerCommands(ctx));
  try {
    await ctx.start();
  } catch (err) {
    ctx.log.error(`the server failed to start: ${(err as Error)?.stack ?? err}`);
  }
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
}
