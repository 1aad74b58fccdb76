import { LineIndex } from './model/text';
import { diffSpan } from './model/textDiff';

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

/**
 * Builds a document, indexing its lines once. A versioned document (an open
 * editor's) derives its index from the one of its previous version when it
 * has one (`LineIndex.afterEdit`): the language server does this on every
 * keystroke, and a whole-file index of a 10k-line file cost about 0.4 ms and
 * 0.8 MB of garbage.
 */
export function makeDocument(uri: string, relativePath: string, languageId: LanguageId, text: string, version?: number): SourceDocument {
  return { uri, relativePath, languageId, text, version, index: version === undefined ? new LineIndex(text) : indexOfVersion(uri, text) };
}

/** The last index built for each of a few recently versioned documents. */
const recentIndexes = new Map<string, LineIndex>();
const RECENT_INDEXES = 8;

function indexOfVersion(uri: string, text: string): LineIndex {
  const prev = recentIndexes.get(uri);
  const index = !prev ? new LineIndex(text) : prev.text === text ? prev : LineIndex.afterEdit(prev, text, diffSpan(prev.text, text));
  recentIndexes.delete(uri);
  recentIndexes.set(uri, index);
  if (recentIndexes.size > RECENT_INDEXES) recentIndexes.delete(recentIndexes.keys().next().value!);
  return index;
}
