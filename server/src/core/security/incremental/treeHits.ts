/**
 * Incremental tree-based security analysis for the language server. The
 * results of the combined query (pattern-rule hits, taint sinks) and of the
 * taint query (sources, sanitizers) are kept per top-level statement; after
 * an edit only the statements the edit touched are matched again, and the
 * rest is reused, moved with the text. The taint pass itself still runs over
 * the whole tree (its state flows across statements), but on inputs that are
 * mostly reused.
 *
 * Units are the root's children, large ones split into their children when
 * no pattern can match the large node itself (units.ts).
 *
 * Why this equals a full run: every pattern has one root node of a known
 * type that is never the type of the tree's root or of a split node
 * (`patternRoots`), so a match lies inside one unit and depends only on it;
 * conditions and fixes that read anything else (the document, an enclosing
 * node's text or children) mark the unit volatile and it is recomputed every
 * time; matches are processed in document order, so concatenating units in
 * order gives the full run's order. Anything
 * that cannot be decided (an unknown pattern root, a match in no single
 * statement, a node that cannot be found again) returns undefined and the
 * caller runs the full analysis. `test/unit/incremental` checks the equality
 * after thousands of edits.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { TreeEdit } from '../../parsing/documentTrees';
import type { GrammarName } from '../../parsing/grammars';
import { DocumentMemo, type OutsideReads } from '../conditions';
import type { FixContext } from '../fixes';
import { addTaintMatches, newBucket, processMatches, sinkMatch, takesParameters, type MatchBucket, type SinkMatch, type TaintInputs } from '../matcher';
import { matchParts, type RoleMatch } from '../queryGating';
import type { Hit } from '../report';
import { analyzeTaint } from '../taint/analyzer';
import type { LangSpec } from '../taint/languages';
import type { CombinedQuery, GrammarQuery } from '../types';
import { refOf, resolveCaptures, resolveRef, shiftHit, sinkRecord, UnresolvedNode, type TaintRecord, type UnitRecord } from './records';
import { helperIndex, helperState, type HelperState } from './helpers';
import { constantsState, fileScope, type ConstantsState } from './fileConstants';
import { patternRoots, reusedUnits, spansOf, unitHolding, unitsOf, type UnitTable } from './units';

/** What is kept per document between analyses. */
export interface TreeState {
  /** The number of the tree these results came from (`TreeChange.generation`). */
  readonly generation: number | undefined;
  readonly grammar: GrammarName;
  readonly text: string;
  readonly units: UnitTable;
  readonly records: readonly UnitRecord[];
  /** Helper and class entries per top-level statement, once a taint pass needed them. */
  readonly helpers?: HelperState;
  /** File-scope definitions per top-level statement, once a taint pass needed them. */
  readonly constants?: ConstantsState;
}

/** Above this share of dirty units, one whole-tree query is cheaper than many ranged ones. */
const WHOLE_TREE_SHARE = 0.25;

/** Inputs of one incremental run. */
export interface TreeRun {
  readonly grammar: GrammarName;
  readonly gq: GrammarQuery;
  readonly spec: LangSpec;
  readonly tree: Tree;
  readonly text: string;
  /** The number of `tree`, kept with the results. */
  readonly generation: number | undefined;
  /** The edit from the tree of `previous` to `tree` (see `treeEditSince`); undefined: nothing is reused. */
  readonly change: TreeEdit | undefined;
  readonly previous: TreeState | undefined;
  readonly signal?: AbortSignal;
}

const rootSets = new WeakMap<GrammarQuery, Set<string> | null>();

/** Node types any pattern of the grammar's queries can match at (cached per grammar query); undefined when unknown. */
function rootsOf(gq: GrammarQuery, main: CombinedQuery, tq: CombinedQuery | undefined, tree: Tree): Set<string> | undefined {
  let set = rootSets.get(gq);
  if (set === undefined) {
    set = patternRoots([...main.parts, ...(tq?.parts ?? [])], tree.language) ?? null;
    rootSets.set(gq, set);
  }
  return set ?? undefined;
}

/** Matches grouped by the unit holding them; undefined when one lies in no single unit. */
function groupByUnit(matches: readonly RoleMatch[], units: UnitTable): Map<RoleMatch, number> | undefined {
  const out = new Map<RoleMatch, number>();
  for (const m of matches) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const c of m.captures) {
      lo = Math.min(lo, c.node.startIndex);
      hi = Math.max(hi, c.node.endIndex);
    }
    if (!m.captures.length) return undefined;
    const u = unitHolding(units, lo, hi);
    if (u === undefined) return undefined;
    out.set(m, u);
  }
  return out;
}

