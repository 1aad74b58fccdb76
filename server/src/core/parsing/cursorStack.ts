/**
 * The state of the heap-reading cursor (`RawCursor`, rawCursor.ts) and its
 * reads of the subtree structs: the stack of entries (TreeCursorEntry) and the
 * child iterator (CursorChildIterator) of the runtime's `lib/tree_cursor.c`,
 * over subtrees read from the wasm heap (`lib/subtree.h`: inline data, or a
 * pointer to SubtreeHeapData; layout checked per language by languageLayout.ts).
 *
 * Why a base class: the struct offsets and the iteration stay together and out
 * of the cursor's file, while the cursor still reaches them as its own fields
 * and methods (no object or extra call per step on this hot path).
 *
 * The heap views are re-read whenever the memory has grown (Emscripten then
 * replaces its view objects).
 */
import type { LanguageLayout } from './languageLayout';
import type { HeapViews } from './wasmHeap';

/** The stack and child iterator that `RawCursor` moves with; see the file comment. */
export abstract class CursorStack {
  protected u8: Uint8Array;
  protected u16: Uint16Array;
  protected u32: Uint32Array;
  // The stack, one entry per level (as TreeCursorEntry): subtree slot, start position, child indices.
  protected readonly slot: number[] = [];
  protected readonly bytes: number[] = [];
  protected readonly rows: number[] = [];
  protected readonly cols: number[] = [];
  protected readonly child: number[] = [];
  protected readonly struct: number[] = [];
  protected readonly desc: number[] = [];
  // Per level, the parent's children array, child count and alias row (-1 for none), so a
  // sibling step resumes the parent's iteration without re-reading it.
  protected readonly pBase: number[] = [];
  protected readonly pCount: number[] = [];
  protected readonly pAlias: number[] = [];
  protected size = 1;
  // The child iterator (CursorChildIterator) as fields, to avoid an object per step.
  protected itCount = 0;
  protected itChildren = 0;
  protected itAliases = -1;
  protected itChild = 0;
  protected itStruct = 0;
  protected itDesc = 0;
  protected itBytes = 0;
  protected itRow = 0;
  protected itCol = 0;
  // The entry the iterator produced last, and whether it is visible.
  private eSlot = 0;
  private eBytes = 0;
  private eRow = 0;
  private eCol = 0;
  private eChild = 0;
  private eStruct = 0;
  private eDesc = 0;
  protected eVisible = false;
  /** The produced entry's visible child count (read anyway while stepping). */
  protected eVisibleChildren = 0;

  protected lang: LanguageLayout;

  constructor(private readonly heap: HeapViews, lang: LanguageLayout) {
    this.lang = lang;
    this.u8 = heap.HEAPU8;
    this.u16 = heap.HEAPU16;
    this.u32 = heap.HEAPU32;
  }

  /** Re-reads the heap views if the memory grew. */
  protected fresh(): void {
    // Emscripten replaces the view objects when the memory grows (reading `.buffer` is slow).
    if (this.u8 !== this.heap.HEAPU8) {
      this.u8 = this.heap.HEAPU8;
      this.u16 = this.heap.HEAPU16;
      this.u32 = this.heap.HEAPU32;
    }
  }

  // ---- subtree fields (lib/subtree.h: inline data, or a pointer to SubtreeHeapData) ----

  private visible(s: number): boolean {
    const b = this.u8[s]!;
    return b & 1 ? (b & 2) !== 0 : (this.u8[this.u32[s >> 2]! + 44]! & 1) !== 0;
  }
  protected extra(s: number): boolean {
    const b = this.u8[s]!;
    return b & 1 ? (b & 8) !== 0 : (this.u8[this.u32[s >> 2]! + 44]! & 4) !== 0;
  }
  protected symbol(s: number): number {
    return this.u8[s]! & 1 ? this.u8[s + 1]! : this.u16[(this.u32[s >> 2]! + 40) >> 1]!;
  }
  protected sizeBytes(s: number): number {
    return this.u8[s]! & 1 ? this.u8[s + 7]! : this.u32[(this.u32[s >> 2]! + 16) >> 2]!;
  }
  /** The production id of a subtree with children (0 otherwise). */
  protected productionId(s: number): number {
    if (this.u8[s]! & 1) return 0;
    const p = this.u32[s >> 2]!;
    return this.u32[(p + 36) >> 2]! > 0 ? this.u16[(p + 66) >> 1]! : 0;
  }

