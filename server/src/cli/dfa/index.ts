import { WorkerStartError } from '../../node/dfa/pool';
import { SuiteFileError } from '../../node/dfa/suiteFile';
import { UsageError } from '../args';
import { runCheck } from './check';
import { runGenerate, type Io } from './generate';
import { runVerifyCommand } from './verify';

/** Usage of `argus dfa`, printed with usage errors and by `argus dfa --help`. */
export const DFA_USAGE = `Usage:
  argus dfa generate "<spec>" [--alphabet "{0,1}"] [--format json|dot|dfa] [--max-states N] [--patterns FILE]
  argus dfa check <file.dfa|file.dfa.json>... [--max-states N] [--patterns FILE]
  argus dfa verify <suite.csv|suite.jsonl> [--out DIR] [--format csv|jsonl] [--jobs N] [--timeout-ms N]
                   [--cache DIR | --no-cache] [--json-logs] [--alphabet "{0,1}"] [--max-states N] [--patterns FILE]

  generate  print the minimal complete DFA of a spec (default --format json)
  check     print the findings of DFA files: file:line:col severity rule-id message
  verify    verify a prompt suite in parallel; results in --out (default argus-dfa-results/),
            cache in --cache (default .argus/cache/dfa)

--alphabet: a name (binary, ternary, decimal, hex) or a set such as "{a, b}"; for verify it is the
alphabet of prompts that declare none (without it they are INVALID_SPEC: never guessed).
--patterns: JSON {"<phrase kind>": ["extra phrase", ...]} added to the built-in synonyms.

Exit codes: generate 0 ok, 2 unusable spec; check 0 no errors, 1 errors; verify 0 every row passes,
1 otherwise, 130/143 interrupted; 2 usage everywhere.`;

/**
 * `argus dfa <generate|check|verify> …`. `distDir` is the bundle folder
 * (where `dfa-worker.js` lives). Returns the exit code; never throws.
 */
export async function runDfaCommand(argv: readonly string[], distDir: string): Promise<number> {
  const io: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'generate':
        return runGenerate(rest, io);
      case 'check':
        return runCheck(rest, io);
      case 'verify':
        return await runVerifyCommand(rest, distDir, io, { write: (t) => process.stderr.write(t), isTTY: process.stderr.isTTY === true });
      case '--help':
      case '-h':
      case 'help':
        io.out(`${DFA_USAGE}\n`);
        return 0;
      case undefined:
        throw new UsageError('argus dfa needs a subcommand: generate, check or verify');
      default:
        throw new UsageError(`unknown dfa subcommand '${sub}'`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`argus: ${err.message}\n\n${DFA_USAGE}\n`);
      return 2;
    }
    if (err instanceof SuiteFileError || err instanceof WorkerStartError) {
      io.err(`argus: ${err.message}\n`);
      return 2;
    }
    io.err(`argus: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
    return 2;
  }
}
