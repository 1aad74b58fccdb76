// The editor's "Scan Workspace" on a large corpus: one `argus server --stdio` process, `initialize` with the
// corpus as the root, then `workspace/executeCommand argus.server.scanWorkspace` (workers, as in VS Code).
// Reports the scan's wall time, the server's RSS after the scan (workers have ended) and its peak (VmHWM,
// which includes the worker threads while they ran). Linux only (/proc).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';

const ROOT = path.resolve(import.meta.dirname, '..');

function memory(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)[1]);
  return { rss_mb: Math.round(kb('VmRSS') / 1024), peak_mb: Math.round(kb('VmHWM') / 1024) };
}

/** Scans `corpus` once through the language server and measures it. */
export async function serverScan(corpus) {
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  let published = 0;
  conn.onNotification('textDocument/publishDiagnostics', () => published++);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
  conn.listen();
  const rootUri = pathToFileURL(corpus.absDir).href;
  await conn.sendRequest('initialize', { processId: process.pid, rootUri, capabilities: { window: { workDoneProgress: true } }, workspaceFolders: [{ uri: rootUri, name: corpus.name }] });
  await conn.sendNotification('initialized', {});
  const t0 = performance.now();
  const summary = await conn.sendRequest('workspace/executeCommand', { command: 'argus.server.scanWorkspace', arguments: [] });
  const wall = performance.now() - t0;
  const mem = memory(proc.pid);
  conn.dispose();
  proc.kill();
  process.stderr.write(`  server scan ${corpus.name}: ${wall.toFixed(0)} ms, RSS after ${mem.rss_mb} MB, peak ${mem.peak_mb} MB\n`);
  return { corpus: corpus.name, files: summary.files, findings: summary.findings, published, wall_ms: Math.round(wall), rss_after_mb: mem.rss_mb, peak_mb: mem.peak_mb, target_mb: 200, met: mem.rss_mb <= 200 };
}
