import * as path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { loadFeedbackForCheck } from '../node/feedbackStore';
import type { EditorOverrides } from '../core/config/resolve';
import { InputError } from './cliError';
import { scanTargets, type ScanOptions } from '../node/scan/fileScanner';
import type { CacheStats } from '../node/scan/resultCache';
import type { Finding, RuleInfo } from '../core/model/finding';
import { LineIndex } from '../core/model/text';
import { contentFingerprint } from '../core/model/fingerprint';
import type { Analyzer } from '../core/analyze';
import { SnapshotConfigFiles, type LoadedConfigFile } from '../node/configFiles';
import { collectTargets, toRelative } from '../node/files';
import { WorkspaceAnalysis } from '../node/workspaceAnalysis';
import type { RulePackProblem } from '../node/analyzerFactory';
import { UsageError, type CheckOptions } from './args';
import { makeDocument, type LanguageId } from '../core/document';
import { mergeFindings } from '../core/semgrep';
import { crossFileDuplicationFindings, crossFileDuplicationPenalties, rescoreReview, type DuplicationIndex, type ReviewFileData } from '../core/review';
import { SemgrepService } from '../node/semgrepService';
import type { Logger } from '../core/engine';

/** One analysed (or skipped) file in a check report. */
export interface FileReport {
  readonly path: string;
  readonly languageId: string;
  readonly findings: readonly Finding[];
  readonly suppressed: readonly Finding[];
  readonly engines: Readonly<Record<string, unknown>>;
  readonly skipped?: string;
  readonly error?: string;
  /** Why a suppressed finding is hidden, by fingerprint, when it is not an inline directive (`feedback: <reason>`). */
  readonly suppressionReasons?: Readonly<Record<string, string>>;
}

/** Everything `argus check` found; reporters turn it into text, JSON or SARIF. */
export interface CheckReport {
  readonly root: string;
  readonly files: readonly FileReport[];
  /** Problems in `.argus.yml` files, as findings on those files. */
  readonly configFindings: readonly { path: string; findings: Finding[] }[];
  readonly ruleProblems: readonly RulePackProblem[];
  readonly rules: readonly RuleInfo[];
  readonly millis: number;
  /** Semgrep's state line, e.g. `on (1.90.0)` or `off: semgrep was not found on PATH`. */
  readonly semgrep: string;
  /** Worker threads the scan used (0 = the main thread). */
  readonly workers?: number;
  /** On-disk cache statistics, when `--cache` is on. */
  readonly cache?: CacheStats;
}

/**
 * Runs a headless check of the given paths, relative to `root` (the current
 * folder). A missing path or config file is a usage error (exit 2).
 */
export async function runCheck(opts: CheckOptions, root: string, analyzer: Analyzer, ruleProblems: RulePackProblem[], logger: Logger, duplicates?: DuplicationIndex, scan?: ScanOptions): Promise<CheckReport> {
  const t0 = performance.now();
  for (const p of opts.paths) if (!existsSync(path.resolve(root, p))) throw new UsageError(`path not found: ${p}`);
  const configFiles = new SnapshotConfigFiles();
  let explicit: LoadedConfigFile | undefined;
  if (opts.config) {
    const file = path.resolve(root, opts.config);
    if (!existsSync(file)) throw new UsageError(`config file not found: ${opts.config}`);
    explicit = configFiles.load(file);
  }
  // False-positive marks hide findings in the CLI too; a half-read marks file would change results silently, so it is an error.
  const feedback = loadFeedbackForCheck(root);
  if (feedback.errors.length) throw new InputError(`cannot use the false-positive marks:\n  ${feedback.errors.join('\n  ')}`);
  const overrides: EditorOverrides = { ...(opts.experimental ? { experimental: opts.experimental } : {}), ...(feedback.marks.length ? { feedback: feedback.marks } : {}) };
  const ws = new WorkspaceAnalysis(root, analyzer, configFiles, explicit, overrides);
  const rootExcludes = ws.configFor(path.join(root, '.argus-probe')).config.exclude;
  const targets = collectTargets(root, opts.paths, rootExcludes);
  const seenConfigs = new Map<string, LoadedConfigFile>();
  if (explicit) seenConfigs.set(explicit.file, explicit);
  for (const t of targets) for (const f of ws.configFor(t.absolutePath).files) seenConfigs.set(f.file, f);
  const run = await scanTargets(targets, ws, duplicates, ruleProblems, logger, { ...(scan ?? { jobs: 1, distDir: '', version: '' }), ...(explicit ? { explicitConfig: explicit.file } : {}), overrides });
  const files: FileReport[] = [];
  const texts = new Map<string, ScanText>();
  for (const { target: t, readText, result, error } of run.files) {
    if (!result) {
      files.push({ path: t.relativePath, languageId: t.languageId, findings: [], suppressed: [], engines: {}, error: error ?? 'not analysed' });
      continue;
    }
    const { outcome } = result;
    if (!outcome.skipped && readText) texts.set(t.absolutePath, scanText(readText, t.relativePath, t.languageId));
    files.push({ path: t.relativePath, languageId: t.languageId, findings: outcome.findings, suppressed: outcome.suppressed, engines: outcome.fileData, skipped: outcome.skipped, ...(outcome.suppressionReasons && Object.keys(outcome.suppressionReasons).length ? { suppressionReasons: outcome.suppressionReasons } : {}) });
  }
  if (duplicates) addCrossFileDuplication(files, texts, duplicates, analyzer, ws);
  // The CLI is run deliberately by its user, so the workspace counts as trusted.
  const semgrep = await new SemgrepService(logger).scanFiles(root, texts, { mode: opts.semgrep, path: opts.semgrepPath ?? null, configs: opts.semgrepConfigs }, true);
  for (const [file, external] of semgrep.findings) {
    const t = texts.get(file);
    const i = files.findIndex((f) => f.path === t?.relativePath);
    if (!t || i < 0 || external.length === 0) continue;
    const doc = makeDocument(`file://${file}`, t.relativePath, t.languageId, t.text);
    const policy = analyzer.applyPolicy(doc, ws.configFor(file).config, external);
    const f = files[i]!;
    const findings = mergeFindings(f.findings, policy.findings);
    const review = f.engines.review ? { review: rescoreReview(f.engines.review as ReviewFileData, findings) } : {};
    files[i] = { ...f, findings, suppressed: [...f.suppressed, ...policy.suppressed], engines: { ...f.engines, ...review }, ...withReasons(f, policy.suppressionReasons) };
  }
  const configFindings = [...seenConfigs.values()].filter((c) => c.problems.length > 0).map((c) => ({ path: toRelative(root, c.file), findings: configProblemFindings(c) }));
  const rules = [...analyzer.catalog.all(), ...semgrep.rules];
  return { root, files, configFindings, ruleProblems, rules, millis: performance.now() - t0, semgrep: semgrep.state, workers: run.workers, ...(run.cache ? { cache: run.cache } : {}) };
}

