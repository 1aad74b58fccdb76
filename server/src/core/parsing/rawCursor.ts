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
 * The cursor's stack, child iterator and subtree reads are in cursorStack.ts;
 * the language tables and the check that the runtime lays its structs out as
 * expected are in languageLayout.ts. On a mismatch {@link openCursor} returns
 * the runtime's own cursor, which gives identical results, only slower.
 * `test/unit/parsing/rawCursor.test.ts` compares the two walks node by node on
 * every grammar.
 */
import type { Node, Tree, TreeCursor } from 'web-tree-sitter';
import { CursorStack } from './cursorStack';
import { languageLayout, type LanguageLayout } from './languageLayout';
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

const ERROR_SYMBOL = 0xffff;

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
export class RawCursor extends CursorStack implements WalkCursor {
  private real: TreeCursor | undefined;
  private tree: Tree;
  /** The node the cursor started at, and its alias (TreeCursor's root_alias_symbol). */
  private start!: Node;
  private rootAlias = 0;

  constructor(tree: Tree, lang: LanguageLayout, heap: HeapViews, start: Node = tree.rootNode) {
    super(heap, lang);
    this.tree = tree;
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
