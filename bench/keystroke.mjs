// Keystroke latency of the language server: a real LSP client over stdio opens a ~10k-line JS
// file and a ~10k-line Python file (whole real corpus files concatenated in sorted order), then
// types N single characters (didChange with an incremental range), each time waiting for the
// publishDiagnostics of that version. Reported: the raw latency (didChange sent → diagnostics
// received, which includes the server's typing delay), the server's own analysis time (its
// `analysed … millis=N` log line), and the server's CPU time and peak RSS.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import rpc from 'vscode-jsonrpc/node.js';
import { corpora as loadCorpora, corpusFiles } from './corpus.mjs';
import { CACHE, ROOT, ensureDir, pct, round } from './util.mjs';

const TARGET_P95_MS = 15;
const TARGET_LINES = 10_000;
const WARM_UP_EDITS = 5;

/** What is typed: realistic statements, so the text passes through the usual half-typed states. */
const TYPING = {
  javascript: "const benchTotal = items.reduce((sum, item) => sum + item.price * item.quantity, 0);\nif (benchTotal > limit) console.warn('over budget', benchTotal);\n",
  python: "bench_total = sum(item.price * item.quantity for item in items)\nif bench_total > limit:\n    print('over budget', bench_total)\n",
};
/** Top-level lines before which the typing starts (column 0: outside any function or class). */
const TOP_LEVEL = { javascript: /^(class|const|function|module\.exports|let|var) /, python: /^(def|class) / };
const EXT = { javascript: 'js', python: 'py' };

/**
 * How characters become document changes. `editor`: as VS Code types with its defaults
 * (`editor.autoClosingBrackets` / `autoClosingQuotes`: languageDefined, `autoClosingOvertype`: auto):
 * an opening bracket or quote before whitespace or a closing character also inserts its closer, and
 * typing that closer later only moves the cursor (no didChange). `raw`: every character is inserted
 * as it is, so brackets stay unbalanced until their closer is typed (a worst case for the parser,
 * which then re-reads the rest of the file as one unfinished expression).
 */
/**
 * The typing runs, each in a fresh server. `paced` types as a fast typist does (about 120 words a minute): the
 * time between key presses cycles through PACE_MS, and a key is pressed at its time or, if the diagnostics of the
 * previous one have not arrived yet, as soon as they do. The others press each key as soon as the previous
 * keystroke's diagnostics arrive, faster than anyone types: a stress case, where the server spaces its analyses
 * (the typing gap, server/src/lsp/typingDelay.ts) and most of the latency is that wait.
 */
const RUNS = [
  { id: 'paced', model: 'editor', paced: true },
  { id: 'editor', model: 'editor', paced: false },
  { id: 'raw', model: 'raw', paced: false },
];
/** Milliseconds between key presses when paced, cycled: a mean of 100 ms, with fast and slow pairs of keys. */
const PACE_MS = [60, 140, 80, 120, 100];
const PAIRS = { '(': ')', '[': ']', '{': '}', "'": "'", '"': '"', '`': '`' };
/** VS Code's default `autoCloseBefore` (characters after the cursor that allow auto-closing), plus the end of the line. */
const AUTO_CLOSE_BEFORE = new Set([...';:.,=}])> \t', undefined]);

/**
 * The document changes typing `chars` produces under `model`: `{ text, advance }` (insert `text`,
 * move the cursor `advance` characters), or `{ text: null, advance: 1 }` for an over-typed closer.
 */
export function typingEdits(chars, model) {
  const out = [];
  let pending = ''; // closers auto-inserted right after the cursor, on the current line
  let prev = '';
  for (const ch of chars) {
    if (model === 'editor' && pending[0] === ch) {
      pending = pending.slice(1);
      out.push({ text: null, advance: 1 });
    } else if (model === 'editor' && PAIRS[ch] && AUTO_CLOSE_BEFORE.has(pending[0]) && !(ch === PAIRS[ch] && /\w/.test(prev))) {
      pending = PAIRS[ch] + pending;
      out.push({ text: ch + PAIRS[ch], advance: 1 });
    } else {
      if (ch === '\n' && pending) throw new Error('typing script breaks a line inside auto-closed brackets');
      out.push({ text: ch, advance: ch === '\n' ? 0 : 1 });
    }
    prev = ch;
  }
  return out;
}

