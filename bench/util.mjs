// Shared helpers of the benchmarks: paths, statistics, and timing a child process
// (wall time measured here; CPU time and peak RSS from GNU time, else /proc sampling).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const CACHE = path.join(ROOT, '.bench-cache');
export const GNU_TIME = '/usr/bin/time';

/** Creates a folder (and parents) and returns it. */
export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Nearest-rank percentile (p in 0–100) of a non-empty list. */
export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

export const median = (xs) => pct(xs, 50);
export const round = (x, digits = 1) => (x === null || x === undefined || Number.isNaN(x) ? null : +x.toFixed(digits));

/** Does GNU time (`/usr/bin/time -v`) exist here? */
export function hasGnuTime() {
  return existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', 'true'], { stdio: 'ignore' }).status === 0;
}

function parseGnuTime(text) {
  const field = (label) => {
    const m = text.match(new RegExp(`${label}: (\\S+)`));
    return m ? Number(m[1]) : null;
  };
  const rssKb = field('Maximum resident set size \\(kbytes\\)');
  return { user_s: field('User time \\(seconds\\)'), sys_s: field('System time \\(seconds\\)'), maxrss_mb: rssKb === null ? null : rssKb / 1024 };
}

/** Peak RSS of one process by polling /proc/<pid>/status VmHWM (fallback when GNU time is missing). */
function sampleHwm(pid) {
  let peakKb = 0;
  const read = () => {
    try {
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+) kB/);
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // The process is gone; keep the last value.
    }
  };
  const timer = setInterval(read, 10);
  read();
  return () => {
    clearInterval(timer);
    return peakKb / 1024;
  };
}

/**
 * Runs `cmd args` in `cwd` with stdout (and stderr) sent to files, and returns
 * its exit code, wall time (ms, measured from spawn to exit), CPU time and
 * peak RSS. With GNU time the RSS is the largest of the process tree's
 * processes (getrusage RUSAGE_CHILDREN), not their sum.
 */
export function runTimed(cmd, args, { cwd, stdoutFile, stderrFile, timeFile, env } = {}) {
  const gnu = hasGnuTime();
  const out = openSync(stdoutFile ?? '/dev/null', 'w');
  const err = openSync(stderrFile ?? '/dev/null', 'w');
  const argv = gnu ? ['-v', '-o', timeFile, cmd, ...args] : args;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(gnu ? GNU_TIME : cmd, argv, { cwd, stdio: ['ignore', out, err], env: env ?? process.env });
    const stopSampling = gnu ? undefined : sampleHwm(child.pid);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const wall_ms = performance.now() - t0;
      closeSync(out);
      closeSync(err);
      const usage = gnu ? parseGnuTime(readFileSync(timeFile, 'utf8')) : { user_s: null, sys_s: null, maxrss_mb: stopSampling() };
      resolve({ code: code ?? (signal ? 128 : 1), signal, wall_ms, ...usage, cpu_s: usage.user_s === null ? null : usage.user_s + usage.sys_s });
    });
  });
}

/** stdout of a short command, trimmed ('' when it fails). */
export function capture(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
  return r.status === 0 ? `${r.stdout}`.trim() : '';
}

/** The 1-, 5- and 15-minute load averages, to judge how busy the machine was. */
export function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
}
