/**
 * Compile-time constant folding for the taint analyser: conditions such as
 * `(7 * 42) - num > 200` with `int num = 106;`, `guess.charAt(2)` with
 * `String guess = "ABC";`, and map keys / list indexes. A branch whose
 * condition is known is the only one analysed, so the dead twin of a
 * tainted branch stays quiet.
 *
 * A name is only folded when it is defined exactly once in its function (or
 * at file level as a final / const / ALL_CAPS name), is never incremented,
 * is not a parameter, and the definition precedes the use: the value is
 * then the same wherever the name is read, so no flow-sensitive tracking
 * is needed.
 */
import type { Node } from 'web-tree-sitter';
import { unwrap, type LangSpec } from './languages';
import { bindingsIn, callParts } from './syntax';

/** A folded value. */
export type Const = string | number | boolean;

/** Conditional expressions: `c ? a : b` (Java, JS, PHP) and Python's `a if c else b`. */
export function ternaryParts(node: Node): { cond: Node; then: Node; otherwise: Node } | undefined {
  if (node.type !== 'ternary_expression' && node.type !== 'conditional_expression') return undefined;
  const cond = node.childForFieldName('condition');
  if (cond) {
    const then = node.childForFieldName('consequence') ?? node.childForFieldName('body');
    const otherwise = node.childForFieldName('alternative');
    return then && otherwise ? { cond, then, otherwise } : undefined;
  }
  const [then, c, otherwise] = node.namedChildren.filter((n) => n.type !== 'comment');
  return then && c && otherwise ? { cond: c, then, otherwise } : undefined;
}

