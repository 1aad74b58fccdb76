/**
 * Finds the semgrep executable, or says why Argus will not run one, and
 * validates it once with `--version` before its first scan (as
 * rust-analyzer's bootstrap validates its server binary), so a wrong binary
 * fails with one clear message instead of a confusing scan failure later.
 *
 * A workspace must never be able to choose the binary (vscode-eslint
 * CVE-2021-27081), so the only configured path is the machine-scoped
 * `argus.semgrep.path`, and nothing is located at all in an untrusted
 * workspace: the caller then never spawns.
 */
import * as path from 'node:path';
import { accessSync, constants, statSync } from 'node:fs';
import { CANCELLED, exitCodeFault, killedFault, lastLine, spawnFault, timeoutFault, type SemgrepFault } from './faults';
import { runProcess } from './process';
import { semgrepEnv } from './run';

/** Inputs of `locateSemgrep`; all come from settings and the server's environment. */
export interface LocateOptions {
  /** `argus.semgrep.mode`. */
  readonly mode: 'auto' | 'on' | 'off';
  /** `argus.semgrep.path` (machine scope): an absolute path, or a bare command name looked up on PATH. */
  readonly configuredPath?: string | null;
  /** Whether the workspace is trusted. */
  readonly trusted: boolean;
  /** The PATH to search, usually `process.env.PATH`. */
  readonly envPath?: string;
  /** For tests; default `process.platform`. */
  readonly platform?: NodeJS.Platform;
}

/** Why semgrep is unavailable, for callers that react differently (mode `on` reports `not-found` loudly). */
export type UnavailableKind = 'off' | 'untrusted' | 'not-found' | 'bad-path';

/** The executable to run, or the reason there is none (`'off'` exactly when the mode is off). */
export type SemgrepLocation = { readonly path: string } | { readonly unavailable: string; readonly kind: UnavailableKind };

/** Message when the workspace is untrusted; matches the server's status line. */
export const UNTRUSTED_REASON = 'the workspace is not trusted, so Argus spawns no external process (semgrep)';

/**
 * Locates semgrep: off and untrusted first (no file system access at all),
 * then the configured path, then PATH. A configured path that is wrong is
 * reported rather than silently replaced by another semgrep on PATH: the
 * user asked for that binary.
 */
export function locateSemgrep(opts: LocateOptions): SemgrepLocation {
  if (opts.mode === 'off') return { unavailable: 'off', kind: 'off' };
  if (!opts.trusted) return { unavailable: UNTRUSTED_REASON, kind: 'untrusted' };
  const platform = opts.platform ?? process.platform;
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const configured = opts.configuredPath?.trim();
  if (configured) {
    if (!paths.isAbsolute(configured) && !/[\\/]/.test(configured)) {
      const found = searchPath(configured, opts.envPath, platform);
      return found ? { path: found } : { unavailable: `argus.semgrep.path is "${configured}", which is not on PATH`, kind: 'bad-path' };
    }
    if (!paths.isAbsolute(configured)) return { unavailable: `argus.semgrep.path must be an absolute path, not "${configured}"`, kind: 'bad-path' };
    if (!isExecutableFile(configured, platform)) return { unavailable: `argus.semgrep.path points to ${configured}, which is not an executable file`, kind: 'bad-path' };
    return { path: configured };
  }
  const found = searchPath('semgrep', opts.envPath, platform);
  return found ? { path: found } : { unavailable: 'semgrep is not on PATH; install it or set argus.semgrep.path', kind: 'not-found' };
}

/**
 * Looks `name` up on PATH. Empty and relative entries are skipped: they mean
 * "the current folder", which would let a workspace plant a `semgrep`.
 * On Windows only `.exe` and `.com` are tried: a `.cmd` shim needs a shell,
 * and Argus never spawns through one.
 */
export function searchPath(name: string, envPath: string | undefined, platform: NodeJS.Platform = process.platform): string | undefined {
  const paths = platform === 'win32' ? path.win32 : path.posix;
  const names = platform === 'win32' ? (/\.(exe|com)$/i.test(name) ? [name] : [`${name}.exe`, `${name}.com`]) : [name];
  for (const dir of (envPath ?? '').split(platform === 'win32' ? ';' : ':')) {
    const d = dir.trim().replace(/^"(.*)"$/, '$1');
    if (!d || !paths.isAbsolute(d)) continue;
    for (const n of names) {
      const candidate = paths.join(d, n);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return undefined;
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    // Windows has no execute bit; the extension decides.
    if (platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The oldest semgrep whose `scan --json` output and flags Argus relies on. */
export const MIN_SEMGREP_VERSION = '1.0.0';

/** A usable semgrep's version, or why it is not usable. */
export type VersionCheck = { readonly ok: true; readonly version: string } | { readonly ok: false; readonly fault: SemgrepFault };

/** Options for `checkVersion` beyond the binary and the signal. */
export interface VersionCheckOptions {
  /** Default 15 s: a first run of a Python entry point can be slow on a cold disk. */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs `<binary> --version` once and parses the first `x.y.z` in its output.
 * Callers cache the result per path: it does not change while the binary
 * stays the same.
 */
export async function checkVersion(binary: string, signal?: AbortSignal, opts: VersionCheckOptions = {}): Promise<VersionCheck> {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const r = await runProcess(binary, ['--version'], { env: semgrepEnv(opts.env), timeoutMs, signal, maxOutputBytes: 64 * 1024 });
  const fail = (fault: SemgrepFault): VersionCheck => ({ ok: false, fault });
  switch (r.kind) {
    case 'spawn-error':
      return fail(spawnFault(binary, r.code));
    case 'timeout':
      return fail(timeoutFault(timeoutMs));
    case 'aborted':
      return fail(CANCELLED);
    case 'too-large':
      return fail({ kind: 'unsupported-version', message: `${binary} --version printed far more than a version; it does not look like semgrep.` });
    case 'signalled':
      return fail(killedFault(r.signal));
    case 'exited': {
      if (r.code !== 0) return fail(exitCodeFault(r.code, undefined, r.stderrTail));
      const version = /\b(\d+)\.(\d+)\.(\d+)\b/.exec(r.stdout)?.[0];
      if (!version) return fail({ kind: 'unsupported-version', message: `${binary} --version printed no version number: ${JSON.stringify(lastLine(r.stdout))}.` });
      if (compareVersions(version, MIN_SEMGREP_VERSION) < 0) return fail({ kind: 'unsupported-version', message: `semgrep ${version} is too old; Argus needs ${MIN_SEMGREP_VERSION} or newer.` });
      return { ok: true, version };
    }
  }
}

/** Compares dotted numeric versions: negative when `a` is older than `b`. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
