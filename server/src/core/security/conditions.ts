/**
 * `where` conditions: the checks on a match that tree-sitter predicates
 * cannot express (constant-ness, the enclosing function's text, the
 * document, names in scope). Rules use them to decide whether a match is a
 * finding; fixes use the same vocabulary to decide whether they are safe to
 * offer.
 */
import type { Node } from 'web-tree-sitter';
import { blockDeclarations, constantStringOf, type BlockDeclarations } from './scopeNames';
import { bindingsIn } from './taint/syntax';
import { isConstant, type LangSpec } from './taint/languages';
import type { WhereCondition } from './types';

/**
 * Per-document results that do not depend on the match, so a file with many
 * matches tests a document regex once and lists a block's declarations once
 * (without it, in-scope lookups are quadratic in the number of statements).
 */
export class DocumentMemo {
  private readonly values = new Map<string, unknown>();

  /** The value stored under `key`, computed on first use. */
  once<T>(key: string, compute: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const v = compute();
    this.values.set(key, v);
    return v;
  }

  /** `regex.test(text)` for the document, once per regex. */
  testDocument(regex: RegExp, text: string): boolean {
    return this.once(`document\0${regex.flags}\0${regex.source}`, () => regex.test(text));
  }
}

/**
 * The unit (a top-level statement, or a part of a large one) a match lies in,
 * and whether evaluating it read anything outside that unit (the document
 * text, an enclosing node's text or its other children), so the result may
 * change when only another unit changes; the incremental engine then never
 * reuses it (see incremental/treeHits.ts).
 */
export interface OutsideReads {
  outside: boolean;
  readonly start: number;
  readonly end: number;
  /** The unit is a child of the root: climbing from it to the root passes no other node. */
  readonly topLevel: boolean;
}

/** What a condition may look at: the match, its grammar's node knowledge and the whole document. */
export interface MatchContext {
  readonly spec: LangSpec;
  readonly captures: ReadonlyMap<string, Node>;
  /** The node the finding is reported on. */
  readonly report: Node;
  /** The document text (tree offsets index into it). */
  readonly text: string;
  readonly memo: DocumentMemo;
  /** Records reads outside the match's top-level statement; absent when nobody asks. */
  readonly reads?: OutsideReads;
}

/** Notes in `ctx.reads` that the result depends on more than the match's own unit. */
export function readOutside(ctx: MatchContext): void {
  if (ctx.reads) ctx.reads.outside = true;
}

/** Notes a read of `node` (its text, type or children) when it is not inside the match's unit. */
export function readNode(ctx: MatchContext, node: Node): void {
  const r = ctx.reads;
  if (r && (node.startIndex < r.start || node.endIndex > r.end)) r.outside = true;
}

/**
 * Notes the climb from the match to `scope`, its enclosing function: outside
 * the unit unless the scope is inside it, or is the root reached straight from
 * a top-level unit (only the root's type was read, and it never changes).
 */
function readScopeClimb(ctx: MatchContext, scope: Node): void {
  if (!scope.parent && ctx.reads?.topLevel) return;
  readNode(ctx, scope);
}

/** The smallest enclosing function (or the root) of a node: the scope `scope-*` conditions inspect. */
function enclosingScope(spec: LangSpec, node: Node): Node {
  let n: Node | null = node.parent;
  while (n && !spec.functions.has(n.type) && n.parent) n = n.parent;
  return n ?? node;
}

/**
 * The text `context-matches` inspects: the report node's own line(s) plus the
 * first line of the enclosing function (its name and parameters), e.g. to
 * tell a token generator from a dice roll.
 */
function contextOf(spec: LangSpec, node: Node, ctx: MatchContext): string {
  let stmt = node;
  const row = node.startPosition.row;
  while (stmt.parent && stmt.parent.startPosition.row === row && stmt.parent.endPosition.row === row && !spec.functions.has(stmt.parent.type)) stmt = stmt.parent;
  // The climb read the rows and type of the parent it stopped at; the root's never matter from a top-level unit.
  if (stmt.parent && (stmt.parent.parent || !ctx.reads?.topLevel)) readNode(ctx, stmt.parent);
  readNode(ctx, stmt);
  const scope = enclosingScope(spec, node);
  readScopeClimb(ctx, scope);
  const head = scope.parent ? scope.text.slice(0, scope.text.indexOf('\n') >>> 0) : '';
  return `${stmt.text}\n${head}`;
}

/** String literal node types of a grammar: its interpolating strings plus the plain string literals. */
function isStringType(spec: LangSpec, type: string): boolean {
  return spec.strings.has(type) || (spec.literals.has(type) && /string|nowdoc/.test(type));
}

/**
 * The literal text of one string node: its children without the delimiters
 * (first and last child) and without interpolations, so `f"ls {d}"` gives
 * `ls ` and a value spliced in at run time is never mistaken for syntax.
 */
