/**
 * The editor's "Scan Workspace" on a folder large enough for the worker pool:
 * every closed file gets exactly the findings `argus check` reports for it
 * (cross-file duplication aside, a whole-run result of the CLI),
 * open files are left to the document scheduler, and the server says in its
 * log that workers did the work.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, REPO } from '../helpers/workspace';
import { StdioLspClient } from '../helpers/lspClient';

let client: StdioLspClient;
let ws: string;

before(async () => {
  ws = mkdtempSync(path.join(os.tmpdir(), 'argus-scanws-'));
  cpSync(path.join(REPO, 'test/fixtures/security'), path.join(ws, 'security'), { recursive: true });
  client = new StdioLspClient([path.join(DIST, 'cli.js'), 'server', '--stdio']);
  await client.initialize(pathToFileURL(ws).href);
});

after(async () => {
  await client.shutdown();
});

test('a large workspace scan runs on workers and publishes what argus check finds', async () => {
  const open = path.join(ws, 'security', 'python', 'flask_app.py');
  const openUri = pathToFileURL(open).href;
  await client.open(openUri, 'python', readFileSync(open, 'utf8'));
  await client.waitForDiagnostics(openUri, (p) => p.version === 1);
  const before = client.published.length;
  const summary = (await client.connection.sendRequest('workspace/executeCommand', { command: 'argus.server.scanWorkspace', arguments: [] })) as { files: number; findings: number; cancelled: boolean };
  assert.equal(summary.cancelled, false);

  const cli = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off', '--jobs', '1'], { cwd: ws, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const full = JSON.parse(cli.stdout) as { files: { path: string; findings: { ruleId: string; line: number; column: number; message: string }[] }[] };
  // Cross-file duplication ("N lines duplicated with other/file:line") is a whole-run CLI result; the editor reports in-file duplication only.
  const crossFile = (x: { ruleId: string; message: string }) => x.ruleId === 'review/duplication' && / duplicated with \S+:\d/.test(x.message);
  const report = { files: full.files.map((f) => ({ ...f, findings: f.findings.filter((x) => !crossFile(x)) })) };
  assert.ok(report.files.length >= 24, `enough files for the pool (${report.files.length})`);
  assert.equal(summary.files, report.files.length);

  const published = new Map(client.published.slice(before).map((p) => [p.uri, p.diagnostics]));
  for (const f of report.files) {
    const uri = pathToFileURL(path.join(ws, f.path)).href;
    if (uri === openUri) {
      assert.equal(published.has(uri), false, 'the open file is not published by the scan');
      continue;
    }
    const diags = published.get(uri);
    assert.ok(diags, `published ${f.path}`);
    assert.deepEqual(
      diags.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`),
      f.findings.map((x) => `${x.ruleId} ${x.line}:${x.column}`),
      f.path,
    );
  }
  const expected = report.files.filter((f) => pathToFileURL(path.join(ws, f.path)).href !== openUri).reduce((n, f) => n + f.findings.length, 0);
  assert.equal(summary.findings, expected);
  assert.ok(client.logs.some((l) => /workspace scan finished .*workers=(\d+)/.test(l) && Number(/workers=(\d+)/.exec(l)![1]) === os.availableParallelism()), client.logs.filter((l) => l.includes('scan')).join('\n'));
});
