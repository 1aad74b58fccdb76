import { LineIndex } from './model/text';

/** Languages Argus analyses. Ids follow VS Code's language identifiers. */
export type LanguageId =
  | 'javascript'
  | 'javascriptreact'
  | 'typescript'
  | 'typescriptreact'
  | 'python'
  | 'java'
  | 'go'
  | 'php'
  | 'dfa'
  | 'dfa-json';

const EXTENSIONS: Readonly<Record<string, LanguageId>> = {
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascriptreact',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'typescriptreact',
  '.py': 'python',
  '.java': 'java',
  '.go': 'go',
  '.php': 'php',
  '.dfa': 'dfa',
};

/** Language of a file path by its extension, or undefined when Argus does not analyse it. */
export function languageFromPath(path: string): LanguageId | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith('.dfa.json')) return 'dfa-json';
  const dot = lower.lastIndexOf('.');
  return dot < 0 ? undefined : EXTENSIONS[lower.slice(dot)];
}

/** Normalises an editor language id (e.g. from LSP `didOpen`) to one Argus knows. */
export function normaliseLanguageId(languageId: string, path: string): LanguageId | undefined {
  const byPath = languageFromPath(path);
  if (byPath === 'dfa-json') return byPath;
  if ((Object.values(EXTENSIONS) as string[]).includes(languageId)) return languageId as LanguageId;
  return byPath;
}

/** One text to analyse, immutable. `uri` identifies it in findings and output. */
export interface SourceDocument {
  readonly uri: string;
  /** Path relative to the workspace or scan root, with `/` separators; used for globs. */
  readonly relativePath: string;
  readonly languageId: LanguageId;
  readonly text: string;
  readonly version?: number;
  readonly index: LineIndex;
}

/** Builds a document, indexing its lines once. */
export function makeDocument(uri: string, relativePath: string, languageId: LanguageId, text: string, version?: number): SourceDocument {
  return { uri, relativePath, languageId, text, version, index: new LineIndex(text) };
}