/** Whole corpus files, in sorted order, that fit in TARGET_LINES; deterministic. */
function buildFile(corpus) {
  const parts = [];
  const used = [];
  let lines = 0;
  for (const rel of corpusFiles(corpus)) {
    let text = readFileSync(path.join(corpus.absDir, rel), 'utf8');
    if (!text.endsWith('\n')) text += '\n';
    const n = text.split('\n').length - 1;
    if (lines + n > TARGET_LINES) continue;
    parts.push(text);
    used.push(rel);
    lines += n;
    if (lines >= TARGET_LINES - 50) break;
  }
  const text = parts.join('');
  const file = path.join(ensureDir(path.join(CACHE, 'keystroke')), `keystroke-10k.${EXT[corpus.language]}`);
  writeFileSync(file, text);
  return { file, text, lines, bytes: Buffer.byteLength(text), sourceFiles: used.length, corpus: corpus.name };
}

/** CPU time (ms) of a process so far, from /proc/<pid>/stat (utime + stime). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

function peakRssMb(pid) {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until the server used (almost) no CPU for 300 ms (the analysis on open is done), at most 15 s. */
async function waitIdle(pid) {
  const end = Date.now() + 15000;
  let last = cpuMs(pid);
  while (Date.now() < end) {
    await sleep(300);
    const now = cpuMs(pid);
    if (now === null || now - last <= 10) return;
    last = now;
  }
}

/** A stdio LSP session with the Argus server, recording publishes and `analysed` log lines. */
class Session {
  constructor() {
    // ARGUS_BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles the server: Node refuses --cpu-prof in NODE_OPTIONS.
    const nodeArgs = (process.env.ARGUS_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
    // ARGUS_BENCH_DIST runs another build (e.g. of the previous commit) against the same files, for an A/B comparison.
    const dist = process.env.ARGUS_BENCH_DIST ?? path.join(ROOT, 'dist');
    this.proc = spawn(process.execPath, [...nodeArgs, path.join(dist, 'cli.js'), 'server', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += String(d)));
    this.conn = rpc.createMessageConnection(new rpc.StreamMessageReader(this.proc.stdout), new rpc.StreamMessageWriter(this.proc.stdin));
    this.waiters = new Map();
    this.published = new Map();
    this.analysed = new Map();
    /** The typing delay the server waited before each analysis (its `delay=N`), by log key. */
    this.delays = new Map();
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const key = `${p.uri}#${p.version}`;
      this.published.set(key, { at: performance.now(), count: p.diagnostics.length });
      this.wake(key);
    });
    this.conn.onNotification('window/logMessage', (p) => {
      const m = /^analysed .*\buri=(\S+) version=(\d+)\b.*\bmillis=(\d+)(?:.*\bdelay=(\d+))?/.exec(p.message);
      if (!m) return;
      const key = `log:${m[1]}#${m[2]}`;
      this.analysed.set(key, Number(m[3]));
      if (m[4] !== undefined) this.delays.set(key, Number(m[4]));
      this.wake(key);
    });
    this.conn.onNotification('argus/status', () => {});
    this.conn.onRequest('workspace/configuration', (p) => p.items.map(() => null));
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.listen();
  }

  wake(key) {
    const w = this.waiters.get(key);
    if (w) {
      this.waiters.delete(key);
      w();
    }
  }

  /** Forgets what was seen for `uri`, so a re-opened document (versions from 1 again) is waited for afresh. */
  forget(uri) {
    for (const map of [this.published, this.analysed, this.delays]) for (const k of [...map.keys()]) if (k.startsWith(`${uri}#`) || k.startsWith(`log:${uri}#`)) map.delete(k);
  }

  /** Resolves when `key` was seen (a publish `uri#version` or a log `log:uri#version`); rejects after `ms`. */
  waitFor(key, ms) {
    const seen = key.startsWith('log:') ? this.analysed.has(key) : this.published.has(key);
    if (seen) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(new Error(`no ${key} within ${ms} ms; stderr: ${this.stderr.slice(-1000)}`));
      }, ms);
      this.waiters.set(key, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async initialize(rootDir) {
    const rootUri = pathToFileURL(rootDir).href;
    await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: { textDocument: { synchronization: { didSave: true }, publishDiagnostics: { versionSupport: true } } },
    });
    await this.conn.sendNotification('initialized', {});
  }

  async close() {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), sleep(2000)]);
      await this.conn.sendNotification('exit');
    } catch {
      // Already gone: killing below is enough.
    }
    // A server that exits by itself writes its --cpu-prof profile; one that does not is killed.
    if (this.proc.exitCode === null) await Promise.race([new Promise((r) => this.proc.once('exit', r)), sleep(5000)]);
    this.conn.dispose();
    this.proc.kill();
  }
}

