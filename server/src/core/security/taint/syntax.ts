/**
 * Small syntax readers shared by the taint analyser: the parts of a call,
 * the names a declaration binds, and the allow-list guards recognised in
 * `if` conditions.
 */
import type { Node } from 'web-tree-sitter';
import { isConstant, unwrap, type LangSpec } from './languages';

/** Callee name, receiver and argument expressions of a call node. */
export interface CallParts {
  readonly name: string | undefined;
  readonly receiver: Node | undefined;
  readonly args: readonly Node[];
}

/** Argument wrappers (PHP `argument`, Python `keyword_argument`) → the value expression. */
function argumentValue(n: Node): Node {
  if (n.type === 'argument') return n.namedChildren.at(-1) ?? n;
  if (n.type === 'keyword_argument') return n.childForFieldName('value') ?? n;
  return n;
}

/** Reads a call node of any supported grammar. */
export function callParts(spec: LangSpec, node: Node): CallParts {
  const callee = node.childForFieldName('function') ?? node.childForFieldName('constructor');
  const argsNode = node.childForFieldName('arguments');
  const args = argsNode ? argsNode.namedChildren.filter((c) => c.type !== 'comment').map(argumentValue) : [];
  if (callee) {
    const objField = spec.members[callee.type];
    if (objField) {
      const prop = callee.childForFieldName('property') ?? callee.childForFieldName('attribute') ?? callee.childForFieldName('field') ?? callee.childForFieldName('name');
      return { name: prop?.text, receiver: callee.childForFieldName(objField) ?? undefined, args };
    }
    return { name: callee.text, receiver: undefined, args };
  }
  const receiver = node.childForFieldName('object') ?? node.childForFieldName('scope') ?? undefined;
  return { name: node.childForFieldName('name')?.text ?? node.childForFieldName('type')?.text, receiver, args };
}

/** The index expression of a subscript node whose container is `base` (the base node itself when there is none, which folds to nothing useful). */
export function subscriptIndex(node: Node, base: Node): Node {
  return node.namedChildren.find((c) => c.id !== base.id && c.type !== 'comment') ?? base;
}

/** `[ok, x]` for Go's `_, ok := allowed[x]`, so that `if !ok { return }` guards `x`. */
export function okAliasOf(spec: LangSpec, left: Node | null, right: Node | null): [string, string] | undefined {
  if (!left || !right || left.namedChildCount !== 2 || right.namedChildCount !== 1) return undefined;
  const idx = right.namedChild(0)!;
  const key = idx.type === 'index_expression' ? idx.childForFieldName('index') : null;
  return key && spec.variables.has(key.type) ? [left.namedChild(1)!.text, key.text] : undefined;
}

/** Fields and node types inside a declaration that are not bound names (types, defaults, annotations). */
const NON_BINDING_FIELDS = new Set(['type', 'default_value', 'right', 'key', 'return_type', 'decorator', 'annotation']);
const NON_BINDING_TYPES = new Set(['modifiers', 'decorator', 'annotation', 'marker_annotation', 'type_annotation', 'type', 'attribute_list']);

/** Names bound by a declaration target or parameter list (destructuring included). */
export function bindingsIn(spec: LangSpec, node: Node, out: Node[] = []): Node[] {
  if (spec.bindings.has(node.type)) {
    out.push(node);
    return out;
  }
  if (NON_BINDING_TYPES.has(node.type) || spec.functions.has(node.type)) return out;
  for (let i = 0; i < node.namedChildCount; i++) {
    const c = node.namedChild(i)!;
    const field = fieldOfNamedChild(node, c);
    if (field && NON_BINDING_FIELDS.has(field)) continue;
    if (field === 'value' && node.type !== 'pair_pattern') continue;
    bindingsIn(spec, c, out);
  }
  return out;
}

/** Field name under which `child` hangs from `parent`, if any. */
export function fieldOfNamedChild(parent: Node, child: Node): string | null {
  for (let i = 0; i < parent.childCount; i++) {
    const c = parent.child(i)!;
    if (c.id === child.id) return parent.fieldNameForChild(i);
  }
  return null;
}