/** Matches of `query` over the units listed (or the whole tree), each with its unit; undefined when ungroupable. */
function matchUnits(query: CombinedQuery, root: Node, text: string, units: UnitTable, todo: readonly number[]): Map<RoleMatch, number> | undefined {
  const whole = todo.length > units.starts.length * WHOLE_TREE_SHARE;
  const matches = matchParts(query.parts, root, text, whole ? undefined : spansOf(units, todo));
  const grouped = groupByUnit(matches, units);
  if (!grouped) return undefined;
  const wanted = new Set(todo);
  // Matches of units that were only queried because they lie between two wanted ones are dropped.
  for (const [m, u] of grouped) if (!wanted.has(u)) grouped.delete(m);
  return grouped;
}

/** Source and sanitizer records of the units in `todo`, found with one query; undefined when ungroupable. */
function taintRecords(tq: CombinedQuery, root: Node, text: string, units: UnitTable, todo: readonly number[]): Map<number, TaintRecord> | undefined {
  const grouped = matchUnits(tq, root, text, units, todo);
  if (!grouped) return undefined;
  const per = new Map<number, Pick<TaintInputs, 'sources' | 'sanitizers'>>();
  for (const u of todo) per.set(u, { sources: new Map(), sanitizers: new Map() });
  const nodes = new Map<number, Node>();
  const ordered = [...grouped.keys()];
  for (const m of ordered) for (const c of m.captures) nodes.set(c.node.id, c.node);
  addTaintMatches(ordered, (m) => per.get(grouped.get(m)!)!);
  const out = new Map<number, TaintRecord>();
  for (const [u, inputs] of per) {
    const base = units.starts[u]!;
    const refs = (map: Map<number, string[]>) => [...map].map(([id, sets]) => [refOf(nodes.get(id)!, base), [...sets]] as const);
    out.set(u, { sources: refs(inputs.sources), sanitizers: refs(inputs.sanitizers) });
  }
  return out;
}

/** The result of an incremental run: the hits, and the state to keep for the next one. */
export interface TreeOutcome {
  /** Undefined when the run was aborted: the state is still valid for the next run. */
  readonly hits: Hit[] | undefined;
  readonly state: TreeState;
  /** How many statements' results were reused rather than recomputed. */
  readonly reused: number;
}

/**
 * Hits of every tree-based rule, equal to a full run on the same tree, and
 * the state for the next run; undefined when the incremental path cannot
 * prove equality (the caller runs the full analysis instead).
 */
export async function incrementalTreeHits(run: TreeRun): Promise<TreeOutcome | undefined> {
  const { gq, spec, tree, text, signal } = run;
  const root = tree.rootNode;
  const main = gq.main;
  const roots = main && rootsOf(gq, main, await gq.taint(), tree);
  if (!main || !roots || roots.has(root.type)) return undefined;
  const units = unitsOf(root, roots);
  const count = units.starts.length;
  const prev = run.previous && run.previous.grammar === run.grammar ? run.previous : undefined;
  const prevRecords = prev?.records;
  // A one-line file: every statement's `context-matches` line would be the root's; nothing is reused.
  const change = root.startPosition.row === root.endPosition.row ? undefined : run.change;
  const reused = reusedUnits(units, prev && { text: prev.text, units: prev.units, reusable: (i) => !prevRecords![i]!.volatile }, change);
  const dirty = reused.flatMap((o, i) => (o === undefined ? [i] : []));

  // Main query over the dirty units, one bucket (and one record of outside reads) per unit.
  const memo = new DocumentMemo();
  const buckets = new Map<number, MatchBucket>();
  const reads = new Map<number, OutsideReads>();
  for (const u of dirty) {
    const r: OutsideReads = { outside: false, start: units.starts[u]!, end: units.ends[u]!, topLevel: units.topLevel[u]! };
    reads.set(u, r);
    buckets.set(u, newBucket(r));
  }
  const grouped = dirty.length ? matchUnits(main, root, text, units, dirty) : new Map<RoleMatch, number>();
  if (!grouped) return undefined;
  processMatches([...grouped.keys()], spec, root, text, { bucketOf: (m) => buckets.get(grouped.get(m)!)! }, memo);

  const records: UnitRecord[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const o = reused[i];
    if (o !== undefined) {
      records[i] = prevRecords![o]!;
      continue;
    }
    const b = buckets.get(i)!;
    const base = units.starts[i]!;
    const candidates = [...b.sinkMatches.values()];
    records[i] = { hits: b.hits.map((h) => shiftHit(h, -base)), sinks: b.sinks.map((s, k) => sinkRecord(s.rule, candidates[k]!, base)), volatile: reads.get(i)!.outside };
  }
  const reusedCount = count - dirty.length;
  // Aborted (a newer version arrived): the records are complete, so the next run still starts from them.
  if (signal?.aborted) return { hits: undefined, state: { generation: run.generation, grammar: run.grammar, text, units, records }, reused: reusedCount };

  const hits: Hit[] = [];
  for (let i = 0; i < count; i++) for (const h of records[i]!.hits) hits.push(shiftHit(h, units.starts[i]!));
  const taint = await taintPass(run, units, records, buckets, memo);
  if (!taint) return undefined;
  const kept = taint !== 'aborted' && taint.helpers ? { helpers: taint.helpers, constants: taint.constants } : {};
  const state: TreeState = { generation: run.generation, grammar: run.grammar, text, units, records, ...kept };
  if (taint === 'aborted') return { hits: undefined, state, reused: reusedCount };
  hits.push(...taint.hits);
  return { hits, state, reused: reusedCount };
}

