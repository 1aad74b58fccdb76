/**
 * The server as a non-VS Code editor sees it: exactly the command of the
 * README's Neovim snippet (`node dist/cli.js server --stdio`), an empty
 * capabilities object (no workspace/configuration, no versioned edits, no
 * workspace folders, no progress), `initializationOptions` as in the snippet,
 * and a client that answers every server → client request with "method not
 * found", as a bare client does. The server must never need one.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCodes, ResponseError } from 'vscode-jsonrpc/node';
import { DIST, applyEdits, rangeOf, tempWorkspace } from '../helpers/workspace';
import { StdioLspClient } from '../helpers/lspClient';

const ws = tempWorkspace('platform/workspace');
const client = new StdioLspClient([path.join(DIST, 'cli.js'), 'server', '--stdio'], undefined);
/** Requests the server sent to this client (a bare client supports none). */
const requests: string[] = [];
const messages: { type: number; message: string }[] = [];

before(async () => {
  // The shared helper answers a few requests for the richer clients; a bare client answers none.
  for (const method of ['workspace/configuration', 'window/workDoneProgress/create', 'client/registerCapability', 'window/showMessageRequest', 'workspace/applyEdit']) {
    client.connection.onRequest(method, () => {
      requests.push(method);
      return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
    });
  }
  client.connection.onRequest((method) => {
    requests.push(method);
    return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
  });
  client.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => messages.push(p));
  // What `vim.lsp.start` of the README sends, minus Neovim's own capabilities.
  const init: any = await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(ws).href,
    workspaceFolders: null,
    capabilities: {},
    initializationOptions: { trusted: true },
  });
  assert.equal(init.serverInfo.name, 'argus');
  assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
  await client.connection.sendNotification('initialized', {});
});

after(() => client.shutdown());

test('a client with no capabilities gets diagnostics and plain (unversioned) fix edits', async () => {
  const file = path.join(ws, 'app', 'loader.py');
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  await client.open(uri, 'python', text);
  const diags = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
  assert.deepEqual(diags.map((d) => [d.code, d.range]), [
    ['security/py-yaml-load', rangeOf(text, 'yaml.load(stream)')],
    ['security/py-weak-hash', rangeOf(text, 'hashlib.md5(body)')],
  ]);
  const actions: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diags[0]!.range, context: { diagnostics: [diags[0]] } });
  assert.equal(actions[0].title, 'Use yaml.safe_load');
  assert.deepEqual(Object.keys(actions[0].edit), ['changes'], 'no documentChanges for a client that did not announce them');
  assert.equal(applyEdits(text, actions[0].edit.changes[uri]), text.replace('yaml.load(', 'yaml.safe_load('));
  assert.equal(client.exited, false);
});

test('"mark as false positive" works without a client-side command: the server runs it and hides the finding', async () => {
  const uri = pathToFileURL(path.join(ws, 'app', 'loader.py')).href;
  const text = readFileSync(path.join(ws, 'app', 'loader.py'), 'utf8');
  const diags = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 2);
  const actions: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diags[1]!.range, context: { diagnostics: [diags[1]] } });
  const mark = actions.find((a) => a.title === 'Argus: mark as false positive');
  // A bare client runs a code action's command through workspace/executeCommand, arguments unchanged.
  const result = await client.connection.sendRequest('workspace/executeCommand', { command: mark.command.command, arguments: mark.command.arguments });
  assert.deepEqual(result, { ok: true, message: 'Marked security/py-weak-hash in app/loader.py as a false positive.' });
  const after = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 1);
  assert.deepEqual(after.map((d) => [d.code, d.range]), [['security/py-yaml-load', rangeOf(text, 'yaml.load(stream)')]]);
  const stored = JSON.parse(readFileSync(path.join(ws, '.argus', 'feedback.json'), 'utf8'));
  assert.deepEqual(stored.marks.map((m: any) => [m.ruleId, m.path, m.reason]), [['security/py-weak-hash', 'app/loader.py', undefined]]);
});

test('the server sent no request a bare client cannot answer, and showed no error', () => {
  assert.deepEqual(requests, []);
  assert.deepEqual(messages.filter((m) => m.type === 1), []);
  assert.equal(client.exited, false);
});
