/**
 * A read-only tree cursor that walks a tree-sitter tree by reading the wasm
 * heap directly, with the exact semantics of the runtime's TreeCursor
 * (`lib/tree_cursor.c`): hidden nodes are looked through, aliases and fields
 * come from the language's tables, offsets are UTF-16 code units.
 *
 * Why: every web-tree-sitter cursor call crosses into wasm and copies the
 * cursor through a transfer buffer (about 0.4 µs), and the metrics walk makes
 * millions of them on a large codebase. Reading the same structs from JS
 * costs a few array loads per step.
 *
 * The struct layouts are those of the runtime pinned in package.json
 * (web-tree-sitter 0.27.1, `lib/subtree.h`, `lib/parser.h`; wasm32, little
 * endian). {@link languageLayout} checks them against the runtime for every
 * language before use (symbol names, field names, visibility, and a walk of
 * a parsed sample node by node, which covers the subtree layout);
 * on a mismatch {@link openCursor} returns the runtime's own cursor, which
 * gives identical results, only slower. `test/unit/parsing/rawCursor.test.ts`
 * compares the two walks node by node on every grammar.
 *
 * The heap views are re-read whenever the memory has grown (Emscripten then
 * replaces its view objects).
 */
import { Parser, type Language, type Node, type Tree, type TreeCursor } from 'web-tree-sitter';
import { heapViews, type HeapViews } from './wasmHeap';

/** The cursor operations the walkers use: a subset of web-tree-sitter's TreeCursor. */
export interface WalkCursor {
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  readonly nodeTypeId: number;
  /** The current node's type name (`ERROR` for an error node). */
  readonly nodeType: string;
  readonly nodeIsNamed: boolean;
  /** The current node's id (as `Node.id`). */
  readonly nodeId: number;
  readonly currentFieldId: number;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: { row: number; column: number };
  /** Materialises the current node (a wasm call; use sparingly). */
  readonly currentNode: Node;
  delete(): void;
}

/** Addresses in a language struct (`TSLanguage`) that the cursor reads. */
export interface LanguageLayout {
  readonly fieldCount: number;
  readonly symbolMetadata: number;
  readonly maxAliasLength: number;
  readonly fieldMapSlices: number;
  readonly fieldMapEntries: number;
  readonly publicSymbolMap: number;
  readonly aliasSequences: number;
}

const ERROR_SYMBOL = 0xffff;
const LAYOUTS = new WeakMap<Language, LanguageLayout | null>();

function cString(u8: Uint8Array, at: number): string {
  let s = '';
  for (let i = at; u8[i] !== 0 && i < u8.length; i++) s += String.fromCharCode(u8[i]!);
  return s;
}

/**
 * The language's table addresses, or null when the structs do not read as
 * expected (another runtime version): its symbol and field names and the
 * visibility of every symbol must equal what the runtime's API reports, and
 * a walk of a small parsed sample must equal the runtime cursor's walk node
 * by node (which checks the subtree layout too).
 */
export function languageLayout(language: Language, heap: HeapViews | undefined = heapViews()): LanguageLayout | null {
  const known = LAYOUTS.get(language);
  if (known !== undefined) return known;
  // Null while checking: Node getters used meanwhile take the runtime's path.
  LAYOUTS.set(language, null);
  let layout: LanguageLayout | null = null;
  try {
    if (heap) layout = readLayout(language, heap);
    if (layout && heap && !walksAgree(language, layout, heap)) layout = null;
  } catch {
    layout = null;
  }
  LAYOUTS.set(language, layout);
  return layout;
}

/** Code every grammar parses into a tree with inline and heap subtrees, fields, padding rows and errors. */
const SAMPLE = '<?php\nclass A { f(a, b) { if (a && b) { x = "é😀" + y(1, 2); } else return [a, {b: 3}]; } }\n\tdef g(x):\n    return x\n';

