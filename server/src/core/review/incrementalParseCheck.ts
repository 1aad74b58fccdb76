/**
 * Whether a child kept from an earlier walk of an incremental review
 * (`incrementalPlan.ts`) parsed as it did then: parse-error flags per child,
 * or tree-sitter's changed ranges when many children have errors. Kept apart
 * from the plan because it is its own question (how far to trust error
 * recovery) with its own cost trade-off.
 */
import { Edit, type Node, type Tree } from 'web-tree-sitter';
import type { WalkMemo } from './incremental';
import type { Kid } from './incrementalPlan';
import { advance } from '../parsing/documentTrees';
import type { TextDiff } from './lexicalSplice';

/**
 * Spans of `text` whose syntax differs from the tree `base` was walked on
 * (tree-sitter's changed ranges, after telling a copy of that tree about the
 * edit). Text before or after the edit can parse differently than before
 * (error recovery re-parses whatever it touches), and a kept unit must lie
 * outside all of them.
 */
export function changedSpans(base: WalkMemo, tree: Tree, text: string, d: TextDiff): [number, number][] {
  const old = base.tree.copy();
  try {
    const start = advance(base.text, 0, { row: 0, column: 0 }, d.start);
    old.edit(
      new Edit({
        startIndex: d.start,
        oldEndIndex: d.oldEnd,
        newEndIndex: d.newEnd,
        startPosition: start,
        oldEndPosition: advance(base.text, d.start, start, d.oldEnd),
        newEndPosition: advance(text, d.start, start, d.newEnd),
      }),
    );
    return old.getChangedRanges(tree).map((r) => [r.startIndex, r.endIndex]);
  } finally {
    old.delete();
  }
}

/** Whether `[start, end)` meets one of the sorted `spans` (an empty span counts where it touches). */
function meets(spans: readonly [number, number][], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![1] < start) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < spans.length && spans[i]![0] <= end; i++) {
    const [a, b] = spans[i]!;
    if ((a < end && b > start) || (a === b && a >= start && a <= end)) return true;
  }
  return false;
}

/**
 * How to tell whether a kept child parsed as before, when either tree has
 * parse errors. Children without errors then and now did (a deterministic
 * parse of the same text from the same state); error recovery is what can
 * differ. Children with errors are walked again, or, when they add up to
 * much text, tree-sitter's changed ranges decide (they cost a tree compare).
 */
export interface ErrorCheck {
  readonly changed?: readonly [number, number][];
  readonly oldErr?: readonly boolean[];
  readonly newErr?: readonly boolean[];
}

/** Walking more text with errors than this costs more than comparing the trees. */
const ERROR_WALK_LIMIT = 16384;

/** Per child of `parent`: whether it has parse errors (all, when the children do not line up with `count`). */
function errorFlags(parent: Node | null, count: number): boolean[] {
  const flags = parent ? parent.children.map((n) => n.hasError) : [];
  return flags.length === count ? flags : new Array<boolean>(count).fill(true);
}

/** The {@link ErrorCheck} of one level; `oldIndex` maps a kept child to its old unit (-1 when not kept). */
export function errorCheck(now: Node, then: Node | null, kids: readonly Kid[], oldCount: number, oldIndex: (i: number) => number, changed: () => [number, number][]): ErrorCheck | undefined {
  const before = then?.hasError ?? true;
  if (!now.hasError && !before) return undefined;
  const flags: ErrorCheck = { newErr: now.hasError ? errorFlags(now, kids.length) : undefined, oldErr: before ? errorFlags(then, oldCount) : undefined };
  let chars = 0;
  for (let i = 0; i < kids.length; i++) {
    const oi = oldIndex(i);
    if (oi >= 0 && !reusable(flags, i, oi, kids[i]!)) chars += kids[i]!.end - kids[i]!.start;
  }
  return chars > ERROR_WALK_LIMIT ? { changed: changed() } : flags;
}

/** Whether the kept child `i` (old unit `oi`) parsed as before. */
export function reusable(check: ErrorCheck | undefined, i: number, oi: number, k: Kid): boolean {
  if (!check) return true;
  if (check.changed) return !meets(check.changed, k.start, k.end);
  return check.newErr?.[i] !== true && check.oldErr?.[oi] !== true;
}
