/**
 * Per-language function heads: how a JS/TS, Python, Java, Go or PHP function
 * node gets its name, anchor, parameter count and public/documented status.
 * Kept apart from `naming.ts`, which defines the head and the language-neutral
 * parts these are built from, so each language's rules read on their own.
 */
import type { Node } from 'web-tree-sitter';
import type { Range } from '../model/finding';
import type { Family } from './languages';
import { at, build, COMMENT_TYPES, countParams, docs, isDocstring, nameFromContext, parentSkippingParens, rangeOf, str, tokenRange, type Ancestry, type FunctionHead, type Named } from './naming';

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
