/**
 * The taint analyser's index of same-file helpers and classes, kept per
 * top-level statement so that an edit re-collects only the statements it
 * touched (collecting them walks every node outside function bodies: about
 * 10 ms on a 10k-line Python file). The entries are exactly those
 * `collectHelpers` finds, statement by statement in document order, so the
 * merged index is the same; helper nodes are found again in the new tree
 * only when the analyser asks for one.
 */
import type { Node } from 'web-tree-sitter';
import type { TreeEdit } from '../../parsing/documentTrees';
import type { HelperIndex } from '../matcher';
import type { LangSpec } from '../taint/languages';
import { addHelper, helperEntriesOf } from '../taint/syntax';
import { lazyNodes, refOf, UnresolvedNode, type NodeRef } from './records';
import { reusedUnits, unitsOf, type UnitTable } from './units';

/** The helper entries of one top-level statement; nodes relative to its start. */
export type HelperRecord = readonly ({ readonly kind: 'class'; readonly name: string } | { readonly kind: 'helper'; readonly name: string; readonly ref: NodeRef })[];

/** What is kept between analyses: the named top-level statements and their entries. */
export interface HelperState {
  readonly text: string;
  readonly tops: UnitTable;
  readonly records: readonly HelperRecord[];
}

/** Thrown by the index when a recorded helper cannot be found again; the caller then runs the full analysis. */
export class UnresolvedHelper extends UnresolvedNode {}

/** The root's named children: where `collectHelpers` starts. */
function namedTops(root: Node): UnitTable {
  return unitsOf(root, new Set(), Infinity, true);
}

/** The helper state of `root`, reusing the records of statements `change` left untouched. */
export function helperState(spec: LangSpec, root: Node, text: string, prev: HelperState | undefined, change: TreeEdit | undefined): HelperState {
  const tops = namedTops(root);
  const reused = reusedUnits(tops, prev && { text: prev.text, units: prev.tops, reusable: () => true }, change);
  const records = reused.map((o, i): HelperRecord => {
    if (o !== undefined) return prev!.records[o]!;
    const base = tops.starts[i]!;
    return helperEntriesOf(spec, root.namedChild(i)!).map((e) => (e.kind === 'class' ? e : { kind: 'helper', name: e.name, ref: refOf(e.fn, base) }));
  });
  return { text, tops, records };
}

/** The index the analyser uses, resolving a helper's node on first use. */
export function helperIndex(root: Node, state: HelperState): HelperIndex {
  const entries = new Map<string, { at: number; ref: NodeRef } | null>();
  const classes = new Set<string>();
  state.records.forEach((rec, i) => {
    for (const e of rec) addHelper(e, e.kind === 'helper' ? { at: state.tops.starts[i]!, ref: e.ref } : null, entries, classes);
  });
  return { helpers: { get: lazyNodes(root, entries, (name) => new UnresolvedHelper(name)) }, classes };
}
