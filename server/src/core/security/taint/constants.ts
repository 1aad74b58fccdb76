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

/** Definitions per scope (function or file), computed on first use. */
export class Constants {
  /** Scope node id → name → its single definition's value (null: not a constant). */
  private readonly scopes = new Map<number, Map<string, Node | null>>();

  constructor(private readonly spec: LangSpec, private readonly root: Node) {}

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

  private defsIn(scope: Node): Map<string, Node | null> {
    let defs = this.scopes.get(scope.id);
    if (defs) return defs;
    defs = new Map();
    const top = scope.id === this.root.id;
    const params = scope.childForFieldName('parameters') ?? scope.childForFieldName('parameter');
    for (const b of params ? bindingsIn(this.spec, params) : []) defs.set(b.text, null);
    const visit = (n: Node): void => {
      if (n.id !== scope.id && this.spec.functions.has(n.type)) return;
      const shape = this.spec.assignments[n.type];
      if (shape) {
        const left = n.childForFieldName(shape.left);
        const right = n.childForFieldName(shape.right);
        const names = left ? bindingsIn(this.spec, left) : [];
        const single = left && right && !shape.augmented && !LOOPS.test(n.type) && names.length === 1 && this.spec.variables.has(left.type);
        for (const b of names) {
          const constant = single && !defs!.has(b.text) && (!top || /^\$?[A-Z][A-Z0-9_]*$/.test(b.text) || /\b(final|const)\b/.test(n.parent?.text.slice(0, n.startIndex - n.parent.startIndex) ?? ''));
          defs!.set(b.text, constant ? right : null);
        }
      } else if (UPDATES.has(n.type)) {
        const target = n.namedChildren.find((c) => this.spec.variables.has(c.type));
        if (target) defs!.set(target.text, null);
      }
      for (const c of n.namedChildren) visit(c);
    };
    visit(scope);
    this.scopes.set(scope.id, defs);
    return defs;
  }
}
