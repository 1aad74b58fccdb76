// Cold start of the language server: from spawning `argus server --stdio` and sending `initialize`
// to the first publishDiagnostics for an opened file. Runs N fresh processes and reports p50/p95.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';

const ROOT = path.resolve(import.meta.dirname, '..');

async function once(file, languageId) {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const uri = pathToFileURL(file).href;
  const first = new Promise((resolve) => conn.onNotification('textDocument/publishDiagnostics', (p) => p.uri === uri && resolve(p)));
  conn.listen();
  const tInit = performance.now();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(path.dirname(file)).href, capabilities: {}, workspaceFolders: null });
  const tReady = performance.now();
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: readFileSync(file, 'utf8') } });
  const diags = await first;
  const tDiag = performance.now();
  conn.dispose();
  proc.kill();
  return { spawnToDiagnostics: tDiag - t0, initializeToDiagnostics: tDiag - tInit, initializeResponse: tReady - tInit, findings: diags.diagnostics.length };
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** Runs the cold-start benchmark and returns its summary. */
export async function coldStart(runs = 10) {
  const file = path.join(ROOT, 'examples', 'js', 'render.js');
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await once(file, 'javascript'));
  const a = samples.map((s) => s.initializeToDiagnostics);
  const b = samples.map((s) => s.spawnToDiagnostics);
  return {
    name: 'cold start: initialize → first diagnostics (examples/js/render.js)',
    runs,
    p50_ms: +pct(a, 50).toFixed(1),
    p95_ms: +pct(a, 95).toFixed(1),
    spawn_p50_ms: +pct(b, 50).toFixed(1),
    target_ms: 600,
    findings: samples[0].findings,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await coldStart(Number(process.argv[2] ?? 10)), null, 2));
}
