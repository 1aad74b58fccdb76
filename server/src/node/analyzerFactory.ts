import * as path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { Analyzer } from '../core/analyze';
import type { Logger } from '../core/engine';
import { ParserHost } from '../core/parsing/parserHost';
import { loadRulePack, createSecurityEngine } from '../core/security';
import { createReviewEngine } from '../core/review';
import { createDfaEngine } from '../core/dfa';
import { distWasmSource } from './wasm';

/** A problem in a rule pack file, reported once at start-up (and in the CLI's output). */
export interface RulePackProblem {
  readonly path: string;
  readonly line: number;
  readonly character: number;
  readonly message: string;
}

/**
 * Builds the one Analyzer used by the server or the CLI: the tree-sitter
 * host over the bundled wasm, the built-in rule packs from `dist/rules`, and
 * every engine. Rule-pack problems do not stop the other rules.
 */
export async function createAnalyzer(distDir: string, logger: Logger): Promise<{ analyzer: Analyzer; ruleProblems: RulePackProblem[] }> {
  const parsers = await ParserHost.create(distWasmSource(distDir));
  const rulesDir = path.join(distDir, 'rules');
  const files = readdirSync(rulesDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: path.join(rulesDir, f), text: readFileSync(path.join(rulesDir, f), 'utf8') }));
  const pack = await loadRulePack(files, parsers);
  const ruleProblems = pack.problems.map((p) => ({ path: p.path, line: p.range.start.line, character: p.range.start.character, message: p.message }));
  for (const p of ruleProblems) logger.error('rule pack problem', { file: p.path, line: p.line + 1, message: p.message });
  const engines = [createSecurityEngine(pack.value), createReviewEngine(), createDfaEngine()];
  return { analyzer: new Analyzer(engines, parsers, logger), ruleProblems };
}
