/**
 * Agreement of Argus's metrics with reference implementations:
 *  - Cognitive Complexity (JS/TS) vs eslint-plugin-sonarjs 1.0.4 (threshold 0, so every
 *    function with a non-zero score is reported; unreported functions score 0);
 *  - cyclomatic complexity (JS) vs ESLint's core `complexity` rule (max 0);
 *  - cyclomatic complexity (Python) vs `radon cc -j` on Debian's Python stdlib.
 *
 * Run: `npx tsx scripts/eval-metrics.ts [--quick] [--verbose]`. The corpus is a
 * deterministic selection (sorted paths, every k-th file) of JS/TS sources in
 * node_modules and of /usr/lib/python3.11. Exported helpers are reused by
 * test/eval/metrics-agreement.test.ts on a fixed, smaller file list.
 */
import * as path from 'node:path';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { Linter } from 'eslint';
import { testParsers } from '../test/helpers/parsers';
import { languageFromPath, type LanguageId } from '../server/src/core/document';
import { grammarFor } from '../server/src/core/parsing/grammars';
import { computeFunctionMetrics } from '../server/src/core/review/metrics';
import type { FunctionMetrics } from '../server/src/core/review/types';

// eslint-plugin-sonarjs and the TS parser are CommonJS without bundled types we rely on.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sonarjs = require('eslint-plugin-sonarjs') as object;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tsParser = require('@typescript-eslint/parser') as Linter.Parser;

const ROOT = path.resolve(__dirname, '..');

/** One compared function. */
export interface Comparison {
  readonly file: string;
  readonly line: number;
  readonly name: string;
  readonly ours: number | undefined;
  readonly oracle: number | undefined;
  readonly detail?: string;
}

/** Agreement over one oracle. */
export interface Agreement {
  readonly oracle: string;
  readonly files: number;
  readonly skippedFiles: readonly string[];
  readonly functions: number;
  readonly equal: number;
  /** Functions where at least one side is non-zero (JS) — the stricter figure. */
  readonly nonTrivial: number;
  readonly nonTrivialEqual: number;
  readonly mismatches: readonly Comparison[];
  readonly note?: string;
}

function listFiles(dir: string, accept: (f: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (name === 'node_modules' || name === 'test' || name === 'tests' || name === '__tests__') continue;
    const st = statSync(p);
    if (st.isDirectory()) listFiles(p, accept, out);
    else if (accept(p) && st.size < 400_000) out.push(p);
  }
  return out;
}

/** Every k-th element so that about `n` remain; deterministic. */
function sample<T>(xs: readonly T[], n: number): T[] {
  if (xs.length <= n) return [...xs];
  const step = xs.length / n;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(xs[Math.floor(i * step)]!);
  return out;
}

/** The default JS/TS corpus: JS and TS sources of a few packages in node_modules (pinned by package-lock). */
export function jsCorpus(perGroup = 80): string[] {
  const nm = (p: string): string => path.join(ROOT, 'node_modules', p);
  const isJs = (f: string): boolean => /\.(c|m)?js$/.test(f) && !/\.min\.js$/.test(f);
  const isTs = (f: string): boolean => /\.(ts|tsx)$/.test(f) && !f.endsWith('.d.ts');
  const groups = [
    listFiles(nm('yaml/dist'), isJs),
    listFiles(nm('eslint/lib'), isJs),
    [...listFiles(nm('picomatch/lib'), isJs), ...listFiles(nm('semver'), isJs)],
    listFiles(nm('@typescript-eslint/typescript-estree/dist'), isJs),
    listFiles(nm('ajv/lib'), isTs),
    listFiles(nm('@azure/msal-common/src'), isTs),
    [...listFiles(nm('@azure/msal-browser/src'), isTs), ...listFiles(nm('cheerio/src'), isTs)],
  ];
  return groups.flatMap((g) => sample(g, perGroup));
}

/** The default Python corpus: top-level modules of Debian's Python 3.11 stdlib. */
export function pythonCorpus(n = 150): string[] {
  return sample(listFiles('/usr/lib/python3.11', (f) => f.endsWith('.py') && path.dirname(f) === '/usr/lib/python3.11'), n);
}

async function ourMetrics(file: string, text: string): Promise<FunctionMetrics[] | undefined> {
  const lang = languageFromPath(file) as LanguageId;
  const grammar = grammarFor(lang);
  if (!grammar) return undefined;
  const host = await testParsers();
  return host.withTree(grammar, text, (tree) => computeFunctionMetrics(tree, lang, text));
}