/** Whether the heap cursor walks a parsed sample exactly as the runtime cursor does (exported for its test). */
export function walksAgree(language: Language, layout: LanguageLayout, heap: HeapViews): boolean {
  const parser = new Parser();
  try {
    parser.setLanguage(language);
    const tree = parser.parse(SAMPLE);
    if (!tree) return false;
    const real = tree.walk();
    const raw = new RawCursor(tree, layout, heap);
    try {
      for (let steps = 0; steps < 10_000; steps++) {
        const a = real.startPosition;
        const b = raw.startPosition;
        if (real.nodeTypeId !== raw.nodeTypeId || real.currentFieldId !== raw.currentFieldId || real.nodeIsNamed !== raw.nodeIsNamed || real.nodeId !== raw.nodeId) return false;
        if (real.startIndex !== raw.startIndex || real.endIndex !== raw.endIndex || a.row !== b.row || a.column !== b.column) return false;
        // Pre-order: down, else across, else up until across works.
        const down = real.gotoFirstChild();
        if (raw.gotoFirstChild() !== down) return false;
        if (down) continue;
        for (;;) {
          const across = real.gotoNextSibling();
          if (raw.gotoNextSibling() !== across) return false;
          if (across) break;
          const up = real.gotoParent();
          if (raw.gotoParent() !== up) return false;
          if (!up) return true;
        }
      }
      return false;
    } finally {
      real.delete();
      raw.delete();
      tree.delete();
    }
  } finally {
    parser.delete();
  }
}

function readLayout(language: Language, heap: HeapViews): LanguageLayout | null {
  const { HEAPU8: u8, HEAPU16: u16, HEAPU32: u32 } = heap;
  const at = (language as unknown as { 0: number })[0];
  if (typeof at !== 'number' || at <= 0 || at % 4 !== 0) return null;
  const word = (off: number) => u32[(at + off) >> 2]!;
  // Symbol tables cover the symbols and then the aliases, as the runtime's `types` list does.
  const symbolCount = word(4) + word(8);
  const fieldCount = word(32);
  const symbolNames = word(56);
  const fieldNames = word(60);
  const symbolMetadata = word(72);
  if (symbolCount !== language.types.length) return null;
  for (let id = 0; id < symbolCount; id++) {
    // The runtime lists names only for visible symbols (and keeps hidden ones undefined).
    const name = language.types[id];
    if (name !== undefined && cString(u8, u32[(symbolNames >> 2) + id]!) !== name) return null;
    const meta = symbolMetadata + 3 * id;
    // The runtime calls a symbol named only when it is also visible (ts_language_symbol_type).
    const visible = u8[meta] === 1;
    if (visible !== language.nodeTypeIsVisible(id) || (visible && u8[meta + 1] === 1) !== language.nodeTypeIsNamed(id)) return null;
  }
  for (let f = 1; f <= fieldCount; f++) if (cString(u8, u32[(fieldNames >> 2) + f]!) !== language.fields[f]) return null;
  return {
    fieldCount,
    symbolMetadata,
    maxAliasLength: u16[(at + 36) >> 1]!,
    fieldMapSlices: word(64),
    fieldMapEntries: word(68),
    publicSymbolMap: word(76),
    aliasSequences: word(84),
  };
}

/**
 * A cursor on `tree`'s root: the heap-reading cursor when the runtime's
 * layout checked out, otherwise web-tree-sitter's own.
 */
export function openCursor(tree: Tree): WalkCursor {
  const heap = heapViews();
  const layout = heap ? languageLayout(tree.language, heap) : null;
  if (!heap || !layout) return tree.walk();
  return new RawCursor(tree, layout, heap);
}

/** Like {@link openCursor}, for a cursor that starts at `node` (as `node.walk()`). */
export function openCursorAt(node: Node): WalkCursor {
  const heap = heapViews();
  const layout = heap ? languageLayout(node.tree.language, heap) : null;
  if (!heap || !layout) return node.walk();
  return new RawCursor(node.tree, layout, heap, node);
}

/**
 * A cursor at `node` that reuses `previous` when it is a heap-reading cursor
 * (nothing to free); the runtime's cursor is never reused, the caller deletes it.
 */
export function reopenCursorAt(node: Node, previous: WalkCursor | undefined): WalkCursor {
  if (previous instanceof RawCursor) {
    const layout = languageLayout(node.tree.language);
    if (layout) {
      previous.reset(node, layout);
      return previous;
    }
  }
  return openCursorAt(node);
}

