/**
 * Runs a grammar's combined query over a tree (its whole-tree part, and its keyword-gated part around keyword occurrences) and sorts the matches by
 * role: findings of plain query rules, and the sources, sanitizers and sinks
 * that the taint analyser consumes.
 */
import type { Node, QueryCapture } from 'web-tree-sitter';
import { matchParts } from './queryGating';
import { DocumentMemo, evaluateConditions } from './conditions';
import { resolveFix, type FixContext, type HitFix, type ResolvedFix } from './fixes';
import type { Hit } from './report';
import { snippet } from './report';
import type { LangSpec } from './taint/languages';
import type { CombinedQuery, GrammarQuery, SecurityRule } from './types';

/** A sink match of a taint rule. */
export interface SinkMatch {
  readonly rule: SecurityRule;
  readonly node: Node;
  readonly captures: ReadonlyMap<string, Node>;
  /**
   * The quick fix a finding at this sink offers, resolved only when the sink is
   * reported (most sinks are not). Fix conditions do not depend on taint.
   */
  readonly fix?: () => HitFix | undefined;
}

/** Taint-relevant matches, keyed by node id so the analyser can look nodes up as it walks. */
export interface TaintInputs {
  readonly sources: Map<number, string[]>;
  readonly sanitizers: Map<number, string[]>;
  readonly sinks: SinkMatch[];
}

/** Everything one pass of the combined query produced. */
export interface MatchResult {
  readonly hits: Hit[];
  readonly taint: TaintInputs;
}

function capturesOf(list: readonly QueryCapture[]): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const c of list) if (!out.has(c.name)) out.set(c.name, c.node);
  return out;
}

function push(map: Map<number, string[]>, node: Node, set: string): void {
  const list = map.get(node.id);
  if (!list) map.set(node.id, [set]);
  else if (!list.includes(set)) list.push(set);
}

/** Builds the hit of a plain query rule from its captures, or undefined when the report capture is missing. */
export function queryHit(rule: SecurityRule, caps: ReadonlyMap<string, Node>, fix?: HitFix): Hit | undefined {
  const report = caps.get(rule.report);
  if (!report) return undefined;
  const values: Record<string, string> = {};
  for (const [name, node] of caps) values[name] = snippet(node.text);
  return { rule, span: { start: report.startIndex, end: report.endIndex }, values, ...(fix ? { fix: { title: fix.title, edits: fix.edits } } : {}) };
}

/** Puts `item` at index `at` (replacing a worse match) or appends it; returns its index. */
function place<T>(list: T[], at: number | undefined, item: T): number {
  if (at === undefined) return list.push(item) - 1;
  list[at] = item;
  return at;
}

/** Preference among matches of one rule at one span: the one whose fix comes first in the rule's list; no fix is last. */
function rankOf(fix: ResolvedFix | undefined): number {
  return fix ? fix.rank : Infinity;
}

/** The most preferred fix among the matches of one sink. */
function bestFix(rule: SecurityRule, candidates: readonly FixContext[]): HitFix | undefined {
  let best: ResolvedFix | undefined;
  for (const ctx of candidates) {
    const fix = resolveFix(rule, ctx);
    if (rankOf(fix) < rankOf(best)) best = fix;
    if (best?.rank === 0) break;
  }
  return best && { title: best.title, edits: best.edits };
}

/**
 * Matches a grammar's main query (rules and sinks) against `root` (the tree
 * of `text`); when it found sinks, the caller adds sources and sanitizers with
 * {@link addTaintInputs}. Several matches of one rule at one span become
 * one hit (or sink); the match that can offer the rule's most preferred fix
 * wins, so a rule can add narrower patterns that only exist to capture what
 * a fix needs. Sinks keep all their matches and choose when reported.
 */
export function runQuery(gq: GrammarQuery, spec: LangSpec, root: Node, text: string): MatchResult {
  const hits: Hit[] = [];
  const taint: TaintInputs = { sources: new Map(), sanitizers: new Map(), sinks: [] };
  const seen = new Map<string, { rank: number; at: number }>();
  const sinkMatches = new Map<string, FixContext[]>();
  const memo = new DocumentMemo();
  for (const { role, captures: list } of gq.main ? matchParts(gq.main.parts, root, text) : []) {
    if (role.kind !== 'rule' && role.kind !== 'sink') continue;
    const { rule } = role;
    const captures = capturesOf(list);
    const report = captures.get(rule.report);
    if (!report) continue;
    const key = `${rule.id}\0${report.startIndex}\0${report.endIndex}`;
    const ctx: FixContext = { spec, captures, report, text, root, memo };
    if (role.kind === 'sink') {
      const same = sinkMatches.get(key);
      if (same) same.push(ctx);
      else {
        const candidates = [ctx];
        sinkMatches.set(key, candidates);
        taint.sinks.push({ rule, node: report, captures, ...(rule.fixes.length ? { fix: () => bestFix(rule, candidates) } : {}) });
      }
      continue;
    }
    const prev = seen.get(key);
    if (prev?.rank === 0 || !evaluateConditions(rule.where, ctx)) continue;
    const fix = rule.fixes.length ? resolveFix(rule, ctx) : undefined;
    const rank = rankOf(fix);
    if (!prev || rank < prev.rank) seen.set(key, { rank, at: place(hits, prev?.at, queryHit(rule, captures, fix)!) });
  }
  return { hits, taint };
}

/** Adds the matches of a grammar's taint query (sources and sanitizers) over `root` to `taint`. */
export function addTaintInputs(tq: CombinedQuery, root: Node, text: string, taint: TaintInputs): void {
  for (const { role, captures } of matchParts(tq.parts, root, text)) {
    if (role.kind !== 'source' && role.kind !== 'sanitizer') continue;
    const name = role.kind === 'source' ? 'source' : 'sanitized';
    for (const c of captures) if (c.name === name) push(role.kind === 'source' ? taint.sources : taint.sanitizers, c.node, role.set);
  }
}