function lint(file: string, text: string, rules: Linter.RulesRecord): Linter.LintMessage[] | undefined {
  const linter = new Linter({ configType: 'flat' });
  const isTs = /\.tsx?$/.test(file);
  for (const sourceType of ['module', 'commonjs'] as const) {
    const config: Linter.Config = {
      files: ['**/*.{js,jsx,ts,tsx}'],
      languageOptions: { ecmaVersion: 'latest', sourceType, ...(isTs ? { parser: tsParser } : {}), parserOptions: { ecmaFeatures: { jsx: /x$/.test(file) } } },
      plugins: { sonarjs: sonarjs as never },
      // `// eslint-disable-next-line complexity` in the corpus must not hide the oracle's answer.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      rules,
    };
    const msgs = linter.verify(text, [config], { filename: `x.${isTs ? 'ts' : 'js'}${/x$/.test(file) ? 'x' : ''}` });
    if (!msgs.some((m) => m.fatal || m.message.startsWith('No matching configuration'))) return msgs;
  }
  return undefined;
}

/** SonarJS's score for our function minus `recursion` increments (sonarjs does not count recursion). */
function cognitiveWithoutRecursion(f: FunctionMetrics): number {
  return f.increments.filter((i) => i.kind !== 'recursion').reduce((s, i) => s + i.amount, 0);
}

function summarize(oracle: string, files: number, skipped: string[], cmp: Comparison[]): Agreement {
  const equal = cmp.filter((c) => c.ours === c.oracle).length;
  const nonTrivialCmp = cmp.filter((c) => (c.ours ?? 0) > 0 || (c.oracle ?? 0) > 0);
  return {
    oracle,
    files,
    skippedFiles: skipped,
    functions: cmp.length,
    equal,
    nonTrivial: nonTrivialCmp.length,
    nonTrivialEqual: nonTrivialCmp.filter((c) => c.ours === c.oracle).length,
    mismatches: cmp.filter((c) => c.ours !== c.oracle),
  };
}

/**
 * Compares Cognitive Complexity with eslint-plugin-sonarjs and JS cyclomatic
 * complexity with ESLint `complexity`. Functions are matched by SonarJS's
 * anchor token (name, `function` keyword or `=>`) and, for ESLint, by line.
 */
export async function evalJs(files: readonly string[]): Promise<{ cognitive: Agreement; cyclomatic: Agreement }> {
  const cog: Comparison[] = [];
  const cyc: Comparison[] = [];
  const skipped: string[] = [];
  let used = 0;
  let recursive = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(ROOT, file);
    const msgs = lint(file, text, { 'sonarjs/cognitive-complexity': ['error', 0, 'sonar-runtime'], complexity: ['error', 0] });
    const ours = msgs && (await ourMetrics(file, text));
    if (!msgs || !ours) {
      skipped.push(rel);
      continue;
    }
    used++;
    const sonar = new Map<string, { score: number; detail: string }>();
    const eslint = new Map<number, number[]>();
    for (const m of msgs) {
      if (m.ruleId === 'sonarjs/cognitive-complexity') {
        const data = JSON.parse(m.message) as { message: string; secondaryLocations: { line: number; column: number; message: string }[] };
        const score = Number(/from (\d+) to/.exec(data.message)?.[1]);
        sonar.set(`${m.line - 1}:${m.column - 1}`, { score, detail: data.secondaryLocations.map((s) => `${s.line}:${s.column + 1} ${s.message}`).join(', ') });
      } else if (m.ruleId === 'complexity' && !/^Class (field initializer|static block)/.test(m.message)) {
        const n = Number(/complexity of (\d+)/.exec(m.message)?.[1]);
        eslint.set(m.line, [...(eslint.get(m.line) ?? []), n]);
      }
    }
    for (const f of ours) {
      const key = `${f.anchor.line}:${f.anchor.character}`;
      const s = sonar.get(key);
      sonar.delete(key);
      const ourDetail = f.increments.map((i) => `${i.line}:${i.column} +${i.amount} ${i.reason}`).join(', ');
      if (f.increments.some((i) => i.kind === 'recursion')) recursive++;
      cog.push({ file: rel, line: f.anchor.line + 1, name: f.name, ours: cognitiveWithoutRecursion(f), oracle: s?.score ?? 0, detail: `ours: ${ourDetail}\n      sonar: ${s?.detail ?? ''}` });
      // ESLint reports at the function head: the anchor line for arrows, the start line otherwise,
      // or a decorator line above the method (tree-sitter keeps decorators outside the method node).
      const candidates = [f.anchor.line + 1, f.startLine, f.startLine - 1, f.startLine - 2, f.startLine - 3];
      const line = candidates.find((l) => (eslint.get(l)?.length ?? 0) > 0) ?? f.startLine;
      const list = eslint.get(line);
      const value = list?.shift();
      cyc.push({ file: rel, line, name: f.name, ours: f.cyclomaticComplexity, oracle: value });
    }
    for (const [line, rest] of eslint) for (const v of rest) cyc.push({ file: rel, line, name: '<unmatched ESLint report>', ours: undefined, oracle: v });
    for (const [key, s] of sonar) cog.push({ file: rel, line: Number(key.split(':')[0]) + 1, name: '<unmatched sonar report>', ours: undefined, oracle: s.score, detail: s.detail });
  }
  const note = `${recursive} function(s) have a +1 recursion increment, which sonarjs 1.0.4 does not count; it is left out of the comparison`;
  return { cognitive: { ...summarize('eslint-plugin-sonarjs 1.0.4 cognitive-complexity', used, skipped, cog), note }, cyclomatic: summarize('ESLint complexity (classic)', used, skipped, cyc) };
}

