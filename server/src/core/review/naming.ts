/**
 * Function heads: display name, name range, the SonarJS anchor token,
 * parameter count, and whether the function is public API with a doc comment.
 * Ancestor types come from the walker's stack ({@link Ancestry}), because
 * `Node.parent` is comparatively expensive in web-tree-sitter.
 *
 * This file holds what a head is and the language-neutral parts every head is
 * built from; `languageHeads.ts` applies them to each language's function nodes.
 */
import type { Node } from 'web-tree-sitter';
import type { Range } from '../model/finding';
import type { Family } from './languages';

/** What the walk needs to know about a function before visiting its body. */
export interface FunctionHead {
  readonly name: string;
  /** Bare name a direct recursive call would use, if the function has one. */
  readonly callName: string | undefined;
  /** Receivers through which a recursive method call goes (`this`, `self`, `$this`, a Go receiver). */
  readonly selfNames: readonly string[];
  readonly nameRange: Range;
  readonly anchor: { readonly line: number; readonly character: number };
  readonly params: number;
  readonly isPublic: boolean;
  readonly documented: boolean;
  /**
   * Start offset of the node whose previous siblings decide `documented`
   * (-1 when none were looked at): the head then depends on text before that
   * node, which the incremental walk must know (`incremental.ts`).
   */
  readonly docProbe: number;
}

/** The function's ancestors as the walker sees them (parentheses skipped; 1 = parent). */
export interface Ancestry {
  type(k: number): string | undefined;
  /** A class ancestor's name, or a call ancestor's start offset (its callee text runs to the arguments). */
  label(k: number): string | number | undefined;
}

/** Comment node types of all supported grammars. */
export const COMMENT_TYPES = new Set(['comment', 'line_comment', 'block_comment', 'html_comment']);

/** The range `n` spans. */
export function rangeOf(n: Node): Range {
  // startPosition comes with the node; endPosition is a wasm call, so read it once.
  const end = n.endPosition;
  return { start: { line: n.startPosition.row, character: n.startPosition.column }, end: { line: end.row, character: end.column } };
}

/** The ESTree-visible parent: tree-sitter keeps parentheses, ESTree does not. */
export function parentSkippingParens(n: Node): Node | null {
  let p = n.parent;
  while (p && p.type === 'parenthesized_expression') p = p.parent;
  return p;
}

/** The expression inside any number of parentheses. */
export function unwrapParens(n: Node): Node {
  let cur = n;
  while (cur.type === 'parenthesized_expression') {
    const inner = cur.namedChildren.find((c) => !COMMENT_TYPES.has(c.type));
    if (!inner) break;
    cur = inner;
  }
  return cur;
}

