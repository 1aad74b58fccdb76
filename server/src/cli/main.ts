import * as path from 'node:path';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createAnalyzer } from '../node/analyzerFactory';
import { DuplicationIndex } from '../core/review';
import { createLogger } from '../node/logger';
import { parseCheckArgs, USAGE, UsageError, type CheckOptions, type FailOn } from './args';
import { allFindings, runCheck, type CheckReport } from './check';
import { renderText } from './text';
import { renderJson } from './json';
import { renderSarif } from './sarif';
import { ARGUS_VERSION } from './version';
import { filesUnder, renderScoreTable } from './scoreTable';
import { startServer } from '../lsp/start';
import { scanOptionsFor } from './scanSetup';
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
        return await check(parseCheckArgs(rest), distDir);
      case 'score':
        return await check({ ...parseCheckArgs(rest), failOn: 'none' }, distDir, true);
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
    if (err instanceof UsageError) {
      process.stderr.write(`argus: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`argus: internal error: ${(err as Error)?.stack ?? err}\n`);
    return 2;
  }
}

async function check(opts: CheckOptions, distDir: string, scoreTable = false): Promise<number> {
  const logger = createLogger((_level, line) => process.stderr.write(`argus: ${line}\n`), 'warn');
  const duplicates = new DuplicationIndex();
  const { analyzer, ruleProblems } = await createAnalyzer(distDir, logger, { lazy: true, duplicationIndex: duplicates });
  const scan = scanOptionsFor(opts, process.cwd(), distDir);
  const report = await runCheck(opts, process.cwd(), analyzer, ruleProblems, logger, duplicates, scan).finally(() => scan.done());
  if (opts.semgrep === 'on' && report.semgrep.startsWith('error')) {
    process.stderr.write(`argus: semgrep: ${report.semgrep}\n`);
    return 2;
  }
  const color = opts.color ?? (opts.output === undefined && process.stdout.isTTY === true && !process.env.NO_COLOR);
  const rendered = scoreTable ? renderScoreTable(report) : opts.format === 'json' ? renderJson(report) : opts.format === 'sarif' ? renderSarif(report) : renderText(report, color);
  if (opts.output) writeAtomic(path.resolve(opts.output), rendered);
  else process.stdout.write(rendered);
  const configErrors = report.configFindings.flatMap((c) => c.findings.filter((f) => f.severity === 'error').map((f) => `${c.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`));
  if (configErrors.length > 0 || ruleProblems.length > 0) {
    process.stderr.write(`argus: configuration errors:\n${[...configErrors, ...ruleProblems.map((p) => `${p.path}:${p.line + 1}: ${p.message}`)].map((l) => `  ${l}`).join('\n')}\n`);
    return 2;
  }
  const under = opts.failUnder === undefined ? [] : filesUnder(report, opts.failUnder);
  if (under.length > 0) process.stderr.write(`argus: ${under.length} file${under.length === 1 ? '' : 's'} scored below ${opts.failUnder}: ${under.join(', ')}\n`);
  return Math.max(exitCodeFor(report, opts.failOn), under.length > 0 ? 1 : 0);
}

/** 1 when any finding is at or above the --fail-on severity, else 0. */
export function exitCodeFor(report: CheckReport, failOn: FailOn): number {
  if (failOn === 'none') return 0;
  const floor = failOn === 'error' ? ['error'] : failOn === 'warning' ? ['error', 'warning'] : ['error', 'warning', 'info', 'hint'];
  return allFindings(report).some(({ finding }) => floor.includes(finding.severity)) ? 1 : 0;
}

/** Writes through a temporary file and a rename, so a reader never sees half a report. */
function writeAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}
