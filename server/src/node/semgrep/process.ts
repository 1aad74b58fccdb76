/**
 * Runs one child process to completion and collects its output, with a
 * timeout, cancellation and an output cap. Every way it can end is one value
 * of `ProcessOutcome`; nothing here throws. semgrep starts `semgrep-core`
 * (and, with `--jobs`, workers), so stopping it means stopping the tree:
 * on POSIX the child leads its own process group and the group is signalled;
 * on Windows `taskkill /T` does the same.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** How a process run ended. `stderrTail` is the end of stderr in every case. */
export type ProcessOutcome =
  | { readonly kind: 'exited'; readonly code: number; readonly stdout: string; readonly stderrTail: string }
  | { readonly kind: 'signalled'; readonly signal: string; readonly stderrTail: string }
  | { readonly kind: 'spawn-error'; readonly code: string; readonly message: string; readonly stderrTail: string }
  | { readonly kind: 'timeout' | 'aborted' | 'too-large'; readonly stderrTail: string };

/** Options for `runProcess`. */
export interface ProcessOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Stop the process once stdout exceeds this many bytes. */
  readonly maxOutputBytes: number;
}

/** How much of stderr is kept: semgrep's progress bars are noise, the last lines carry the error. */
const STDERR_TAIL_BYTES = 16 * 1024;

/** Time a stopped process gets to exit after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 2000;

/**
 * Spawns `command args` without a shell (arguments are never interpreted),
 * stdin closed, and resolves when the process has exited and its pipes have
 * closed. stdout is collected as bytes and decoded once at the end, so a
 * multi-byte character split across pipe chunks stays intact.
 */
export function runProcess(command: string, args: readonly string[], opts: ProcessOptions): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    if (opts.signal?.aborted) return resolve({ kind: 'aborted', stderrTail: '' });
    let child: ChildProcess;
    try {
      child = spawn(command, args, {
        cwd: opts.cwd,
        env: opts.env ?? process.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        // A process group of its own lets us signal semgrep-core with it.
        detached: process.platform !== 'win32',
        windowsHide: true,
        shell: false,
      });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      return resolve({ kind: 'spawn-error', code: err.code ?? 'UNKNOWN', message: err.message, stderrTail: '' });
    }
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    let stopReason: 'timeout' | 'aborted' | 'too-large' | undefined;
    let settled = false;
    let backstop: NodeJS.Timeout | undefined;

    const finish = (outcome: ProcessOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(backstop);
      opts.signal?.removeEventListener('abort', onAbort);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(outcome);
    };
    const tail = () => stderr.toString('utf8');
    const stop = (reason: 'timeout' | 'aborted' | 'too-large') => {
      if (stopReason || settled) return;
      stopReason = reason;
      killTree(child, 'SIGTERM');
      // A process that ignores SIGTERM, or a grandchild that keeps our pipes open, must not hang us.
      backstop = setTimeout(() => {
        killTree(child, 'SIGKILL');
        backstop = setTimeout(() => finish({ kind: reason, stderrTail: tail() }), KILL_GRACE_MS);
      }, KILL_GRACE_MS);
    };
    const onAbort = () => stop('aborted');
    const timer = setTimeout(() => stop('timeout'), Math.max(1, opts.timeoutMs));
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout!.on('data', (chunk: Buffer) => {
      if (stopReason) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > opts.maxOutputBytes) return stop('too-large');
      stdout.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]);
      if (stderr.length > STDERR_TAIL_BYTES) stderr = stderr.subarray(stderr.length - STDERR_TAIL_BYTES);
    });
    child.on('error', (err: NodeJS.ErrnoException) => {
      // 'error' without a pid means the process never started; later errors (a failed kill) are not fatal.
      if (child.pid === undefined) finish({ kind: 'spawn-error', code: err.code ?? 'UNKNOWN', message: err.message, stderrTail: tail() });
    });
    child.on('close', (code, signal) => {
      if (stopReason) return finish({ kind: stopReason, stderrTail: tail() });
      if (code === null) return finish({ kind: 'signalled', signal: signal ?? 'unknown signal', stderrTail: tail() });
      finish({ kind: 'exited', code, stdout: Buffer.concat(stdout).toString('utf8'), stderrTail: tail() });
    });
  });
}

/** Signals the child and everything it started. Errors (already gone) are ignored. */
function killTree(child: ChildProcess, signal: 'SIGTERM' | 'SIGKILL'): void {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    try {
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => child.kill());
    } catch {
      child.kill();
    }
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already exited.
    }
  }
}