/** `v` if it is a string (an ancestor label that is a name, not a call offset). */
export function str(v: string | number | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** The end of a long callee (`…getNodes().forEach`): the called method is the informative part. */
function tail(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `…${one.slice(one.length - max + 1)}` : one;
}

function shorten(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** A Python statement that is a bare string literal (a docstring when first in a body). */
export function isDocstring(stmt: Node): boolean {
  if (stmt.type !== 'expression_statement' || stmt.namedChildCount !== 1) return false;
  const t = stmt.namedChildren[0]?.type;
  return t === 'string' || t === 'concatenated_string';
}

/**
 * A doc comment right before `n` (skipping decorators/attributes placed before
 * it): JSDoc/Javadoc/PHPDoc `/**`, or Go `//` comments ending on the line above.
 */
function hasDocComment(n: Node, family: Family): boolean {
  let first = n;
  let prev = n.previousNamedSibling;
  while (prev && (prev.type === 'decorator' || prev.type === 'attribute_list')) {
    first = prev;
    prev = prev.previousNamedSibling;
  }
  if (!prev || !COMMENT_TYPES.has(prev.type)) return false;
  if (prev.endPosition.row < first.startPosition.row - 1) return false;
  return family === 'go' ? prev.text.startsWith('//') || prev.text.startsWith('/*') : prev.text.startsWith('/**');
}

/** `documented` and `docProbe` of a head: a doc comment before `n`, looked for only when `wanted`. */
export function docs(n: Node | null | undefined, family: Family, wanted: boolean): { documented: boolean; docProbe: number } {
  if (!wanted || !n) return { documented: false, docProbe: -1 };
  return { documented: hasDocComment(n, family), docProbe: n.startIndex };
}

/** 0-based position of `offset`, known to lie inside `n` (counts newlines from the node start). */
function positionIn(n: Node, offset: number, text: string): { line: number; character: number } {
  let line = n.startPosition.row;
  let lineStart = n.startIndex - n.startPosition.column;
  for (let i = text.indexOf('\n', n.startIndex); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** Range of the `length`-character token at `offset`, known to lie on one line inside `n`. */
export function tokenRange(n: Node, offset: number, length: number, text: string): Range {
  const start = positionIn(n, offset, text);
  return { start, end: { line: start.line, character: start.character + length } };
}

/** Parameter count: named children minus comments and receivers/separators `skip` rejects. */
export function countParams(list: Node | null, skip?: (p: Node, i: number) => boolean): number {
  if (!list) return 0;
  if (list.type === 'identifier') return 1; // `x => x`, Java `x -> x`
  if (!skip && !/\/|#/.test(list.text)) return list.namedChildCount;
  let n = 0;
  let i = 0;
  for (const p of list.namedChildren) {
    if (COMMENT_TYPES.has(p.type)) continue;
    if (!skip?.(p, i)) n += p.type === 'parameter_declaration' ? Math.max(1, p.childrenForFieldName('name').length) : 1;
    i++;
  }
  return n;
}

/** A function's display name and the node it was read from (null when it has none, such as a callback). */
export interface Named {
  readonly name: string | undefined;
  readonly nameNode: Node | null;
}

const NAMING_PARENTS = new Set(['variable_declarator', 'pair', 'assignment_expression', 'assignment', 'field_definition', 'public_field_definition', 'keyword_argument']);
const CALL_ARGS = new Set(['arguments', 'argument_list', 'argument']);

/** Name of an anonymous function from where it is stored (`const f = () => …`, `{ f: function () {} }`, a callback). */
export function nameFromContext(node: Node, anc: Ancestry, text: string): Named {
  const p1 = anc.type(1) ?? '';
  if (CALL_ARGS.has(p1)) {
    const callStart = anc.label(p1 === 'argument' ? 3 : 2);
    const args = p1 === 'argument' ? parentSkippingParens(node)?.parent : parentSkippingParens(node);
    const callee = typeof callStart === 'number' && args ? text.slice(callStart, args.startIndex).replace(/\s*(\?\.|\.)\s*/g, '$1').trim() : undefined;
    return { name: callee ? `${tail(callee, 30)}() callback` : undefined, nameNode: null };
  }
  if (p1 === 'expression_list') {
    // Go `f := func() {}`: the first name on the left.
    const stmt = node.parent?.parent;
    const left = stmt?.childForFieldName('left')?.namedChildren[0];
    return left ? { name: left.text, nameNode: left } : { name: undefined, nameNode: null };
  }
  if (!NAMING_PARENTS.has(p1)) return { name: undefined, nameNode: null };
  const parent = parentSkippingParens(node);
  const f = (field: string): Node | null => parent?.childForFieldName(field) ?? null;
  const key = p1 === 'variable_declarator' || p1 === 'public_field_definition' || p1 === 'keyword_argument' ? f('name') : p1 === 'pair' ? f('key') : p1 === 'field_definition' ? f('property') : f('left');
  return { name: key ? shorten(key.text) : undefined, nameNode: key };
}

/** Assembles a head; without a name node, the name range is the anchor's. */
export function build(named: Named, anchor: { line: number; character: number }, anchorRange: Range, fallback: string, rest: Omit<FunctionHead, 'name' | 'nameRange' | 'anchor'>): FunctionHead {
  // Fields listed, not spread: one object shape for every head (a spread of differently built `rest`s cost 2.5 µs per function).
  return {
    callName: rest.callName,
    selfNames: rest.selfNames,
    params: rest.params,
    isPublic: rest.isPublic,
    documented: rest.documented,
    docProbe: rest.docProbe,
    name: named.name || fallback,
    nameRange: named.nameNode ? rangeOf(named.nameNode) : anchorRange,
    anchor,
  };
}

/** Start position of `n`. */
export function at(n: Node): { line: number; character: number } {
  return { line: n.startPosition.row, character: n.startPosition.column };
}