/** See the file comment. Created by {@link openCursor}. */
export class RawCursor implements WalkCursor {
  private u8: Uint8Array;
  private u16: Uint16Array;
  private u32: Uint32Array;
  private real: TreeCursor | undefined;
  // The stack, one entry per level (as TreeCursorEntry): subtree slot, start position, child indices.
  private readonly slot: number[] = [];
  private readonly bytes: number[] = [];
  private readonly rows: number[] = [];
  private readonly cols: number[] = [];
  private readonly child: number[] = [];
  private readonly struct: number[] = [];
  private readonly desc: number[] = [];
  // Per level, the parent's children array, child count and alias row (-1 for none), so a
  // sibling step resumes the parent's iteration without re-reading it.
  private readonly pBase: number[] = [];
  private readonly pCount: number[] = [];
  private readonly pAlias: number[] = [];
  private size = 1;
  // The child iterator (CursorChildIterator) as fields, to avoid an object per step.
  private itCount = 0;
  private itChildren = 0;
  private itAliases = -1;
  private itChild = 0;
  private itStruct = 0;
  private itDesc = 0;
  private itBytes = 0;
  private itRow = 0;
  private itCol = 0;
  // The entry the iterator produced last, and whether it is visible.
  private eSlot = 0;
  private eBytes = 0;
  private eRow = 0;
  private eCol = 0;
  private eChild = 0;
  private eStruct = 0;
  private eDesc = 0;
  private eVisible = false;
  /** The produced entry's visible child count (read anyway while stepping). */
  private eVisibleChildren = 0;

  private tree: Tree;
  private lang: LanguageLayout;
  /** The node the cursor started at, and its alias (TreeCursor's root_alias_symbol). */
  private start!: Node;
  private rootAlias = 0;

  constructor(tree: Tree, lang: LanguageLayout, private readonly heap: HeapViews, start: Node = tree.rootNode) {
    this.tree = tree;
    this.lang = lang;
    this.u8 = heap.HEAPU8;
    this.u16 = heap.HEAPU16;
    this.u32 = heap.HEAPU32;
    this.reset(start, lang);
  }

  /** Restarts the cursor at `node` (of any tree whose language has `lang`), as `TreeCursor.reset`. */
  reset(node: Node, lang: LanguageLayout): void {
    // Descendant indices count from the start node, so the runtime cursor must start there too.
    if (this.real && (node.tree !== this.tree || node.id !== this.start.id)) {
      this.real.delete();
      this.real = undefined;
    }
    this.tree = node.tree;
    this.start = node;
    this.lang = lang;
    this.fresh();
    this.size = 1;
    this.slot[0] = node.id;
    this.bytes[0] = 2 * node.startIndex;
    this.rows[0] = node.startPosition.row;
    this.cols[0] = 2 * node.startPosition.column;
    this.child[0] = 0;
    this.struct[0] = 0;
    this.desc[0] = 0;
    this.pBase[0] = 0;
    this.pCount[0] = 0;
    this.pAlias[0] = -1;
    this.rootAlias = (node as unknown as { 0: number })[0] ?? 0;
  }

