/**
 * Public entry points of the metrics layer: per-function metrics and the
 * full single-walk result for a parsed file.
 */
import type { Tree } from 'web-tree-sitter';
import type { LanguageId } from '../document';
import { specFor } from './languages';
import { walkTree, type WalkOptions } from './walker';
import type { FileWalk, FunctionMetrics } from './types';

export type { WalkOptions } from './walker';

/**
 * Walks a parsed file once and returns everything the review engine needs.
 * Returns undefined for languages the review engine does not measure.
 * The caller owns `tree` (parse it with `ParserHost.withTree`).
 */
export function walkFile(tree: Tree, languageId: LanguageId, text: string, options?: WalkOptions): FileWalk | undefined {
  const spec = specFor(languageId);
  return spec ? walkTree(tree, spec, text, options) : undefined;
}

/**
 * Per-function metrics (functions, methods, lambdas and nested functions each
 * reported on their own), ordered by position. Empty for unsupported languages.
 */
export function computeFunctionMetrics(tree: Tree, languageId: LanguageId, text: string): FunctionMetrics[] {
  return [...(walkFile(tree, languageId, text)?.functions ?? [])];
}
