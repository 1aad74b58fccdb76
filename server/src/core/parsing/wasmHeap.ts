/**
 * The tree-sitter runtime's heap views. web-tree-sitter is an Emscripten
 * module that keeps `HEAPU8`/`HEAPU16`/`HEAPU32` on the options object given
 * to `Parser.init` (and replaces them when the memory grows), so holding that
 * object gives read access to trees without wasm calls (`rawCursor.ts`).
 */

/** Views of the runtime's linear memory; the object's properties are replaced on growth. */
export interface HeapViews {
  readonly HEAPU8: Uint8Array;
  readonly HEAPU16: Uint16Array;
  readonly HEAPU32: Uint32Array;
}

/** The options object passed to `Parser.init` (see parserHost.ts). */
export const runtimeModule: Record<string, unknown> = {};

/** The heap views, once the runtime is initialised with {@link runtimeModule}. */
export function heapViews(): HeapViews | undefined {
  const m = runtimeModule as Partial<HeapViews>;
  return m.HEAPU8 instanceof Uint8Array && m.HEAPU16 instanceof Uint16Array && m.HEAPU32 instanceof Uint32Array ? (m as HeapViews) : undefined;
}
