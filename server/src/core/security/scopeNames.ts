/**
 * Names a statement declares, and the constant string a name was given:
 * the scope lookups behind `where` conditions (conditions.ts).
 */
import type { Node } from 'web-tree-sitter';
import { bindingsIn } from './taint/syntax';
import { isConstant, type LangSpec } from './taint/languages';

/** Names bound by JS / Python import statements (`import a from`, `{ b as c }`, `* as d`, `import e as f`). */
function importedNames(node: Node, out: Node[]): void {
  for (const d of node.descendantsOfType(['import_specifier', 'namespace_import', 'import_clause', 'aliased_import', 'dotted_name'])) {
    if (d.type === 'import_specifier' || d.type === 'aliased_import') {
      const n = d.childForFieldName('alias') ?? d.childForFieldName('name');
      if (n) out.push(n.type === 'dotted_name' ? n.namedChildren[0]! : n);
    } else if (d.type === 'namespace_import' || d.type === 'import_clause') {
      out.push(...d.namedChildren.filter((c) => c.type === 'identifier'));
    } else if (d.parent?.type === 'import_statement' || (d.parent?.type === 'import_from_statement' && d.parent.childForFieldName('module_name')?.id !== d.id)) {
      // `import a.b` binds `a`; `from m import x` binds `x`.
      const first = d.namedChildren[d.parent.type === 'import_statement' ? 0 : d.namedChildren.length - 1];
      if (first) out.push(first);
    }
  }
}

/** Names a statement declares: variable declarations and assignments (one level down) and imports. */
export function declaredNames(spec: LangSpec, stmt: Node, out: Node[]): Node[] {
  if (spec.loops.has(stmt.type) || spec.functions.has(stmt.type)) return out;
  if (/import/.test(stmt.type)) {
    importedNames(stmt, out);
    return out;
  }
  for (const n of [stmt, ...stmt.namedChildren]) {
    const shape = spec.assignments[n.type];
    const left = shape && !shape.augmented ? n.childForFieldName(shape.left) : null;
    if (left) bindingsIn(spec, left, out);
  }
  return out;
}

/** A string literal without interpolations, or a concatenation of them. */
function isConstantString(spec: LangSpec, n: Node): boolean {
  return isConstant(spec, n) && /string|template/.test(n.type) && n.text.replace(/^[^'"`]*['"`]+|['"`]+$/g, '').length > 0;
}

/** The value assigned to the binding `name` (a declarator's or an assignment's right-hand side). */
function assignedValue(spec: LangSpec, name: Node): Node | undefined {
  for (let p = name.parent; p && p.type !== 'block' && p.type !== 'statement_block'; p = p.parent) {
    const shape = spec.assignments[p.type];
    if (shape && !shape.augmented) return p.childForFieldName(shape.right) ?? undefined;
    if (/declarator$/.test(p.type)) return p.childForFieldName('value') ?? undefined;
  }
  return undefined;
}

/** Each named child of a block with the names it declares; `constantStringOf`'s callers memoise it per block. */
export type BlockDeclarations = (block: Node) => readonly { readonly end: number; readonly names: readonly Node[] }[];

/** Lists a block's declarations (unmemoised). */
export function blockDeclarations(spec: LangSpec): BlockDeclarations {
  return (block) => block.namedChildren.map((c) => ({ end: c.endIndex, names: declaredNames(spec, c, []) }));
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The constant string `node` stands for: the literal itself, or for a name,
 * the literal of its nearest earlier declaration in an enclosing block (the
 * function's own statements, then the module's) when that declaration is the
 * only one of the name in its block. Undefined for anything else (a
 * parameter, a call, a name assigned twice): "a secret written in the code".
 *
 * `text` (the document) lets a name that is never assigned a quoted literal
 * anywhere (`name = '…'`, `name := "…"`, `name: string = \`…\``) be answered
 * without walking the tree, which is most names.
 */
export function constantStringOf(spec: LangSpec, node: Node, text?: string, declsOf: BlockDeclarations = blockDeclarations(spec)): Node | undefined {
  if (isConstantString(spec, node)) return node;
  if (!spec.variables.has(node.type)) return undefined;
  const name = node.text;
  if (text !== undefined && !new RegExp(`(?:^|[^\\w$])${escapeRegex(name)}\\s*(?::[^=;\\n]{1,40})?:?=\\s*[rbuRBU]?['"\`]`).test(text)) return undefined;
  for (let a = node.parent; a; a = a.parent) {
    if (spec.functions.has(a.type)) {
      const params: Node[] = [];
      const ps = a.childForFieldName('parameters') ?? a.childForFieldName('parameter');
      if (ps) bindingsIn(spec, ps, params);
      if (params.some((p) => p.text === name)) return undefined;
    }
    const defs = declsOf(a).flatMap((c) => c.names.filter((d) => d.text === name).map((d) => ({ d, before: c.end <= node.startIndex })));
    if (!defs.length) continue;
    if (defs.length > 1 || !defs[0]!.before) return undefined;
    const value = assignedValue(spec, defs[0]!.d);
    return value && isConstantString(spec, value) ? value : undefined;
  }
  return undefined;
}