  /** Whether stack entry `i` is a visible node (ts_tree_cursor_is_entry_visible). */
  protected entryVisible(i: number): boolean {
    const s = this.slot[i]!;
    if (i === 0 || this.visible(s)) return true;
    if (this.extra(s)) return false;
    const row = this.pAlias[i]!;
    return row >= 0 && this.u16[row + this.struct[i]!] !== 0;
  }

  // ---- the child iterator (tree_cursor.c) --------------------------------

  /** Starts iterating the children of the top entry; false when it has none. */
  protected iterate(): boolean {
    const top = this.size - 1;
    const s = this.slot[top]!;
    if (this.u8[s]! & 1) return false;
    const p = this.u32[s >> 2]!;
    const count = this.u32[(p + 36) >> 2]!;
    if (count === 0) return false;
    this.itCount = count;
    this.itChildren = p - 8 * count;
    const production = this.u16[(p + 66) >> 1]!;
    this.itAliases = production ? (this.lang.aliasSequences >> 1) + production * this.lang.maxAliasLength : -1;
    this.itChild = 0;
    this.itStruct = 0;
    this.itDesc = this.desc[top]! + (this.entryVisible(top) ? 1 : 0);
    this.itBytes = this.bytes[top]!;
    this.itRow = this.rows[top]!;
    this.itCol = this.cols[top]!;
    return true;
  }

  /** CursorChildIterator's `next`: fills the e* fields and advances. */
  protected next(): boolean {
    const index = this.itChild;
    if (index >= this.itCount) return false;
    const u8 = this.u8;
    const u32 = this.u32;
    const s = this.itChildren + 8 * index;
    this.eSlot = s;
    this.eBytes = this.itBytes;
    this.eRow = this.itRow;
    this.eCol = this.itCol;
    this.eChild = index;
    this.eStruct = this.itStruct;
    this.eDesc = this.itDesc;
    const b = u8[s]!;
    let visible: boolean;
    let extra: boolean;
    let descendants = 0;
    let children = 0;
    if (b & 1) {
      visible = (b & 2) !== 0;
      extra = (b & 8) !== 0;
      const n = u8[s + 7]!;
      this.itBytes += n;
      this.itCol += n;
    } else {
      const p = u32[s >> 2]!;
      const flags = u8[p + 44]!;
      visible = (flags & 1) !== 0;
      extra = (flags & 4) !== 0;
      if (u32[(p + 36) >> 2]! > 0) {
        children = u32[(p + 48) >> 2]!;
        descendants = u32[(p + 56) >> 2]!;
      }
      this.advance(u32[(p + 16) >> 2]!, u32[(p + 20) >> 2]!, u32[(p + 24) >> 2]!);
    }
    if (!extra) {
      if (this.itAliases >= 0 && this.u16[this.itAliases + this.itStruct] !== 0) visible = true;
      this.itStruct++;
    }
    this.eVisible = visible;
    this.eVisibleChildren = children;
    this.itDesc += descendants + (visible ? 1 : 0);
    this.itChild = index + 1;
    if (index + 1 < this.itCount) {
      // The next child's padding.
      const t = s + 8;
      if (u8[t]! & 1) this.advance(u8[t + 6]!, u8[t + 5]! & 15, u8[t + 4]!);
      else {
        const p = u32[t >> 2]!;
        this.advance(u32[(p + 4) >> 2]!, u32[(p + 8) >> 2]!, u32[(p + 12) >> 2]!);
      }
    }
    return true;
  }

  /** length_add on the iterator's position. */
  private advance(bytes: number, rows: number, cols: number): void {
    this.itBytes += bytes;
    if (rows > 0) {
      this.itRow += rows;
      this.itCol = cols;
    } else this.itCol += cols;
  }

  protected pushEntry(): void {
    const i = this.size++;
    this.slot[i] = this.eSlot;
    this.bytes[i] = this.eBytes;
    this.rows[i] = this.eRow;
    this.cols[i] = this.eCol;
    this.child[i] = this.eChild;
    this.struct[i] = this.eStruct;
    this.desc[i] = this.eDesc;
    this.pBase[i] = this.itChildren;
    this.pCount[i] = this.itCount;
    this.pAlias[i] = this.itAliases;
  }
}
