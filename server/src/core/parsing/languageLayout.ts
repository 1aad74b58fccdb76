/**
 * The addresses of a language's tables (`TSLanguage`: symbol metadata,
 * aliases, fields) that the heap-reading cursor and the heap Node getters
 * read, and the check that the runtime lays them out as expected.
 *
 * Why: the struct layouts are those of the runtime pinned in package.json
 * (web-tree-sitter 0.27.1, `lib/parser.h`, `lib/subtree.h`; wasm32, little
 * endian), and another version may lay them out differently. {@link languageLayout}
 * checks them against the runtime for every language before use (symbol
 * names, field names, visibility, and a walk of a parsed sample node by node,
 * which covers the subtree layout); on a mismatch it returns null and the
 * callers (`openCursor` in rawCursor.ts, heapNodes.ts) use the runtime's own
 * calls, which give identical results, only slower.
 *
 * rawCursor.ts imports this file and this file imports `RawCursor` for the
 * sample walk; both are used only inside functions, so the cycle is harmless.
 */
import { Parser, type Language } from 'web-tree-sitter';
import { RawCursor } from './rawCursor';
import { heapViews, type HeapViews } from './wasmHeap';

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