/** Which argument an allow-list / validation call checks. */
const GUARD_CALLS: Readonly<Record<string, 'receiver' | 'first' | 'last'>> = {
  includes: 'first', has: 'first', contains: 'last', containsKey: 'first', test: 'first', Contains: 'last', MatchString: 'first',
  in_array: 'first', array_key_exists: 'first', is_numeric: 'first', ctype_digit: 'first', ctype_alnum: 'first', preg_match: 'last',
  fullmatch: 'last', isdigit: 'receiver', isalnum: 'receiver', isnumeric: 'receiver', isdecimal: 'receiver', matches: 'receiver',
  startsWith: 'receiver', startswith: 'receiver', HasPrefix: 'first', str_starts_with: 'first', is_relative_to: 'receiver',
  url_has_allowed_host_and_scheme: 'first', is_safe_url: 'first', isSafeUrl: 'first', isAllowedHost: 'first',
  isInteger: 'first', isSafeInteger: 'first', isUUID: 'first', isValid: 'first', validate: 'first', isAlphanumeric: 'first', isNumeric: 'first',
};

/** Substring tests: `name.contains("..")`, `strings.Contains(name, "..")`, `str_contains($name, '..')`. */
const CONTAINS_CALLS = new Set(['includes', 'contains', 'Contains', 'str_contains']);

/**
 * The variable a substring test checks for a parent-directory segment
 * (a constant holding `..`); a false result proves it a plain name.
 */
function parentSegmentCheck(spec: LangSpec, receiver: Node | undefined, args: readonly Node[]): string | undefined {
  const dots = (x: Node | undefined) => x !== undefined && isConstant(spec, x) && x.text.includes('..');
  const [a, b] = args;
  if (args.length === 1 && dots(a)) return varKey(spec, receiver);
  if (args.length === 2 && dots(b)) return varKey(spec, a);
  return undefined;
}

/** `str(p)` / `os.fspath(p)` / `String(p)` / `p.toString()` check `p` itself: the argument (or receiver) of a text conversion, else the node. */
function textConversionArg(spec: LangSpec, n: Node): Node {
  const u = unwrap(spec, n);
  if (spec.calls[u.type] === undefined) return n;
  const { name, receiver, args } = callParts(spec, u);
  if ((name === 'str' || name === 'fspath' || name === 'String') && args.length === 1) return args[0]!;
  if ((name === 'toString' || name === 'toAbsolutePath' || name === 'normalize') && receiver && args.length === 0) return receiver;
  return n;
}

/** Variables a condition proves clean when it is true, and when it is false. */
export interface Guards {
  readonly whenTrue: readonly string[];
  readonly whenFalse: readonly string[];
}

const NO_GUARDS: Guards = { whenTrue: [], whenFalse: [] };

function operatorOf(node: Node): string {
  const op = node.childForFieldName('operator');
  if (op) return op.text;
  for (let i = 0; i < node.childCount; i++) {
    const c = node.child(i)!;
    if (!c.isNamed) return c.type;
  }
  return '';
}

function varKey(spec: LangSpec, n: Node | undefined): string | undefined {
  if (!n) return undefined;
  const u = unwrap(spec, n);
  return spec.variables.has(u.type) || spec.members[u.type] ? u.text : undefined;
}

/**
 * Recognises allow-list and validation checks: `ALLOWED.includes(x)`,
 * `x in ALLOWED`, `in_array($x, $allowed)`, `x.isdigit()`, `/^\d+$/.test(x)`,
 * `x === 'asc'`, Go's `_, ok := allowed[x]` (via `okAliases`), combined with
 * `!`, `not`, `&&`/`and` and `||`/`or`.
 */
