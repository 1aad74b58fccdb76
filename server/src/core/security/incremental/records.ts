/**
 * What one top-level statement contributed to a security analysis, as plain
 * data relative to the statement's start, so it survives the tree it came
 * from and moves with the statement when text before it is edited. Nodes are
 * kept as (span, type) and found again in the new tree; a node that cannot be
 * found exactly and unambiguously makes the caller fall back to a full run.
 */
import type { Node } from 'web-tree-sitter';
import type { Hit } from '../report';
import type { SecurityRule } from '../types';
import type { FixContext } from '../fixes';
import type { SpanEdit } from '../fixes';

/** A node by its span (relative to its unit's start) and type id. */
export interface NodeRef {
  readonly start: number;
  readonly end: number;
  readonly type: number;
}

/** One match of a sink: its captures, in match order. */
export type CaptureRefs = readonly (readonly [string, NodeRef])[];

/** A sink of a taint rule with all its matches (a fix is chosen among them when it is reported). */
export interface SinkRecord {
  readonly rule: SecurityRule;
  readonly report: NodeRef;
  readonly candidates: readonly CaptureRefs[];
}

/** Sources and sanitizers of one unit: each node with its sets, in match order. */
export interface TaintRecord {
  readonly sources: readonly (readonly [NodeRef, readonly string[]])[];
  readonly sanitizers: readonly (readonly [NodeRef, readonly string[]])[];
}

/** Everything a unit contributed; offsets relative to the unit's start. */
export interface UnitRecord {
  readonly hits: readonly Hit[];
  readonly sinks: readonly SinkRecord[];
  /** It read outside itself (document regexes, the root's text, a fix's import): recomputed every time. */
  readonly volatile: boolean;
  /** Taint query results; absent until a run needed them (only files with sinks run the taint query). */
  taint?: TaintRecord;
}

/** Thrown while the analyser runs when a recorded node cannot be found again; the caller then runs the full analysis. */
export class UnresolvedNode extends Error {}

/** The reference of `node`, relative to `base`. */
export function refOf(node: Node, base: number): NodeRef {
  return { start: node.startIndex - base, end: node.endIndex - base, type: node.typeId };
}

/**
 * The node of `ref` (relative to `base`) in `root`'s tree: the smallest node
 * with that span and type. Undefined when there is none, or when an ancestor
 * has the same span and type too (the reference would be ambiguous).
 */
export function resolveRef(root: Node, base: number, ref: NodeRef): Node | undefined {
  const s = base + ref.start;
  const e = base + ref.end;
  for (let n = root.descendantForIndex(s, e); n; n = n.parent) {
    if (n.startIndex !== s || n.endIndex !== e) {
      if (n.startIndex > s || n.endIndex < e) continue;
      return undefined;
    }
    if (n.typeId !== ref.type) continue;
    for (let p = n.parent; p && p.startIndex === s && p.endIndex === e; p = p.parent) if (p.typeId === ref.type) return undefined;
    return n;
  }
  return undefined;
}

/**
 * A lookup by name of nodes kept as references (`null`: known, with no node),
 * resolved in `root` on first use and then remembered. A reference that no
 * longer resolves throws `unresolved(name)`, so the caller falls back to a
 * full run.
 */
export function lazyNodes(root: Node, entries: ReadonlyMap<string, { readonly at: number; readonly ref: NodeRef } | null>, unresolved: (name: string) => Error): (name: string) => Node | null | undefined {
  const nodes = new Map<string, Node>();
  return (name) => {
    const e = entries.get(name);
    if (!e) return e;
    let n = nodes.get(name);
    if (!n) {
      n = resolveRef(root, e.at, e.ref);
      if (!n) throw unresolved(name);
      nodes.set(name, n);
    }
    return n;
  };
}

function shiftEdit(e: SpanEdit, d: number): SpanEdit {
  return { span: { start: e.span.start + d, end: e.span.end + d }, newText: e.newText };
}

/** A hit moved by `d` code units (its span, fix edits and related spans). */
export function shiftHit(h: Hit, d: number): Hit {
  if (d === 0) return h;
  return {
    ...h,
    span: { start: h.span.start + d, end: h.span.end + d },
    ...(h.fix ? { fix: { title: h.fix.title, edits: h.fix.edits.map((e) => shiftEdit(e, d)) } } : {}),
    ...(h.related ? { related: h.related.map((r) => ({ span: { start: r.span.start + d, end: r.span.end + d }, message: r.message })) } : {}),
  };
}

/** The record of a sink's candidate match contexts (all from one unit starting at `base`). */
export function sinkRecord(rule: SecurityRule, candidates: readonly FixContext[], base: number): SinkRecord {
  return {
    rule,
    report: refOf(candidates[0]!.report, base),
    candidates: candidates.map((c) => [...c.captures].map(([name, node]) => [name, refOf(node, base)] as const)),
  };
}

/** The capture map of a recorded match, found again in a new tree; undefined when a node cannot be. */
export function resolveCaptures(root: Node, base: number, refs: CaptureRefs): Map<string, Node> | undefined {
  const out = new Map<string, Node>();
  for (const [name, ref] of refs) {
    const n = resolveRef(root, base, ref);
    if (!n) return undefined;
    out.set(name, n);
  }
  return out;
}
