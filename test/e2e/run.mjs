#!/usr/bin/env node
// End-to-end UI test of the packaged Argus extension in a real VS Code (code-server),
// driven headless with playwright-core + Debian Chromium.
//
//   bash test/e2e/install.sh && node test/e2e/run.mjs
//
// Input:  dist/argus.vsix (from `npm run package`), or $ARGUS_E2E_VSIX.
// Output: one line per check, artifacts in test/e2e/artifacts/, and a final line
//         `N passed, N failed` (exit code 1 if any check failed).
// See docs/e2e.md.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHECKS } from './checks.mjs';
import { PANEL_CHECKS } from './checks-panels.mjs';
import { FEEDBACK_CHECKS } from './checks-feedback.mjs';
import {
  CODE_SERVER_VERSION, codeServerBin, createRunDir, freePort, installExtension, isolatedEnv,
  killServerSync, startServer, stopServer, treeRss,
} from './server.mjs';
import { Workbench } from './workbench.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const ARTIFACTS = path.join(HERE, 'artifacts');
const VSIX = path.resolve(REPO, process.env.ARGUS_E2E_VSIX || 'dist/argus.vsix');
const TOTAL_TIMEOUT = Number(process.env.ARGUS_E2E_TIMEOUT || 600) * 1000;
const KEEP = process.env.ARGUS_E2E_KEEP === '1';

const T0 = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
let aborting = false; // set by a signal or the overall time limit: main() may still be unwinding
const out = (...a) => { if (!aborting) console.log(...a); };
const log = (msg) => out(`[e2e ${secs(Date.now() - T0).padStart(7)}] ${msg}`);

const results = []; // { name, ok, ms, error }
const timings = {};
let server = null;
let context = null;
let run = null;
let peakRss = 0; // summed RSS of this process tree (shared pages counted per process)
let memRise = 0; // largest drop of the system's MemAvailable during the run
const consoleLines = []; // browser console, saved to artifacts/console.log

function summaryLine() {
  const passed = results.filter((r) => r.ok).length;
  return `${passed} passed, ${results.length - passed} failed`;
}

function saveArtifactsSync() {
  try {
    if (consoleLines.length) fs.writeFileSync(path.join(ARTIFACTS, 'console.log'), consoleLines.join('\n') + '\n');
    if (run && fs.existsSync(run.serverLog)) fs.copyFileSync(run.serverLog, path.join(ARTIFACTS, 'server.log'));
    // VS Code's own logs: remote extension host, and output channels (e.g. "Argus") as files.
    const logs = run && path.join(run.userData, 'logs');
    if (logs && fs.existsSync(logs)) fs.cpSync(logs, path.join(ARTIFACTS, 'vscode-logs'), { recursive: true });
  } catch (e) {
    console.error(`could not save artifacts: ${e.message}`);
  }
}

