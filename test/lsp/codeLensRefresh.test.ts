/**
 * Code lenses follow re-analyses that happen without an edit: after a
 * false-positive mark the server asks a client that supports it to refresh
 * (`workspace/codeLens/refresh`), and the lenses then show the new score.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, tempWorkspace } from '../helpers/workspace';
import { StdioLspClient } from '../helpers/lspClient';

const RULE = 'security/py-weak-hash';
let client: StdioLspClient;
let refreshes = 0;
let uri = '';
let text = '';

before(async () => {
  const ws = tempWorkspace('feedback/workspace');
  const file = path.join(ws, 'app', 'hashes.py');
  uri = pathToFileURL(file).href;
  text = readFileSync(file, 'utf8');
  client = new StdioLspClient([path.join(DIST, 'cli.js'), 'server', '--stdio']);
  client.connection.onRequest('workspace/codeLens/refresh', () => {
    refreshes++;
    return null;
  });
  await client.initialize(pathToFileURL(ws).href, { codeLensRefresh: true });
});

after(() => client.shutdown());

async function fileLens(): Promise<string> {
  const lenses: { range: { start: { line: number } }; command?: { title: string } }[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  return lenses.find((l) => l.range.start.line === 0)?.command?.title ?? '';
}

test('a false-positive mark refreshes the code lenses, which then show the recovered score', async () => {
  await client.open(uri, 'python', text);
  const diags = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.some((d) => d.code === RULE));
  const before = await fileLens();
  assert.match(before, /^Argus score [\d.]+ \([A-E]\).*Security −/);
  const first = diags.find((d) => d.code === RULE)!;
  const countBefore = refreshes;
  const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'argus.server.markFalsePositive', arguments: [{ uri, fingerprint: (first.data as { fingerprint: string }).fingerprint, ruleId: RULE }] });
  assert.equal((result as { ok: boolean }).ok, true);
  const deadline = Date.now() + 15_000;
  while (refreshes === countBefore && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(refreshes > countBefore, 'the server asked for a code lens refresh');
  const after = await fileLens();
  assert.notEqual(after, before);
  const score = (t: string) => Number(/^Argus score ([\d.]+)/.exec(t)![1]);
  assert.ok(score(after) > score(before), `${before} → ${after}`);
});