const UPDATES = new Set(['update_expression', 'inc_statement', 'dec_statement']);
const LOOPS = /for|range/;
const STRING = /^(["'`])([^\\"'`$]*)\1$/;

function operatorOf(node: Node): string {
  const op = node.childForFieldName('operator');
  if (op) return op.text;
  for (let i = 0; i < node.childCount; i++) if (!node.child(i)!.isNamed) return node.child(i)!.type;
  return '';
}

/** A scope's definitions by name: the value of its single constant definition, null when the name is not a constant. */
export interface ScopeDefinitions {
  has(name: string): boolean;
  get(name: string): Node | null | undefined;
}

/** One definition met in a scope, in document order: the value when this definition alone could make the name a constant. */
export interface DefinitionEntry {
  readonly name: string;
  readonly value: Node | null;
}

/**
 * Adds one definition: the first definition of a name keeps its value (if
 * any); a second definition makes the name not a constant.
 */
export function addDefinition<T>(defs: Map<string, T | null>, name: string, value: T | null): void {
  defs.set(name, !defs.has(name) && value !== null ? value : null);
}

/** Definitions per scope (function or file), computed on first use. */
export class Constants {
  /** Scope node id → name → its single definition's value (null: not a constant). */
  private readonly scopes = new Map<number, ScopeDefinitions>();

  /** `fileScope`: the file scope's definitions when the caller already has them (the server keeps them per statement). */
  constructor(private readonly spec: LangSpec, private readonly root: Node, fileScope?: ScopeDefinitions) {
    if (fileScope) this.scopes.set(root.id, fileScope);
  }

  /** The folded value of an expression, or undefined. */
  eval(node: Node, depth = 0): Const | undefined {
    if (depth > 40) return undefined;
    const spec = this.spec;
    const n = unwrap(spec, node);
    const t = n.type;
    if (/^(true|True)$/.test(n.text) && n.namedChildCount === 0) return true;
    if (/^(false|False)$/.test(n.text) && n.namedChildCount === 0) return false;
    if (spec.literals.has(t) || spec.strings.has(t)) {
      if (/^\d+$/.test(n.text)) return Number(n.text);
      if (/^\d*\.\d+$/.test(n.text)) return Number(n.text);
      const m = STRING.exec(n.text);
      return m ? m[2] : undefined;
    }
    if (spec.variables.has(t)) {
      const def = this.definition(n);
      return def ? this.eval(def, depth + 1) : undefined;
    }
    const tern = ternaryParts(n);
    if (tern) {
      const c = this.eval(tern.cond, depth + 1);
      return c === undefined ? undefined : this.eval(c ? tern.then : tern.otherwise, depth + 1);
    }
    if (spec.wrappers[t] === true || t === 'not_operator' || t === 'unary_operator') {
      const v = this.eval(n.namedChildren.at(-1) ?? n, depth + 1);
      const op = operatorOf(n);
      if (v === undefined) return undefined;
      if (op === '!' || op === 'not') return !v;
      if (op === '-' && typeof v === 'number') return -v;
      return op === '+' && typeof v === 'number' ? v : undefined;
    }
    if (/^(binary_expression|binary_operator|comparison_operator|boolean_operator)$/.test(t)) {
      const l = n.childForFieldName('left') ?? n.namedChild(0);
      const r = n.childForFieldName('right') ?? n.namedChild(1);
      if (!l || !r || n.namedChildCount > 2) return undefined;
      const a = this.eval(l, depth + 1);
      const b = a === undefined ? undefined : this.eval(r, depth + 1);
      return a === undefined || b === undefined ? undefined : this.binary(operatorOf(n), a, b);
    }
    if (spec.calls[t] !== undefined) return this.call(n, depth);
    if (spec.subscripts[t] !== undefined) return this.index(n, depth);
    return undefined;
  }

  /** `"ABC"[1]` (and Python's `"ABC"[-1]`) on a constant string. */
  private index(n: Node, depth: number): Const | undefined {
    const field = this.spec.subscripts[n.type];
    const base = field ? n.childForFieldName(field) : n.namedChild(0);
    const idx = base ? n.namedChildren.find((c) => c.id !== base.id && c.type !== 'comment') : undefined;
    if (!base || !idx) return undefined;
    const s = this.eval(base, depth + 1);
    const i = typeof s === 'string' ? this.eval(idx, depth + 1) : undefined;
    if (typeof s !== 'string' || typeof i !== 'number' || !Number.isInteger(i)) return undefined;
    const at = i < 0 && n.type === 'subscript' ? s.length + i : i;
    return at >= 0 && at < s.length ? s[at] : undefined;
  }

  private binary(op: string, a: Const, b: Const): Const | undefined {
    if (typeof a === 'number' && typeof b === 'number') {
      const int = this.spec.intDivision && Number.isInteger(a) && Number.isInteger(b);
      switch (op) {
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return b === 0 ? undefined : int ? Math.trunc(a / b) : a / b;
        case '%': return b === 0 ? undefined : a % b;
        case '>': return a > b;
        case '<': return a < b;
        case '>=': return a >= b;
        case '<=': return a <= b;
      }
    }
    if (typeof a === 'string' && typeof b === 'string' && (op === '+' || op === '.')) return a + b;
    if (typeof a === 'boolean' && typeof b === 'boolean' && /^(&&|\|\||and|or)$/.test(op)) return op === '&&' || op === 'and' ? a && b : a || b;
    if (typeof a === typeof b && /^(==|===|!=|!==|<>)$/.test(op)) return op.startsWith('=') ? a === b : a !== b;
    return undefined;
  }

  /** Pure string methods on a constant receiver (`"ABC".charAt(2)`, `s.length()`, `s.equals("x")`). */
  private call(n: Node, depth: number): Const | undefined {
    const { name, receiver, args } = callParts(this.spec, n);
    if (!name || !receiver) return undefined;
    const s = this.eval(receiver, depth + 1);
    if (typeof s !== 'string') return undefined;
    const v = args.map((a) => this.eval(a, depth + 1));
    if (v.some((x) => x === undefined)) return undefined;
    const [x, y] = v;
    switch (name) {
      case 'charAt': return typeof x === 'number' && x >= 0 && x < s.length ? s[x] : undefined;
      case 'length': return args.length === 0 ? s.length : undefined;
      case 'equals': return typeof x === 'string' ? s === x : undefined;
      case 'equalsIgnoreCase': return typeof x === 'string' ? s.toLowerCase() === x.toLowerCase() : undefined;
      case 'toUpperCase': return s.toUpperCase();
      case 'toLowerCase': return s.toLowerCase();
      case 'trim': return s.trim();
      case 'indexOf': return typeof x === 'string' ? s.indexOf(x) : undefined;
      case 'startsWith': return typeof x === 'string' ? s.startsWith(x) : undefined;
      case 'endsWith': return typeof x === 'string' ? s.endsWith(x) : undefined;
      case 'contains': case 'includes': return typeof x === 'string' ? s.includes(x) : undefined;
      case 'substring':
        return typeof x === 'number' && x >= 0 && x <= s.length && (y === undefined || (typeof y === 'number' && y >= x && y <= s.length)) ? s.substring(x, y as number | undefined) : undefined;
    }
    return undefined;
  }

  /** The value node of the single definition of the variable `use`, if it is a constant name. */
  private definition(use: Node): Node | undefined {
    const name = use.text;
    for (let scope: Node | null = this.scopeOf(use); scope; scope = scope.id === this.root.id ? null : this.scopeOf(scope)) {
      const defs = this.defsIn(scope);
      if (!defs.has(name)) continue;
      const def = defs.get(name);
      // Class fields and module constants may be declared below the method that reads them.
      return def && (scope.id === this.root.id || def.startIndex < use.startIndex) ? def : undefined;
    }
    return undefined;
  }

  private scopeOf(node: Node): Node {
    for (let n = node.parent; n; n = n.parent) if (this.spec.functions.has(n.type)) return n;
    return this.root;
  }

  private defsIn(scope: Node): ScopeDefinitions {
    let defs = this.scopes.get(scope.id);
    if (defs) return defs;
    const map = new Map<string, Node | null>();
    const params = scope.childForFieldName('parameters') ?? scope.childForFieldName('parameter');
    for (const b of params ? bindingsIn(this.spec, params) : []) addDefinition(map, b.text, null);
    for (const e of definitionEntries(this.spec, scope, { top: scope.id === this.root.id, isScope: true })) addDefinition(map, e.name, e.value);
    defs = map;
    this.scopes.set(scope.id, defs);
    return defs;
  }
}

/** How {@link definitionEntries} reads a node. */
export interface DefinitionScan {
  /** The scope is the file, where only ALL_CAPS, `final` and `const` names are constants. */
  readonly top: boolean;
  /** The node is the scope itself (a function's own node is read; any other function is skipped). */
  readonly isScope: boolean;
  /** Called when an entry depended on text outside the node (the declaration keywords before a root-level statement). */
  readonly outside?: () => void;
}

/**
 * The definitions of `node` and everything below it that is not in a nested
 * function, in document order (pre-order), as `Constants` folds them into a
 * scope; the file scope's entries are those of the root's children in order.
 */
export function definitionEntries(spec: LangSpec, node: Node, scan: DefinitionScan): DefinitionEntry[] {
  const { top, outside } = scan;
  const out: DefinitionEntry[] = [];
  const visit = (n: Node, own: boolean): void => {
    if (!own && spec.functions.has(n.type)) return;
    const shape = spec.assignments[n.type];
    if (shape) {
      const left = n.childForFieldName(shape.left);
      const right = n.childForFieldName(shape.right);
      const names = left ? bindingsIn(spec, left) : [];
      const single = left && right && !shape.augmented && !LOOPS.test(n.type) && names.length === 1 && spec.variables.has(left.type);
      for (const b of names) {
        let constant = !!single && !top;
        if (single && top) {
          constant = /^\$?[A-Z][A-Z0-9_]*$/.test(b.text);
          if (!constant && n.id === node.id) outside?.();
          constant ||= /\b(final|const)\b/.test(n.parent?.text.slice(0, n.startIndex - n.parent.startIndex) ?? '');
        }
        out.push({ name: b.text, value: constant ? right : null });
      }
    } else if (UPDATES.has(n.type)) {
      const target = n.namedChildren.find((c) => spec.variables.has(c.type));
      if (target) out.push({ name: target.text, value: null });
    }
    for (const c of n.namedChildren) visit(c, false);
  };
  visit(node, scan.isScope);
  return out;
}
