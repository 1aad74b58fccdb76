/**
 * Runs `semgrep scan --json` over files and reads its output. Success is
 * decided by the exit code (0 or 1; semgrep's Exit_code.ml), and `errors[]` is
 * read in every case because semgrep can exit 0 after an internal error.
 * Every failure is one `SemgrepFault`; this function never throws.
 */
import * as path from 'node:path';
import { EMPTY_OUTPUT, mergeOutputs, parseSemgrepJson, type SemgrepOutput } from '../../core/semgrep';
import { CANCELLED, NO_CONFIG, exitCodeFault, killedFault, malformedFault, spawnFault, timeoutFault, tooLargeFault, type SemgrepFault } from './faults';
import { runProcess } from './process';

/** Optional semgrep guards, mirroring the semgrep extension's settings. */
export interface SemgrepLimits {
  /** `--timeout`: seconds per rule and file (semgrep's own default is 5). */
  readonly ruleTimeoutSeconds?: number;
  /** `--timeout-threshold`: rules timing out on a file before semgrep skips the file. */
  readonly timeoutThreshold?: number;
  /** `--max-target-bytes`: larger files are skipped. */
  readonly maxTargetBytes?: number;
  /** `--jobs`: parallel semgrep-core workers. */
  readonly jobs?: number;
  /** `--max-memory`: megabytes per semgrep-core process. */
  readonly maxMemoryMb?: number;
}

/** What to run. */
export interface SemgrepRunOptions {
  /** The semgrep executable, as found by `locateSemgrep`. */
  readonly path: string;
  /** Local rule files or folders; relative ones resolve against `cwd`. */
  readonly configs: readonly string[];
  /** Files to scan; relative ones resolve against `cwd`. Passed to semgrep as absolute paths. */
  readonly targets: readonly string[];
  readonly cwd: string;
  /** Time limit of each semgrep process (one per batch). */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** Cap on each process's stdout in bytes; default 64 MiB. */
  readonly maxOutputBytes?: number;
  /** Most targets per semgrep process; default 100. */
  readonly batchSize?: number;
  readonly limits?: SemgrepLimits;
  /** Environment of the child; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The result of a run. On failure `output` holds what semgrep printed before
 * it failed (earlier batches, and the failing batch's JSON when it printed
 * any), so a caller may still show those results next to the fault.
 */
export type SemgrepRunResult =
  | { readonly ok: true; readonly output: SemgrepOutput; readonly exitCode: 0 | 1; readonly stderrTail: string }
  | { readonly ok: false; readonly fault: SemgrepFault; readonly output: SemgrepOutput; readonly stderrTail: string };

/** Default cap on stdout per process. */
export const DEFAULT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * Default targets per process. Thousands of paths on one command line made
 * a 3 s scan take 2 min (semgrep #11404); batches also keep the command line
 * under Windows' 32 767-character limit.
 */
export const DEFAULT_BATCH_SIZE = 100;

/** Command-line characters of targets per batch, below Windows' limit with room for the flags. */
const MAX_TARGET_CHARS = 24_000;

/**
 * Runs semgrep over `targets` in batches, one process at a time, and merges
 * the outputs. The first failing batch ends the run. An empty target list
 * returns an empty success without spawning (semgrep would scan the folder).
 */
export async function runSemgrep(opts: SemgrepRunOptions): Promise<SemgrepRunResult> {
  if (opts.configs.length === 0) return { ok: false, fault: NO_CONFIG, output: EMPTY_OUTPUT, stderrTail: '' };
  const targets = opts.targets.map((t) => path.resolve(opts.cwd, t));
  let output = EMPTY_OUTPUT;
  let exitCode: 0 | 1 = 0;
  let stderrTail = '';
  for (const batch of batches(targets, opts.batchSize ?? DEFAULT_BATCH_SIZE)) {
    if (opts.signal?.aborted) return { ok: false, fault: CANCELLED, output, stderrTail };
    const one = await runBatch(opts, batch);
    output = mergeOutputs(output, one.output);
    stderrTail = one.stderrTail;
    if (!one.ok) return { ...one, output };
    if (one.exitCode === 1) exitCode = 1;
  }
  return { ok: true, output, exitCode, stderrTail };
}

/**
 * The semgrep command line before the targets. Metrics and the version check
 * are off because both make network calls (semgrep #8793); `--config auto`
 * is never used because it needs both.
 */
export function scanArgs(configs: readonly string[], cwd: string, limits: SemgrepLimits = {}): string[] {
  const args = ['scan', '--json', '--metrics=off', '--disable-version-check'];
  for (const c of configs) args.push('--config', path.resolve(cwd, c));
  const flag = (name: string, v: number | undefined) => {
    if (v !== undefined && Number.isFinite(v) && v >= 0) args.push(name, String(Math.floor(v)));
  };
  flag('--timeout', limits.ruleTimeoutSeconds);
  flag('--timeout-threshold', limits.timeoutThreshold);
  flag('--max-target-bytes', limits.maxTargetBytes);
  flag('--jobs', limits.jobs);
  flag('--max-memory', limits.maxMemoryMb);
  return args;
}

/** Environment for every semgrep process: the same network-free choices as the flags, for `--version` too. */
export function semgrepEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, SEMGREP_ENABLE_VERSION_CHECK: '0', SEMGREP_SEND_METRICS: 'off' };
}

/** Splits targets into batches by count and by command-line length. */
export function batches(targets: readonly string[], size: number): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const t of targets) {
    if (current.length > 0 && (current.length >= Math.max(1, size) || chars + t.length + 1 > MAX_TARGET_CHARS)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(t);
    chars += t.length + 1;
  }
  if (current.length) out.push(current);
  return out;
}

async function runBatch(opts: SemgrepRunOptions, targets: readonly string[]): Promise<SemgrepRunResult> {
  const maxOutputBytes = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const args = [...scanArgs(opts.configs, opts.cwd, opts.limits), ...targets];
  const r = await runProcess(opts.path, args, { cwd: opts.cwd, env: semgrepEnv(opts.env), timeoutMs: opts.timeoutMs, signal: opts.signal, maxOutputBytes });
  const fail = (fault: SemgrepFault, output: SemgrepOutput = EMPTY_OUTPUT): SemgrepRunResult => ({ ok: false, fault, output, stderrTail: r.stderrTail });
  switch (r.kind) {
    case 'spawn-error':
      return fail(spawnFault(opts.path, r.code));
    case 'timeout':
      return fail(timeoutFault(opts.timeoutMs));
    case 'aborted':
      return fail(CANCELLED);
    case 'too-large':
      return fail(tooLargeFault(maxOutputBytes));
    case 'signalled':
      return fail(killedFault(r.signal));
    case 'exited': {
      const parsed = parseSemgrepJson(r.stdout);
      const output = 'output' in parsed ? parsed.output : undefined;
      if (r.code !== 0 && r.code !== 1) return fail(exitCodeFault(r.code, output, r.stderrTail), output);
      if (!output) return fail(malformedFault(r.code, 'problem' in parsed ? parsed.problem : 'its output could not be read'));
      return { ok: true, output, exitCode: r.code, stderrTail: r.stderrTail };
    }
  }
}