/** Types `edits` characters into one document and measures each round trip. */
async function typeInto(session, built, language, edits, model, paced) {
  const uri = pathToFileURL(built.file).href;
  let version = 1;
  session.forget(uri);
  await session.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: language, version, text: built.text } });
  await session.waitFor(`${uri}#${version}`, 60000);
  await waitIdle(session.proc.pid);
  const lines = built.text.split('\n');
  let line = lines.findIndex((l, i) => i >= lines.length / 2 && TOP_LEVEL[language].test(l));
  if (line < 0) line = Math.floor(lines.length / 2);
  const startLine = line;
  let character = 0;
  const script = TYPING[language].repeat(Math.ceil((2 * (edits + WARM_UP_EDITS)) / TYPING[language].length) + 1);
  const samples = [];
  const cpu0 = { at: 0, ms: 0 };
  // The first (unmeasured) edit opens an empty line before the chosen top-level line; then one keystroke at a time.
  const changes = [{ text: '\n', advance: 0 }, ...typingEdits(script, model)];
  let sent = 0;
  // When paced: the time of the next key press (an over-typed closer takes a key press too).
  let pressAt = performance.now();
  for (let i = 0; sent < edits + WARM_UP_EDITS; i++) {
    const { text: ch, advance } = changes[i];
    if (paced) {
      pressAt += PACE_MS[i % PACE_MS.length];
      const wait = pressAt - performance.now();
      if (wait > 0) await sleep(wait);
      else pressAt = performance.now();
    }
    if (ch === null) {
      character += advance; // an over-typed closer: the editor sends nothing
      continue;
    }
    const measured = sent >= WARM_UP_EDITS;
    if (sent === WARM_UP_EDITS) Object.assign(cpu0, { at: performance.now(), ms: cpuMs(session.proc.pid) });
    sent++;
    version++;
    const at = { line, character };
    const t0 = performance.now();
    await session.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: at, end: at }, text: ch }] });
    await session.waitFor(`${uri}#${version}`, 30000);
    const latency = performance.now() - t0;
    await session.waitFor(`log:${uri}#${version}`, 5000);
    if (i === 0) {
      // After the opening newline, type on the new empty line.
      line = at.line;
      character = 0;
    } else if (ch === '\n') {
      line++;
      character = 0;
    } else character += advance;
    if (measured) samples.push({ latency, analysis: session.analysed.get(`log:${uri}#${version}`), delay: session.delays.get(`log:${uri}#${version}`), diagnostics: session.published.get(`${uri}#${version}`).count });
  }
  const cpuUsed = cpuMs(session.proc.pid) - cpu0.ms;
  const wall = performance.now() - cpu0.at;
  await session.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  return { samples, cpuPerEdit: cpuUsed / samples.length, cpuShare: cpuUsed / wall, startLine: startLine + 1 };
}

