import * as path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { Analyzer } from '../core/analyze';
import type { Logger } from '../core/engine';
import { ParserHost } from '../core/parsing/parserHost';
import { loadRulePack, createSecurityEngine, type RuleProblem } from '../core/security';
import { GRAMMAR_WASM, type GrammarName } from '../core/parsing/grammars';
import { createReviewEngine, type DuplicationIndex } from '../core/review';
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
export async function createAnalyzer(distDir: string, logger: Logger, opts: { lazy?: boolean; retainTrees?: boolean; duplicationIndex?: DuplicationIndex } = {}): Promise<{ analyzer: Analyzer; ruleProblems: RulePackProblem[]; warmUp: (beforeEach?: () => Promise<void>) => Promise<void> }> {
  const parsers = await ParserHost.create(distWasmSource(distDir));
  const rulesDir = path.join(distDir, 'rules');
  const files = readdirSync(rulesDir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => ({ path: path.join(rulesDir, f), text: readFileSync(path.join(rulesDir, f), 'utf8') }));
  // Problems found later (a grammar compiled lazily on first use) land in the same list,
  // so the CLI still exits 2 for a broken rule of any language it actually scanned.
  const ruleProblems: RulePackProblem[] = [];
  const report = (problems: readonly RuleProblem[]) => {
    for (const p of problems) {
      ruleProblems.push({ path: p.path, line: p.range.start.line, character: p.range.start.character, message: p.message });
      logger.error('rule pack problem', { file: p.path, line: p.range.start.line + 1, message: p.message });
    }
  };
  // Lazy: a grammar's queries compile when its first file is analysed, so the first diagnostics
  // (server) and scans of few languages (CLI) do not pay for all seven grammars.
  const pack = await loadRulePack(files, parsers, { lazy: opts.lazy, onLateProblems: report });
  report(pack.problems);
  // Each grammar's compile blocks its thread for 100–400 ms: `beforeEach` lets the server wait until it is quiet.
  const warmUp = async (beforeEach: () => Promise<void> = async () => undefined) => {
    for (const g of Object.keys(GRAMMAR_WASM) as GrammarName[]) {
      await beforeEach();
      await (await pack.value.queriesFor(g))?.taint();
    }
  };
  const engines = [createSecurityEngine(pack.value), createReviewEngine({
      ...(opts.duplicationIndex ? { duplicationIndex: opts.duplicationIndex } : {}),
      // The server (retained trees) re-walks only what an edit touched; the CLI and scan workers see each file once.
      ...(opts.retainTrees ? { memo: { documents: 8 } } : {}),
    }), createDfaEngine()];
  return { analyzer: new Analyzer(engines, parsers, logger, { retainTrees: opts.retainTrees, ruleChannels: pack.value.channels }), ruleProblems, warmUp };
}
