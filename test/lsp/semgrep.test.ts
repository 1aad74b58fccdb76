/**
 * Semgrep inside the language server. Semgrep cannot be installed on the
 * build machines, so these tests use the stand-in executable in
 * test/fixtures/semgrep/bin/semgrep, which prints semgrep's documented
 * `--json` output for every `eval(` and `md5(` in the scanned file and logs
 * each invocation to FAKE_SEMGREP_LOG. A user's real semgrep is used unchanged.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, REPO, rangeOf } from '../helpers/workspace';
import { StdioLspClient } from '../helpers/lspClient';

const standIn = path.join(REPO, 'test', 'fixtures', 'semgrep', 'bin', 'semgrep');
chmodSync(standIn, 0o755);
const settings = { semgrep: { mode: 'on', path: standIn, configs: [path.join(REPO, 'test', 'fixtures', 'semgrep', 'configs', 'rules.yml')] } };
const text = 'const s = "héllo"; const h = md5(s);\nconst x = eval(input);\n';

function workspace(): { dir: string; uri: string; log: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-sg-'));
  writeFileSync(path.join(dir, 'a.js'), text);
  return { dir, uri: pathToFileURL(path.join(dir, 'a.js')).href, log: path.join(dir, 'semgrep-invocations.log') };
}

const clients: StdioLspClient[] = [];
after(async () => Promise.all(clients.map((c) => c.shutdown())));

test('trusted workspace: semgrep findings are merged in with UTF-16 ranges converted from byte columns', async () => {
  const ws = workspace();
  process.env.FAKE_SEMGREP_LOG = ws.log;
  const client = new StdioLspClient([path.join(DIST, 'cli.js'), 'server', '--stdio'], settings);
  clients.push(client);
  await client.initialize(pathToFileURL(ws.dir).href, { trusted: true });
  await client.open(ws.uri, 'javascript', text);
  const diags = await client.waitForDiagnostics(ws.uri, (p) => p.diagnostics.length === 2);
  assert.deepEqual(
    diags.map((d) => ({ code: d.code, range: d.range, severity: d.severity })),
    [
      { code: 'semgrep/argus-test.weak-hash', range: rangeOf(text, 'md5(s)'), severity: 2 },
      { code: 'semgrep/argus-test.js-eval', range: rangeOf(text, 'eval(input)'), severity: 1 },
    ],
  );
  const actions: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: ws.uri }, range: diags[1]!.range, context: { diagnostics: [diags[1]] } });
  assert.deepEqual([actions[0].title, actions[0].isPreferred], ['Apply semgrep autofix', true]);
  const status = client.status.at(-1) as any;
  assert.equal(status.engines.semgrep, 'on (1.99.0)');
  assert.ok(readFileSync(ws.log, 'utf8').includes('"--metrics=off"'));
});

test('untrusted workspace: semgrep is never spawned, and the status says why', async () => {
  const ws = workspace();
  process.env.FAKE_SEMGREP_LOG = ws.log;
  const client = new StdioLspClient([path.join(DIST, 'cli.js'), 'server', '--stdio'], settings);
  clients.push(client);
  await client.initialize(pathToFileURL(ws.dir).href, { trusted: false });
  await client.open(ws.uri, 'javascript', text);
  await client.waitForDiagnostics(ws.uri, (p) => p.version === 1);
  const deadline = Date.now() + 10000;
  while (Date.now() < deadline && !(client.status as any[]).some((s) => String(s.engines.semgrep).startsWith('off: the workspace is not trusted'))) await new Promise((r) => setTimeout(r, 20));
  assert.match((client.status.at(-1) as any).engines.semgrep, /^off: the workspace is not trusted/);
  assert.equal(existsSync(ws.log), false, 'the stand-in was never executed (not even --version)');
  assert.deepEqual(client.published.filter((p) => p.uri === ws.uri).flatMap((p) => p.diagnostics), []);
});
