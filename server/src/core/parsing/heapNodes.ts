/**
 * Faster `Node` getters: `typeId` (and so `type`), `isNamed`, `endIndex` and
 * `namedChildren` read the tree from the wasm heap instead of calling into
 * the runtime, with the runtime's exact semantics (`lib/node.c`,
 * `ts_node_named_children_wasm`).
 *
 * Why: the taint walk and rule conditions ask for node types and children
 * hundreds of thousands of times per analysis, and each runtime call copies
 * the node through a transfer buffer and crosses into wasm; on a keystroke
 * in a 10k-line Python file that copying was about a third of the taint
 * walk.
 *
 * The getters are installed once on web-tree-sitter's `Node.prototype`
 * (process-wide, like the runtime itself). For a language whose heap layout
 * does not check out (see `rawCursor.ts`), they call the runtime's own
 * getters, kept in {@link runtimeNodeGetters}; the tests compare both on
 * every node of every grammar.
 */
import { Node } from 'web-tree-sitter';
import { languageLayout, RawCursor, type LanguageLayout } from './rawCursor';
import { heapViews, type HeapViews } from './wasmHeap';

type Getter = (this: Node) => unknown;

/** The runtime's own getters, as they were before {@link installHeapNodeGetters}. */
export const runtimeNodeGetters: Partial<Record<'typeId' | 'isNamed' | 'endIndex' | 'namedChildren', Getter>> = {};

const ERROR_SYMBOL = 0xffff;
let installed = false;
let scratch: RawCursor | undefined;

interface NodeFields {
  0: number;
  _namedChildren?: Node[];
}

function layoutOf(node: Node): LanguageLayout | null {
  return languageLayout(node.tree.language);
}

/** The subtree symbol behind a node (inline or heap data). */
function subtreeSymbol(h: HeapViews, slot: number): number {
  return h.HEAPU8[slot]! & 1 ? h.HEAPU8[slot + 1]! : h.HEAPU16[(h.HEAPU32[slot >> 2]! + 40) >> 1]!;
}

function sizeBytes(h: HeapViews, slot: number): number {
  return h.HEAPU8[slot]! & 1 ? h.HEAPU8[slot + 7]! : h.HEAPU32[(h.HEAPU32[slot >> 2]! + 16) >> 2]!;
}

/** A Node object as the runtime's unmarshalNode builds it (same fields, same order). */
function makeNode(tree: Node['tree'], id: number, startIndex: number, row: number, column: number, alias: number): Node {
  const n = Object.create(Node.prototype) as Record<string | number, unknown>;
  n[0] = alias;
  n._children = undefined;
  n._namedChildren = undefined;
  n.id = id;
  n.startIndex = startIndex;
  n.startPosition = { row, column };
  n.tree = tree;
  return n as unknown as Node;
}

function namedChildren(node: Node, lang: LanguageLayout, h: HeapViews): Node[] {
  const slot = node.id;
  // ts_node_named_child_count: the subtree's named_child_count when it has children.
  let count = 0;
  if (!(h.HEAPU8[slot]! & 1)) {
    const p = h.HEAPU32[slot >> 2]!;
    if (h.HEAPU32[(p + 36) >> 2]! > 0) count = h.HEAPU32[(p + 52) >> 2]!;
  }
  const out: Node[] = [];
  if (count === 0) return out;
  scratch ??= new RawCursor(node.tree, lang, h);
  const c = scratch;
  c.reset(node, lang);
  if (!c.gotoFirstChild()) return out;
  do {
    if (!c.currentIsNamed()) continue;
    const at = c.startPosition;
    out.push(makeNode(node.tree, c.currentSlot(), c.startIndex, at.row, at.column, c.currentAlias()));
    if (out.length === count) break;
  } while (c.gotoNextSibling());
  return out;
}

/** Installs the heap-reading getters on `Node.prototype` (once; needs the runtime initialised). */
export function installHeapNodeGetters(): void {
  if (installed || !heapViews()) return;
  installed = true;
  const proto = Node.prototype as unknown as Record<string, unknown>;
  const original = (name: keyof typeof runtimeNodeGetters): Getter => {
    const get = Object.getOwnPropertyDescriptor(proto, name)?.get as Getter | undefined;
    if (!get) throw new Error(`web-tree-sitter Node has no getter ${name}`);
    runtimeNodeGetters[name] = get;
    return get;
  };
  const define = (name: keyof typeof runtimeNodeGetters, fast: (this: Node, lang: LanguageLayout, h: HeapViews) => unknown): void => {
    const slow = original(name);
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: false,
      get(this: Node) {
        const lang = layoutOf(this);
        const h = heapViews();
        return lang && h ? fast.call(this, lang, h) : slow.call(this);
      },
    });
  };
  define('typeId', function (lang, h) {
    const symbol = (this as unknown as NodeFields)[0] || subtreeSymbol(h, this.id);
    return symbol === ERROR_SYMBOL ? symbol : h.HEAPU16[(lang.publicSymbolMap >> 1) + symbol]!;
  });
  define('isNamed', function (lang, h) {
    const alias = (this as unknown as NodeFields)[0];
    if (alias) return h.HEAPU8[lang.symbolMetadata + 3 * alias + 1] === 1;
    const b = h.HEAPU8[this.id]!;
    return b & 1 ? (b & 4) !== 0 : (h.HEAPU8[h.HEAPU32[this.id >> 2]! + 44]! & 2) !== 0;
  });
  define('endIndex', function (_lang, h) {
    return this.startIndex + (sizeBytes(h, this.id) >> 1);
  });
  define('namedChildren', function (lang, h) {
    const self = this as unknown as NodeFields;
    return (self._namedChildren ??= namedChildren(this, lang, h));
  });
}
