import type { ExperimentalMode } from '../core/config/types';

/** Output formats of `argus check`. */
export type OutputFormat = 'text' | 'json' | 'sarif' | 'github' | 'junit' | 'codequality';
/** Severity floor for a failing exit code; `note` covers info and hint. */
export type FailOn = 'error' | 'warning' | 'note' | 'none';

/** Where `argus baseline create` writes and `argus check --baseline` reads, relative to the current folder. */
export const DEFAULT_BASELINE = '.argus/baseline.json';

/** Parsed `argus check` options. */
export interface CheckOptions {
  readonly paths: string[];
  readonly format: OutputFormat;
  readonly config?: string;
  readonly failOn: FailOn;
  readonly output?: string;
  readonly color?: boolean;
  /** Semgrep as a child process: `auto` uses it when found (the default), `on` requires it. */
  readonly semgrep: 'auto' | 'on' | 'off';
  readonly semgrepPath?: string;
  readonly semgrepConfigs: string[];
  /** Exit 1 when any scored file is below this review score (0–100). */
  readonly failUnder?: number;
  /** Report only findings not in this baseline file. */
  readonly baseline?: string;
  /** Report only findings on lines changed since this git ref. */
  readonly changedSince?: string;
  /** Threads for the scan (the main thread and jobs − 1 workers); undefined = one per core. 1 = the main thread only. */
  readonly jobs?: number;
  /** Reuse results of unchanged files from the on-disk cache (`--cache`). */
  readonly cache?: boolean;
  /** The cache folder (`--cache-location`); default `.argus/cache`. */
  readonly cacheLocation?: string;
  /** Progress bar on stderr: undefined = when stderr is a terminal. */
  readonly progress?: boolean;
  /** `--experimental show|hide`: findings of experimental rules shown, or kept in shadow (the default). */
  readonly experimental?: ExperimentalMode;
}

/** Parsed `argus baseline create` options. */
export interface BaselineCreateOptions {
  readonly check: CheckOptions;
  readonly baseline: string;
  /** Replace a baseline file that cannot be read (never done silently). */
  readonly force: boolean;
}

/** A usage error: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github', 'junit', 'codequality'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'note', 'none'];

/** Parses `check` arguments (`--flag value` and `--flag=value`). Throws UsageError on anything unknown. */
export function parseCheckArgs(argv: readonly string[]): CheckOptions {
  const o = parseOptions(argv, 'check');
  if (o.paths.length === 0) throw new UsageError('argus check needs at least one path');
  return o;
}

/**
 * Parses `baseline create [paths] [--baseline FILE] [--force]` plus the
 * options that decide what a check finds (config, semgrep). Paths default to `.`.
 */
export function parseBaselineArgs(argv: readonly string[]): BaselineCreateOptions {
  const [sub, ...rest] = argv;
  if (sub !== 'create') throw new UsageError(sub === undefined ? "argus baseline needs a subcommand: 'create'" : `unknown baseline subcommand '${sub}' (expected 'create')`);
  const force = rest.includes('--force');
  const o = parseOptions(rest.filter((a) => a !== '--force'), 'baseline');
  return { check: { ...o, paths: o.paths.length > 0 ? o.paths : ['.'] }, baseline: o.baseline ?? DEFAULT_BASELINE, force };
}

/** Options only `check` takes: they shape the report, not the findings. */
const CHECK_ONLY = new Set(['--format', '-f', '--fail-on', '--output', '-o', '--color', '--no-color', '--fail-under', '--changed-since']);

