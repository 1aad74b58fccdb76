import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import type { WasmSource } from '../core/parsing/parserHost';

/**
 * Loads the tree-sitter runtime and grammars from the bundle folder, where
 * esbuild.mjs copied them (`dist/web-tree-sitter.wasm`, `dist/grammars/*.wasm`).
 */
export function distWasmSource(distDir: string): WasmSource {
  return {
    locateRuntimeFile: (name) => path.join(distDir, name),
    readGrammar: (file) => readFile(path.join(distDir, 'grammars', file)),
  };
}
