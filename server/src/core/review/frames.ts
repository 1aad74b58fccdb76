/**
 * Per-function accumulation state of the walk and its conversion to the
 * public {@link FunctionMetrics}.
 */
import type { Node } from 'web-tree-sitter';
import type { FunctionHead } from './naming';
import type { FunctionMetrics, Increment } from './types';
import { detached } from '../model/text';

/** Counting state of one function (or of the module, whose numbers are discarded). */
export interface Frame {
  readonly head: FunctionHead | undefined;
  depth: number;
  /** eslint-plugin-sonarjs quirk: a function used as a ternary branch leaves the nesting raised. */
  leak: number;
  maxDepth: number;
  cyclo: number;
  cycloMute: number;
  /** Python lambdas also add their decisions to the enclosing function (radon). */
  readonly cycloParent: Frame | undefined;
  readonly increments: Increment[];
  recursive: boolean;
  /** Offsets of the function's own name inside it: extra walk triggers so recursive calls are reached. */
  readonly nameOffsets: readonly number[];
}

/**
 * A fully visited function, reduced to plain data the moment its node is
 * left (positions are read then), so it outlives the tree and can be
 * reused by the incremental walk (`incremental.ts`). `lines` is added by
 * {@link finishFunctions}, once the file's line kinds are known.
 */
export interface FnRec extends Omit<FunctionMetrics, 'startLine' | 'endLine' | 'lines'> {
  /** 0-based rows of the function node (the end row excludes a final line break). */
  readonly startRow: number;
  readonly endRow: number;
  /** Start offset of the node whose previous siblings told whether it is documented; -1 when none was looked at. */
  readonly docProbe: number;
}

/** A fresh frame; cyclomatic complexity starts at 1 (one path through the function). */
export function newFrame(head: FunctionHead | undefined, cycloParent?: Frame, nameOffsets: readonly number[] = []): Frame {
  return { head, depth: 0, leak: 0, maxDepth: 0, cyclo: 1, cycloMute: 0, cycloParent, increments: [], recursive: false, nameOffsets };
}

/** Whether the UTF-16 unit `ch` matches `[\w$]` (ASCII letters, digits, `_`, `$`). */
function isWordUnit(ch: number): boolean {
  return (ch >= 97 && ch <= 122) || (ch >= 65 && ch <= 90) || (ch >= 48 && ch <= 57) || ch === 95 || ch === 36;
}

/** Offsets in [start, end) where `name` occurs as a whole word. */
export function wordOffsets(text: string, name: string, start: number, end: number): number[] {
  const out: number[] = [];
  const n = name.length;
  // Search a slice (a view in V8, not a copy): on the whole text, the search after the last
  // occurrence would run to the end of the file, once per function.
  const body = text.slice(start, end);
  // Character codes instead of a regex test per hit: this runs over every named function's text.
  for (let k = body.indexOf(name); k >= 0; k = body.indexOf(name, k + 1)) {
    const i = start + k;
    if ((i === 0 || !isWordUnit(text.charCodeAt(i - 1))) && (i + n >= text.length || !isWordUnit(text.charCodeAt(i + n)))) out.push(i);
  }
  return out;
}

/** First index `i >= from` of the sorted `offsets` with `offsets[i] >= value`. */
export function lowerBound(offsets: ArrayLike<number>, value: number, from = 0): number {
  let lo = from;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the sorted `offsets` contain a value in [start, end). */
export function anyIn(offsets: ArrayLike<number>, start: number, end: number): boolean {
  const i = lowerBound(offsets, start);
  return i < offsets.length && offsets[i]! < end;
}

/** The plain record of a function whose frame is complete. */
export function fnRecord(f: Frame, node: Node): FnRec {
  const h = f.head!;
  const startRow = node.startPosition.row;
  const end = node.endPosition;
  const endRow = end.column === 0 && end.row > startRow ? end.row - 1 : end.row;
  const increments = f.increments.slice().sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    name: detached(h.name),
    startRow,
    endRow,
    nameRange: h.nameRange,
    anchor: h.anchor,
    cognitiveComplexity: increments.reduce((s, i) => s + i.amount, 0),
    increments,
    cyclomaticComplexity: f.cyclo,
    maxNesting: f.maxDepth,
    params: h.params,
    isPublic: h.isPublic,
    documented: h.documented,
    hasParseErrors: node.hasError,
    docProbe: h.docProbe,
  };
}

/** Moves a 0-based position `rows` lines down. */
function shiftPos(p: { readonly line: number; readonly character: number }, rows: number): { line: number; character: number } {
  return { line: p.line + rows, character: p.character };
}

/**
 * Builds the metrics of every visited function, ordered by position.
 * `rowShift` (parallel to `recs`, optional) moves a reused record to where
 * its function is now.
 */
export function finishFunctions(recs: readonly FnRec[], lineKinds: Uint8Array, rowShift?: readonly number[]): FunctionMetrics[] {
  const prefix = new Uint32Array(lineKinds.length + 1);
  for (let r = 0; r < lineKinds.length; r++) prefix[r + 1] = prefix[r]! + (lineKinds[r] === 1 ? 1 : 0);
  const count = (from: number, to: number): number => prefix[Math.min(to + 1, lineKinds.length)]! - prefix[Math.min(from, lineKinds.length)]!;
  const out: FunctionMetrics[] = [];
  for (let k = 0; k < recs.length; k++) {
    const f = recs[k]!;
    const d = rowShift?.[k] ?? 0;
    const startRow = f.startRow + d;
    const endRow = f.endRow + d;
    out.push({
      name: f.name,
      startLine: startRow + 1,
      endLine: endRow + 1,
      nameRange: d === 0 ? f.nameRange : { start: shiftPos(f.nameRange.start, d), end: shiftPos(f.nameRange.end, d) },
      anchor: d === 0 ? f.anchor : shiftPos(f.anchor, d),
      cognitiveComplexity: f.cognitiveComplexity,
      increments: d === 0 ? f.increments : f.increments.map((i) => ({ ...i, line: i.line + d })),
      cyclomaticComplexity: f.cyclomaticComplexity,
      maxNesting: f.maxNesting,
      lines: count(startRow, endRow),
      params: f.params,
      isPublic: f.isPublic,
      documented: f.documented,
      hasParseErrors: f.hasParseErrors,
    });
  }
  return out.sort((a, b) => a.startLine - b.startLine || a.anchor.line - b.anchor.line || a.anchor.character - b.anchor.character);
}