/**
 * Cross-file duplication: once every file's token windows are in the index,
 * each file learns which of its blocks stand elsewhere too ("duplicated with
 * path:line"), and its score counts them. Near-linear: the index hashes windows.
 */
function addCrossFileDuplication(files: FileReport[], texts: ReadonlyMap<string, ScanText>, index: DuplicationIndex, analyzer: Analyzer, ws: WorkspaceAnalysis): void {
  const indexOf = new Map(files.map((f, i) => [f.path, i]));
  for (const [file, t] of texts) {
    const dups = index.duplicatesOf(t.relativePath);
    const i = indexOf.get(t.relativePath);
    if (dups.length === 0 || i === undefined) continue;
    const doc = makeDocument(`file://${file}`, t.relativePath, t.languageId, t.text);
    const { config } = ws.configFor(file);
    if (!config.engines.review) continue;
    const policy = analyzer.applyPolicy(doc, config, crossFileDuplicationFindings(doc, dups));
    const f = files[i]!;
    const findings = [...f.findings, ...policy.findings].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    const review = f.engines.review ? { review: rescoreReview(f.engines.review as ReviewFileData, findings, crossFileDuplicationPenalties(policy.findings)) } : {};
    files[i] = { ...f, findings, suppressed: [...f.suppressed, ...policy.suppressed], engines: { ...f.engines, ...review }, ...withReasons(f, policy.suppressionReasons) };
  }
}

/** A scanned file's text, decoded when read, and its line index. */
interface ScanText {
  readonly text: string;
  readonly index: LineIndex;
  readonly relativePath: string;
  readonly languageId: LanguageId;
}

/**
 * The text is decoded from the scan's byte store on each read and never kept:
 * held as strings, every text of the scan stayed on the heap until the report
 * was written. Only files with cross-file duplicates or semgrep findings read
 * it; the line index (semgrep's byte columns) is built on first use.
 */
function scanText(readText: () => string, relativePath: string, languageId: LanguageId): ScanText {
  let index: LineIndex | undefined;
  return {
    get text() {
      return readText();
    },
    relativePath,
    languageId,
    get index() {
      return (index ??= new LineIndex(readText()));
    },
  };
}

/** The file's suppression reasons plus those of findings merged in later (semgrep, cross-file duplication). */
function withReasons(f: FileReport, more: Readonly<Record<string, string>>): { suppressionReasons?: Record<string, string> } {
  const all = { ...f.suppressionReasons, ...more };
  return Object.keys(all).length ? { suppressionReasons: all } : {};
}

/** Config problems as findings of rule `config/invalid`, so every output format shows them. */
export function configProblemFindings(c: LoadedConfigFile, text?: string): Finding[] {
  let index: LineIndex;
  try {
    index = new LineIndex(text ?? readFileSync(c.file, 'utf8'));
  } catch {
    index = new LineIndex('');
  }
  return c.problems.map((p) => ({
    ruleId: 'config/invalid',
    engine: 'config',
    category: 'configuration',
    severity: p.severity,
    range: p.range,
    message: p.message,
    fingerprint: contentFingerprint('config/invalid', index, p.range),
  }));
}

/** Every finding in a report with the path it belongs to, config problems included. */
export function allFindings(report: CheckReport): { path: string; finding: Finding }[] {
  const out: { path: string; finding: Finding }[] = [];
  for (const c of report.configFindings) for (const finding of c.findings) out.push({ path: c.path, finding });
  for (const f of report.files) for (const finding of f.findings) out.push({ path: f.path, finding });
  return out;
}
