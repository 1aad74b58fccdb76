/**
 * Runs a grammar's combined query over a tree (its whole-tree part, and its keyword-gated part around keyword occurrences) and sorts the matches by
 * role: findings of plain query rules, and the sources, sanitizers and sinks
 * that the taint analyser consumes.
 */
import type { Node, QueryCapture } from 'web-tree-sitter';
import { matchParts, type RoleMatch } from './queryGating';
import { DocumentMemo, evaluateConditions, type OutsideReads } from './conditions';
import { resolveFix, type FixContext, type HitFix, type ResolvedFix } from './fixes';
import type { Hit } from './report';
import { snippet } from './report';
import type { ScopeDefinitions } from './taint/constants';
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

/**
 * The same-file helper functions by name (null: defined twice) and the class
 * names of a tree, as `collectHelpers` finds them; the incremental engine
 * supplies them from per-statement records instead of walking the tree.
 */
export interface HelperIndex {
  readonly helpers: { get(name: string): Node | null | undefined };
  readonly classes: ReadonlySet<string>;
}

/**
 * The built-in source set of audit rules: the parameters of the function
 * that holds the sink (taint/analyzer.ts). It needs no query: only the
 * functions that contain a sink of a rule listing it take their parameters
 * as sources, so a file's other functions (an `open()` here and there) are
 * not analysed for it (reach.ts).
 */
export const PARAMETER_SOURCE_SET = 'function-parameter';

/** Whether a rule's flows may start at the parameters of the function holding its sink. */
export function takesParameters(rule: SecurityRule): boolean {
  return rule.taint?.sources.includes(PARAMETER_SOURCE_SET) === true;
}

/** Taint-relevant matches, keyed by node id so the analyser can look nodes up as it walks. */
export interface TaintInputs {
  readonly sources: Map<number, string[]>;
  /**
   * Start offsets of the source nodes, when known: the analyser skips a
   * function no source, tainted variable or tainting helper can reach
   * (absent: every function with a sink is analysed).
   */
  readonly sourceStarts?: number[];
  readonly sanitizers: Map<number, string[]>;
  readonly sinks: SinkMatch[];
  /** Helpers and classes, when already known (else the analyser collects them from the tree). */
  readonly helpers?: HelperIndex;
  /** The file scope's constant definitions, when already known (else the analyser reads them from the tree on first use). */
  readonly fileScope?: ScopeDefinitions;
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

/** A new sink match whose fix, when reported, is the best one among all matches of the sink. */
export function sinkMatch(rule: SecurityRule, candidates: readonly FixContext[]): SinkMatch {
  const first = candidates[0]!;
  return { rule, node: first.report, captures: first.captures, ...(rule.fixes.length ? { fix: () => bestFix(rule, candidates) } : {}) };
}

/** Per-match hooks of {@link processMatches}: where a match's results go, and what records its reads. */
export interface MatchSink {
  /** The bucket (hits, sinks, reads) of one match; one bucket for a whole-document run. */
  bucketOf(match: RoleMatch): MatchBucket;
}

/** Results of the matches of one bucket (a document, or one top-level statement). */
export interface MatchBucket {
  readonly hits: Hit[];
  readonly sinks: SinkMatch[];
  /** Candidate contexts of each sink, in match order, by sink key. */
  readonly sinkMatches: Map<string, FixContext[]>;
  /** Best fix rank and hit index of each plain-rule key. */
  readonly seen: Map<string, { rank: number; at: number }>;
  readonly reads?: OutsideReads;
}

/** An empty bucket. */
export function newBucket(reads?: OutsideReads): MatchBucket {
  return { hits: [], sinks: [], sinkMatches: new Map(), seen: new Map(), ...(reads ? { reads } : {}) };
}

/**
 * Turns matches of the main query (in document order) into hits of plain
 * query rules and sinks. Several matches of one rule at one span become
 * one hit (or sink); the match that can offer the rule's most preferred fix
 * wins, so a rule can add narrower patterns that only exist to capture what
 * a fix needs. Sinks keep all their matches and choose when reported.
 */
export function processMatches(matches: readonly RoleMatch[], spec: LangSpec, root: Node, text: string, sink: MatchSink, memo = new DocumentMemo()): void {
  for (const match of matches) {
    const { role, captures: list } = match;
    if (role.kind !== 'rule' && role.kind !== 'sink') continue;
    const { rule } = role;
    const captures = capturesOf(list);
    const report = captures.get(rule.report);
    if (!report) continue;
    const b = sink.bucketOf(match);
    const key = `${rule.id}\0${report.startIndex}\0${report.endIndex}`;
    const ctx: FixContext = { spec, captures, report, text, root, memo, ...(b.reads ? { reads: b.reads } : {}) };
    if (role.kind === 'sink') {
      const same = b.sinkMatches.get(key);
      if (same) same.push(ctx);
      else {
        const candidates = [ctx];
        b.sinkMatches.set(key, candidates);
        b.sinks.push(sinkMatch(rule, candidates));
      }
      continue;
    }
    const prev = b.seen.get(key);
    if (prev?.rank === 0 || !evaluateConditions(rule.where, ctx)) continue;
    const fix = rule.fixes.length ? resolveFix(rule, ctx) : undefined;
    const rank = rankOf(fix);
    if (!prev || rank < prev.rank) b.seen.set(key, { rank, at: place(b.hits, prev?.at, queryHit(rule, captures, fix)!) });
  }
}

/**
 * Matches a grammar's main query (rules and sinks) against `root` (the tree
 * of `text`); when it found sinks, the caller adds sources and sanitizers with
 * {@link addTaintInputs}. See {@link processMatches}.
 */
export function runQuery(gq: GrammarQuery, spec: LangSpec, root: Node, text: string): MatchResult {
  const bucket = newBucket();
  processMatches(gq.main ? matchParts(gq.main.parts, root, text) : [], spec, root, text, { bucketOf: () => bucket });
  return { hits: bucket.hits, taint: { sources: new Map(), sourceStarts: [], sanitizers: new Map(), sinks: bucket.sinks } };
}

/** Adds the matches of a grammar's taint query (sources and sanitizers) over `root` to `taint`. */
export function addTaintInputs(tq: CombinedQuery, root: Node, text: string, taint: TaintInputs): void {
  addTaintMatches(matchParts(tq.parts, root, text), () => taint);
}

/** Adds source and sanitizer matches to the inputs `into` gives for each match. */
export function addTaintMatches(matches: readonly RoleMatch[], into: (m: RoleMatch) => Pick<TaintInputs, 'sources' | 'sanitizers' | 'sourceStarts'>): void {
  for (const m of matches) {
    const { role, captures } = m;
    if (role.kind !== 'source' && role.kind !== 'sanitizer') continue;
    const name = role.kind === 'source' ? 'source' : 'sanitized';
    const taint = into(m);
    for (const c of captures) {
      if (c.name !== name) continue;
      if (role.kind === 'source') {
        push(taint.sources, c.node, role.set);
        taint.sourceStarts?.push(c.node.startIndex);
      } else push(taint.sanitizers, c.node, role.set);
    }
  }
}
