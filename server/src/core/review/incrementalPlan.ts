/**
 * Planning an incremental walk (`incremental.ts`): which children of the
 * root (and of a changed top-level class's body) keep their units from an
 * earlier memo, which are walked again, and which spans of the text the
 * walk visits. Whether a kept child parsed as before (parse errors, changed
 * ranges) is decided in `incrementalParseCheck.ts`.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageSpec } from './languages';
import type { WalkMemo } from './incremental';
import { triggersIn, type TriggerSet } from './triggers';
import { diffTexts, type TextDiff } from './lexicalSplice';
import { moved, placed, type UnitRec } from './units';
import { classBody, type BodyPlan, type RootStep } from './incrementalWalker';
import { changedSpans, errorCheck, reusable, type ErrorCheck } from './incrementalParseCheck';

/** A child node's grammar type id and text span (read once, so no node objects are kept). */
export interface Kid {
  readonly type: number;
  readonly start: number;
  readonly end: number;
}

/** Node types that sit before a declaration as siblings (a doc comment is looked for before them). */
const DECORATORS = new Set(['decorator', 'attribute_list']);

/** The children of `node` as {@link Kid}s, read with one tree cursor. */
export function childrenOf(node: Node): Kid[] {
  const c = node.walk();
  const out: Kid[] = [];
  try {
    if (c.gotoFirstChild()) {
      do out.push({ type: c.nodeTypeId, start: c.startIndex, end: c.endIndex });
      while (c.gotoNextSibling());
    }
  } finally {
    c.delete();
  }
  return out;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Go's `package main`, as `Walker.prepare` decides it, from the root's children. */
export function goMainOf(spec: LanguageSpec, tree: Tree, kids: readonly Kid[], text: string): boolean {
  if (spec.family !== 'go') return false;
  const types = tree.language.types;
  return kids.some((k) => types[k.type] === 'package_clause' && / main$/.test(text.slice(k.start, k.end)));
}

/** First match of the debug-print and optional-call prefilters (-1: none), and where it ends. */
export interface Prefilter {
  readonly print: readonly [number, number];
  readonly optional: number;
}

export function prefilterOf(spec: LanguageSpec, text: string, prev: Prefilter | undefined, d: TextDiff | undefined): Prefilter {
  // A first match wholly before the edit (its `\b` neighbours included) is still the first match.
  let print = prev && d && prev.print[0] >= 0 && prev.print[1] < d.start ? prev.print : undefined;
  if (!print) {
    const m = spec.debugNames.exec(text);
    print = m ? [m.index, m.index + m[0].length] : [-1, -1];
  }
  let optional = prev && d && prev.optional >= 0 && prev.optional + 3 <= d.start ? prev.optional : undefined;
  if (optional === undefined) optional = spec.family === 'js' ? text.indexOf('?.(') : -1;
  return { print, optional };
}

/** Spans of the text the partial walk visits, and trigger offsets standing for reused units inside visited nodes. */
export class Visits {
  readonly spans: [number, number][] = [];
  readonly stand: number[] = [];
  /** Some reused root unit holds a trigger (so the root is entered). */
  reusedTrigger = false;

  span(from: number, to: number): void {
    if (from < to) this.spans.push([from, to]);
  }

  triggers(spec: LanguageSpec, text: string): TriggerSet {
    const spans = this.spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    }
    const t = triggersIn(spec, text, merged);
    if (this.stand.length === 0) return t;
    return { offsets: Int32Array.from([...t.offsets, ...this.stand]).sort(), logical: t.logical };
  }
}

/** How to walk a text from one earlier memo. */
export interface Plan {
  readonly prev: WalkMemo;
  readonly d: TextDiff;
  readonly steps: readonly RootStep[];
  readonly visits: Visits;
  readonly filters: Prefilter;
  /** Characters of text to walk again. */
  readonly cost: number;
}

/** How the root children of a text line up with an earlier memo's units. */
export interface Match {
  readonly prev: WalkMemo;
  readonly d: TextDiff;
  readonly filters: Prefilter;
  readonly level: Level;
  readonly pre: number;
  readonly suf: number;
  /** Characters of the children between `pre` and `suf`, which are walked at least. */
  readonly estimate: number;
}

/** Lines up the root children of `text` with `prev`'s units; undefined when file-level facts changed. */
export function matchFrom(prev: WalkMemo, tree: Tree, text: string, kids: readonly Kid[]): Match | undefined {
  const spec = prev.spec;
  if (goMainOf(spec, tree, kids, text) !== prev.goMain) return undefined;
  const d = diffTexts(prev.text, text);
  const filters = prefilterOf(spec, text, prev.prefilter, d);
  // They decide what calls report anywhere in the file (not only whether to look).
  if (filters.print[0] >= 0 !== prev.prefilter.print[0] >= 0 || filters.optional >= 0 !== prev.prefilter.optional >= 0) return undefined;
  const shift = { off: d.newEnd - d.oldEnd, rows: countNewlines(text, d.start, d.newEnd) - countNewlines(prev.text, d.start, d.oldEnd) };
  const level = { tree, oldText: prev.text, text, d, shift };
  const { pre, suf } = matchLevel(prev.units, 0, kids, level);
  let estimate = 0;
  for (let i = pre; i < kids.length - suf; i++) estimate += kids[i]!.end - kids[i]!.start;
  return { prev, d, filters, level, pre, suf, estimate };
}

