/**
 * Incremental review walk: an earlier walk of the same document is reused
 * for everything the edit cannot have changed; the result equals a full walk
 * of the same tree (property-tested in `test/unit/review/incremental.test.ts`).
 *
 * The edit is found by comparing the texts (common prefix and suffix). The
 * root's children before it keep their units; those after it keep theirs,
 * moved by the edit's length and line delta; the ones in between are
 * walked. When the only changed child is a top-level class whose header is
 * unchanged, the same is done one level down, among its body's children
 * (`incrementalPlan.ts`). A kept child must have the same type and extent as
 * before, lie wholly before or after the edit (and, if after, start on a
 * later line, so its columns are unchanged), and have parsed the same way:
 * where either tree has parse errors, a child with errors is walked again,
 * or tree-sitter's changed ranges decide. The first child after the edit is
 * walked again when one of its functions looked at the doc comment before
 * it. Everything is walked when the grammar, the root's type (Python's
 * names depend on it), Go's `package main` or the call prefilters changed.
 * The lexical pass is spliced (`lexicalSplice.ts`); findings and the score
 * are recomputed from the assembled walk.
 */
import type { Language, Tree } from 'web-tree-sitter';
import type { FileWalk } from './types';
import type { LanguageSpec } from './languages';
import { commentInfos, type SkipRange } from './lexical';
import { finishFunctions } from './frames';
import { computeTriggers } from './triggers';
import { fullLexical, spliceLexical, type LexicalState, type TextDiff } from './lexicalSplice';
import { assembled, emitUnit, type UnitRec } from './units';
import { IncrementalWalker, PlanMismatch } from './incrementalWalker';
import { childrenOf, goMainOf, matchFrom, planFrom, prefilterOf, type Match, type Prefilter } from './incrementalPlan';

/** What a document's last walk leaves for the next one. */
export interface WalkMemo {
  readonly spec: LanguageSpec;
  /** The grammar the units' type ids belong to. */
  readonly language: Language;
  readonly text: string;
  /** Type id of the root node (an unparseable file's root is an ERROR node, which names functions differently). */
  readonly rootType: number;
  readonly units: readonly UnitRec[];
  readonly goMain: boolean;
  readonly prefilter: Prefilter;
  readonly lexical: LexicalState;
  readonly walk: FileWalk;
  /** Characters of the text this walk visited again (all of them for a full walk). */
  readonly walked: number;
  /** A copy of the tree walked, owned by the memo (`releaseMemo`): later trees are compared with it. */
  readonly tree: Tree;
}

/** Frees what a memo holds outside the JS heap (its tree copy). */
export function releaseMemo(m: WalkMemo): void {
  m.tree.delete();
}

/** How a walk was obtained: everything walked, partly reused, or the same text as last time. */
export type WalkMode = 'full' | 'incremental' | 'unchanged';

/** Walks everything, recording units for the next time. */
export function fullWalk(tree: Tree, spec: LanguageSpec, text: string): WalkMemo {
  const goMain = goMainOf(spec, tree, spec.family === 'go' ? childrenOf(tree.rootNode) : [], text);
  const triggers = computeTriggers(spec, text);
  const pre = prefilterOf(spec, text, undefined, undefined);
  const w = new IncrementalWalker(tree, spec, text, undefined, goMain, triggers.offsets.length > 0, triggers, { mayPrint: pre.print[0] >= 0, mayOptionalCall: pre.optional >= 0 });
  w.walk();
  return finish(tree, spec, text, w, goMain, pre, undefined, text.length);
}

/**
 * The walk of `text` from the best of some memos of earlier texts of the
 * same document and language (the fewest characters to walk again);
 * undefined when none fits (the caller then walks everything).
 */
export function incrementalWalk(bases: readonly WalkMemo[], tree: Tree, text: string): WalkMemo | undefined {
  const root = tree.rootNode;
  const usable = bases.filter((b) => b.language === tree.language && b.rootType === root.typeId);
  if (usable.length === 0) return undefined;
  const kids = childrenOf(root);
  let best: Match | undefined;
  for (const b of usable) {
    const m = matchFrom(b, tree, text, kids);
    if (m && (!best || m.estimate < best.estimate)) best = m;
  }
  if (!best) return undefined;
  const { prev, d, steps, visits, filters, cost } = planFrom(best, kids);
  const spec = prev.spec;
  const triggers = visits.triggers(spec, text);
  const rootTriggered = triggers.offsets.length > 0 || visits.reusedTrigger;
  const w = new IncrementalWalker(tree, spec, text, steps, prev.goMain, rootTriggered, triggers, { mayPrint: filters.print[0] >= 0, mayOptionalCall: filters.optional >= 0 });
  try {
    w.walk();
  } catch (e) {
    if (e instanceof PlanMismatch) return undefined;
    throw e;
  }
  return finish(tree, spec, text, w, prev.goMain, filters, { prev: prev.lexical, d }, cost);
}

/** Two lists of ranges in walk order (which is document order) as one list sorted by start, like the plain walk's sort. */
function mergeSorted(a: readonly SkipRange[], b: readonly SkipRange[]): SkipRange[] {
  const out: SkipRange[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.start <= b[j]!.start ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  for (let k = 1; k < out.length; k++) if (out[k - 1]!.start > out[k]!.start) return out.sort((x, y) => x.start - y.start);
  return out;
}

/** Assembles the walk from the walker's units and the (spliced) lexical pass. */
function finish(tree: Tree, spec: LanguageSpec, text: string, w: IncrementalWalker, goMain: boolean, prefilter: Prefilter, edit: { prev: LexicalState; d: TextDiff } | undefined, walked: number): WalkMemo {
  const out = assembled();
  for (const u of w.units) emitUnit(u, out);
  const skips = mergeSorted(mergeSorted(w.moduleDocs, out.docs), out.comments);
  const lexical = edit ? spliceLexical(edit.prev, text, skips, edit.d) : fullLexical(text, skips);
  const walk: FileWalk = {
    functions: finishFunctions(out.fns, lexical.lineKinds, out.fnRows),
    lineKinds: lexical.lineKinds,
    comments: commentInfos(text, out.comments, lexical.lineStarts),
    hygiene: out.hygiene,
    tokenHashes: lexical.tokenHashes,
    tokenLines: lexical.tokenLines,
    hasParseErrors: tree.rootNode.hasError,
  };
  return { spec, language: tree.language, text, rootType: tree.rootNode.typeId, units: w.units, goMain, prefilter, lexical, walk, walked, tree: tree.copy() };
}
