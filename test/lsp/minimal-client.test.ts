/**
 * The server as a non-VS Code editor sees it: `dist/server.js --stdio` with an
 * empty capabilities object (no workspace/configuration, no versioned edits,
 * no workspace folders, no progress), like a bare `vim.lsp.start` call.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, applyEdits, rangeOf, tempWorkspace } from '../helpers/workspace';
import { StdioLspClient } from '../helpers/lspClient';

const ws = tempWorkspace('platform/workspace');
const client = new StdioLspClient([path.join(DIST, 'server.js'), '--stdio'], undefined);
after(() => client.shutdown());

test('a client with no capabilities gets diagnostics and plain (unversioned) fix edits', async () => {
  await client.initialize(pathToFileURL(ws).href, { minimal: true });
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