/**
 * Runs the keystroke benchmark on a ~10k-line JS and Python file in one
 * server process per file and typing model, and returns one result for each.
 */
export async function keystroke({ edits = 100, corpora } = {}) {
  const list = corpora ?? (await loadCorpora());
  // ARGUS_BENCH_LANGUAGES=javascript (or python) measures one language alone, e.g. to profile it.
  const only = process.env.ARGUS_BENCH_LANGUAGES?.split(',');
  const picks = [list.find((c) => c.name === 'webpack-lib'), list.find((c) => c.language === 'python')].filter((c) => !only || only.includes(c.language));
  const builtFiles = picks.map((c) => ({ corpus: c, built: buildFile(c) }));
  const out = [];
  // ARGUS_BENCH_TYPING=paced (or editor, or raw) measures one typing run alone.
  const runs = RUNS.filter((t) => !process.env.ARGUS_BENCH_TYPING || process.env.ARGUS_BENCH_TYPING === t.id);
  for (const { corpus, built } of builtFiles) {
    for (const { id, model, paced } of runs) {
      // A fresh server for every file and typing model, so no run starts with code another run warmed up.
      const session = new Session();
      try {
        await session.initialize(path.join(CACHE, 'keystroke'));
        const r = await typeInto(session, built, corpus.language, edits, model, paced);
        const lat = r.samples.map((s) => s.latency);
        const ana = r.samples.map((s) => s.analysis);
        // The server waits after each keystroke for a time set by the document's recent analysis times (lsp/typingDelay.ts).
        const delays = r.samples.map((s) => s.delay);
        const minusDelay = delays.every((d) => d !== undefined) ? r.samples.map((s) => s.latency - s.delay) : null;
        out.push({
          name: `keystroke: ${corpus.language} ${built.lines} lines, ${id} typing`,
          language: corpus.language,
          typing: model,
          run: id,
          pace_ms: paced ? PACE_MS : null,
          file: { path: path.relative(ROOT, built.file), lines: built.lines, bytes: built.bytes, from: `${built.sourceFiles} whole files of ${built.corpus}, sorted order`, typing_at_line: r.startLine },
          edits: r.samples.length,
          warm_up_edits: WARM_UP_EDITS,
          latency_p50_ms: round(pct(lat, 50)),
          latency_p95_ms: round(pct(lat, 95)),
          latency_max_ms: round(Math.max(...lat)),
          server_delay_p50_ms: minusDelay && round(pct(delays, 50)),
          server_delay_range_ms: minusDelay && [Math.min(...delays), Math.max(...delays)],
          latency_minus_delay_p50_ms: minusDelay && round(pct(minusDelay, 50)),
          latency_minus_delay_p95_ms: minusDelay && round(pct(minusDelay, 95)),
          analysis_p50_ms: round(pct(ana, 50)),
          analysis_p95_ms: round(pct(ana, 95)),
          analysis_max_ms: round(Math.max(...ana)),
          server_cpu_ms_per_edit: round(r.cpuPerEdit),
          diagnostics_last: r.samples.at(-1).diagnostics,
          target_p95_ms: TARGET_P95_MS,
          met_raw: pct(lat, 95) <= TARGET_P95_MS,
          met_analysis: pct(ana, 95) <= TARGET_P95_MS,
          // ARGUS_BENCH_SAMPLES=1 adds every edit's analysis time, in typing order (to see what the slow ones are).
          ...(process.env.ARGUS_BENCH_SAMPLES ? { analysis_samples_ms: ana } : {}),
          server_peak_rss_mb: round(peakRssMb(session.proc.pid), 0),
        });
      } finally {
        await session.close();
      }
    }
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await keystroke({ edits: Number(process.argv[2] ?? 100) }), null, 2));
}
