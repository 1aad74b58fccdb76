import * as path from 'node:path';
import { createAnalyzer } from '../node/analyzerFactory';
import { DuplicationIndex } from '../core/review';
import { createLogger } from '../node/logger';
import { parseBaselineArgs, parseCheckArgs, USAGE, UsageError, type BaselineCreateOptions, type CheckOptions, type FailOn } from './args';
import { allFindings, runCheck, type CheckReport } from './check';
import { ARGUS_VERSION } from './version';
import { renderScoreTable } from './scoreTable';
import { applyCiOptions, failingScores, readCiInputs } from './ciOptions';
import type { CiContext } from './ciContext';
import { renderTextWithCi } from './ciText';
import { renderJsonWithCi, renderSarifWithCi } from './ciStructured';
import { renderGithub } from './github';
import { renderJunit } from './junit';
import { renderCodeQuality } from './codequality';
import { assertReplaceable, writeBaseline, writeFileAtomic } from './baselineCommand';
import { writeChunksAtomic } from '../node/atomicWrite';
import { InputError } from './cliError';
import type { RulePackProblem } from '../node/analyzerFactory';
import { startServer } from '../lsp/start';
import { scanOptionsFor } from './scanSetup';
import { takeExperimentalFlag } from './experimentalFlag';
import { runDfaCommand } from './dfa';

/**
 * The `argus` command. The CLI is the language server's headless mode: both
 * build the same Analyzer from the same bundle folder.
 */
export async function main(argv: readonly string[], distDir: string): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await check(withExperimental(rest, parseCheckArgs), distDir);
      case 'baseline': {
        const { rest: args, experimental } = takeExperimentalFlag(rest);
        const o = parseBaselineArgs(args);
        return await createBaseline({ ...o, check: { ...o.check, ...(experimental ? { experimental } : {}) } }, distDir);
      }
      case 'score':
        return await check({ ...withExperimental(rest, parseCheckArgs), failOn: 'none' }, distDir, true);
      case 'dfa':
        return await runDfaCommand(rest, distDir);
      case 'server':
        // vscode-languageserver reads --stdio / --node-ipc from process.argv itself.
        startServer(distDir);
        return -1;
      case '--version':
      case '-v':
        process.stdout.write(`${ARGUS_VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        process.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (err) {
    if (err instanceof InputError) {
      process.stderr.write(`argus: ${err.message}\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`argus: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`argus: internal error: ${(err as Error)?.stack ?? err}\n`);
    return 2;
  }
}

/** Parses check-style arguments, with `--experimental show|hide` taken out first. */
function withExperimental(argv: readonly string[], parse: (argv: readonly string[]) => CheckOptions): CheckOptions {
  const { rest, experimental } = takeExperimentalFlag(argv);
  const o = parse(rest);
  return experimental ? { ...o, experimental } : o;
}

async function check(opts: CheckOptions, distDir: string, scoreTable = false): Promise<number> {
  const root = process.cwd();
  const inputs = await readCiInputs(opts, root);
  const logger = createLogger((_level, line) => process.stderr.write(`argus: ${line}\n`), 'warn');
  const duplicates = new DuplicationIndex();
  const { analyzer, ruleProblems } = await createAnalyzer(distDir, logger, { lazy: true, duplicationIndex: duplicates });
  const scan = scanOptionsFor(opts, root, distDir);
  const report = await runCheck(opts, root, analyzer, ruleProblems, logger, duplicates, scan).finally(() => scan.done());
  if (opts.semgrep === 'on' && report.semgrep.startsWith('error')) {
    process.stderr.write(`argus: semgrep: ${report.semgrep}\n`);
    return 2;
  }
  const { reported, ci } = await applyCiOptions(report, opts, inputs, analyzer, duplicates);
  const color = opts.color ?? (opts.output === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR);
  const rendered = scoreTable ? renderScoreTable(reported) : render(opts, report, reported, ci, color);
  if (typeof rendered === 'string') {
    if (opts.output) writeFileAtomic(path.resolve(opts.output), rendered);
    else process.stdout.write(rendered);
  } else if (opts.output) writeChunksAtomic(path.resolve(opts.output), rendered);
  else for (const chunk of rendered) process.stdout.write(chunk);
  if (hasConfigErrors(report, ruleProblems)) return 2;
  const under = opts.failUnder === undefined ? [] : failingScores(reported, opts.failUnder, inputs);
  if (under.length > 0) process.stderr.write(`argus: ${under.length} file${under.length === 1 ? '' : 's'} scored below ${opts.failUnder}: ${under.join(', ')}\n`);
  return Math.max(exitCodeFor(reported, opts.failOn), under.length > 0 ? 1 : 0);
}

function render(opts: CheckOptions, original: CheckReport, reported: CheckReport, ci: CiContext, color: boolean): string | Iterable<string> {
  switch (opts.format) {
    case 'json':
      return renderJsonWithCi(reported, ci);
    case 'sarif':
      return renderSarifWithCi(original, reported, ci);
    case 'github':
      return renderGithub(reported, ci);
    case 'junit':
      return renderJunit(reported, ci);
    case 'codequality':
      return renderCodeQuality(reported);
    case 'text':
      return renderTextWithCi(reported, ci, color);
  }
}

/** Prints configuration and rule-pack errors; true when there were any (exit 2). */
function hasConfigErrors(report: CheckReport, ruleProblems: readonly RulePackProblem[]): boolean {
  const configErrors = report.configFindings.flatMap((c) => c.findings.filter((f) => f.severity === 'error').map((f) => `${c.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`));
  if (configErrors.length === 0 && ruleProblems.length === 0) return false;
  process.stderr.write(`argus: configuration errors:\n${[...configErrors, ...ruleProblems.map((p) => `${p.path}:${p.line + 1}: ${p.message}`)].map((l) => `  ${l}`).join('\n')}\n`);
  return true;
}

/**
 * `argus baseline create`: a refused overwrite fails before the scan; a
 * configuration error fails without writing, since its findings would be wrong.
 */
async function createBaseline(opts: BaselineCreateOptions, distDir: string): Promise<number> {
  const root = process.cwd();
  assertReplaceable(root, opts);
  const logger = createLogger((_level, line) => process.stderr.write(`argus: ${line}\n`), 'warn');
  const duplicates = new DuplicationIndex();
  const { analyzer, ruleProblems } = await createAnalyzer(distDir, logger, { lazy: true, duplicationIndex: duplicates });
  const scan = scanOptionsFor(opts.check, root, distDir);
  const report = await runCheck(opts.check, root, analyzer, ruleProblems, logger, duplicates, scan).finally(() => scan.done());
  if (opts.check.semgrep === 'on' && report.semgrep.startsWith('error')) {
    process.stderr.write(`argus: semgrep: ${report.semgrep}\n`);
    return 2;
  }
  if (hasConfigErrors(report, ruleProblems)) {
    process.stderr.write(`argus: baseline ${opts.baseline} not written\n`);
    return 2;
  }
  process.stdout.write(writeBaseline(root, opts, report));
  return 0;
}

/** 1 when any finding is at or above the --fail-on severity, else 0. */
export function exitCodeFor(report: CheckReport, failOn: FailOn): number {
  if (failOn === 'none') return 0;
  const floor = failOn === 'error' ? ['error'] : failOn === 'warning' ? ['error', 'warning'] : ['error', 'warning', 'info', 'hint'];
  return allFindings(report).some(({ finding }) => floor.includes(finding.severity)) ? 1 : 0;
}