  /** Re-reads the heap views if the memory grew. */
  private fresh(): void {
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
  private extra(s: number): boolean {
    const b = this.u8[s]!;
    return b & 1 ? (b & 8) !== 0 : (this.u8[this.u32[s >> 2]! + 44]! & 4) !== 0;
  }
  private symbol(s: number): number {
    return this.u8[s]! & 1 ? this.u8[s + 1]! : this.u16[(this.u32[s >> 2]! + 40) >> 1]!;
  }
  private sizeBytes(s: number): number {
    return this.u8[s]! & 1 ? this.u8[s + 7]! : this.u32[(this.u32[s >> 2]! + 16) >> 2]!;
  }
  /** The production id of a subtree with children (0 otherwise). */
  private productionId(s: number): number {
    if (this.u8[s]! & 1) return 0;
    const p = this.u32[s >> 2]!;
    return this.u32[(p + 36) >> 2]! > 0 ? this.u16[(p + 66) >> 1]! : 0;
  }

  /** Whether stack entry `i` is a visible node (ts_tree_cursor_is_entry_visible). */
  private entryVisible(i: number): boolean {
    const s = this.slot[i]!;
    if (i === 0 || this.visible(s)) return true;
    if (this.extra(s)) return false;
    const row = this.pAlias[i]!;
    return row >= 0 && this.u16[row + this.struct[i]!] !== 0;
  }

  // ---- the child iterator (tree_cursor.c) --------------------------------

  /** Starts iterating the children of the top entry; false when it has none. */
  private iterate(): boolean {
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
  private next(): boolean {
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

  private pushEntry(): void {
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

  // ---- movement ----------------------------------------------------------

  /** 0 none, 1 hidden, 2 visible (TreeCursorStep). */
  private firstChildStep(): number {
    if (!this.iterate()) return 0;
    while (this.next()) {
      if (this.eVisible) {
        this.pushEntry();
        return 2;
      }
      if (this.eVisibleChildren > 0) {
        this.pushEntry();
        return 1;
      }
    }
    return 0;
  }

  gotoFirstChild(): boolean {
    this.fresh();
    for (;;) {
      const step = this.firstChildStep();
      if (step === 1) continue;
      return step === 2;
    }
  }

  gotoNextSibling(): boolean {
    this.fresh();
    const initial = this.size;
    while (this.size > 1) {
      // Pop the entry and resume its parent's iteration at it (ts_tree_cursor_goto_sibling_internal).
      const i = --this.size;
      this.itChildren = this.pBase[i]!;
      this.itCount = this.pCount[i]!;
      this.itAliases = this.pAlias[i]!;
      this.itChild = this.child[i]!;
      this.itStruct = this.struct[i]!;
      this.itDesc = this.desc[i]!;
      this.itBytes = this.bytes[i]!;
      this.itRow = this.rows[i]!;
      this.itCol = this.cols[i]!;
      this.next();
      if (this.eVisible && this.size + 1 < initial) break;
      while (this.next()) {
        if (this.eVisible) {
          this.pushEntry();
          return true;
        }
        if (this.eVisibleChildren > 0) {
          this.pushEntry();
          this.gotoFirstChild();
          return true;
        }
      }
    }
    this.size = initial;
    return false;
  }

  gotoParent(): boolean {
    this.fresh();
    for (let i = this.size - 2; i >= 0; i--) {
      if (this.entryVisible(i)) {
        this.size = i + 1;
        return true;
      }
    }
    return false;
  }

  // ---- the current node --------------------------------------------------

  /** The alias symbol of the current node (0 for none), as ts_tree_cursor_current_node gives it. */
  currentAlias(): number {
    const top = this.size - 1;
    const s = this.slot[top]!;
    if (this.extra(s)) return 0;
    if (top === 0) return this.rootAlias;
    const row = this.pAlias[top]!;
    return row >= 0 ? this.u16[row + this.struct[top]!]! : 0;
  }

  /** Whether the current node is named (ts_node_is_named). */
  currentIsNamed(): boolean {
    const alias = this.currentAlias();
    if (alias) return this.u8[this.lang.symbolMetadata + 3 * alias + 1] === 1;
    const s = this.slot[this.size - 1]!;
    const b = this.u8[s]!;
    return b & 1 ? (b & 4) !== 0 : (this.u8[this.u32[s >> 2]! + 44]! & 2) !== 0;
  }

  /** The current subtree's slot address (a Node's `id`). */
  currentSlot(): number {
    return this.slot[this.size - 1]!;
  }

  get nodeTypeId(): number {
    this.fresh();
    const symbol = this.currentAlias() || this.symbol(this.slot[this.size - 1]!);
    return symbol === ERROR_SYMBOL ? symbol : this.u16[(this.lang.publicSymbolMap >> 1) + symbol]!;
  }

  get nodeType(): string {
    return this.tree.language.types[this.nodeTypeId] || 'ERROR';
  }

  get nodeId(): number {
    return this.slot[this.size - 1]!;
  }

  get nodeIsNamed(): boolean {
    this.fresh();
    return this.currentIsNamed();
  }

  get currentFieldId(): number {
    this.fresh();
    const lang = this.lang;
    if (lang.fieldCount === 0) return 0;
    for (let i = this.size - 1; i > 0; i--) {
      if (i !== this.size - 1 && this.entryVisible(i)) break;
      if (this.extra(this.slot[i]!)) break;
      const slice = lang.fieldMapSlices + 4 * this.productionId(this.slot[i - 1]!);
      const index = this.u16[slice >> 1]!;
      const length = this.u16[(slice + 2) >> 1]!;
      const structIndex = this.struct[i]!;
      for (let k = 0; k < length; k++) {
        const entry = lang.fieldMapEntries + 4 * (index + k);
        if (this.u8[entry + 3] === 0 && this.u8[entry + 2] === structIndex) return this.u16[entry >> 1]!;
      }
    }
    return 0;
  }

  get startIndex(): number {
    return this.bytes[this.size - 1]! >> 1;
  }

  get endIndex(): number {
    this.fresh();
    const top = this.size - 1;
    return (this.bytes[top]! + this.sizeBytes(this.slot[top]!)) >> 1;
  }

  get startPosition(): { row: number; column: number } {
    const top = this.size - 1;
    return { row: this.rows[top]!, column: this.cols[top]! >> 1 };
  }

  /** The runtime's own cursor is moved to the same node by its pre-order (descendant) index. */
  get currentNode(): Node {
    this.real ??= this.start.walk();
    this.real.gotoDescendant(this.desc[this.size - 1]!);
    const node = this.real.currentNode;
    this.fresh();
    return node;
  }

  delete(): void {
    this.real?.delete();
    this.real = undefined;
  }
}
