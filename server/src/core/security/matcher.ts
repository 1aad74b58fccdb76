/**
 * Runs a grammar's combined query over a tree once and sorts the matches by
 * role: findings of plain query rules, and the sources, sanitizers and sinks
 * that the taint analyser consumes.
 */
import type { Node, QueryMatch } from 'web-tree-sitter';
import type { Hit } from './report';
import { snippet } from './report';
import { isConstant, type LangSpec } from './taint/languages';
import type { GrammarQuery, SecurityRule } from './types';

/** A sink match of a taint rule. */
export interface SinkMatch {
  readonly rule: SecurityRule;
  readonly node: Node;
  readonly captures: ReadonlyMap<string, Node>;
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

function capturesOf(m: QueryMatch): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const c of m.captures) if (!out.has(c.name)) out.set(c.name, c.node);
  return out;
}

function push(map: Map<number, string[]>, node: Node, set: string): void {
  const list = map.get(node.id);
  if (!list) map.set(node.id, [set]);
  else if (!list.includes(set)) list.push(set);
}

/** The smallest enclosing function (or the root) of a node: the scope `scope-not-matches` inspects. */
function enclosingScope(spec: LangSpec, node: Node): Node {
  let n: Node | null = node.parent;
  while (n && !spec.functions.has(n.type) && n.parent) n = n.parent;
  return n ?? node;
}

/**
 * The text `context-matches` inspects: the report node's own line(s) plus the
 * first line of the enclosing function (its name and parameters), e.g. to
 * tell a token generator from a dice roll.
 */
function contextOf(spec: LangSpec, node: Node): string {
  let stmt = node;
  const row = node.startPosition.row;
  while (stmt.parent && stmt.parent.startPosition.row === row && stmt.parent.endPosition.row === row && !spec.functions.has(stmt.parent.type)) stmt = stmt.parent;
  const scope = enclosingScope(spec, node);
  const head = scope.parent ? scope.text.slice(0, scope.text.indexOf('\n') >>> 0) : '';
  return `${stmt.text}\n${head}`;
}

function conditionsHold(rule: SecurityRule, spec: LangSpec, caps: ReadonlyMap<string, Node>, report: Node): boolean {
  for (const w of rule.where) {
    if (w.kind === 'not-constant') {
      const n = caps.get(w.capture);
      if (!n || isConstant(spec, n)) return false;
    } else if (w.kind === 'scope-not-matches') {
      if (w.regex.test(enclosingScope(spec, report).text)) return false;
    } else if (!w.regex.test(contextOf(spec, report))) return false;
  }
  return true;
}

/** Builds the hit of a plain query rule from its captures, or undefined when a capture is missing. */
export function queryHit(rule: SecurityRule, caps: ReadonlyMap<string, Node>): Hit | undefined {
  const report = caps.get(rule.report);
  if (!report) return undefined;
  const values: Record<string, string> = {};
  const raw: Record<string, string> = {};
  for (const [name, node] of caps) {
    values[name] = snippet(node.text);
    raw[name] = node.text;
  }
  const fixNode = rule.fix ? caps.get(rule.fix.capture) : undefined;
  return {
    rule,
    span: { start: report.startIndex, end: report.endIndex },
    values,
    ...(fixNode ? { fix: { span: { start: fixNode.startIndex, end: fixNode.endIndex }, values: raw } } : {}),
  };
}

/**
 * Matches a grammar's queries against `root`: the main query (rules and
 * sinks) always, the taint query (sources and sanitizers) only when a sink
 * was found. Duplicate hits of a rule at one span are dropped.
 */
export function runQuery(gq: GrammarQuery, spec: LangSpec, root: Node): MatchResult {
  const hits: Hit[] = [];
  const taint: TaintInputs = { sources: new Map(), sanitizers: new Map(), sinks: [] };
  const seen = new Set<string>();
  for (const m of gq.main?.query.matches(root) ?? []) {
    const role = gq.main!.roles[m.patternIndex];
    if (!role || (role.kind !== 'rule' && role.kind !== 'sink')) continue;
    const caps = capturesOf(m);
    const report = caps.get(role.rule.report);
    if (!report) continue;
    const key = `${role.rule.id}\0${report.startIndex}\0${report.endIndex}`;
    if (seen.has(key)) continue;
    if (role.kind === 'sink') {
      seen.add(key);
      taint.sinks.push({ rule: role.rule, node: report, captures: caps });
      continue;
    }
    if (!conditionsHold(role.rule, spec, caps, report)) continue;
    seen.add(key);
    const hit = queryHit(role.rule, caps);
    if (hit) hits.push(hit);
  }
  if (taint.sinks.length && gq.taint) {
    for (const m of gq.taint.query.matches(root)) {
      const role = gq.taint.roles[m.patternIndex];
      if (role?.kind !== 'source' && role?.kind !== 'sanitizer') continue;
      const name = role.kind === 'source' ? 'source' : 'sanitized';
      for (const c of m.captures) if (c.name === name) push(role.kind === 'source' ? taint.sources : taint.sanitizers, c.node, role.set);
    }
  }
  return { hits, taint };
}
