import * as path from 'node:path';
import { readFile } from 'node:fs/promises';
import { ParserHost } from '../../server/src/core/parsing/parserHost';

const GRAMMAR_PACKAGES: Record<string, string> = {
  'tree-sitter-javascript.wasm': 'tree-sitter-javascript',
  'tree-sitter-typescript.wasm': 'tree-sitter-typescript',
  'tree-sitter-tsx.wasm': 'tree-sitter-typescript',
  'tree-sitter-python.wasm': 'tree-sitter-python',
  'tree-sitter-java.wasm': 'tree-sitter-java',
  'tree-sitter-go.wasm': 'tree-sitter-go',
  'tree-sitter-php.wasm': 'tree-sitter-php',
};

let host: Promise<ParserHost> | undefined;

/** A ParserHost over the real grammar wasm files in node_modules, shared by a test process. */
export function testParsers(): Promise<ParserHost> {
  host ??= ParserHost.create({
    locateRuntimeFile: (name) => path.join(path.dirname(require.resolve('web-tree-sitter')), name),
    readGrammar: async (file) => {
      const pkg = GRAMMAR_PACKAGES[file];
      if (!pkg) throw new Error(`unknown grammar file ${file}`);
      return readFile(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file));
    },
  });
  return host;
}
