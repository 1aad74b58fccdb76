import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_STATE_LIMIT } from '../../core/dfa';
import { ROW_STATUSES } from '../../node/dfa/outcome';
import { summarize, writeResults } from '../../node/dfa/results';
import { runVerify } from '../../node/dfa/run';
import { UsageError } from '../args';
import { ARGUS_VERSION } from '../version';
import type { Io } from './generate';
import { choiceOption, intOption, loadPatterns, parseAlphabet, parseOptions } from './options';
import { VerifyReporter, type ErrSink } from './progress';

/** Defaults of `argus dfa verify`. */
export const VERIFY_DEFAULTS = { out: 'argus-dfa-results', cache: path.join('.argus', 'cache', 'dfa'), timeoutMs: 10_000 } as const;

const OPTIONS = {
  '--out': 'value',
  '--format': 'value',
  '--jobs': 'value',
  '--timeout-ms': 'value',
  '--cache': 'value',
  '--no-cache': 'flag',
  '--json-logs': 'flag',
  '--alphabet': 'value',
  '--max-states': 'value',
  '--patterns': 'value',
} as const;

/**
 * `argus dfa verify <suite.csv|suite.jsonl>`: verifies every row in worker
 * threads, writes `results.csv` (or `.jsonl`), `failures.jsonl` and
 * `summary.json` into `--out`, and prints a short summary. Exit 0 when every
 * row passes, 1 otherwise, 2 for usage; 130/143 when interrupted by
 * SIGINT/SIGTERM (finished rows are kept in the cache, no results written).
 */
export async function runVerifyCommand(argv: readonly string[], distDir: string, io: Io, errSink: ErrSink): Promise<number> {
  const args = parseOptions(argv, OPTIONS);
  if (args.positionals.length !== 1) throw new UsageError('argus dfa verify needs exactly one suite file (.csv or .jsonl)');
  const input = args.positionals[0]!;
  const outDir = args.values.get('--out') ?? VERIFY_DEFAULTS.out;
  const format = choiceOption(args, '--format', ['csv', 'jsonl'] as const, 'csv');
  const jobs = intOption(args, '--jobs', os.availableParallelism(), 1);
  const timeoutMs = intOption(args, '--timeout-ms', VERIFY_DEFAULTS.timeoutMs, 1);
  const limit = intOption(args, '--max-states', DEFAULT_STATE_LIMIT, 1);
  if (args.flags.has('--no-cache') && args.values.has('--cache')) throw new UsageError('--cache and --no-cache exclude each other');
  const cacheDir = args.flags.has('--no-cache') ? null : path.resolve(args.values.get('--cache') ?? VERIFY_DEFAULTS.cache);
  const defaultAlphabet = args.values.has('--alphabet') ? parseAlphabet(args.values.get('--alphabet')!) : undefined;
  const patterns = loadPatterns(args.values.get('--patterns'));
  const reporter = new VerifyReporter(errSink, args.flags.has('--json-logs'));

  const t0 = performance.now();
  const controller = new AbortController();
  let signalName: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals): void => {
    signalName ??= sig;
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let run;
  try {
    run = await runVerify({
      input,
      workerScript: path.join(distDir, 'dfa-worker.js'),
      jobs,
      timeoutMs,
      cacheDir,
      limit,
      version: ARGUS_VERSION,
      signal: controller.signal,
      ...(defaultAlphabet ? { defaultAlphabet } : {}),
      ...(patterns ? { patterns } : {}),
      onStart: (info) => {
        reporter.event('info', 'verify.start', { input, rows: info.rows, to_verify: info.toVerify, cache_loaded: info.cacheLoaded, corrupt_lines: info.corruptLines, jobs, timeout_ms: timeoutMs, cache_dir: cacheDir });
        if (info.corruptLines > 0) reporter.event('warn', 'verify.cache_corrupt', { lines: info.corruptLines }, `ignored ${info.corruptLines} corrupt cache line(s) in ${cacheDir}; their rows are recomputed`);
      },
      onProgress: (done, total) => reporter.progress(done, total),
      onRestart: (reason, row, detail) => reporter.event('warn', 'verify.worker_restart', { reason, row, detail }, `row ${row ?? '?'}: ${detail}`),
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    reporter.clear();
  }
  if (run.interrupted) {
    const written = run.cache?.written ?? 0;
    reporter.event('warn', 'verify.interrupted', { signal: signalName, cached_rows: written }, `interrupted by ${signalName}; ${written} finished row(s) kept in the cache, no results written`);
    return signalName === 'SIGTERM' ? 143 : 130;
  }
  const cache = run.cache;
  const summary = summarize(run.results, {
    argus_version: ARGUS_VERSION,
    input,
    cache: { enabled: cache !== null, dir: cacheDir, hits: cache?.hits ?? 0, misses: cache?.misses ?? 0, corrupt_lines: cache?.corruptLines ?? 0, loaded: cache?.loaded ?? 0, written: cache?.written ?? 0 },
    jobs,
    timeout_ms: timeoutMs,
    worker_restarts: run.restarts,
    wall_ms: Math.round(performance.now() - t0),
  });
  const files = writeResults(outDir, format, run.results, summary);
  reporter.event('info', 'verify.done', { statuses: summary.statuses, flags: summary.flags, cache_hits: summary.cache.hits, cache_misses: summary.cache.misses, wall_ms: summary.wall_ms, out: outDir });

  const s = summary.statuses;
  const lines = [
    `${summary.rows} rows: ${ROW_STATUSES.map((k) => `${s[k]} ${k}`).join(', ')} (pass rate ${(summary.pass_rate * 100).toFixed(1)}%)`,
    `flags: ${Object.entries(summary.flags).map(([k, n]) => `${n} ${k}`).join(', ') || 'none'}`,
    cache ? `cache: ${cache.hits} hits, ${cache.misses} misses${cache.corruptLines > 0 ? `, ${cache.corruptLines} corrupt lines ignored` : ''} (${path.relative(process.cwd(), cacheDir!) || '.'})` : 'cache: off',
    `wrote ${files.join(', ')} in ${summary.wall_ms} ms`,
  ];
  io.out(lines.join('\n') + '\n');
  return s.PASS === summary.rows ? 0 : 1;
}
