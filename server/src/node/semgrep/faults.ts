/**
 * Every way a semgrep run can fail, each with one sentence a user can act
 * on. The status item, the log and the CLI all show `message` as is, so the
 * wording lives here and nowhere else.
 */
import { describeError, type SemgrepOutput } from '../../core/semgrep';

/** The kinds of failure, one per fault the adapter distinguishes. */
export type SemgrepFaultKind =
  | 'no-config'
  | 'missing-binary'
  | 'spawn-failed'
  | 'exit-code'
  | 'malformed-json'
  | 'timeout'
  | 'output-too-large'
  | 'cancelled'
  | 'killed'
  | 'unsupported-version'
  | 'temp-file';

/** A failed semgrep run or version check. */
export interface SemgrepFault {
  readonly kind: SemgrepFaultKind;
  /** One or two sentences for the status item, the log and the CLI. */
  readonly message: string;
  /** semgrep's exit code, for `exit-code` and `malformed-json`. */
  readonly exitCode?: number;
}

/** Exit codes from semgrep's `Exit_code.ml`. */
const EXIT_MEANING: Readonly<Record<number, string>> = {
  2: 'fatal error',
  3: 'a target could not be parsed',
  4: 'invalid pattern',
  5: 'unparseable YAML',
  7: 'missing or invalid config',
  8: 'invalid language',
};

/** Longest stderr line quoted in a message. */
const MAX_QUOTE = 200;

/** The fault for a binary that could not be started. */
export function spawnFault(path: string, code: string): SemgrepFault {
  if (code === 'ENOENT') return { kind: 'missing-binary', message: `semgrep was not found at ${path}.` };
  const why: Record<string, string> = {
    EACCES: 'permission denied; is it executable?',
    ENOEXEC: 'it is not an executable program',
    EINVAL: 'a .cmd or .bat file cannot be started without a shell; point argus.semgrep.path at semgrep.exe',
  };
  return { kind: 'spawn-failed', message: `semgrep at ${path} could not be started (${code}: ${why[code] ?? 'the system refused to start it'}).` };
}

/**
 * The fault for exit code 2 or more. The detail is the first error-level
 * entry of `errors[]` when semgrep printed JSON, else the last line of stderr.
 */
export function exitCodeFault(code: number, output: SemgrepOutput | undefined, stderrTail: string): SemgrepFault {
  const meaning = EXIT_MEANING[code];
  const head = `semgrep failed with exit code ${code}${meaning ? ` (${meaning})` : ''}`;
  const errors = (output?.errors ?? []).filter((e) => e.level === 'error');
  const all = errors.length ? errors : (output?.errors ?? []);
  let detail = all.length ? describeError(all[0]!) : lastLine(stderrTail);
  if (all.length > 1) detail += ` (and ${all.length - 1} more)`;
  return { kind: 'exit-code', exitCode: code, message: detail ? `${head}: ${detail}` : `${head} and printed no details.` };
}

/** The fault for exit code 0 or 1 with output that is not semgrep JSON. */
export function malformedFault(code: number, problem: string): SemgrepFault {
  return { kind: 'malformed-json', exitCode: code, message: `semgrep exited with code ${code}, but ${problem}.` };
}

/** The fault for a run stopped at its time limit. */
export function timeoutFault(timeoutMs: number): SemgrepFault {
  return { kind: 'timeout', message: `semgrep did not finish within ${duration(timeoutMs)} and was stopped.` };
}

/** The fault for a run stopped because its output passed the cap. */
export function tooLargeFault(maxBytes: number): SemgrepFault {
  return { kind: 'output-too-large', message: `semgrep printed more than ${bytes(maxBytes)} of output and was stopped; scan fewer files or use fewer rules.` };
}

/** The fault for a run without any config: semgrep would otherwise pick rules itself, possibly from the network. */
export const NO_CONFIG: SemgrepFault = { kind: 'no-config', message: 'No semgrep config to run: set argus.semgrep.configs or add .semgrep.yml to the workspace.' };

/** The fault for a run cancelled by its caller (a newer run, a closed document, shutdown). */
export const CANCELLED: SemgrepFault = { kind: 'cancelled', message: 'The semgrep run was cancelled.' };

/** The fault for a process that something else killed; SIGKILL is usually the out-of-memory killer. */
export function killedFault(signal: string): SemgrepFault {
  return { kind: 'killed', message: `semgrep was killed by ${signal} before it finished${signal === 'SIGKILL' ? ' (out of memory?)' : ''}.` };
}

/** The last non-empty stderr line without terminal colour codes, shortened. */
export function lastLine(stderr: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences start with the ESC control character.
  const lines = stderr.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').split(/[\r\n]+/).map((l) => l.trim()).filter(Boolean);
  const line = lines[lines.length - 1] ?? '';
  return line.length > MAX_QUOTE ? `${line.slice(0, MAX_QUOTE - 1)}…` : line;
}

function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

function bytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
