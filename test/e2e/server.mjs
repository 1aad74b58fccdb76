// code-server lifecycle for the e2e harness: isolated run dir, extension install,
// start under setsid in its own process group, /healthz wait, process-group teardown.
// See shared/notes/e2e-code-server.md §4–§6 and §9.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const CODE_SERVER_VERSION = '4.100.3';

export function codeServerBin() {
  const home = process.env.ARGUS_E2E_HOME || path.join(os.homedir(), '.cache', 'argus-e2e');
  return path.join(home, 'code-server', 'node_modules', '.bin', 'code-server');
}

/** User settings that keep the workbench quiet and deterministic (notes §4). */
export const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'files.autoSave': 'off',
};

/**
 * Creates a short per-run directory (a long $TMPDIR breaks VS Code's IPC socket path,
 * max 107 chars) with private XDG dirs, TMPDIR, user data, extensions and a workspace.
 */
export function createRunDir(examplesDir) {
  const root = fs.mkdtempSync('/tmp/ae-');
  const d = {
    root,
    data: path.join(root, 'data'),
    config: path.join(root, 'config'),
    cache: path.join(root, 'cache'),
    tmp: path.join(root, 'tmp'),
    userData: path.join(root, 'ud'),
    extensions: path.join(root, 'ext'),
    workspace: path.join(root, 'ws'),
    chrome: path.join(root, 'chrome'),
    serverLog: path.join(root, 'server.log'),
    pidFile: path.join(root, 'server.pgid'),
  };
  for (const k of ['data', 'config', 'cache', 'tmp', 'extensions', 'chrome']) fs.mkdirSync(d[k], { recursive: true });
  fs.mkdirSync(path.join(d.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(d.userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
  fs.cpSync(examplesDir, d.workspace, { recursive: true });
  return d;
}

/** Environment for code-server and Chromium: private XDG dirs and TMPDIR, no VS Code CLI hooks. */
export function isolatedEnv(run) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    // VSCODE_IPC_HOOK_CLI & co would make the code-server CLI talk to an enclosing VS Code.
    if (/^(VSCODE_|CODE_SERVER_|ELECTRON_)/.test(k)) continue;
    env[k] = v;
  }
  Object.assign(env, {
    XDG_DATA_HOME: run.data,
    XDG_CONFIG_HOME: run.config,
    XDG_CACHE_HOME: run.cache,
    TMPDIR: run.tmp,
  });
  return env;
}

function csArgs(run) {
  return ['--config', '/dev/null', '--user-data-dir', run.userData, '--extensions-dir', run.extensions];
}

/** `--install-extension <vsix> --force`; returns the installed extension ids (with versions). */
export function installExtension(bin, run, vsix) {
  const env = isolatedEnv(run);
  const r = spawnSync(bin, [...csArgs(run), '--install-extension', vsix, '--force'], {
    env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000,
  });
  const out = `${r.stdout || ''}${r.stderr || ''}`.trim();
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`--install-extension failed (exit ${r.status}${r.signal ? `, ${r.signal}` : ''}):\n${out}`);
  }
  const l = spawnSync(bin, [...csArgs(run), '--list-extensions', '--show-versions'], {
    env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000,
  });
  const ids = (l.stdout || '').split('\n').map((s) => s.trim()).filter((s) => /^[\w-]+\.[\w-]+@/.test(s));
  if (ids.length === 0) throw new Error(`--list-extensions shows nothing after install:\n${l.stdout}${l.stderr}`);
  return { output: out, ids };
}

export async function freePort() {
  if (process.env.ARGUS_E2E_PORT) return Number(process.env.ARGUS_E2E_PORT);
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts code-server in its own session/process group. The child writes its own $$
 * (= the group id) before exec'ing code-server, so teardown can kill the whole group
 * (the extension host and file watcher outlive the main process otherwise: notes §9).
 */
export async function startServer(bin, run, port) {
  const logFd = fs.openSync(run.serverLog, 'a');
  const args = [
    ...csArgs(run),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    run.workspace,
  ];
  const child = spawn('setsid', ['sh', '-c', 'echo $$ > "$0"; exec "$@"', run.pidFile, bin, ...args], {
    env: isolatedEnv(run), stdio: ['ignore', logFd, logFd],
  });
  fs.closeSync(logFd);
  let exited = null;
  child.on('exit', (code, signal) => { exited = { code, signal }; });
  const server = { child, port, pgid: null, run, exited: () => exited };

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.pgid === null && fs.existsSync(run.pidFile)) {
      const n = Number(fs.readFileSync(run.pidFile, 'utf8').trim());
      if (n > 1) server.pgid = n;
    }
    if (exited) break;
    if (server.pgid !== null) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return server;
      } catch { /* not up yet */ }
    }
    await sleep(200);
  }
  const tail = fs.readFileSync(run.serverLog, 'utf8').split('\n').slice(-30).join('\n');
  await stopServer(server);
  throw new Error(exited
    ? `code-server exited early (${JSON.stringify(exited)}); server.log tail:\n${tail}`
    : `code-server not healthy on port ${port} after 60 s; server.log tail:\n${tail}`);
}

function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

/** SIGTERM the process group, SIGKILL after 1 s. Safe to call more than once. */
export async function stopServer(server) {
  if (!server || !server.pgid) {
    if (server?.child && !server.exited()) server.child.kill('SIGKILL');
    return;
  }
  const pgid = server.pgid;
  try { process.kill(-pgid, 'SIGTERM'); } catch { return; }
  const until = Date.now() + 1000;
  while (Date.now() < until && groupAlive(pgid)) await sleep(100);
  try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
}

/** Synchronous last resort for process 'exit'. */
export function killServerSync(server) {
  if (server?.pgid) { try { process.kill(-server.pgid, 'SIGKILL'); } catch { /* gone */ } }
}

/** Sum of RSS (bytes) of every descendant of `rootPid` (shared pages counted per process). */
export function treeRss(rootPid = process.pid) {
  const parent = new Map();
  const rss = new Map();
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(e), Number(f[1]));
      rss.set(Number(e), Number(f[21]) * 4096);
    } catch { /* process went away */ }
  }
  const kids = new Map();
  for (const [pid, ppid] of parent) {
    if (!kids.has(ppid)) kids.set(ppid, []);
    kids.get(ppid).push(pid);
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const p = stack.pop();
    total += rss.get(p) || 0;
    for (const c of kids.get(p) || []) stack.push(c);
  }
  return total;
}
