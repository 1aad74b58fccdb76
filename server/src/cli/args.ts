/** Output formats of `argus check`. */
export type OutputFormat = 'text' | 'json' | 'sarif';
/** Severity floor for a failing exit code; `note` covers info and hint. */
export type FailOn = 'error' | 'warning' | 'note' | 'none';

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
  /** Worker threads for the scan; undefined = one per core. 1 analyses in the main thread. */
  readonly jobs?: number;
  /** Reuse results of unchanged files from the on-disk cache (`--cache`). */
  readonly cache?: boolean;
  /** The cache folder (`--cache-location`); default `.argus/cache`. */
  readonly cacheLocation?: string;
  /** Progress bar on stderr: undefined = when stderr is a terminal. */
  readonly progress?: boolean;
}

/** A usage error: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'note', 'none'];

/** Parses `check` arguments (`--flag value` and `--flag=value`). Throws UsageError on anything unknown. */
export function parseCheckArgs(argv: readonly string[]): CheckOptions {
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
  if (paths.length === 0) throw new UsageError('argus check needs at least one path');
  return { paths, format, failOn, config, output, color, semgrep, semgrepPath, semgrepConfigs, failUnder, jobs, cache, cacheLocation, progress };
}

export const USAGE = `Usage:
  argus check <paths...> [--format text|json|sarif] [--config FILE] [--fail-on error|warning|note|none] [--fail-under SCORE] [--output FILE] [--no-color]
              [--semgrep auto|on|off] [--semgrep-path FILE] [--semgrep-config FILE]...
              [--jobs N] [--cache] [--cache-location DIR] [--no-progress]
  argus score <paths...> [--config FILE] [--fail-under SCORE]   review scores as a table, worst first
  argus dfa generate|check|verify ...   DFA tools (argus dfa --help)
  argus server --stdio          start the language server over stdio (for any LSP editor)
  argus --version

Exit codes: 0 clean; 1 findings at or above --fail-on, or a file scored below --fail-under; 2 usage or configuration error.`;
