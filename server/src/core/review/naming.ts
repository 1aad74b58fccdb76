/**
 * Function heads: display name, name range, the SonarJS anchor token,
 * parameter count, and whether the function is public API with a doc comment.
 * Ancestor types come from the walker's stack ({@link Ancestry}), because
 * `Node.parent` is comparatively expensive in web-tree-sitter.
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

const COMMENT_TYPES = new Set(['comment', 'line_comment', 'block_comment', 'html_comment']);

function rangeOf(n: Node): Range {
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

function str(v: string | number | undefined): string | undefined {
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
function docs(n: Node | null | undefined, family: Family, wanted: boolean): { documented: boolean; docProbe: number } {
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

function tokenRange(n: Node, offset: number, length: number, text: string): Range {
  const start = positionIn(n, offset, text);
  return { start, end: { line: start.line, character: start.character + length } };
}

/** Parameter count: named children minus comments and receivers/separators `skip` rejects. */
function countParams(list: Node | null, skip?: (p: Node, i: number) => boolean): number {
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

interface Named {
  readonly name: string | undefined;
  readonly nameNode: Node | null;
}

const NAMING_PARENTS = new Set(['variable_declarator', 'pair', 'assignment_expression', 'assignment', 'field_definition', 'public_field_definition', 'keyword_argument']);
const CALL_ARGS = new Set(['arguments', 'argument_list', 'argument']);

/** Name of an anonymous function from where it is stored (`const f = () => …`, `{ f: function () {} }`, a callback). */
function nameFromContext(node: Node, anc: Ancestry, text: string): Named {
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

function build(named: Named, anchor: { line: number; character: number }, anchorRange: Range, fallback: string, rest: Omit<FunctionHead, 'name' | 'nameRange' | 'anchor'>): FunctionHead {
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

function at(n: Node): { line: number; character: number } {
  return { line: n.startPosition.row, character: n.startPosition.column };
}

/**
 * Describes a function node of type `type`. `topLevel` says no other function
 * encloses it, a precondition for being public API.
 */
export function describeFunction(node: Node, type: string, family: Family, topLevel: boolean, anc: Ancestry, text: string): FunctionHead {
  switch (family) {
    case 'js':
      return describeJs(node, type, topLevel, anc, text);
    case 'python':
      return describePython(node, type, topLevel, anc, text);
    case 'java':
      return describeJava(node, type, topLevel, anc, text);
    case 'go':
      return describeGo(node, type, topLevel, anc, text);
    case 'php':
      return describePhp(node, type, topLevel, anc, text);
  }
}

function keyAnchor(key: Node): Node {
  return key.type === 'computed_property_name' ? (key.namedChildren[0] ?? key) : key;
}

function describeJs(node: Node, type: string, topLevel: boolean, anc: Ancestry, text: string): FunctionHead {
  const p1 = anc.type(1);
  const paramsNode = node.childForFieldName('parameters') ?? (type === 'arrow_function' ? node.childForFieldName('parameter') : null);
  const params = countParams(paramsNode, paramsNode && /\bthis\b|\/|#/.test(paramsNode.text) ? (p) => p.childForFieldName('pattern')?.type === 'this' : undefined);
  if (type === 'method_definition') {
    const own = node.childForFieldName('name')!;
    const cls = p1 === 'class_body' ? str(anc.label(2)) : undefined;
    const name = cls ? `${cls}.${own.text}` : own.text;
    const modifiers = text.slice(node.startIndex, own.startIndex);
    const isPublic = topLevel && !!cls && anc.type(3) === 'export_statement' && own.text !== 'constructor' && own.type !== 'private_property_identifier' && !/\b(private|protected)\b/.test(modifiers);
    const anchor = keyAnchor(own);
    return build({ name, nameNode: own }, at(anchor), rangeOf(anchor), name, { callName: own.text, selfNames: ['this'], params, isPublic, ...docs(node, 'js', isPublic) });
  }
  const own = type === 'arrow_function' ? null : node.childForFieldName('name');
  const named: Named = own ? { name: own.text, nameNode: own } : nameFromContext(node, anc, text);
  let anchor: { line: number; character: number };
  let anchorRange: Range;
  if (own && type.endsWith('declaration')) {
    anchor = at(own);
    anchorRange = rangeOf(own);
  } else if (type === 'arrow_function') {
    const body = node.childForFieldName('body');
    const off = text.lastIndexOf('=>', (body?.startIndex ?? node.endIndex) - 1);
    anchorRange = tokenRange(node, off, 2, text);
    anchor = anchorRange.start;
  } else if (p1 === 'pair' && (own ? parentSkippingParens(node)?.childForFieldName('key') : named.nameNode)) {
    // ESTree Property parent: SonarJS reports at the key even when the function has its own name.
    const key = keyAnchor((own ? parentSkippingParens(node)?.childForFieldName('key') : named.nameNode)!);
    anchor = at(key);
    anchorRange = rangeOf(key);
  } else {
    anchorRange = tokenRange(node, text.indexOf('function', node.startIndex), 8, text);
    anchor = anchorRange.start;
  }
  // `export function f`, `export default () => …`, `export const f = () => …`.
  const exported = p1 === 'export_statement' || (p1 === 'variable_declarator' && anc.type(3) === 'export_statement');
  const isPublic = topLevel && exported;
  const stmt = isPublic ? (p1 === 'export_statement' ? node.parent : node.parent?.parent?.parent) : null;
  return build(named, anchor, anchorRange, type === 'arrow_function' ? '<arrow>' : '<anonymous>', {
    callName: named.nameNode?.type === 'identifier' ? named.name : undefined,
    selfNames: [],
    params,
    isPublic,
    ...docs(stmt, 'js', isPublic),
  });
}

function describePython(node: Node, type: string, topLevel: boolean, anc: Ancestry, text: string): FunctionHead {
  if (type === 'lambda') {
    const named = nameFromContext(node, anc, text);
    return build(named, at(node), rangeOf(node), '<lambda>', { callName: undefined, selfNames: [], params: countParams(node.childForFieldName('parameters')), isPublic: false, documented: false, docProbe: -1 });
  }
  const own = node.childForFieldName('name');
  // def → (decorated_definition) → block → class_definition
  const k = anc.type(1) === 'decorated_definition' ? 2 : 1;
  const cls = anc.type(k) === 'block' && anc.type(k + 1) === 'class_definition' ? str(anc.label(k + 1)) : undefined;
  const paramList = node.childForFieldName('parameters');
  const first = paramList?.firstNamedChild;
  const receiver = cls && first?.type === 'identifier' && (first.text === 'self' || first.text === 'cls') ? first.text : undefined;
  const params = countParams(paramList, (p, i) => p.type === 'positional_separator' || p.type === 'keyword_separator' || (i === 0 && receiver !== undefined));
  const bare = own?.text ?? '<function>';
  const classAtTop = anc.type(k + 2) === 'module' || (anc.type(k + 2) === 'decorated_definition' && anc.type(k + 3) === 'module');
  const isPublic = topLevel && !bare.startsWith('_') && (cls ? classAtTop && !cls.startsWith('_') : anc.type(k) === 'module');
  const body = node.childForFieldName('body');
  const firstStmt = body?.namedChildren.find((s) => !COMMENT_TYPES.has(s.type));
  const documented = !!firstStmt && isDocstring(firstStmt);
  const name = cls ? `${cls}.${bare}` : bare;
  const anchorNode = own ?? node;
  return build({ name, nameNode: own }, at(anchorNode), rangeOf(anchorNode), name, { callName: own?.text, selfNames: receiver ? [receiver] : [], params, isPublic, documented, docProbe: -1 });
}

const JAVA_BODIES = new Set(['class_body', 'interface_body', 'enum_body_declarations']);

function describeJava(node: Node, type: string, topLevel: boolean, anc: Ancestry, text: string): FunctionHead {
  if (type === 'lambda_expression') {
    const named = nameFromContext(node, anc, text);
    const arrow = text.indexOf('->', (node.childForFieldName('parameters') ?? node).endIndex);
    const r = tokenRange(node, arrow, 2, text);
    return build(named, r.start, r, '<lambda>', { callName: undefined, selfNames: [], params: countParams(node.childForFieldName('parameters')), isPublic: false, documented: false, docProbe: -1 });
  }
  const own = node.childForFieldName('name');
  const body = anc.type(1) ?? '';
  const ownerK = body === 'enum_body_declarations' ? 3 : 2;
  const owner = anc.type(ownerK);
  const cls = JAVA_BODIES.has(body) && owner !== 'object_creation_expression' ? str(anc.label(ownerK)) : undefined;
  const bare = own?.text ?? '<method>';
  const params = countParams(node.childForFieldName('parameters'), (p) => p.type === 'receiver_parameter');
  const modifiers = own ? text.slice(node.startIndex, own.startIndex) : '';
  const inInterface = body === 'interface_body';
  const isPublic =
    topLevel && !!cls && type === 'method_declaration' && (/\bpublic\b/.test(modifiers) || (inInterface && !/\bprivate\b/.test(modifiers))) && !/@Override\b/.test(modifiers);
  const name = cls ? `${cls}.${bare}` : bare;
  const anchorNode = own ?? node;
  return build({ name, nameNode: own }, at(anchorNode), rangeOf(anchorNode), name, { callName: own?.text, selfNames: ['this'], params, isPublic, ...docs(node, 'java', isPublic) });
}

function describeGo(node: Node, type: string, topLevel: boolean, anc: Ancestry, text: string): FunctionHead {
  // `a, b int` is one declaration with two names: always take the detailed count.
  const params = countParams(node.childForFieldName('parameters'), () => false);
  if (type === 'func_literal') {
    const named = nameFromContext(node, anc, text);
    return build(named, at(node), rangeOf(node), '<func literal>', { callName: undefined, selfNames: [], params, isPublic: false, documented: false, docProbe: -1 });
  }
  const own = node.childForFieldName('name');
  const bare = own?.text ?? '<func>';
  let name = bare;
  const selfNames: string[] = [];
  const recv = node.childForFieldName('receiver')?.namedChildren.find((p) => p.type === 'parameter_declaration');
  if (recv) {
    const recvName = recv.childForFieldName('name')?.text;
    if (recvName) selfNames.push(recvName);
    const typeText = recv.childForFieldName('type')?.text.replace(/^\*/, '').replace(/\[.*$/, '');
    if (typeText) name = `${typeText}.${bare}`;
  }
  const isPublic = topLevel && /^[A-Z]/.test(bare);
  const anchorNode = own ?? node;
  return build({ name, nameNode: own }, at(anchorNode), rangeOf(anchorNode), name, { callName: bare, selfNames, params, isPublic, ...docs(node, 'go', isPublic) });
}

function describePhp(node: Node, type: string, topLevel: boolean, anc: Ancestry, text: string): FunctionHead {
  const params = countParams(node.childForFieldName('parameters'));
  if (type !== 'function_definition' && type !== 'method_declaration') {
    const named = nameFromContext(node, anc, text);
    return build(named, at(node), rangeOf(node), '<closure>', { callName: undefined, selfNames: [], params, isPublic: false, documented: false, docProbe: -1 });
  }
  const own = node.childForFieldName('name');
  const bare = own?.text ?? '<function>';
  const cls = anc.type(1) === 'declaration_list' ? str(anc.label(2)) : undefined;
  const modifiers = own ? text.slice(node.startIndex, own.startIndex) : '';
  const isPublic = topLevel && (type === 'function_definition' || (!!cls && !/\b(private|protected)\b/i.test(modifiers)));
  const name = cls ? `${cls}.${bare}` : bare;
  const anchorNode = own ?? node;
  return build({ name, nameNode: own }, at(anchorNode), rangeOf(anchorNode), name, {
    callName: bare,
    selfNames: cls ? ['$this', 'self', 'static'] : [],
    params,
    isPublic,
    ...docs(node, 'php', isPublic),
  });
}
