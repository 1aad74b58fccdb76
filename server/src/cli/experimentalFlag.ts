import type { ExperimentalMode } from '../core/config/types';
import { UsageError } from './args';

/** Usage line of the flag, for the CLI's USAGE text. */
export const EXPERIMENTAL_USAGE = '[--experimental show|hide]';

/**
 * Takes `--experimental show|hide` (or `--experimental=show`) out of the
 * `check` arguments: `show` reports findings of experimental rules like
 * stable ones; `hide` (the default) keeps them in shadow. The other
 * arguments are returned in order for the regular option parser.
 */
export function takeExperimentalFlag(argv: readonly string[]): { rest: string[]; experimental?: ExperimentalMode } {
  const rest: string[] = [];
  let experimental: ExperimentalMode | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg !== '--experimental' && !arg.startsWith('--experimental=')) {
      rest.push(arg);
      continue;
    }
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
    if (value === undefined || (!arg.includes('=') && value.startsWith('--'))) throw new UsageError('--experimental needs a value: show or hide');
    if (value !== 'show' && value !== 'hide') throw new UsageError(`--experimental must be one of show, hide (got '${value}')`);
    if (experimental !== undefined && experimental !== value) throw new UsageError('--experimental is given twice with different values');
    experimental = value;
  }
  return experimental === undefined ? { rest } : { rest, experimental };
}