function literalText(spec: LangSpec, s: Node): string {
  if (s.childCount < 2) return s.text.replace(/^[^'"`]*['"`]+|['"`]+$/g, '');
  const parts: string[] = [];
  for (let i = 1; i < s.childCount - 1; i++) {
    const c = s.child(i)!;
    if (!spec.interpolations.has(c.type)) parts.push(c.text);
  }
  return parts.join('');
}

/** A docstring is documentation, never a value that reaches a command. */
function isDocstring(spec: LangSpec, n: Node): boolean {
  return n.namedChildCount === 1 && isStringType(spec, n.namedChild(0)!.type);
}

/**
 * True when no string literal inside `root` (interpolated expressions and
 * docstrings skipped) matches `regex`. Walks with a cursor: listing every
 * node's children would marshal the whole subtree out of the parser.
 */
function stringsAvoid(spec: LangSpec, root: Node, regex: RegExp): boolean {
  const c = root.walk();
  try {
    for (let depth = 0; ; ) {
      let enter = true;
      const type = c.nodeType;
      if (c.nodeIsNamed && ((depth > 0 && spec.interpolations.has(type)) || (type === 'expression_statement' && isDocstring(spec, c.currentNode)))) enter = false;
      else if (c.nodeIsNamed && isStringType(spec, type)) {
        const n = c.currentNode;
        // A concatenation of strings is entered; each of its parts is a literal of its own.
        if (!n.namedChildren.some((x) => isStringType(spec, x.type))) {
          if (regex.test(literalText(spec, n))) return false;
          enter = false;
        }
      }
      if (enter && c.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        if (depth === 0) return true;
        if (c.gotoNextSibling()) break;
        c.gotoParent();
        depth--;
      }
    }
  } finally {
    c.delete();
  }
}

/**
 * The innermost name matching `name` that is declared before the report node
 * in an enclosing block, or is a parameter of an enclosing function. Only
 * earlier declarations count: a later `const` would still be in its temporal
 * dead zone where the fix uses it.
 */
function visibleName(spec: LangSpec, report: Node, name: RegExp, ctx: MatchContext): string | undefined {
  const memo = ctx.memo;
  for (let a = report.parent; a; a = a.parent) {
    // An enclosing node's children are other statements.
    readNode(ctx, a);
    const names: Node[] = [];
    if (spec.functions.has(a.type)) {
      const params = a.childForFieldName('parameters') ?? a.childForFieldName('parameter');
      if (params) bindingsIn(spec, params, names);
    }
    const decls = declarationsOf(spec, memo)(a);
    for (const d of decls) if (d.end <= report.startIndex) names.push(...d.names);
    const hit = names.reverse().find((n) => name.test(n.text));
    if (hit) return hit.text;
  }
  return undefined;
}

/** A block's declarations, listed once per document (see `DocumentMemo`). */
function declarationsOf(spec: LangSpec, memo: DocumentMemo): BlockDeclarations {
  const list = blockDeclarations(spec);
  return (block) => memo.once(`declarations\0${block.id}`, () => list(block));
}

/**
 * Evaluates conditions (all must hold). Returns the template values bound by
 * `in-scope` conditions (lower-case names), or undefined when one fails.
 */
export function evaluateConditions(conditions: readonly WhereCondition[], ctx: MatchContext): Record<string, string> | undefined {
  const bound: Record<string, string> = {};
  const { spec, report } = ctx;
  for (const w of conditions) {
    switch (w.kind) {
      case 'not-constant': {
        const n = ctx.captures.get(w.capture);
        if (!n || isConstant(spec, n)) return undefined;
        // A name declared once with a string literal (`const html = '<br/>'; el.innerHTML = html`) is a constant too.
        if (spec.variables.has(n.type)) {
          readOutside(ctx);
          if (constantStringOf(spec, n, ctx.text, declarationsOf(spec, ctx.memo))) return undefined;
        }
        break;
      }
      case 'constant-string': {
        const n = ctx.captures.get(w.capture);
        readOutside(ctx);
        if (!n || constantStringOf(spec, n, ctx.text, declarationsOf(spec, ctx.memo)) === undefined) return undefined;
        break;
      }
      case 'scope-matches':
      case 'scope-not-matches': {
        const scope = enclosingScope(spec, report);
        readNode(ctx, scope);
        if (w.regex.test(scope.text) !== (w.kind === 'scope-matches')) return undefined;
        break;
      }
      case 'scope-strings-not-match': {
        const scope = enclosingScope(spec, report);
        readNode(ctx, scope);
        if (!ctx.memo.once(`strings\0${scope.id}\0${w.regex.source}`, () => stringsAvoid(spec, scope, w.regex))) return undefined;
        break;
      }
      case 'context-matches':
        if (!w.regex.test(contextOf(spec, report, ctx))) return undefined;
        break;
      case 'document-matches':
      case 'document-not-matches':
        readOutside(ctx);
        if (ctx.memo.testDocument(w.regex, ctx.text) !== (w.kind === 'document-matches')) return undefined;
        break;
      case 'in-scope': {
        const found = visibleName(spec, report, w.name, ctx);
        if (found === undefined) return undefined;
        bound[w.as] = found;
        break;
      }
    }
  }
  return bound;
}