/**
 * The taint hits: as the full path, the taint query runs only when there is a
 * sink, and the walk only when there is also a source. Units whose taint
 * records are missing (new, or never needed before) are queried now.
 */
async function taintPass(run: TreeRun, units: UnitTable, records: UnitRecord[], fresh: ReadonlyMap<number, MatchBucket>, memo: DocumentMemo): Promise<{ hits: Hit[]; helpers?: HelperState; constants?: ConstantsState } | 'aborted' | undefined> {
  const { gq, spec, tree, text } = run;
  const root = tree.rootNode;
  const none = { hits: [] };
  if (!records.some((r) => r.sinks.length)) return none;
  const tq = await gq.taint();
  if (!tq) return none;
  const missing = records.flatMap((r, i) => (r.taint === undefined ? [i] : []));
  if (missing.length) {
    const found = taintRecords(tq, root, text, units, missing);
    if (!found) return undefined;
    for (const [i, t] of found) records[i] = { ...records[i]!, taint: t };
  }
  if (!records.some((r) => r.taint!.sources.length || r.sinks.some((k) => takesParameters(k.rule)))) return none;
  // Helpers and constants change with the tree, not the edit alone: reused only from the state of the tree this one was re-parsed from.
  const previous = run.change && run.previous?.grammar === run.grammar ? run.previous : undefined;
  const helpers = helperState(spec, root, text, previous?.helpers, run.change);
  const constants = constantsState(spec, root, text, previous?.constants, run.change);
  const sourceStarts: number[] = [];
  const inputs: TaintInputs = { sources: new Map(), sourceStarts, sanitizers: new Map(), sinks: [], helpers: helperIndex(root, helpers), fileScope: fileScope(root, constants) };
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const base = units.starts[i]!;
    for (const [which, list] of [[inputs.sources, r.taint!.sources], [inputs.sanitizers, r.taint!.sanitizers]] as const) {
      for (const [ref, sets] of list) {
        const n = resolveRef(root, base, ref);
        if (!n) return undefined;
        which.set(n.id, [...sets]);
        if (which === inputs.sources) sourceStarts.push(n.startIndex);
      }
    }
    const b = fresh.get(i);
    if (b) inputs.sinks.push(...b.sinks);
    else {
      for (const s of r.sinks) {
        const m = resolveSink(root, text, spec, memo, base, s);
        if (!m) return undefined;
        inputs.sinks.push(m);
      }
    }
  }
  if (run.signal?.aborted) return 'aborted';
  try {
    return { hits: analyzeTaint(spec, root, inputs), helpers, constants };
  } catch (e) {
    if (e instanceof UnresolvedNode) return undefined;
    throw e;
  }
}

function resolveSink(root: Node, text: string, spec: LangSpec, memo: DocumentMemo, base: number, s: UnitRecord['sinks'][number]): SinkMatch | undefined {
  const report = resolveRef(root, base, s.report);
  if (!report) return undefined;
  const contexts: FixContext[] = [];
  for (const refs of s.candidates) {
    const captures = resolveCaptures(root, base, refs);
    if (!captures) return undefined;
    contexts.push({ spec, captures, report, text, root, memo });
  }
  return sinkMatch(s.rule, contexts);
}