export function guardsOf(spec: LangSpec, cond: Node, okAliases: ReadonlyMap<string, string>): Guards {
  const n = cond;
  const negates = spec.wrappers[n.type];
  if (negates !== undefined) {
    const inner = n.namedChildren.filter((c) => c.type !== 'comment').at(-1);
    if (!inner) return NO_GUARDS;
    if (!negates) return guardsOf(spec, inner, okAliases);
    const op = operatorOf(n);
    if (op !== '!' && op !== 'not') return NO_GUARDS;
    const g = guardsOf(spec, inner, okAliases);
    return { whenTrue: g.whenFalse, whenFalse: g.whenTrue };
  }
  if (spec.variables.has(n.type) && okAliases.has(n.text)) return { whenTrue: [okAliases.get(n.text)!], whenFalse: [] };
  const sub = spec.subscripts[n.type];
  if (sub !== undefined) {
    // `if allowed[x]` / `if (!ALLOWED[x]) return`: a truthy lookup in a table keyed by x.
    const key = varKey(spec, n.childForFieldName('index') ?? n.childForFieldName('subscript') ?? n.namedChild(1) ?? undefined);
    return key ? { whenTrue: [key], whenFalse: [] } : NO_GUARDS;
  }
  if (spec.calls[n.type] !== undefined) {
    const { name, receiver, args } = callParts(spec, n);
    const dotted = name && CONTAINS_CALLS.has(name) ? parentSegmentCheck(spec, receiver, args) : undefined;
    if (dotted) return { whenTrue: [], whenFalse: [dotted] };
    const which = name ? GUARD_CALLS[name] : undefined;
    const target = which === 'receiver' ? receiver : which === 'first' ? args[0] : which === 'last' ? args.at(-1) : undefined;
    const key = varKey(spec, target && textConversionArg(spec, target));
    return key ? { whenTrue: [key], whenFalse: [] } : NO_GUARDS;
  }
  if (spec.binaries.has(n.type) || n.type === 'comparison_operator' || n.type === 'boolean_operator') {
    const op = operatorOf(n);
    const [l, r] = [n.childForFieldName('left') ?? n.namedChild(0) ?? undefined, n.childForFieldName('right') ?? n.namedChild(1) ?? undefined];
    if ((op === '&&' || op === 'and' || op === '||' || op === 'or') && l && r) {
      const a = guardsOf(spec, l, okAliases);
      const b = guardsOf(spec, r, okAliases);
      const both = (x: readonly string[], y: readonly string[]) => x.filter((k) => y.includes(k));
      const either = (x: readonly string[], y: readonly string[]) => [...new Set([...x, ...y])];
      return op === '&&' || op === 'and'
        ? { whenTrue: either(a.whenTrue, b.whenTrue), whenFalse: both(a.whenFalse, b.whenFalse) }
        : { whenTrue: both(a.whenTrue, b.whenTrue), whenFalse: either(a.whenFalse, b.whenFalse) };
    }
    if (op === 'in' || op === 'not in') {
      // `if '..' in name: return` rejects parent-directory segments: what passes is a plain name.
      if (l && r && isConstant(spec, l) && l.text.includes('..')) {
        const checked = varKey(spec, r);
        return checked ? (op === 'in' ? { whenTrue: [], whenFalse: [checked] } : { whenTrue: [checked], whenFalse: [] }) : NO_GUARDS;
      }
      const key = varKey(spec, l);
      return key ? (op === 'in' ? { whenTrue: [key], whenFalse: [] } : { whenTrue: [], whenFalse: [key] }) : NO_GUARDS;
    }
    if (['==', '===', '!=', '!==', 'is', 'is not'].includes(op) && l && r) {
      const key = isConstant(spec, r) ? varKey(spec, l) : isConstant(spec, l) ? varKey(spec, r) : undefined;
      if (!key) return NO_GUARDS;
      return op === '==' || op === '===' || op === 'is' ? { whenTrue: [key], whenFalse: [] } : { whenTrue: [], whenFalse: [key] };
    }
  }
  return NO_GUARDS;
}

/** A same-file helper function or a class name, as `collectHelpers` meets them. */
export type HelperEntry = { readonly kind: 'helper'; readonly name: string; readonly fn: Node } | { readonly kind: 'class'; readonly name: string };

/** The helper functions and class names declared in the named child `c` of a block or the root, in order. */
export function helperEntriesOf(spec: LangSpec, c: Node, out: HelperEntry[] = []): HelperEntry[] {
  if (/^class_(declaration|definition)$/.test(c.type)) {
    const name = c.childForFieldName('name')?.text;
    if (name) out.push({ kind: 'class', name });
  }
  let fn: Node | undefined;
  let name: string | undefined;
  if (spec.functions.has(c.type)) [fn, name] = [c, c.childForFieldName('name')?.text];
  else if (c.type === 'variable_declarator' && spec.functions.has(c.childForFieldName('value')?.type ?? '')) {
    [fn, name] = [c.childForFieldName('value')!, c.childForFieldName('name')?.text];
  }
  if (fn && name) out.push({ kind: 'helper', name, fn });
  else if (!fn) for (const g of c.namedChildren) helperEntriesOf(spec, g, out);
  return out;
}

/** Adds one entry: a name defined twice maps to null (ambiguous, not summarised). */
export function addHelper<T>(e: { readonly kind: 'helper' | 'class'; readonly name: string }, fn: T, out: Map<string, T | null>, classes?: Set<string>): void {
  if (e.kind === 'class') classes?.add(e.name);
  else out.set(e.name, out.has(e.name) ? null : fn);
}

/**
 * Same-file helper functions by name (top level and class bodies, not nested
 * functions). A name defined twice maps to null: ambiguous, not summarised.
 * The names of the classes declared on the way are added to `classes`.
 */
export function collectHelpers(spec: LangSpec, node: Node, out: Map<string, Node | null>, classes?: Set<string>): void {
  for (const c of node.namedChildren) for (const e of helperEntriesOf(spec, c)) addHelper(e, e.kind === 'helper' ? e.fn : null, out, classes);
}
