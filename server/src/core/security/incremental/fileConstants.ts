/**
 * The taint analyser's file-scope definitions (which module-level names are
 * constants, and their values), kept per top-level statement so that an edit
 * re-reads only the statements it touched. Reading them walks every node
 * outside function bodies: about 9 ms per keystroke on a 10k-line Python
 * file, more than anything else in the taint pass. The entries are exactly
 * those `definitionEntries` finds on the root, statement by statement in
 * document order, so folding them gives the same definitions; a value's node
 * is found again in the new tree only when the analyser asks for it.
 */
import type { Node } from 'web-tree-sitter';
import type { TreeEdit } from '../../parsing/documentTrees';
import { addDefinition, definitionEntries, type ScopeDefinitions } from '../taint/constants';
import type { LangSpec } from '../taint/languages';
import { lazyNodes, refOf, UnresolvedNode, type NodeRef } from './records';
import { reusedUnits, unitsOf, type UnitTable } from './units';

/** The file-scope definitions of one top-level statement, in order; values relative to its start. */
interface DefinitionRecord {
  readonly entries: readonly { readonly name: string; readonly value: NodeRef | null }[];
  /** An entry depended on the text before the statement (a `final` / `const` keyword test): re-read every time. */
  readonly volatile: boolean;
}

/** What is kept between analyses: the named top-level statements and their definitions. */
export interface ConstantsState {
  readonly text: string;
  readonly tops: UnitTable;
  readonly records: readonly DefinitionRecord[];
}

/**
 * A copy of a node's text that does not keep the document alive: V8 keeps a
 * slice of 13 or more characters as a view into the whole text, and records
 * outlive their version by many keystrokes.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The file-scope definitions of `root`, reusing the records of statements `change` left untouched. */
export function constantsState(spec: LangSpec, root: Node, text: string, prev: ConstantsState | undefined, change: TreeEdit | undefined): ConstantsState {
  // The root's named children, as `definitionEntries` visits them on the root.
  const tops = unitsOf(root, new Set(), Infinity, true);
  const reused = reusedUnits(tops, prev && { text: prev.text, units: prev.tops, reusable: (i) => !prev.records[i]!.volatile }, change);
  const records = reused.map((o, i): DefinitionRecord => {
    if (o !== undefined) return prev!.records[o]!;
    const base = tops.starts[i]!;
    let volatile = false;
    const entries = definitionEntries(spec, root.namedChild(i)!, { top: true, isScope: false, outside: () => (volatile = true) });
    return { entries: entries.map((e) => ({ name: detached(e.name), value: e.value && refOf(e.value, base) })), volatile };
  });
  return { text, tops, records };
}

/**
 * The file scope's definitions as `Constants` reads them, folded from the
 * records; a value's node is resolved on first use and throws
 * {@link UnresolvedNode} when it cannot be found again.
 */
export function fileScope(root: Node, state: ConstantsState): ScopeDefinitions {
  const defs = new Map<string, { readonly at: number; readonly ref: NodeRef } | null>();
  state.records.forEach((rec, i) => {
    const at = state.tops.starts[i]!;
    for (const e of rec.entries) addDefinition(defs, e.name, e.value && { at, ref: e.value });
  });
  return { has: (name) => defs.has(name), get: lazyNodes(root, defs, (name) => new UnresolvedNode(name)) };
}
