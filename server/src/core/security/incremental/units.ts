/**
 * The units of a tree (top-level statements, large ones split into their
 * parts), and which of them an edit left untouched. A unit is reused only
 * when it lies wholly outside the edit (not even touching it), no changed
 * range of tree-sitter touches it, and the previous tree had a unit of the
 * same type and length at the same place (shifted by the edit when after
 * it). Everything else is "dirty".
 */
import type { Language, Node } from 'web-tree-sitter';
import type { TreeEdit } from '../../parsing/documentTrees';
import { openCursorAt } from '../../parsing/rawCursor';
import type { QueryPart } from '../queryGating';

/** Offsets and types of the units of a tree, in document order; they do not overlap. */
export interface UnitTable {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly types: readonly number[];
  /** Whether each unit is a child of the root (else a part of a large statement). */
  readonly topLevel: readonly boolean[];
}

/** Statements larger than this (UTF-16 units) are split into their children when no pattern can match the statement itself. */
export const MAX_UNIT = 2048;

/**
 * The units of a tree: the root's children (named or not), and, in place of
 * a large child whose type no pattern can be rooted at, that child's children
 * (recursively). Every match then lies inside one unit. Read with one cursor
 * rather than one marshalled node each. `namedOnly` leaves out anonymous
 * children (with an infinite `maxUnit`: the root's named children).
 */
export function unitsOf(root: Node, roots: ReadonlySet<string>, maxUnit = MAX_UNIT, namedOnly = false): UnitTable {
  const starts: number[] = [];
  const ends: number[] = [];
  const types: number[] = [];
  const topLevel: boolean[] = [];
  const c = openCursorAt(root);
  try {
    if (!c.gotoFirstChild()) return { starts, ends, types, topLevel };
    for (let depth = 1; ; ) {
      const start = c.startIndex;
      const end = c.endIndex;
      if (end - start > maxUnit && !roots.has(c.nodeType) && c.gotoFirstChild()) {
        depth++;
        continue;
      }
      if (!namedOnly || c.nodeIsNamed) {
        starts.push(start);
        ends.push(end);
        types.push(c.nodeTypeId);
        topLevel.push(depth === 1);
      }
      while (!c.gotoNextSibling()) {
        if (depth === 1 || !c.gotoParent()) return { starts, ends, types, topLevel };
        depth--;
      }
    }
  } finally {
    c.delete();
  }
}

/**
 * The node types at which some pattern of the parts can match (a supertype
 * stands for all its subtypes), or undefined when a pattern's root is not
 * known; then matching per unit could miss a match and is not done.
 */
export function patternRoots(parts: readonly QueryPart[], language: Language): Set<string> | undefined {
  const out = new Set<string>();
  const supertypes = new Set(language.supertypes);
  const add = (type: string): void => {
    if (out.has(type)) return;
    out.add(type);
    for (const named of [true, false]) {
      const id = language.idForNodeType(type, named);
      if (id !== null && supertypes.has(id)) for (const sub of language.subtypes(id)) add(language.nodeTypeForId(sub) ?? '');
    }
  };
  for (const p of parts) {
    if (!p.rootTypes) return undefined;
    for (const t of p.rootTypes) {
      if (!t) return undefined;
      t.forEach(add);
    }
  }
  return out;
}

/** Last index `i` with `list[i] <= x`, or -1. */
export function lastAtMost(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length - 1;
  let out = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! <= x) {
      out = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return out;
}

/**
 * The unit holding the span [lo, hi], or undefined when none or two (an
 * empty span exactly where one unit ends and the next starts) could.
 */
export function unitHolding(units: UnitTable, lo: number, hi: number): number | undefined {
  const i = lastAtMost(units.starts, lo);
  if (i < 0 || hi > units.ends[i]!) return undefined;
  if (i > 0 && lo === units.starts[i] && hi <= units.ends[i - 1]!) return undefined;
  return i;
}

/** What the previous analysis knew: its text and its units (offsets of the old text). */
export interface PreviousUnits {
  readonly text: string;
  readonly units: UnitTable;
  /** Whether a unit's result may be reused at all (false when it read outside itself). */
  reusable(index: number): boolean;
}

/**
 * For each unit of the new tree, the index of the identical unit of the
 * previous analysis, or undefined when it must be recomputed.
 */
export function reusedUnits(units: UnitTable, prev: PreviousUnits | undefined, change: TreeEdit | undefined): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(units.starts.length).fill(undefined);
  if (!prev || !change || change.previousText !== prev.text || prev.units.starts.length === 0) return out;
  const delta = change.newEndIndex - change.oldEndIndex;
  for (let i = 0; i < out.length; i++) {
    const s = units.starts[i]!;
    const e = units.ends[i]!;
    // Strictly before or after the edit: a unit touching it may have been extended by it.
    const shift = e < change.startIndex ? 0 : s > change.newEndIndex ? delta : undefined;
    if (shift === undefined || change.changed.some((r) => r.start <= e && s <= r.end)) continue;
    const o = lastAtMost(prev.units.starts, s - shift);
    if (o < 0 || prev.units.starts[o] !== s - shift || prev.units.ends[o] !== e - shift || prev.units.types[o] !== units.types[i] || prev.units.topLevel[o] !== units.topLevel[i]) continue;
    if (prev.reusable(o)) out[i] = o;
  }
  return out;
}

/**
 * Spans (UTF-16) covering the given units, neighbours merged when the gap
 * between them is small (one query call instead of several; matches of the
 * clean units in between are dropped by the caller).
 */
export function spansOf(units: UnitTable, indices: readonly number[], mergeGap = 1024): [number, number][] {
  const spans: [number, number][] = [];
  for (const i of indices) {
    const s = units.starts[i]!;
    const e = units.ends[i]!;
    const last = spans[spans.length - 1];
    if (last && s - last[1] <= mergeGap) last[1] = Math.max(last[1], e);
    else spans.push([s, e]);
  }
  return spans;
}
