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
import type { Tree } from 'web-tree-sitter';
import type { TreeEdit } from '../parsing/documentTrees';
import { addTaintInputs, runQuery } from './matcher';
import { toFinding, type Hit } from './report';
import { scanSecrets } from './secrets/scanner';
import { scanSecretsIncremental } from './secrets/incremental';
import { analyzeTaint } from './taint/analyzer';
import { langSpec, type LangSpec } from './taint/languages';
import { DocumentStates, editFrom, treeEditSince } from './incremental/documents';
import { incrementalTreeHits, type TreeState } from './incremental/treeHits';
import type { CompiledRules, GrammarQuery, SecurityRule } from './types';

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

/** Hits of every tree-based rule on one tree, from scratch. */
async function hitsOfTree(gq: GrammarQuery, spec: LangSpec, tree: Tree, text: string, signal?: AbortSignal): Promise<Hit[]> {
  const { hits, taint } = runQuery(gq, spec, tree.rootNode, text);
  if (!taint.sinks.length || signal?.aborted) return hits;
  const tq = await gq.taint();
  if (tq) addTaintInputs(tq, tree.rootNode, text, taint);
  if (!signal?.aborted) hits.push(...analyzeTaint(spec, tree.rootNode, taint));
  return hits;
}

/** Hits of every tree-based rule for one document; nodes never escape `withTree`. */
async function treeHits(rules: CompiledRules, doc: SourceDocument, ctx: AnalysisContext): Promise<Hit[]> {
  const grammar = grammarFor(doc.languageId);
  const gq = grammar && (await rules.queriesFor(grammar));
  if (!grammar || !gq) return [];
  const hits = await ctx.parsers.withTree(grammar, doc.text, (tree) => hitsOfTree(gq, langSpec(grammar), tree, doc.text, ctx.signal));
  return hits ?? [];
}

/**
 * The server's analysis of an open document: the same hits as
 * {@link treeHits} plus `scanSecrets`, redoing only what the edit since the
 * previous analysis touched (incremental/treeHits.ts, secrets/incremental.ts),
 * and falling back to the full run whenever that cannot be shown equal.
 */
async function incrementalHits(rules: CompiledRules, states: DocumentStates, doc: SourceDocument, ctx: AnalysisContext): Promise<Hit[]> {
  const prev = states.get(doc.uri);
  const grammar = grammarFor(doc.languageId);
  const gq = grammar && (await rules.queriesFor(grammar));
  let change: TreeEdit | undefined;
  let tree: TreeState | undefined;
  const hits: Hit[] = [];
  if (grammar && gq) {
    const spec = langSpec(grammar);
    const found = await ctx.parsers.withTree(grammar, doc.text, async (t) => {
      const now = ctx.parsers.changeOf?.(grammar, doc.text);
      change = now?.from;
      const previous = prev?.tree;
      const edit = treeEditSince(previous?.generation, now, doc.text);
      const out = await incrementalTreeHits({ grammar, gq, spec, tree: t, text: doc.text, generation: now?.generation, change: edit, previous, signal: ctx.signal });
      tree = out?.state;
      // An aborted run is dropped by the analyzer anyway; anything else the incremental path could not prove runs in full.
      if (out || ctx.signal?.aborted) return out?.hits ?? [];
      return hitsOfTree(gq, spec, t, doc.text, ctx.signal);
    });
    hits.push(...(found ?? []));
  }
  if (ctx.signal?.aborted) {
    // Keep what this tree's run recorded: the next version is re-parsed from this tree, so it can start from here.
    if (tree) states.set(doc.uri, { tree, ...(prev?.secrets ? { secrets: prev.secrets } : {}) });
    return hits;
  }
  const edit = prev?.secrets ? editFrom(prev.secrets.text, doc.text, change) : undefined;
  const secrets = scanSecretsIncremental(rules.secretRules, doc.text, prev?.secrets, edit);
  hits.push(...secrets.hits);
  if (!ctx.signal?.aborted) states.set(doc.uri, { ...(tree ? { tree } : {}), secrets: secrets.state });
  return hits;
}

/** Drops findings of rules that yield to another rule's finding on the same line (`yields-to`). */
function withoutYielded(findings: readonly Finding[], yielding: ReadonlyMap<string, ReadonlySet<string>>): Finding[] {
  const lines = new Map<string, Set<number>>();
  for (const f of findings) {
    let s = lines.get(f.ruleId);
    if (!s) lines.set(f.ruleId, (s = new Set()));
    s.add(f.range.start.line);
  }
  return findings.filter((f) => {
    const to = yielding.get(f.ruleId);
    return !to || ![...to].some((id) => lines.get(id)?.has(f.range.start.line));
  });
}

/**
 * Creates the security engine over a loaded rule pack (see `loadRulePack`).
 * Engine id `security`; rule ids `security/<lang>-<name>`.
 */
export function createSecurityEngine(rules: CompiledRules): Engine {
  const infos = rules.rules.map(ruleInfo);
  const yielding = new Map(rules.rules.filter((r) => r.yieldsTo.length).map((r) => [r.id, new Set(r.yieldsTo)]));
  // Only the server (retained trees, `changeOf`) keeps documents between analyses; the CLI sees each file once.
  const states = new DocumentStates();
  return {
    id: 'security',
    rules: () => infos,
    supports: (doc: SourceDocument) => grammarFor(doc.languageId) !== undefined || rules.secretRules.length > 0,
    async analyze(doc: SourceDocument, ctx: AnalysisContext): Promise<EngineResult> {
      let hits: Hit[];
      if (ctx.parsers.changeOf) hits = await incrementalHits(rules, states, doc, ctx);
      else {
        hits = await treeHits(rules, doc, ctx);
        if (!ctx.signal?.aborted) hits.push(...scanSecrets(rules.secretRules, doc.text));
      }
      const findings: Finding[] = hits.map((h) => toFinding(doc, h));
      return { findings: yielding.size ? withoutYielded(findings, yielding) : findings };
    },
    forget: (uri) => states.forget(uri),
  };
}
