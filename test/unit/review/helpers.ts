import { testParsers } from '../../helpers/parsers';
import type { LanguageId } from '../../../server/src/core/document';
import { grammarFor } from '../../../server/src/core/parsing/grammars';
import { walkFile, type WalkOptions } from '../../../server/src/core/review/metrics';
import type { FileWalk, FunctionMetrics } from '../../../server/src/core/review/types';

/** Parses `code` with the real grammar and returns the review walk. */
export async function walk(lang: LanguageId, code: string, options?: WalkOptions): Promise<FileWalk> {
  const host = await testParsers();
  const grammar = grammarFor(lang);
  if (!grammar) throw new Error(`no grammar for ${lang}`);
  const result = await host.withTree(grammar, code, (tree) => walkFile(tree, lang, code, options));
  if (!result) throw new Error(`no walk for ${lang}`);
  return result;
}

/** Per-function metrics of `code`. */
export async function metrics(lang: LanguageId, code: string): Promise<FunctionMetrics[]> {
  return [...(await walk(lang, code)).functions];
}

/** The metrics of the one function called `name` (fails loudly when absent or ambiguous). */
export async function fn(lang: LanguageId, code: string, name: string): Promise<FunctionMetrics> {
  const all = (await metrics(lang, code)).filter((f) => f.name === name);
  if (all.length !== 1) throw new Error(`expected one function ${name}, found ${all.length}`);
  return all[0]!;
}

/** Increments as compact strings: `line:+amount reason`. */
export function incs(f: FunctionMetrics): string[] {
  return f.increments.map((i) => `${i.line}:+${i.amount} ${i.reason}`);
}
