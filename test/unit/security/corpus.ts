/**
 * The annotated fixture corpus (test/fixtures/security/<lang>/…) in the
 * semgrep-rules style, and its scoring. Annotations are comments on the line
 * before the code they describe; several annotation lines stack:
 *
 * - `ruleid: <id>`      a true finding of <id> is expected on the next code line
 * - `ok: <id>`          safe code: <id> must not fire on the next code line
 * - `todoruleid: <id>`  a real issue Argus is known to miss (counted as a false negative)
 * - `todook: <id>`      safe code Argus is known to flag (counted as a false positive)
 *
 * Shared by test/unit/security/corpus.test.ts and scripts/eval-security.ts.
 */
import * as path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { languageFromPath } from '../../../server/src/core/document';
import type { Finding } from '../../../server/src/core/model/finding';
import { builtinPack, ROOT, scan } from './helpers';

/** Folder of the corpus, relative to the repository root. */
export const CORPUS_DIR = 'test/fixtures/security';
/** Committed per category × language counts the corpus test compares against. */
export const BASELINE_FILE = `${CORPUS_DIR}/baseline.json`;

type Kind = 'ruleid' | 'ok' | 'todoruleid' | 'todook';

/** One annotation, attached to the 0-based line it describes. */
export interface Expectation {
  readonly kind: Kind;
  readonly ruleId: string;
  readonly line: number;
}

const ANNOTATION = /(?:\/\/|#|\/\*|<!--)\s*(ruleid|ok|todoruleid|todook):\s*([\w/,\s.-]+?)\s*(?:\*\/|-->)?\s*$/;

/** Parses the annotations of one fixture; each applies to the next line that is not itself an annotation. */
export function parseAnnotations(text: string): Expectation[] {
  const lines = text.split(/\r?\n/);
  const out: Expectation[] = [];
  let pending: { kind: Kind; ruleId: string }[] = [];
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (m) {
      for (const id of m[2]!.split(',').map((s) => s.trim()).filter(Boolean)) pending.push({ kind: m[1] as Kind, ruleId: id });
      return;
    }
    for (const p of pending) out.push({ ...p, line: i });
    pending = [];
  });
  return out;
}

/** True/false positives and negatives. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

/** One scored fixture file. */
export interface FileScore {
  readonly file: string;
  readonly language: string;
  /** Rule id → category for every finding and expectation in the file. */
  readonly outcomes: { ruleId: string; category: string; line: number; outcome: 'tp' | 'fp' | 'fn' }[];
}

/** Scores findings against annotations: a finding is a TP when a `ruleid` for its rule sits on its start line. */
export function scoreFile(file: string, language: string, text: string, findings: readonly Finding[], categoryOf: (id: string) => string): FileScore {
  const expect = parseAnnotations(text);
  const outcomes: FileScore['outcomes'] = [];
  const matched = new Set<Expectation>();
  for (const f of findings) {
    const e = expect.find((x) => x.ruleId === f.ruleId && x.line === f.range.start.line && (x.kind === 'ruleid' || x.kind === 'todoruleid'));
    if (e) matched.add(e);
    outcomes.push({ ruleId: f.ruleId, category: f.category, line: f.range.start.line, outcome: e ? 'tp' : 'fp' });
  }
  for (const e of expect) {
    if ((e.kind === 'ruleid' || e.kind === 'todoruleid') && !matched.has(e)) outcomes.push({ ruleId: e.ruleId, category: categoryOf(e.ruleId), line: e.line, outcome: 'fn' });
  }
  return { file, language, outcomes };
}

/** Corpus language folder of a fixture path (`javascript` covers .js/.jsx, `typescript` .ts/.tsx). */
function languageOf(file: string): string {
  return file.split('/')[0]!;
}

/** Runs the engine over the whole corpus. */
export async function scoreCorpus(): Promise<FileScore[]> {
  const { value } = await builtinPack();
  const categories = new Map(value.rules.map((r) => [r.id, r.category]));
  const categoryOf = (id: string) => categories.get(id) ?? 'unknown-rule';
  const root = path.join(ROOT, CORPUS_DIR);
  const files: string[] = [];
  for (const dir of readdirSync(root, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(path.join(root, dir.name)).sort()) files.push(`${dir.name}/${f}`);
  }
  const out: FileScore[] = [];
  for (const file of files.sort()) {
    const languageId = languageFromPath(file);
    if (!languageId) continue;
    const text = readFileSync(path.join(root, file), 'utf8');
    out.push(scoreFile(file, languageOf(file), text, await scan(text, languageId), categoryOf));
  }
  return out;
}

/** Counts per `category|language`, plus `*|language`, `category|*` and `*|*` totals. */
export function tally(scores: readonly FileScore[]): Record<string, Counts> {
  const t: Record<string, Counts> = {};
  const bump = (key: string, o: 'tp' | 'fp' | 'fn') => {
    t[key] ??= { tp: 0, fp: 0, fn: 0 };
    t[key][o]++;
  };
  for (const s of scores) {
    for (const o of s.outcomes) {
      for (const key of [`${o.category}|${s.language}`, `*|${s.language}`, `${o.category}|*`, '*|*']) bump(key, o.outcome);
    }
  }
  return Object.fromEntries(Object.entries(t).sort(([a], [b]) => a.localeCompare(b)));
}

/** Precision, recall and F1 (1 when there is nothing to measure). */
export function metrics(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp === 0 ? 1 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 1 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
