/**
 * Precision / recall / F1 of the built-in security rules on the annotated
 * fixture corpus (test/fixtures/security), per category and language.
 *
 *   npx tsx scripts/eval-security.ts                  # print the tables
 *   npx tsx scripts/eval-security.ts --details        # also list every FP and FN
 *   npx tsx scripts/eval-security.ts --json           # machine-readable counts
 *   npx tsx scripts/eval-security.ts --update-baseline  # rewrite the committed baseline
 *
 * The corpus test (test/unit/security/corpus.test.ts) fails when the counts
 * differ from the baseline, so rule changes must update it deliberately.
 */
import * as path from 'node:path';
import { writeFileSync } from 'node:fs';
import { BASELINE_FILE, metrics, scoreCorpus, tally, type Counts } from '../test/unit/security/corpus';
import { ROOT } from '../test/unit/security/helpers';

function pct(n: number): string {
  return `${(n * 100).toFixed(1)}%`.padStart(7);
}

function row(label: string, c: Counts): string {
  const m = metrics(c);
  return `${label.padEnd(38)} ${String(c.tp).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.fn).padStart(4)}  ${pct(m.precision)} ${pct(m.recall)} ${pct(m.f1)}`;
}

function table(title: string, entries: [string, Counts][]): string {
  const head = `${title.padEnd(38)} ${'TP'.padStart(4)} ${'FP'.padStart(4)} ${'FN'.padStart(4)}  ${'prec'.padStart(7)} ${'recall'.padStart(7)} ${'F1'.padStart(7)}`;
  return [head, '-'.repeat(head.length), ...entries.map(([k, c]) => row(k, c))].join('\n');
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const scores = await scoreCorpus();
  const counts = tally(scores);
  if (args.has('--update-baseline')) {
    writeFileSync(path.join(ROOT, BASELINE_FILE), `${JSON.stringify(counts, null, 2)}\n`);
    process.stdout.write(`wrote ${BASELINE_FILE}\n`);
    return;
  }
  if (args.has('--json')) {
    process.stdout.write(`${JSON.stringify(counts, null, 2)}\n`);
    return;
  }
  const entries = Object.entries(counts);
  const byCategory = entries.filter(([k]) => k.endsWith('|*') && k !== '*|*').map(([k, c]) => [k.slice(0, -2), c] as [string, Counts]);
  const byLanguage = entries.filter(([k]) => k.startsWith('*|') && k !== '*|*').map(([k, c]) => [k.slice(2), c] as [string, Counts]);
  const cells = entries.filter(([k]) => !k.includes('*')).map(([k, c]) => [k.replace('|', ' / '), c] as [string, Counts]);
  const out = [
    `Security rule evaluation on ${scores.length} fixture files (${BASELINE_FILE.replace('/baseline.json', '')})`,
    '',
    table('category', byCategory),
    '',
    table('language', byLanguage),
    '',
    table('category / language', cells),
    '',
    row('TOTAL', counts['*|*'] ?? { tp: 0, fp: 0, fn: 0 }),
    row('  of which held-out files', tally(scores.filter((s) => /holdout/i.test(s.file)))['*|*'] ?? { tp: 0, fp: 0, fn: 0 }),
  ];
  if (args.has('--details')) {
    out.push('', 'False positives and false negatives:');
    for (const s of scores) for (const o of s.outcomes) if (o.outcome !== 'tp') out.push(`  ${o.outcome.toUpperCase()} ${s.file}:${o.line + 1} ${o.ruleId}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

void main();
