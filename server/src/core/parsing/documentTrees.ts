import { Edit, type Point, type Tree } from 'web-tree-sitter';
import type { GrammarName } from './grammars';
import type { ParserHost } from './parserHost';
import { diffSpan } from '../model/textDiff';

export { diffSpan };

interface Kept {
  readonly grammar: GrammarName;
  readonly text: string;
  readonly tree: Tree;
  /** Its number, and how it differs from the tree before it. */
  readonly change: TreeChange;
}

/**
 * Where a retained tree comes from: its own number (every parse, fresh or
 * incremental, gets a new one, so a caller can tell "the tree I saw" from a
 * re-parse of the same text) and, when it was re-parsed from the previous
 * tree of the document, how.
 */
export interface TreeChange {
  readonly generation: number;
  readonly from?: TreeEdit;
}

/**
 * How a tree differs from the previous one of the same document: the single
 * edit between the two texts and tree-sitter's changed ranges. All offsets
 * are UTF-16 code units; edit ends are exclusive.
 */
export interface TreeEdit {
  /** The number of the previous tree. */
  readonly previousGeneration: number;
  /** The text the previous tree was parsed from. */
  readonly previousText: string;
  readonly startIndex: number;
  /** End of the replaced span in `previousText`. */
  readonly oldEndIndex: number;
  /** End of the inserted span in the new text. */
  readonly newEndIndex: number;
  /** Spans of the new text whose syntax differs from the old tree (`Tree.getChangedRanges`). */
  readonly changed: readonly { readonly start: number; readonly end: number }[];
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
  private generations = 0;

  constructor(
    private readonly host: ParserHost,
    /** Documents whose trees are kept; the least recently used beyond this are freed. */
    private readonly capacity = 32,
  ) {}

  /**
   * The tree of `text` for `uri`; owned by this cache (do not delete it).
   * `pointOf`, when given, is the tree-sitter point of an offset of `text`
   * (from the document's line index), so the edit's start is not found by
   * counting line breaks from the top of a large file.
   */
  async treeFor(uri: string, grammar: GrammarName, text: string, pointOf?: (offset: number) => Point): Promise<Tree | undefined> {
    const prev = this.kept.get(uri);
    if (prev && prev.grammar === grammar && prev.text === text) {
      this.touch(uri, prev);
      return prev.tree;
    }
    let tree: Tree | undefined;
    let from: TreeEdit | undefined;
    if (prev && prev.grammar === grammar) {
      const edit = editBetween(prev.text, text, pointOf);
      prev.tree.edit(edit);
      tree = await this.host.parse(grammar, text, prev.tree);
      // The changed ranges can only be asked while the edited old tree still exists.
      if (tree) from = { previousGeneration: prev.change.generation, previousText: prev.text, startIndex: edit.startIndex, oldEndIndex: edit.oldEndIndex, newEndIndex: edit.newEndIndex, changed: changedSpans(prev.tree, tree) };
    } else tree = await this.host.parse(grammar, text);
    if (prev) prev.tree.delete();
    this.kept.delete(uri);
    if (!tree) return undefined;
    this.touch(uri, { grammar, text, tree, change: { generation: ++this.generations, ...(from ? { from } : {}) } });
    return tree;
  }

  /** Where the kept tree of `uri` comes from, when it is the tree of `text`; undefined otherwise. */
  changeFor(uri: string, grammar: GrammarName, text: string): TreeChange | undefined {
    const k = this.kept.get(uri);
    return k && k.grammar === grammar && k.text === text ? k.change : undefined;
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

function changedSpans(old: Tree, now: Tree): { start: number; end: number }[] {
  return old.getChangedRanges(now).map((r) => ({ start: r.startIndex, end: r.endIndex }));
}

/** The single edit turning `a` into `b`: everything between their common prefix and suffix. */
export function editBetween(a: string, b: string, pointOfB?: (offset: number) => Point): Edit {
  const { start, oldEnd, newEnd } = diffSpan(a, b);
  // The prefix is shared, so the start's point is the same in both texts.
  const at = pointOfB ? pointOfB(start) : pointAt(a, start);
  return new Edit({
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition: at,
    // The ends are reached from the start through the edited span only (the prefix is shared).
    oldEndPosition: advance(a, start, at, oldEnd),
    newEndPosition: advance(b, start, at, newEnd),
  });
}

function pointAt(text: string, offset: number): Point {
  return advance(text, 0, { row: 0, column: 0 }, offset);
}

/** The point (row and UTF-16 column; tree-sitter counts rows by `\n`) of `to` in `text`, given the point `at` of the earlier offset `from`. */
export function advance(text: string, from: number, at: Point, to: number): Point {
  let row = at.row;
  let lineStart = from - at.column;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: to - lineStart };
}
