import { Edit, type Point, type Tree } from 'web-tree-sitter';
import type { GrammarName } from './grammars';
import type { ParserHost } from './parserHost';

interface Kept {
  readonly grammar: GrammarName;
  readonly text: string;
  readonly tree: Tree;
}

/**
 * One syntax tree per open document, re-parsed incrementally: each new text
 * is diffed against the previous one (common prefix and suffix), the old tree
 * is told about the edit, and tree-sitter re-parses only what changed. Used
 * by the language server; the CLI parses each file once and frees it.
 * Indices and columns are UTF-16 code units, as web-tree-sitter expects for
 * string input.
 */
export class DocumentTrees {
  private readonly kept = new Map<string, Kept>();

  constructor(
    private readonly host: ParserHost,
    /** Documents whose trees are kept; the least recently used beyond this are freed. */
    private readonly capacity = 32,
  ) {}

  /** The tree of `text` for `uri`; owned by this cache (do not delete it). */
  async treeFor(uri: string, grammar: GrammarName, text: string): Promise<Tree | undefined> {
    const prev = this.kept.get(uri);
    if (prev && prev.grammar === grammar && prev.text === text) {
      this.touch(uri, prev);
      return prev.tree;
    }
    let tree: Tree | undefined;
    if (prev && prev.grammar === grammar) {
      prev.tree.edit(editBetween(prev.text, text));
      tree = await this.host.parse(grammar, text, prev.tree);
    } else tree = await this.host.parse(grammar, text);
    if (prev) prev.tree.delete();
    this.kept.delete(uri);
    if (!tree) return undefined;
    this.touch(uri, { grammar, text, tree });
    return tree;
  }

  /** Frees the tree of a closed document. */
  release(uri: string): void {
    this.kept.get(uri)?.tree.delete();
    this.kept.delete(uri);
  }

  private touch(uri: string, k: Kept): void {
    this.kept.delete(uri);
    this.kept.set(uri, k);
    while (this.kept.size > this.capacity) this.release(this.kept.keys().next().value!);
  }
}

/** The single edit turning `a` into `b`: everything between their common prefix and suffix. */
export function editBetween(a: string, b: string): Edit {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return new Edit({
    startIndex: p,
    oldEndIndex: a.length - s,
    newEndIndex: b.length - s,
    startPosition: pointAt(a, p),
    oldEndPosition: pointAt(a, a.length - s),
    newEndPosition: pointAt(b, b.length - s),
  });
}

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
