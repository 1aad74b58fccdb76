/**
 * Faster `Node` getters: `typeId` (and so `type`), `isNamed` and `endIndex`
 * read the tree from the wasm heap instead of calling into the runtime, with
 * the runtime's exact semantics (`lib/node.c`). (`namedChildren` read this way
 * was no faster: building the Node objects dominates.)
 *
 * Why: the taint walk and rule conditions ask for node types and children
 * hundreds of thousands of times per analysis, and each runtime call copies
 * the node through a transfer buffer and crosses into wasm (the heap read is
 * about 2x faster).
 *
 * The getters are installed once on web-tree-sitter's `Node.prototype`
 * (process-wide, like the runtime itself). For a language whose heap layout
 * does not check out (see `languageLayout.ts`), they call the runtime's own
 * getters, kept in {@link runtimeNodeGetters}; the tests compare both on
 * every node of every grammar.
 */
import { Node } from 'web-tree-sitter';
import { languageLayout, type LanguageLayout } from './languageLayout';
import { heapViews, type HeapViews } from './wasmHeap';

type Getter = (this: Node) => unknown;

/** The runtime's own getters, as they were before {@link installHeapNodeGetters}. */
export const runtimeNodeGetters: Partial<Record<'typeId' | 'isNamed' | 'endIndex' | 'namedChildren', Getter>> = {};

/** Per tree, the named children already listed, while {@link withChildrenMemo} runs. */
let childrenMemo: WeakMap<object, Map<number, Node[]>> | undefined;

/**
 * Runs `fn` (synchronous) with `namedChildren` memoised by node id: the taint
 * walk asks for the children of the same node through different Node objects
 * (from `parent`, field lookups, other children lists) about 2.5 times each,
 * and each answer is a wasm call that builds every child anew.
 */
export function withChildrenMemo<T>(fn: () => T): T {
  if (childrenMemo) return fn();
  childrenMemo = new WeakMap();
  try {
    return fn();
  } finally {
    childrenMemo = undefined;
  }
}

const ERROR_SYMBOL = 0xffff;
let installed = false;

interface NodeFields {
  0: number;
}

// The language of the last node asked about, and its layout: nearly every call repeats it.
let lastLanguage: unknown;
let lastLayout: LanguageLayout | null = null;

function layoutOf(node: Node): LanguageLayout | null {
  const language = node.tree.language;
  if (language !== lastLanguage) {
    lastLanguage = language;
    lastLayout = languageLayout(language);
  }
  return lastLayout;
}

/** The subtree symbol behind a node (inline or heap data). */
function subtreeSymbol(h: HeapViews, slot: number): number {
  return h.HEAPU8[slot]! & 1 ? h.HEAPU8[slot + 1]! : h.HEAPU16[(h.HEAPU32[slot >> 2]! + 40) >> 1]!;
}

function sizeBytes(h: HeapViews, slot: number): number {
  return h.HEAPU8[slot]! & 1 ? h.HEAPU8[slot + 7]! : h.HEAPU32[(h.HEAPU32[slot >> 2]! + 16) >> 2]!;
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
  // The runtime keeps replacing the views on this same object when its memory grows.
  const h = heapViews()!;
  const define = (name: keyof typeof runtimeNodeGetters, fast: (this: Node, lang: LanguageLayout, h: HeapViews) => unknown): void => {
    const slow = original(name);
    Object.defineProperty(proto, name, {
      configurable: true,
      enumerable: false,
      get(this: Node) {
        const lang = layoutOf(this);
        return lang ? fast.call(this, lang, h) : slow.call(this);
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
  const listChildren = original('namedChildren');
  Object.defineProperty(proto, 'namedChildren', {
    configurable: true,
    enumerable: false,
    get(this: Node) {
      if (!childrenMemo) return listChildren.call(this);
      let byId = childrenMemo.get(this.tree);
      if (!byId) childrenMemo.set(this.tree, (byId = new Map()));
      let kids = byId.get(this.id);
      if (!kids) byId.set(this.id, (kids = listChildren.call(this) as Node[]));
      return kids;
    },
  });
  define('endIndex', function (_lang, h) {
    return this.startIndex + (sizeBytes(h, this.id) >> 1);
  });
}