function parseOptions(argv: readonly string[], command: 'check' | 'baseline'): CheckOptions & { paths: string[] } {
  const paths: string[] = [];
  let format: OutputFormat = 'text';
  let failOn: FailOn = 'error';
  let config: string | undefined;
  let output: string | undefined;
  let color: boolean | undefined;
  let semgrep: CheckOptions['semgrep'] = 'auto';
  let semgrepPath: string | undefined;
  const semgrepConfigs: string[] = [];
  let failUnder: number | undefined;
  let baseline: string | undefined;
  let changedSince: string | undefined;
  let jobs: number | undefined;
  let cache: boolean | undefined;
  let cacheLocation: string | undefined;
  let progress: boolean | undefined;
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) [arg, inline] = [arg.slice(0, eq), arg.slice(eq + 1)];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (command === 'baseline' && CHECK_ONLY.has(arg)) throw new UsageError(`${arg} is an option of 'argus check', not of 'argus baseline create'`);
    switch (arg) {
      case '--format':
      case '-f': {
        const v = value();
        if (!FORMATS.includes(v as OutputFormat)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got '${v}')`);
        format = v as OutputFormat;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (!FAIL_ON.includes(v as FailOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got '${v}')`);
        failOn = v as FailOn;
        break;
      }
      case '--config':
      case '-c':
        config = value();
        break;
      case '--output':
      case '-o':
        output = value();
        break;
      case '--color':
        color = true;
        break;
      case '--no-color':
        color = false;
        break;
      case '--semgrep': {
        const v = value();
        if (!['auto', 'on', 'off'].includes(v)) throw new UsageError(`--semgrep must be one of auto, on, off (got '${v}')`);
        semgrep = v as CheckOptions['semgrep'];
        break;
      }
      case '--semgrep-path':
        semgrepPath = value();
        break;
      case '--fail-under': {
        const v = Number(value());
        if (!Number.isFinite(v) || v < 0 || v > 100) throw new UsageError(`--fail-under must be a score from 0 to 100`);
        failUnder = v;
        break;
      }
      case '--semgrep-config':
        semgrepConfigs.push(value());
        break;
      case '--baseline': {
        // The file is optional for `check`: `--baseline=FILE`, or a following `*.json`
        // (never a scan target: Argus does not analyse JSON), else the default.
        const next = argv[i + 1];
        if (inline !== undefined) baseline = inline;
        else if (command === 'baseline' || (next !== undefined && !next.startsWith('-') && next.endsWith('.json'))) baseline = value();
        else baseline = DEFAULT_BASELINE;
        if (baseline === '') throw new UsageError('--baseline needs a file name');
        break;
      }
      case '--changed-since': {
        const v = value();
        if (v === '') throw new UsageError('--changed-since needs a git ref');
        changedSince = v;
        break;
      }
      case '--jobs':
      case '-j': {
        const v = Number(value());
        if (!Number.isInteger(v) || v < 1 || v > 256) throw new UsageError('--jobs must be a whole number from 1 to 256');
        jobs = v;
        break;
      }
      case '--cache':
        cache = true;
        break;
      case '--cache-location':
        cacheLocation = value();
        cache = true;
        break;
      case '--progress':
        progress = true;
        break;
      case '--no-progress':
        progress = false;
        break;
      default:
        if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
        paths.push(arg);
    }
  }
  return { paths, format, failOn, config, output, color, semgrep, semgrepPath, semgrepConfigs, failUnder, baseline, changedSince, jobs, cache, cacheLocation, progress };
}

export const USAGE = `Usage:
  argus check <paths...> [--format text|json|sarif|github|junit|codequality] [--config FILE] [--fail-on error|warning|note|none] [--fail-under SCORE]
              [--baseline [FILE.json]] [--changed-since GIT-REF] [--output FILE] [--no-color]
              [--semgrep auto|on|off] [--semgrep-path FILE] [--semgrep-config FILE]...
              [--jobs N] [--cache] [--cache-location DIR] [--no-progress] [--experimental show|hide]
  argus baseline create [paths...] [--baseline FILE] [--force] [--config FILE]   accept today's findings (${DEFAULT_BASELINE})
  argus score <paths...> [--config FILE] [--fail-under SCORE]   review scores as a table, worst first
  argus dfa generate|check|verify ...   DFA tools (argus dfa --help)
  argus server --stdio          start the language server over stdio (for any LSP editor)
  argus --version

Exit codes: 0 clean; 1 findings (new ones, with --baseline or --changed-since) at or above --fail-on, or a file
scored below --fail-under; 2 usage, configuration, baseline or git error. See docs/ci.md.`;
