import { writeFileAtomic } from '../atomicWrite';
import * as path from 'node:path';
import type { RowFlag } from '../../core/dfa';
import { csvLine } from './csv';
import { ROW_STATUSES, type RowOutcome, type RowStatus } from './outcome';

/** One verified row, as written to the result files. */
export interface RowResult {
  readonly row: number;
  readonly line: number;
  readonly prompt: string;
  readonly category: string;
  readonly expectedType: string;
  readonly difficulty: string;
  /** The outcome, with this suite's duplicate-prompt flag (if any) first. */
  readonly outcome: RowOutcome;
  readonly cache: 'hit' | 'miss' | 'off';
  /** Time spent verifying in this run (0 for a cache hit). */
  readonly ms: number;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file (see atomicWrite.ts). */
export const writeAtomic = writeFileAtomic;

const COLUMNS = ['row', 'line', 'prompt', 'category', 'expected_type', 'status', 'error_class', 'error_name', 'reading', 'alphabet', 'flags', 'counterexample', 'cache', 'ms', 'message'];

const showWord = (w: string): string => (w === '' ? 'ε' : w);

/** `results.csv`: one line per row, in suite order; lists are `;`-joined, messages ` | `-joined. */
export function resultsCsv(results: readonly RowResult[]): string {
  const lines = [csvLine(COLUMNS)];
  for (const r of results) {
    const o = r.outcome;
    lines.push(
      csvLine([
        r.row, r.line, r.prompt, r.category, r.expectedType, o.status, o.errorClass, o.errorName, o.reading, o.alphabet?.join(';'),
        o.flags.map((f) => f.kind).join(';'), o.counterexample ? showWord(o.counterexample.word) : '', r.cache, r.ms.toFixed(2), o.messages.join(' | '),
      ]),
    );
  }
  return lines.join('');
}

/** `results.jsonl`: the same rows with every field of the outcome. */
export function resultsJsonl(results: readonly RowResult[]): string {
  return results.map((r) => JSON.stringify({ row: r.row, line: r.line, prompt: r.prompt, category: r.category, expected_type: r.expectedType, ...r.outcome, cache: r.cache, ms: +r.ms.toFixed(2) }) + '\n').join('');
}

/** `failures.jsonl`, the failure bank: every row that is not PASS, with why. */
export function failuresJsonl(results: readonly RowResult[]): string {
  return results
    .filter((r) => r.outcome.status !== 'PASS')
    .map((r) => {
      const o = r.outcome;
      const entry = { row: r.row, line: r.line, prompt: r.prompt, category: r.category, status: o.status, error_class: o.errorClass, error_name: o.errorName, counterexample: o.counterexample, reason: o.messages.join(' | '), reading: o.reading, disagreements: o.disagreements, flags: o.flags };
      return JSON.stringify(entry) + '\n';
    })
    .join('');
}

/** Everything `summary.json` holds. */
export interface Summary {
  readonly argus_version: string;
  readonly input: string;
  readonly rows: number;
  readonly statuses: Record<RowStatus, number>;
  readonly pass_rate: number;
  readonly error_classes: { transient: number; permanent: number };
  readonly categories: Record<string, { rows: number; pass: number; pass_rate: number; statuses: Partial<Record<RowStatus, number>> }>;
  readonly flags: Partial<Record<RowFlag['kind'], number>>;
  readonly cache: { enabled: boolean; dir: string | null; hits: number; misses: number; corrupt_lines: number; loaded: number; written: number };
  readonly jobs: number;
  readonly timeout_ms: number;
  readonly worker_restarts: number;
  readonly wall_ms: number;
}

const rate = (pass: number, rows: number): number => (rows === 0 ? 1 : +(pass / rows).toFixed(4));

/** Counts per status, per category, per flag and per error class. */
export function summarize(results: readonly RowResult[], run: Pick<Summary, 'argus_version' | 'input' | 'cache' | 'jobs' | 'timeout_ms' | 'worker_restarts' | 'wall_ms'>): Summary {
  const statuses = Object.fromEntries(ROW_STATUSES.map((s) => [s, 0])) as Record<RowStatus, number>;
  const categories: Summary['categories'] = {};
  const flags: Summary['flags'] = {};
  const errorClasses = { transient: 0, permanent: 0 };
  for (const r of results) {
    const o = r.outcome;
    statuses[o.status]++;
    if (o.errorClass) errorClasses[o.errorClass]++;
    const c = (categories[r.category || '(none)'] ??= { rows: 0, pass: 0, pass_rate: 0, statuses: {} });
    c.rows++;
    if (o.status === 'PASS') c.pass++;
    c.statuses[o.status] = (c.statuses[o.status] ?? 0) + 1;
    for (const f of o.flags) flags[f.kind] = (flags[f.kind] ?? 0) + 1;
  }
  for (const c of Object.values(categories)) c.pass_rate = rate(c.pass, c.rows);
  const sorted = Object.fromEntries(Object.entries(categories).sort(([a], [b]) => a.localeCompare(b)));
  return {
    argus_version: run.argus_version,
    input: run.input,
    rows: results.length,
    statuses,
    pass_rate: rate(statuses.PASS, results.length),
    error_classes: errorClasses,
    categories: sorted,
    flags: Object.fromEntries(Object.entries(flags).sort(([a], [b]) => a.localeCompare(b))),
    cache: run.cache,
    jobs: run.jobs,
    timeout_ms: run.timeout_ms,
    worker_restarts: run.worker_restarts,
    wall_ms: run.wall_ms,
  };
}

/** Writes the three result files into `outDir`, each atomically. */
export function writeResults(outDir: string, format: 'csv' | 'jsonl', results: readonly RowResult[], summary: Summary): string[] {
  const files = [
    [format === 'csv' ? 'results.csv' : 'results.jsonl', format === 'csv' ? resultsCsv(results) : resultsJsonl(results)],
    ['failures.jsonl', failuresJsonl(results)],
    ['summary.json', JSON.stringify(summary, null, 2) + '\n'],
  ] as const;
  for (const [name, content] of files) writeAtomic(path.join(outDir, name), content);
  return files.map(([name]) => path.join(outDir, name));
}
