// A single .dfa edit re-validated by the language server: open a 5-machine file (examples/dfa,
// concatenated), apply N edits that change a test vector (so the machine is re-checked against its
// spec each time), and read the server's own analysis time from its `analysed … millis=N` log line.
// Also reports didChange → publishDiagnostics (which includes the server's typing delay, lsp/typingDelay.ts).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

/** Runs the edit benchmark; returns p50/p95 of analysis time and of raw latency. */
export async function dfaEdit(edits = 100) {
  const text = ['binary.dfa', 'mistakes.dfa'].map((f) => readFileSync(path.join(ROOT, 'examples', 'dfa', f), 'utf8')).join('\n');
  const proc = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = rpc.createMessageConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
  const uri = pathToFileURL(path.join(ROOT, 'examples', 'dfa', 'bench-edit.dfa')).href;
  const published = new Map();
  const analysed = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => p.uri === uri && published.set(p.version, performance.now()));
  conn.onNotification('window/logMessage', (p) => {
    const m = /^analysed .*\buri=(\S+) version=(\d+)\b.*\bmillis=(\d+)/.exec(p.message);
    if (m && m[1] === uri) analysed.set(Number(m[2]), Number(m[3]));
  });
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(ROOT).href, capabilities: {}, workspaceFolders: null });
  await conn.sendNotification('initialized', {});
  const wait = async (v) => {
    const end = Date.now() + 10000;
    while (!(published.has(v) && analysed.has(v)) && Date.now() < end) await new Promise((r) => setTimeout(r, 1));
  };
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dfa', version: 1, text } });
  await wait(1);
  const at = text.indexOf('accepts: ε, 0, 11');
  const pos = text.slice(0, at + 'accepts: ε, 0, 11'.length).split('\n');
  const line = pos.length - 1;
  const character = pos.at(-1).length;
  const latency = [];
  const analysis = [];
  for (let v = 2; v < edits + 2; v++) {
    // Alternately add and remove a vector: every edit changes what the machine is checked against.
    const change = v % 2 === 0 ? { range: { start: { line, character }, end: { line, character } }, text: ', 0110' } : { range: { start: { line, character }, end: { line, character: character + 6 } }, text: '' };
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] });
    await wait(v);
    latency.push(published.get(v) - t0);
    analysis.push(analysed.get(v));
  }
  conn.dispose();
  proc.kill();
  return {
    name: 'dfa edit: one .dfa edit re-validated by the server (5 machines, spec equivalence + vectors)',
    edits,
    analysis_p50_ms: pct(analysis, 50),
    analysis_p95_ms: pct(analysis, 95),
    latency_p50_ms: +pct(latency, 50).toFixed(1),
    latency_p95_ms: +pct(latency, 95).toFixed(1),
    target_ms: 10,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await dfaEdit(Number(process.argv[2] ?? 100)), null, 2));
}