async function teardown() {
  const c = context;
  context = null;
  if (c) {
    await Promise.race([c.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
  }
  if (server) await stopServer(server);
  // Chromium may still be flushing its profile while it exits: let rm retry.
  if (run && !KEEP) fs.rmSync(run.root, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

function fail(name, err) {
  results.push({ name, ok: false, ms: 0, error: err.message });
  out(`FAIL ${name}\n     ${err.message.replace(/\n/g, '\n     ')}`);
}

function finish(exitCode) {
  timings.total = Date.now() - T0;
  const summary = {
    results, timingsMs: timings, peakRssBytes: peakRss, memAvailableDropBytes: memRise, vsix: VSIX, codeServer: CODE_SERVER_VERSION,
  };
  try { fs.writeFileSync(path.join(ARTIFACTS, 'summary.json'), JSON.stringify(summary, null, 2) + '\n'); } catch { /* ignore */ }
  console.log(`[e2e ${secs(timings.total).padStart(7)}] total ${secs(timings.total)}; peak RSS of the process tree ` +
    `${(peakRss / 2 ** 20).toFixed(0)} MiB (summed), system MemAvailable drop ${(memRise / 2 ** 20).toFixed(0)} MiB; ` +
    `artifacts in ${path.relative(REPO, ARTIFACTS)}/`);
  console.log(summaryLine());
  process.exit(exitCode ?? (results.length > 0 && results.every((r) => r.ok) ? 0 : 1));
}

/** Signal or overall time limit: record it as a failure, tear down, print the summary, exit. */
async function abort(name, message, code) {
  if (aborting) return;
  fail(name, new Error(message));
  aborting = true;
  killServerSync(server);
  saveArtifactsSync();
  await teardown();
  finish(code);
}

// Last resort: never leave the code-server process group (extension host, watcher) behind.
process.on('exit', () => killServerSync(server));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => abort(`harness: interrupted by ${sig}`, `received ${sig}; tore down code-server and the browser`, 130));
}

async function main() {
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  // --- prerequisites ---------------------------------------------------------
  if (!fs.existsSync(VSIX)) {
    fail('setup: VSIX present', new Error(`${path.relative(REPO, VSIX) || VSIX} not found; build it first with \`npm run package\` (or set ARGUS_E2E_VSIX)`));
    return;
  }
  const bin = codeServerBin();
  if (!fs.existsSync(bin)) {
    fail('setup: code-server installed', new Error(`${bin} not found; run \`bash test/e2e/install.sh\` first`));
    return;
  }
  let chromiumPath = process.env.ARGUS_E2E_CHROMIUM;
  if (!chromiumPath) {
    try { chromiumPath = execSync('command -v chromium', { shell: '/bin/sh', encoding: 'utf8' }).trim(); } catch { /* below */ }
  }
  if (!chromiumPath) {
    fail('setup: chromium installed', new Error('chromium not on PATH; run `bash test/e2e/install.sh` first'));
    return;
  }
  log(`VSIX ${path.relative(REPO, VSIX)} (${fs.statSync(VSIX).size} bytes), code-server ${CODE_SERVER_VERSION}, ${chromiumPath}`);

  const memAvailable = () => Number(/MemAvailable:\s+(\d+)/.exec(fs.readFileSync('/proc/meminfo', 'utf8'))?.[1] || 0) * 1024;
  const availAtStart = memAvailable();
  const sampler = setInterval(() => {
    try {
      peakRss = Math.max(peakRss, treeRss());
      memRise = Math.max(memRise, availAtStart - memAvailable());
    } catch { /* ignore */ }
  }, 500);
  try {
    // --- run dir, extension, server -----------------------------------------
    let t = Date.now();
    run = createRunDir(path.join(REPO, 'examples'));
    log(`run dir ${run.root}`);
    const inst = installExtension(bin, run, VSIX);
    timings.installExtension = Date.now() - t;
    log(`installed ${inst.ids.join(', ')} (${secs(timings.installExtension)})`);

    t = Date.now();
    const port = await freePort();
    server = await startServer(bin, run, port);
    timings.serverReady = Date.now() - t;
    log(`code-server up on 127.0.0.1:${port}, process group ${server.pgid} (${secs(timings.serverReady)})`);

    // --- browser -------------------------------------------------------------
    t = Date.now();
    context = await chromium.launchPersistentContext(run.chrome, {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1400, height: 900 },
      env: isolatedEnv(run),
      // We tear the browser down ourselves (teardown/abort), also on signals.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] || await context.newPage();
    const stamp = () => secs(Date.now() - T0);
    // Drop the %c styling VS Code puts in its log lines ("%c INFO color: #33f …").
    const clean = (t) => (t.includes('%c') ? t.replace(/%c/g, '').replace(/\s*\bcolor: [#\w]+;?/g, '') : t).trim();
    page.on('console', (m) => consoleLines.push(`${stamp()} [${m.type()}] ${clean(m.text())}`));
    page.on('pageerror', (e) => consoleLines.push(`${stamp()} [pageerror] ${e.message}`));
    page.on('crash', () => consoleLines.push(`${stamp()} [crash] page crashed`));
    timings.browserLaunch = Date.now() - t;
    log(`chromium launched (${secs(timings.browserLaunch)})`);

    const wb = new Workbench(page, { port, workspace: run.workspace });
    let failedShots = 0;
    // The webview panel checks (checks-panels.mjs) run after the five core checks.
    for (const check of [...CHECKS, ...PANEL_CHECKS, ...FEEDBACK_CHECKS]) {
      if (aborting) break;
      const start = Date.now();
      const notes = [];
      const ctx = {
        wb, page,
        note: (s) => notes.push(s),
        shot: async (file) => { await page.screenshot({ path: path.join(ARTIFACTS, file) }); notes.push(`screenshot ${file}`); },
      };
      try {
        await wb.reset();
        await check.run(ctx);
        const ms = Date.now() - start;
        results.push({ name: check.name, ok: true, ms, notes });
        out(`PASS ${check.name} (${secs(ms)})`);
        for (const n of notes) out(`     ${n}`);
      } catch (err) {
        if (aborting) break; // the page went away under us: abort() reports it
        const ms = Date.now() - start;
        const slug = `fail-${String(results.length + 1).padStart(2, '0')}`;
        let ui = '';
        try { ui = await wb.describe(); } catch (e) { ui = `<could not describe UI: ${e.message}>`; }
        try { await page.screenshot({ path: path.join(ARTIFACTS, `${slug}.png`) }); failedShots++; } catch { /* page gone */ }
        fs.writeFileSync(path.join(ARTIFACTS, `${slug}.txt`), `${check.name}\n${err.stack || err.message}\n\nnotes:\n${notes.join('\n')}\n\nUI:\n${ui}\n`);
        results.push({ name: check.name, ok: false, ms, error: err.message, notes });
        out(`FAIL ${check.name} (${secs(ms)})\n     ${err.message.split('\n')[0]}`);
        for (const n of notes) out(`     ${n}`);
        out(`     UI at failure (also in artifacts/${slug}.txt, ${slug}.png):`);
        out(ui.split('\n').map((l) => `       ${l.length > 400 ? `${l.slice(0, 400)}…` : l}`).join('\n'));
      }
    }
    timings.checks = results.reduce((a, r) => a + r.ms, 0);
    const ext = consoleLines.filter((l) => /\[Extension Host\]|argus/i.test(l) && /error|fail|exception/i.test(l));
    if (ext.length) {
      out(`browser console: ${ext.length} extension-host/Argus line(s) mentioning errors (artifacts/console.log):`);
      for (const l of ext.slice(0, 15)) out(`     ${l.length > 300 ? `${l.slice(0, 300)}…` : l}`);
    }
    if (failedShots) log(`${failedShots} failure screenshot(s) in ${path.relative(REPO, ARTIFACTS)}/`);
  } catch (err) {
    fail('setup: start code-server and the browser', err);
  } finally {
    clearInterval(sampler);
    if (!aborting) saveArtifactsSync();
    const t = Date.now();
    if (!aborting) {
      await teardown();
      timings.teardown = Date.now() - t;
    }
  }
}

const watchdog = setTimeout(() => abort('harness: overall time limit', `run exceeded ARGUS_E2E_TIMEOUT=${TOTAL_TIMEOUT / 1000} s`, 1), TOTAL_TIMEOUT);

try {
  await main();
} catch (err) {
  fail('harness', err);
}
if (!aborting) {
  clearTimeout(watchdog);
  finish();
}
