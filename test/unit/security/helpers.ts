/**
 * Test helpers for the security engine: the built-in pack loaded once per
 * test process, and `scan(code, language)` returning the engine's findings.
 */
import * as path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { testParsers } from '../../helpers/parsers';
import { makeDocument, type LanguageId } from '../../../server/src/core/document';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/types';
import { silentLogger } from '../../../server/src/core/engine';
import type { Finding, Fix } from '../../../server/src/core/model/finding';
import { createSecurityEngine, loadRulePack, type CompiledRules, type RuleProblem } from '../../../server/src/core/security';
import type { RuleLanguage } from '../../../server/src/core/security/types';

/** Repository root (this file is test/unit/security/helpers.ts). */
export const ROOT = path.resolve(__dirname, '../../..');

/** The built-in rule files as the loader receives them. */
export function builtinRuleFiles(): { path: string; text: string }[] {
  const dir = path.join(ROOT, 'rules');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => ({ path: `rules/${f}`, text: readFileSync(path.join(dir, f), 'utf8') }));
}

let pack: Promise<{ value: CompiledRules; problems: RuleProblem[] }> | undefined;

/** The built-in pack, loaded once per test process. */
export async function builtinPack(): Promise<{ value: CompiledRules; problems: RuleProblem[] }> {
  pack ??= testParsers().then((p) => loadRulePack(builtinRuleFiles(), p));
  return pack;
}

/** Editor language id used to analyse an example written in a rule language. */
export const LANGUAGE_ID: Readonly<Record<RuleLanguage, LanguageId>> = {
  javascript: 'javascript',
  typescript: 'typescript',
  tsx: 'typescriptreact',
  python: 'python',
  java: 'java',
  go: 'go',
  php: 'php',
  generic: 'javascript',
};

const EXTENSION: Readonly<Record<string, string>> = { javascript: 'js', typescript: 'ts', typescriptreact: 'tsx', python: 'py', java: 'java', go: 'go', php: 'php' };

/** Runs the security engine (built-in pack, or `rules`) over `code`. */
export async function scan(code: string, languageId: LanguageId, rules?: CompiledRules): Promise<Finding[]> {
  const parsers = await testParsers();
  const compiled = rules ?? (await builtinPack()).value;
  const engine = createSecurityEngine(compiled);
  const file = `test.${EXTENSION[languageId] ?? 'txt'}`;
  const doc = makeDocument(`file:///${file}`, file, languageId, code);
  const result = await engine.analyze(doc, { config: DEFAULT_CONFIG, parsers, logger: silentLogger });
  return [...result.findings];
}

/** Findings of one rule only. */
export async function scanRule(ruleId: string, code: string, languageId: LanguageId): Promise<Finding[]> {
  return (await scan(code, languageId)).filter((f) => f.ruleId === ruleId);
}

/**
 * The LSP range of the `n`-th occurrence of `needle`. When the needle contains
 * `«…»`, the context around it is matched and only the marked part is returned:
 * `rangeOf(code, 'db.query(«sql»)')`.
 */
export function rangeOf(code: string, needle: string, nth = 0): { start: { line: number; character: number }; end: { line: number; character: number } } {
  const open = needle.indexOf('«');
  const close = needle.indexOf('»');
  const plain = needle.replace('«', '').replace('»', '');
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = code.indexOf(plain, at + 1);
    if (at < 0) throw new Error(`marker not found: ${needle}`);
  }
  if (open >= 0 && close > open) {
    at += open;
    needle = plain.slice(open, close - 1);
  }
  const pos = (o: number) => {
    const before = code.slice(0, o);
    const line = before.split('\n').length - 1;
    return { line, character: o - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(at), end: pos(at + needle.length) };
}

/**
 * Applies a fix's edits to `code`. Edits are applied from the end of the text
 * backwards (and, at one start, the longer edit first) so each one's offsets
 * still refer to the original text.
 */
export function applyFix(code: string, fix: Fix): string {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') starts.push(i + 1);
  const offset = (p: { line: number; character: number }) => starts[p.line]! + p.character;
  const edits = [...fix.edits].sort((a, b) => offset(b.range.start) - offset(a.range.start) || offset(b.range.end) - offset(a.range.end));
  let out = code;
  for (const e of edits) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}