/** Which root children keep their units and what to walk (children whose syntax changed are walked too). */
export function planFrom(m: Match, kids: readonly Kid[]): Plan {
  const { prev, d, filters, pre, suf } = m;
  const { tree, text, shift } = m.level;
  const root = tree.rootNode;
  const ctx: Level = m.level;
  const check = errorCheck(root, prev.tree.rootNode, kids, prev.units.length, (i) => (i < pre ? i : i >= kids.length - suf ? i - kids.length + prev.units.length : -1), () => changedSpans(prev, tree, text, d));
  const steps: RootStep[] = [];
  const visits = new Visits();
  const oldMid = prev.units.length - suf - pre;
  const reuse = (rec: UnitRec): UnitRec => {
    if (rec.unit.trig) visits.reusedTrigger = true;
    return rec;
  };
  for (let i = 0; i < kids.length; i++) {
    const k = kids[i]!;
    const old = i < pre ? prev.units[i]! : i >= kids.length - suf ? moved(prev.units[i - kids.length + prev.units.length]!, shift.off, shift.rows) : undefined;
    if (old && reusable(check, i, i < pre ? i : i - kids.length + prev.units.length, k)) steps.push(reuse(old));
    else if (old) {
      visits.span(k.start, k.end);
      steps.push('walk');
    } else {
      const plan = kids.length - suf - pre === 1 && oldMid === 1 ? descend(prev, prev.units[pre]!, k, root.child(i), prev.tree.rootNode.child(pre), ctx, check, visits) : undefined;
      if (!plan) visits.span(k.start, k.end);
      steps.push(plan ?? 'walk');
    }
  }
  return { prev, d, steps, visits, filters, cost: visits.spans.reduce((n, [a, b]) => n + b - a, 0) };
}

/** What matching one level of units needs to know about the edit. */
export interface Level {
  readonly tree: Tree;
  readonly oldText: string;
  readonly text: string;
  readonly d: TextDiff;
  readonly shift: { readonly off: number; readonly rows: number };
}

/** How many children at the start (`pre`) and end (`suf`) of a level keep their units. */
function matchLevel(old: readonly UnitRec[], parentOff: number, kids: readonly Kid[], l: Level): { pre: number; suf: number } {
  const { d, shift, text } = l;
  const types = l.tree.language.types;
  let pre = 0;
  while (pre < old.length && pre < kids.length) {
    const rec = old[pre]!;
    const k = kids[pre]!;
    const start = rec.unit.start + rec.dOff + parentOff;
    const end = rec.unit.end + rec.dOff + parentOff;
    if (rec.unit.type !== k.type || start !== k.start || end !== k.end || end > d.start) break;
    pre++;
  }
  let suf = 0;
  while (suf < old.length - pre && suf < kids.length - pre) {
    const rec = old[old.length - 1 - suf]!;
    const k = kids[kids.length - 1 - suf]!;
    const start = rec.unit.start + rec.dOff + parentOff;
    const end = rec.unit.end + rec.dOff + parentOff;
    if (rec.unit.type !== k.type || start < d.oldEnd || start + shift.off !== k.start || end + shift.off !== k.end) break;
    // Its first line must start after the edit in both texts, or its columns would move.
    if (text.lastIndexOf('\n', k.start - 1) + 1 < d.newEnd || l.oldText.lastIndexOf('\n', start - 1) + 1 < d.oldEnd) break;
    suf++;
  }
  // The first declaration after the edit (past any decorators) may find or lose its doc comment.
  let k = old.length - suf;
  while (k < old.length && DECORATORS.has(types[old[k]!.unit.type] ?? '')) k++;
  if (k < old.length && old[k]!.unit.docSensitive) suf = old.length - k - 1;
  return { pre, suf };
}

/**
 * A plan to walk only the changed members of a top-level class that is the
 * only changed root child, or undefined when its header changed or it has
 * no recorded members.
 */
function descend(prev: WalkMemo, rec: UnitRec, kid: Kid, node: Node | null, oldNode: Node | null, l: Level, rootCheck: ErrorCheck | undefined, visits: Visits): BodyPlan | undefined {
  const body = rec.unit.body;
  const o = placed(rec);
  if (!body || !node || rec.unit.type !== kid.type || o.start !== kid.start) return undefined;
  const now = classBody(node, prev.spec);
  if (!now || node.startIndex !== kid.start) return undefined;
  // Same header text: same class name, wrapper and everything members are named after.
  if (prev.text.slice(o.start, body.start + rec.dOff) !== l.text.slice(kid.start, now.startIndex)) return undefined;
  const kids = childrenOf(now);
  const { pre, suf } = matchLevel(body.members, rec.dOff, kids, l);
  const oi = (i: number): number => (i < pre ? i : i >= kids.length - suf ? i - kids.length + body.members.length : -1);
  const oldBody = oldNode && classBody(oldNode, prev.spec);
  const check = rootCheck?.changed ? rootCheck : rootCheck && errorCheck(now, oldBody ?? null, kids, body.members.length, oi, () => changedSpans(prev, l.tree, l.text, l.d));
  const members: (UnitRec | 'walk')[] = [];
  const reuse = (m: UnitRec): UnitRec => {
    // Nodes around it (class, body) are visited: a trigger of it must be seen there.
    if (m.unit.trig) visits.stand.push(m.unit.start + m.dOff);
    return m;
  };
  for (let i = 0; i < kids.length; i++) {
    const old =
      i < pre ? moved(body.members[i]!, rec.dOff, rec.dRow) : i >= kids.length - suf ? moved(body.members[i - kids.length + body.members.length]!, rec.dOff + l.shift.off, rec.dRow + l.shift.rows) : undefined;
    if (old && reusable(check, i, oi(i), kids[i]!)) members.push(reuse(old));
    else {
      visits.span(kids[i]!.start, kids[i]!.end);
      members.push('walk');
    }
  }
  // The class's own text around its members (header, braces, trailer) is visited too.
  visits.span(kid.start, kids[0]?.start ?? kid.end);
  visits.span(kids[kids.length - 1]?.end ?? kid.end, kid.end);
  return { body: now.startIndex, members };
}
