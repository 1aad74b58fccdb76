/**
 * Rule statistics over the real server (`dist/cli.js server --stdio`) when a
 * file covered by "Scan Workspace" is opened and closed again: closing a tab
 * changes no code, so the file keeps counting, with the findings of its text
 * on disk (what the scan and `argus check` in CI see). A file no scan covered
 * leaves the statistics when it closes, as before.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST } from '../helpers/workspace';
import { StdioLspClient } from '../helpers/lspClient';

const RULE = 'security/py-weak-hash';
const md5 = (name: string) => `def ${name}(data):\n    """Digest."""\n    return hashlib.md5(data).hexdigest()\n`;
/** Three weak hashes, one of them suppressed inline. */
const A = `import hashlib\n\n\n${md5('one')}\n\n${md5('two')}\n\ndef three(data):\n    """Checksum."""\n    # argus-ignore-next-line ${RULE} -- checksum only\n    return hashlib.md5(data).hexdigest()\n`;
/** One weak hash. */
const B = `import hashlib\n\n\n${md5('only')}`;
let ws: string;
let client: StdioLspClient;
const uriOf = (rel: string) => pathToFileURL(path.join(ws, rel)).href;
const weak = (ds: { code?: unknown }[]) => ds.filter((d) => d.code === RULE).length;

/** The statistics row of RULE and the number of files counted, as `argus/ruleStatistics` answers now. */
async function stats(): Promise<{ row: unknown; files: number }> {
  const r: any = await client.connection.sendRequest('argus/ruleStatistics', {});
  const row = r.rows.find((x: any) => x.ruleId === RULE);
  return { row: row && { findings: row.findings, suppressed: row.suppressed }, files: r.files };
}

function close(rel: string): Promise<void> {
  return client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf(rel) } });
}

before(async () => {
  ws = mkdtempSync(path.join(os.tmpdir(), 'argus-ws-'));
  mkdirSync(path.join(ws, 'app'));
  writeFileSync(path.join(ws, 'app', 'a.py'), A);
  writeFileSync(path.join(ws, 'app', 'b.py'), B);
  client = new StdioLspClient([path.join(DIST, 'cli.js'), 'server', '--stdio']);
  await client.initialize(pathToFileURL(ws).href);
  const summary: any = await client.connection.sendRequest('workspace/executeCommand', { command: 'argus.server.scanWorkspace', arguments: [] });
  assert.deepEqual([summary.files, summary.findings, summary.cancelled], [2, 3, false]);
  assert.deepEqual(await stats(), { row: { findings: 3, suppressed: 1 }, files: 2 });
});

after(async () => {
  await client.shutdown();
  rmSync(ws, { recursive: true, force: true });
});

test('a scanned file opened and closed unchanged keeps its findings and suppressions in the statistics', async () => {
  await client.open(uriOf('app/a.py'), 'python', A);
  await client.waitForDiagnostics(uriOf('app/a.py'), (p) => p.version === 1);
  await close('app/a.py');
  assert.deepEqual(await stats(), { row: { findings: 3, suppressed: 1 }, files: 2 });
  // Problems agree with the statistics: the closed file shows its findings again, like every scanned file.
  assert.equal(weak(await client.waitForDiagnostics(uriOf('app/a.py'), (p) => p.version === undefined && weak(p.diagnostics) === 2)), 2);
});

test('closed with unsaved edits: the statistics count the file on disk, not the discarded edits', async () => {
  await client.open(uriOf('app/a.py'), 'python', A);
  const edited = A.replace('hashlib.md5(data).hexdigest()\n', 'hashlib.sha256(data).hexdigest()\n');
  await client.change(uriOf('app/a.py'), 2, edited);
  await client.waitForDiagnostics(uriOf('app/a.py'), (p) => p.version === 2 && weak(p.diagnostics) === 1);
  assert.deepEqual(await stats(), { row: { findings: 2, suppressed: 1 }, files: 2 }, 'while open, the editor text counts');
  await close('app/a.py');
  assert.deepEqual(await stats(), { row: { findings: 3, suppressed: 1 }, files: 2 });
  assert.equal(weak(await client.waitForDiagnostics(uriOf('app/a.py'), (p) => p.version === undefined && weak(p.diagnostics) === 2)), 2);
});

test('edited, saved and closed: the statistics count the saved text', async () => {
  const saved = A.replace('hashlib.md5(data).hexdigest()\n', 'hashlib.sha256(data).hexdigest()\n');
  await client.open(uriOf('app/a.py'), 'python', A);
  await client.change(uriOf('app/a.py'), 2, saved);
  writeFileSync(path.join(ws, 'app', 'a.py'), saved);
  await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: uriOf('app/a.py') } });
  await client.waitForDiagnostics(uriOf('app/a.py'), (p) => p.version === 2 && weak(p.diagnostics) === 1);
  await close('app/a.py');
  assert.deepEqual(await stats(), { row: { findings: 2, suppressed: 1 }, files: 2 });
  assert.equal(weak(await client.waitForDiagnostics(uriOf('app/a.py'), (p) => p.version === undefined && weak(p.diagnostics) === 1)), 1);
});

test('a file open during the scan belongs to it too: closing it keeps it counted', async () => {
  await client.open(uriOf('app/b.py'), 'python', B);
  await client.waitForDiagnostics(uriOf('app/b.py'), (p) => p.version === 1);
  const summary: any = await client.connection.sendRequest('workspace/executeCommand', { command: 'argus.server.scanWorkspace', arguments: [] });
  assert.deepEqual([summary.files, summary.findings], [2, 1], 'the open file is left to the editor analysis');
  await close('app/b.py');
  assert.deepEqual(await stats(), { row: { findings: 2, suppressed: 1 }, files: 2 });
});

test('a file the scan never covered, and a scanned file deleted on disk, leave the statistics when closed', async () => {
  const c = path.join(ws, 'app', 'c.py');
  writeFileSync(c, B);
  await client.open(uriOf('app/c.py'), 'python', B);
  await client.waitForDiagnostics(uriOf('app/c.py'), (p) => p.version === 1 && weak(p.diagnostics) === 1);
  assert.deepEqual(await stats(), { row: { findings: 3, suppressed: 1 }, files: 3 });
  await close('app/c.py');
  assert.deepEqual(await stats(), { row: { findings: 2, suppressed: 1 }, files: 2 });
  assert.deepEqual(await client.waitForDiagnostics(uriOf('app/c.py'), (p) => p.version === undefined), []);

  await client.open(uriOf('app/b.py'), 'python', readFileSync(path.join(ws, 'app', 'b.py'), 'utf8'));
  await client.waitForDiagnostics(uriOf('app/b.py'), (p) => p.version === 1);
  rmSync(path.join(ws, 'app', 'b.py'));
  await close('app/b.py');
  assert.deepEqual(await stats(), { row: { findings: 1, suppressed: 1 }, files: 1 });
  assert.equal(client.exited, false);
});
