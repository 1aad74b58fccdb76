/**
 * Units of reuse of the incremental review walk: what one top-level node of
 * the tree (or one member of a top-level class body) contributed to the
 * walk, as plain data that outlives the tree.
 *
 * A unit's outputs are stored in the coordinates of the text it was walked
 * in; a {@link UnitRec} places it in a later text by an offset and row
 * shift (text before it grew or shrank), so moving a unit costs nothing
 * until the walk result is assembled. Members of a class are placed
 * relative to their class unit, whose own shift applies on top.
 */
import type { HygieneHit } from './types';
import type { FnRec } from './frames';
import type { SkipRange } from './lexical';

/** What a unit (or one part of a class unit) added to each output of the walk, in visit order. */
export interface UnitOut {
  readonly fns: readonly FnRec[];
  readonly comments: readonly SkipRange[];
  readonly hygiene: readonly HygieneHit[];
  /** Docstrings (Python), which the lexical pass skips like comments. */
  readonly docs: readonly SkipRange[];
}

/** The body of a class unit, whose children are units of their own. */
export interface UnitBody {
  readonly start: number;
  readonly members: readonly UnitRec[];
  /** Outputs after the body's children (rarely any). */
  readonly after: UnitOut;
}

/** One walked unit, in the coordinates of the text it was walked in. */
export interface Unit {
  /** Tree-sitter type id and offsets of the node. */
  readonly type: number;
  readonly start: number;
  readonly end: number;
  /** Its text holds a walk trigger (`LanguageSpec.triggers`): whether its ancestors are entered depends on it. */
  readonly trig: boolean;
  /** A function head of it looked at its previous siblings (doc comments): it depends on the text before it. */
  readonly docSensitive: boolean;
  /** All outputs, or for a class unit those before its body's children. */
  readonly out: UnitOut;
  readonly body?: UnitBody;
}

/** A unit placed in the current text: its offsets and rows moved by `dOff` / `dRow` (plus its class unit's shift). */
export interface UnitRec {
  readonly unit: Unit;
  readonly dOff: number;
  readonly dRow: number;
}

/** Mutable output lists of an assembled walk. */
export interface Assembled {
  readonly fns: FnRec[];
  /** Row shift of each entry of `fns`. */
  readonly fnRows: number[];
  readonly comments: SkipRange[];
  readonly hygiene: HygieneHit[];
  readonly docs: SkipRange[];
}

/** An empty {@link Assembled}. */
export function assembled(): Assembled {
  return { fns: [], fnRows: [], comments: [], hygiene: [], docs: [] };
}

function shiftRange(r: SkipRange, off: number): SkipRange {
  return off === 0 ? r : { start: r.start + off, end: r.end + off };
}

function emitOut(out: UnitOut, off: number, rows: number, into: Assembled): void {
  for (const f of out.fns) {
    into.fns.push(f);
    into.fnRows.push(rows);
  }
  for (const c of out.comments) into.comments.push(shiftRange(c, off));
  for (const h of out.hygiene) into.hygiene.push(off === 0 ? h : { ...h, startIndex: h.startIndex + off, endIndex: h.endIndex + off });
  for (const d of out.docs) into.docs.push(shiftRange(d, off));
}

/** Appends the outputs of `rec` (placed by the extra shift of its class unit) in walk order. */
export function emitUnit(rec: UnitRec, into: Assembled, parentOff = 0, parentRows = 0): void {
  const off = parentOff + rec.dOff;
  const rows = parentRows + rec.dRow;
  const u = rec.unit;
  emitOut(u.out, off, rows, into);
  if (!u.body) return;
  for (const m of u.body.members) emitUnit(m, into, off, rows);
  emitOut(u.body.after, off, rows, into);
}

/** `rec` moved by a further shift. */
export function moved(rec: UnitRec, dOff: number, dRow: number): UnitRec {
  return dOff === 0 && dRow === 0 ? rec : { unit: rec.unit, dOff: rec.dOff + dOff, dRow: rec.dRow + dRow };
}

/** Offsets of a unit in the current text. */
export function placed(rec: UnitRec, parentOff = 0): { start: number; end: number } {
  const off = parentOff + rec.dOff;
  return { start: rec.unit.start + off, end: rec.unit.end + off };
}
