/**
 * Quick fixes at match time: picks the first of a rule's fix alternatives
 * whose captures were all matched, whose `where` conditions hold and whose
 * edits do not overlap, and places its edits — deleting a list item with its
 * comma, inserting a line after a statement, adding an import below the
 * module's leading imports. Offsets are UTF-16 indices into the document
 * text, as tree-sitter reports them for JS strings.
 */
import type { Node } from 'web-tree-sitter';
import { evaluateConditions, readNode, readOutside, type MatchContext } from './conditions';
import { interpolate, type Span } from './report';
import type { FixSpec, SecurityRule } from './types';

/** One resolved edit: replace `span` by `newText`. */
export interface SpanEdit {
  readonly span: Span;
  readonly newText: string;
}

/** Top-level statements that import or declare the module (any grammar): new imports go after the last of them. */
const IMPORT_TYPES = new Set(['import_statement', 'import_from_statement', 'future_import_statement', 'import_declaration', 'package_declaration',
  'package_clause', 'namespace_use_declaration']);

/** The line break the document uses (`\r\n` when its first line ends so). */
function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/** Offset of the end of the line containing `offset` (before its line break). */
function lineEnd(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  if (nl < 0) return text.length;
  return nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Offset where the line after the one containing `offset` starts (text length when there is none). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/**
 * The span that removes `node`. An item of a comma-separated list (arguments,
 * dictionary entries, parameters) takes one comma with it: the one before it
 * (from the end of the previous item), or, for the first item, the one after
 * it up to the next item. So `f(a, b=1, c)` loses `, b=1` and `f(b=1, c)`
 * loses `b=1, `.
 */
function deletionSpan(node: Node): Span {
  const prev = node.previousSibling;
  if (prev?.type === ',') return { start: prev.previousSibling?.endIndex ?? prev.startIndex, end: node.endIndex };
  const next = node.nextSibling;
  if (next?.type === ',') return { start: node.startIndex, end: next.nextSibling?.startIndex ?? next.endIndex };
  return { start: node.startIndex, end: node.endIndex };
}

/**
 * Inserts `line` as a new line after the line on which `node` ends, indented
 * like the line on which it starts (for a statement that must follow
 * another one, e.g. configuring a factory right after creating it).
 */
function lineAfter(text: string, node: Node, line: string): SpanEdit {
  const at = lineEnd(text, node.endIndex);
  const start = text.lastIndexOf('\n', node.startIndex - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(start, node.startIndex))![0];
  return { span: { start: at, end: at }, newText: `${eolOf(text)}${indent}${line}` };
}

/** A docstring or directive: an expression statement holding only a string (`"""Doc."""`, `'use strict'`). */
function isHeaderString(n: Node): boolean {
  return n.type === 'expression_statement' && n.namedChildCount === 1 && /string/.test(n.namedChild(0)!.type);
}

/**
 * Inserts `line` at the top of the module: after the last import of the
 * leading run of imports, comments and docstrings; without such imports,
 * after a leading docstring / directive / `<?php` tag, else at the start of
 * the file below a `#!` line and a Python coding comment.
 */
function importLine(text: string, root: Node, line: string): SpanEdit {
  const eol = eolOf(text);
  let lastImport: Node | undefined;
  let lastHeader: Node | undefined;
  for (const c of root.namedChildren) {
    if (IMPORT_TYPES.has(c.type)) lastImport = c;
    else if (isHeaderString(c) || c.type === 'php_tag') {
      if (!lastImport) lastHeader = c;
    } else if (c.type !== 'comment') break;
  }
  const anchor = lastImport ?? lastHeader;
  if (anchor) {
    const at = nextLineStart(text, anchor.endIndex);
    // A file that ends on the anchor's line without a line break gets one first.
    return at === text.length && !text.endsWith('\n') ? { span: { start: at, end: at }, newText: `${eol}${line}` } : { span: { start: at, end: at }, newText: `${line}${eol}` };
  }
  let at = 0;
  while (at < text.length && /^(#!|#.*coding[:=])/.test(text.slice(at, lineEnd(text, at)))) at = nextLineStart(text, at);
  return { span: { start: at, end: at }, newText: at === text.length && at > 0 && !text.endsWith('\n') ? `${eol}${line}` : `${line}${eol}` };
}

/**
 * True when no two edits overlap and no two start at the same offset (two
 * insertions at one point, or an insertion at the start of a replacement,
 * have no well-defined order for every client).
 */
function editsDisjoint(edits: readonly SpanEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1]!.span, sorted[i]!.span];
    if (b.start < a.end || b.start === a.start) return false;
  }
  return true;
}

/** A fix ready to become a Finding's `fixes[0]`. */
export interface HitFix {
  readonly title: string;
  readonly edits: readonly SpanEdit[];
}

/** A resolved fix and its position in the rule's list (lower is preferred). */
export interface ResolvedFix extends HitFix {
  readonly rank: number;
}

/** The match context plus the tree root, which import insertion needs. */
export interface FixContext extends MatchContext {
  readonly root: Node;
}

function editsOf(fix: FixSpec, ctx: FixContext, values: Readonly<Record<string, string>>): SpanEdit[] {
  const out: SpanEdit[] = [];
  for (const e of fix.edits) {
    const node = ctx.captures.get(e.capture)!;
    // A new line reads the document's line break and neighbouring text; a deletion reads the node's siblings.
    if (e.kind === 'insert-after') readOutside(ctx);
    else if (e.kind === 'delete') readNode(ctx, node.parent ?? node);
    if (e.kind === 'replace') out.push({ span: { start: node.startIndex, end: node.endIndex }, newText: interpolate(e.template, values) });
    else if (e.kind === 'insert-after') out.push(lineAfter(ctx.text, node, interpolate(e.template, values)));
    else out.push({ span: deletionSpan(node), newText: '' });
  }
  const imp = fix.import;
  if (imp) readOutside(ctx);
  if (imp && !ctx.memo.testDocument(imp.present, ctx.text)) out.push(ctx.memo.once(`import\0${imp.text}`, () => importLine(ctx.text, ctx.root, imp.text)));
  return out;
}

/**
 * The preferred fix for a match, or undefined when no alternative applies.
 * Templates see the raw text of every capture plus the names bound by the
 * fix's `in-scope` conditions (which win over a capture of the same name).
 */
export function resolveFix(rule: SecurityRule, ctx: FixContext): ResolvedFix | undefined {
  for (const [rank, fix] of rule.fixes.entries()) {
    if (!fix.captures.every((c) => ctx.captures.has(c))) continue;
    const bound = evaluateConditions(fix.where, ctx);
    if (!bound) continue;
    const values: Record<string, string> = {};
    for (const [name, node] of ctx.captures) values[name] = node.text;
    Object.assign(values, bound);
    const edits = editsOf(fix, ctx, values);
    if (editsDisjoint(edits)) return { title: fix.title, edits, rank };
  }
  return undefined;
}
