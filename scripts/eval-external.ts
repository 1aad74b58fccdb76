/**
 * Scores Argus's security findings on external labelled corpora that are not
 * (and may not be) committed here: the OWASP Benchmark (Java or Python) and
 * semgrep-rules style annotated tests. It runs the built CLI (`dist/cli.js`)
 * with only the security engine, the way a user would, and scores its JSON.
 *
 *   npx tsx scripts/eval-external.ts owasp <dir> <expected.csv> [--details]
 *   npx tsx scripts/eval-external.ts annotated <dir> [--details]
 *
 * owasp: `<dir>` holds BenchmarkTestNNNNN.{java,py}; each row of the CSV
 * (`name,category,real,cwe`) whose file is in `<dir>` is one test case. As
 * in the OWASP scorecard, a case counts as flagged when a finding in its
 * file carries the case's CWE; a category's score is the Youden index
 * TPR − FPR, and the overall score is the average over categories.
 *
 * annotated: files with `ruleid:` / `ok:` comments (semgrep-rules style,
 * third-party rule ids). The line after a `ruleid:` is a true case, flagged
 * when any security finding starts on it; the line after an `ok:` is a safe
 * case, a false positive when any finding starts on it. Rule ids differ
 * between tools, so only the lines are compared; `todoruleid:` counts as a
 * true case and `todook:` as a safe one, as their authors meant.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

interface JsonFinding {
  readonly ruleId: string;
  readonly engine: string;
  readonly line: number;
  readonly cwe?: readonly string[];
}

/** Runs `argus check` with only the security engine; findings by file path relative to `dir`. */
function scan(dir: string): Map<string, JsonFinding[]> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'argus-eval-'));
  const config = path.join(tmp, '.argus.yml');
  writeFileSync(config, 'engines:\n  review: false\n  dfa: false\n');
  const out = path.join(tmp, 'report.json');
  const cli = path.join(ROOT, 'dist', 'cli.js');
  execFileSync(process.execPath, [cli, 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off', '--no-progress', '--config', config, '--output', out], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  const report = JSON.parse(readFileSync(out, 'utf8')) as { files: { path: string; findings?: JsonFinding[] }[] };
  const byFile = new Map<string, JsonFinding[]>();
  for (const f of report.files) byFile.set(f.path, (f.findings ?? []).filter((x) => x.engine === 'security'));
  return byFile;
}

interface Cell {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

const cell = (): Cell => ({ tp: 0, fn: 0, fp: 0, tn: 0 });
const pct = (n: number) => `${(n * 100).toFixed(1)}%`.padStart(7);
const rate = (a: number, b: number) => (a + b === 0 ? 0 : a / (a + b));

function youdenTable(rows: [string, Cell][]): string {
  const head = `${'category'.padEnd(16)} ${'cases'.padStart(5)} ${'TP'.padStart(4)} ${'FN'.padStart(4)} ${'FP'.padStart(4)} ${'TN'.padStart(4)}  ${'TPR'.padStart(7)} ${'FPR'.padStart(7)} ${'Youden'.padStart(7)}`;
  const lines = [head, '-'.repeat(head.length)];
  let sum = 0;
  const all = cell();
  for (const [k, c] of rows) {
    const tpr = rate(c.tp, c.fn);
    const fpr = rate(c.fp, c.tn);
    sum += tpr - fpr;
    for (const key of ['tp', 'fn', 'fp', 'tn'] as const) all[key] += c[key];
    lines.push(`${k.padEnd(16)} ${String(c.tp + c.fn + c.fp + c.tn).padStart(5)} ${String(c.tp).padStart(4)} ${String(c.fn).padStart(4)} ${String(c.fp).padStart(4)} ${String(c.tn).padStart(4)}  ${pct(tpr)} ${pct(fpr)} ${pct(tpr - fpr)}`);
  }
  const precision = rate(all.tp, all.fp);
  const recall = rate(all.tp, all.fn);
  lines.push('-'.repeat(head.length));
  lines.push(`average Youden over ${rows.length} categories: ${((sum / Math.max(rows.length, 1)) * 100).toFixed(1)}%`);
  lines.push(`all cases: TPR ${pct(recall).trim()}, FPR ${pct(rate(all.fp, all.tn)).trim()}, precision ${pct(precision).trim()}, F1 ${pct(precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)).trim()}`);
  return lines.join('\n');
}

function owasp(dir: string, csv: string, details: boolean): void {
  const present = new Set(readdirSync(dir).map((f) => f.replace(/\.(java|py)$/, '')));
  const findings = scan(dir);
  const byName = new Map<string, JsonFinding[]>();
  for (const [file, list] of findings) byName.set(path.basename(file).replace(/\.(java|py)$/, ''), list);
  const cats = new Map<string, Cell>();
  const misses: string[] = [];
  for (const line of readFileSync(csv, 'utf8').split(/\r?\n/)) {
    const [name, category, real, cwe] = line.split(',').map((s) => s.trim());
    if (!name || !category || !/^\d+$/.test(cwe ?? '') || !present.has(name)) continue;
    const list = byName.get(name) ?? [];
    const flagged = list.some((f) => f.cwe?.includes(`CWE-${cwe}`));
    const c = cats.get(category) ?? cell();
    cats.set(category, c);
    const truth = real === 'true';
    if (truth && flagged) c.tp++;
    else if (truth) c.fn++;
    else if (flagged) c.fp++;
    else c.tn++;
    if (details && truth !== flagged) misses.push(`${truth ? 'FN' : 'FP'} ${name} ${category} CWE-${cwe}: ${list.map((f) => `${f.ruleId}@${f.line}[${f.cwe?.join(' ')}]`).join(', ') || 'no findings'}`);
  }
  console.log(youdenTable([...cats].sort(([a], [b]) => a.localeCompare(b))));
  if (details) console.log(`\n${misses.join('\n')}`);
}

const ANNOTATION = /(?:\/\/|#|\/\*|<!--|--)\s*(ruleid|ok|todoruleid|todook)\s*:\s*([\w/,.\s-]+?)\s*(?:\*\/|-->)?\s*$/;

function annotated(dir: string, details: boolean): void {
  const findings = scan(dir);
  const langs = new Map<string, Cell>();
  const misses: string[] = [];
  for (const [file, list] of findings) {
    const text = readFileSync(path.join(dir, file), 'utf8').split(/\r?\n/);
    const lang = file.split(/[\\/]/)[0]!;
    const c = langs.get(lang) ?? cell();
    langs.set(lang, c);
    const flaggedLines = new Set(list.map((f) => f.line - 1));
    let pending: boolean | undefined;
    text.forEach((line, i) => {
      const m = ANNOTATION.exec(line);
      if (m) {
        // A true annotation wins over a stacked ok: the line is a true case for some rule.
        const truth = m[1] === 'ruleid' || m[1] === 'todoruleid';
        pending = (pending ?? false) || truth;
        return;
      }
      if (pending === undefined || line.trim() === '') return;
      const flagged = flaggedLines.has(i);
      if (pending && flagged) c.tp++;
      else if (pending) c.fn++;
      else if (flagged) c.fp++;
      else c.tn++;
      if (details && pending !== flagged) misses.push(`${pending ? 'FN' : 'FP'} ${file}:${i + 1}: ${line.trim().slice(0, 100)}${flagged ? ` <- ${list.filter((f) => f.line - 1 === i).map((f) => f.ruleId).join(', ')}` : ''}`);
      pending = undefined;
    });
  }
  console.log(youdenTable([...langs].sort(([a], [b]) => a.localeCompare(b))).replace('category', 'language'));
  if (details) console.log(`\n${misses.join('\n')}`);
}

function main(): void {
  const [mode, dir, csv] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const details = process.argv.includes('--details');
  if (mode === 'owasp' && dir && csv) return owasp(path.resolve(dir), path.resolve(csv), details);
  if (mode === 'annotated' && dir) return annotated(path.resolve(dir), details);
  process.stderr.write('usage: eval-external.ts owasp <dir> <expected.csv> [--details] | annotated <dir> [--details]\n');
  process.exitCode = 2;
}

main();
