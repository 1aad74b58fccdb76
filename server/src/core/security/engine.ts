/**
 * The built-in security engine: one combined tree-sitter query per grammar
 * (pattern rules + taint sources/sinks/sanitizers), an intra-procedural
 * taint pass over the functions that contain sinks, and a text scan for
 * secrets. Pure: no file system, no network.
 */
import type { SourceDocument } from '../document';
import type { AnalysisContext, Engine, EngineResult } from '../engine';
import type { Finding, RuleInfo } from '../model/finding';
import { grammarFor } from '../parsing/grammars';
import { addTaintInputs, runQuery } from './matcher';
import { toFinding, type Hit } from './report';
import { scanSecrets } from './secrets/scanner';
import { analyzeTaint } from './taint/analyzer';
import { langSpec } from './taint/languages';
import type { CompiledRules, SecurityRule } from './types';

function pascal(id: string): string {
  return id
    .slice(id.indexOf('/') + 1)
    .split('-')
    .map((w) => (w ? w[0]!.toUpperCase() + w.slice(1) : w))
    .join('');
}

function firstSentence(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const m = /^(.+?[.!?])(\s|$)/.exec(one);
  return m ? m[1]! : one;
}

/** Static description of a rule for hover, docs and SARIF `rules[]`. */
export function ruleInfo(rule: SecurityRule): RuleInfo {
  return {
    id: rule.id,
    engine: 'security',
    name: rule.name.includes('-') || rule.name === rule.id.slice(rule.id.indexOf('/') + 1) ? pascal(rule.id) : rule.name,
    shortDescription: firstSentence(rule.description),
    fullDescription: rule.description,
    helpUri: rule.docsUrl,
    category: rule.category,
    defaultSeverity: rule.severity,
    cwe: rule.cwe,
    owasp: rule.owasp,
    securitySeverity: rule.securitySeverity,
    tags: ['security', rule.category, `confidence:${rule.confidence}`, ...rule.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)],
  };
}

/** Hits of every tree-based rule for one document; nodes never escape `withTree`. */
async function treeHits(rules: CompiledRules, doc: SourceDocument, ctx: AnalysisContext): Promise<Hit[]> {
  const grammar = grammarFor(doc.languageId);
  const gq = grammar && (await rules.queriesFor(grammar));
  if (!grammar || !gq) return [];
  const spec = langSpec(grammar);
  const hits = await ctx.parsers.withTree(grammar, doc.text, async (tree) => {
    const { hits, taint } = runQuery(gq, spec, tree.rootNode, doc.text);
    if (!taint.sinks.length || ctx.signal?.aborted) return hits;
    const tq = await gq.taint();
    if (tq) addTaintInputs(tq, tree.rootNode, doc.text, taint);
    if (!ctx.signal?.aborted) hits.push(...analyzeTaint(spec, tree.rootNode, taint));
    return hits;
  });
  return hits ?? [];
}

/**
 * Creates the security engine over a loaded rule pack (see `loadRulePack`).
 * Engine id `security`; rule ids `security/<lang>-<name>`.
 */
export function createSecurityEngine(rules: CompiledRules): Engine {
  const infos = rules.rules.map(ruleInfo);
  return {
    id: 'security',
    rules: () => infos,
    supports: (doc: SourceDocument) => grammarFor(doc.languageId) !== undefined || rules.secretRules.length > 0,
    async analyze(doc: SourceDocument, ctx: AnalysisContext): Promise<EngineResult> {
      const hits = await treeHits(rules, doc, ctx);
      if (!ctx.signal?.aborted) hits.push(...scanSecrets(rules.secretRules, doc.text));
      const findings: Finding[] = hits.map((h) => toFinding(doc, h));
      return { findings };
    },
  };
}
