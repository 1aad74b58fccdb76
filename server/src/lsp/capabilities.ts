/**
 * What the server announces in `initialize`, and which optional client
 * features it uses. Static data, kept out of the server's wiring.
 */
import type { InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import { TextDocumentSyncKind } from 'vscode-languageserver/node';
import { SERVER_COMMANDS } from '../../../protocol/protocol';
import { FIX_ALL_KIND } from './codeActions';
import { NoiseControl } from './noiseControl';

/** The server's capabilities: incremental sync, quick fixes and fix-all, hovers, code lenses and its commands. */
export function serverCapabilities(): InitializeResult {
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [SERVER_COMMANDS.scanWorkspace, ...NoiseControl.COMMANDS] },
      workspace: { workspaceFolders: { supported: true } },
    },
    serverInfo: { name: 'argus' },
  };
}

/** Optional client features the server adapts to; a client that announces none gets plain behaviour. */
export interface ClientFeatures {
  /** Versioned workspace edits, so a fix for an older version is refused. */
  readonly versionedEdits: boolean;
  /** `workspace/codeLens/refresh`, sent when a debounced result changes the lenses. */
  readonly lensRefresh: boolean;
  /** `workspace/configuration`: settings per resource; without it, defaults. */
  readonly configuration: boolean;
}

/** The optional features the client announced. */
export function clientFeatures(params: InitializeParams): ClientFeatures {
  const ws = params.capabilities.workspace;
  return { versionedEdits: ws?.workspaceEdit?.documentChanges === true, lensRefresh: ws?.codeLens?.refreshSupport === true, configuration: ws?.configuration === true };
}
