import type { LanguageId } from '../document';

/** The tree-sitter grammar name for each language Argus parses with tree-sitter. */
export type GrammarName = 'javascript' | 'typescript' | 'tsx' | 'python' | 'java' | 'go' | 'php';

const GRAMMAR_OF: Partial<Record<LanguageId, GrammarName>> = {
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  python: 'python',
  java: 'java',
  go: 'go',
  php: 'php',
};

/** Grammar used for a language, or undefined when the language is not tree-sitter parsed. */
export function grammarFor(languageId: LanguageId): GrammarName | undefined {
  return GRAMMAR_OF[languageId];
}

/**
 * File name of each grammar's wasm inside `dist/grammars/`, copied by
 * `esbuild.mjs` from the grammar packages themselves (never a third-party bundle).
 */
export const GRAMMAR_WASM: Readonly<Record<GrammarName, string>> = {
  javascript: 'tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  python: 'tree-sitter-python.wasm',
  java: 'tree-sitter-java.wasm',
  go: 'tree-sitter-go.wasm',
  php: 'tree-sitter-php.wasm',
};