interface RadonBlock {
  type: string;
  name: string;
  lineno: number;
  col_offset: number;
  complexity: number;
  methods?: RadonBlock[];
  closures?: RadonBlock[];
}

function radonFunctions(blocks: readonly RadonBlock[], out: RadonBlock[] = []): RadonBlock[] {
  for (const b of blocks) {
    if (b.type === 'class') radonFunctions(b.methods ?? [], out);
    else if (b.type === 'function' || b.type === 'method') {
      if (!out.some((o) => o.lineno === b.lineno && o.col_offset === b.col_offset)) out.push(b);
      radonFunctions(b.closures ?? [], out);
    }
  }
  return out;
}

/** Compares Python cyclomatic complexity with `radon cc -j` (every function radon reports). */
export async function evalPython(files: readonly string[]): Promise<Agreement> {
  const json = execFileSync('radon', ['cc', '-j', ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const report = JSON.parse(json) as Record<string, RadonBlock[] | { error: string }>;
  const cmp: Comparison[] = [];
  const skipped: string[] = [];
  let used = 0;
  for (const file of files) {
    // radon leaves files without functions out of its report; an `error` entry means it could not parse.
    const blocks = report[file] ?? [];
    const text = readFileSync(file, 'utf8');
    const ours = await ourMetrics(file, text);
    if (!Array.isArray(blocks) || !ours) {
      skipped.push(file);
      continue;
    }
    used++;
    for (const b of radonFunctions(blocks)) {
      const f = ours.find((o) => o.startLine === b.lineno && (o.name === b.name || o.name.endsWith(`.${b.name}`)) && startColumn(o, text) === b.col_offset);
      cmp.push({ file, line: b.lineno, name: b.name, ours: f?.cyclomaticComplexity, oracle: b.complexity });
    }
  }
  return summarize('radon cc (Python cyclomatic)', used, skipped, cmp);
}

/** Column (UTF-8 bytes, as Python reports it) where the function's line starts its `def`/`async`. */
function startColumn(f: FunctionMetrics, text: string): number {
  const lineText = text.split('\n')[f.startLine - 1] ?? '';
  const m = /^\s*/.exec(lineText);
  return Buffer.byteLength(m?.[0] ?? '', 'utf8');
}

function pct(a: number, b: number): string {
  return b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)}%`;
}

/** Prints one agreement block. */
export function report(a: Agreement, verbose: boolean): void {
  console.log(`\n== ${a.oracle}`);
  console.log(`files ${a.files} (skipped ${a.skippedFiles.length}${a.skippedFiles.length ? `: ${a.skippedFiles.slice(0, 12).join(', ')}` : ''}), functions ${a.functions}`);
  console.log(`exact agreement: ${a.equal}/${a.functions} = ${pct(a.equal, a.functions)}; non-trivial (either side > 0): ${a.nonTrivialEqual}/${a.nonTrivial} = ${pct(a.nonTrivialEqual, a.nonTrivial)}`);
  if (a.note) console.log(`note: ${a.note}`);
  for (const m of a.mismatches.slice(0, verbose ? 1000 : 40)) {
    console.log(`  ${m.file}:${m.line} ${m.name}: ours ${m.ours ?? '-'} oracle ${m.oracle ?? '-'}${verbose && m.detail ? `\n      ${m.detail}` : ''}`);
  }
  if (!verbose && a.mismatches.length > 40) console.log(`  … ${a.mismatches.length - 40} more (--verbose)`);
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const verbose = process.argv.includes('--verbose');
  const js = await evalJs(jsCorpus(quick ? 15 : 80));
  report(js.cognitive, verbose);
  report(js.cyclomatic, verbose);
  report(await evalPython(pythonCorpus(quick ? 30 : 150)), verbose);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
