/**
 * Per-resource settings over `workspace/configuration`: the server asks the
 * client, caches per resource, and drops the cache on didChangeConfiguration.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, tempWorkspace } from '../helpers/workspace';
import { StdioLspClient } from '../helpers/lspClient';

const ws = tempWorkspace('platform/workspace');
const settings: Record<string, unknown> = { run: 'onSave' };
const client = new StdioLspClient([path.join(DIST, 'cli.js'), 'server', '--stdio'], settings);
after(() => client.shutdown());
const uri = pathToFileURL(path.join(ws, 'app', 'render.js')).href;
const text = readFileSync(path.join(ws, 'app', 'render.js'), 'utf8');

test('run: onSave analyses on open and save, not on typing', async () => {
  await client.initialize(pathToFileURL(ws).href);
  await client.open(uri, 'javascript', text);
  assert.equal((await client.waitForDiagnostics(uri, (p) => p.version === 1)).length, 1);
  await client.change(uri, 2, `${text}\n// typed\n`);
  // Saving is the barrier: if typing had triggered an analysis, version 2 would appear before the save's result.
  await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  await client.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(client.published.filter((p) => p.uri === uri).map((p) => p.version), [1, 2]);
});

test('didChangeConfiguration clears the settings cache and re-analyses open documents', async () => {
  settings.rules = { 'security/*': 'off' };
  const before = client.published.length;
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline && !client.published.slice(before).some((p) => p.uri === uri)) await new Promise((r) => setTimeout(r, 20));
  assert.deepEqual(client.published.slice(before).filter((p) => p.uri === uri).at(-1)?.diagnostics, [], 'the rule override from the new settings applies');
});

test('the status notification names engine states and says why external tools are off (untrusted)', () => {
  const last = client.status.at(-1) as any;
  assert.equal(last.state, 'ready');
  // The fixture's .argus.yml turns review and dfa off.
  assert.deepEqual([last.engines.security, last.engines.review, last.engines.dfa], ['on', 'off (argus.*.enable or .argus.yml engines)', 'off (argus.*.enable or .argus.yml engines)']);
  assert.match(last.engines.externalTools, /^off: the workspace is not trusted/);
  assert.equal(typeof last.last.millis, 'number');
});
