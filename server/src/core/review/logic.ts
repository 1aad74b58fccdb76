/**
 * Node-level helpers for the walk: Cognitive Complexity of logical operator
 * sequences (with the eslint-plugin-sonarjs 1.0.4 exemptions for JS) and the
 * direct-recursion test.
 */
import type { Node } from 'web-tree-sitter';
import type { Family, LanguageSpec } from './languages';
import type { FunctionHead } from './naming';
import type { CallShape } from './cursor';
import { parentSkippingParens, unwrapParens } from './naming';

/** Where the logical-sequence logic reports to (implemented by the walker). */
export interface LogicalSink {
  flat(kind: string, row: number, col: number): void;
  markConsidered(n: Node): void;
}

/** ESTree `Literal`, `ArrayExpression`, `ObjectExpression` in tree-sitter-javascript terms. */
const JS_LITERALS = new Set(['string', 'number', 'true', 'false', 'null', 'regex', 'array', 'object']);

function operatorOf(n: Node): string | undefined {
  return n.childForFieldName('operator')?.type;
}

function isLogical(n: Node, spec: LanguageSpec): boolean {
  const op = spec.roles.get(n.type) === 'logical' ? operatorOf(n) : undefined;
  return op !== undefined && spec.cognitiveOperators.has(op);
}

/**
 * Adds the increments for the logical sequence rooted at `node`: +1 for the
 * first operator and +1 each time the operator changes, in source order.
 * Nested logical nodes are marked considered so they are not counted again.
 */
export function cognitiveLogical(node: Node, spec: LanguageSpec, sink: LogicalSink): void {
  if (spec.family === 'js') {
    const parent = parentSkippingParens(node);
    if (parent?.type === 'jsx_expression') {
      const chain = jsxShortCircuit(node, spec);
      if (chain) {
        for (const n of chain) sink.markConsidered(n);
        return;
      }
    }
    if (isDefaultValuePattern(node, parent)) return;
  }
  const seq: { op: string; tok: Node }[] = [];
  flatten(node, spec, seq, sink);
  let prev: string | undefined;
  for (const { op, tok } of seq) {
    if (op !== prev) sink.flat(tok.type, tok.startPosition.row, tok.startPosition.column);
    prev = op;
  }
}

function flatten(n: Node, spec: LanguageSpec, out: { op: string; tok: Node }[], sink: LogicalSink): void {
  const u = unwrapParens(n);
  if (!isLogical(u, spec)) {
    const misparsed = spec.family === 'js' ? misparsedNonNull(u, spec) : undefined;
    if (misparsed) flatten(misparsed, spec, out, sink);
    return;
  }
  sink.markConsidered(u);
  const left = u.childForFieldName('left');
  const right = u.childForFieldName('right');
  const opNode = u.childForFieldName('operator')!;
  if (left) flatten(left, spec, out, sink);
  out.push({ op: spec.cognitiveOperators.get(opNode.type)!, tok: opNode });
  if (right) flatten(right, spec, out, sink);
}

/**
 * tree-sitter-typescript 0.23 parses `a && b!.c` as `(a && b)!.c` (a postfix `!`
 * cannot apply to an unparenthesised binary expression in TypeScript). The
 * swallowed logical belongs to the enclosing sequence; find it on the operand's
 * leftmost spine so it is counted there, as SonarJS (on the real AST) does.
 */
function misparsedNonNull(n: Node, spec: LanguageSpec): Node | undefined {
  let cur: Node | null = n;
  for (let depth = 0; cur && depth < 8; depth++) {
    if (cur.type === 'non_null_expression') {
      const inner = cur.namedChildren[0];
      return inner && isLogical(inner, spec) ? inner : undefined;
    }
    cur = cur.childForFieldName('left') ?? cur.childForFieldName('object') ?? cur.childForFieldName('function');
  }
  return undefined;
}

/**
 * sonarjs: `{a && <X/>}` in JSX is conditional rendering, not logic, when
 * the whole chain uses one operator and contains no ternary. Returns the
 * chain's logical nodes, or null when it must be counted normally.
 */
function jsxShortCircuit(root: Node, spec: LanguageSpec): Node[] | null {
  const rootOp = operatorOf(root);
  const out: Node[] = [];
  const rec = (n: Node): boolean => {
    const u = unwrapParens(n);
    if (u.type === 'ternary_expression') return false;
    if (!isLogical(u, spec)) return true;
    if (operatorOf(u) !== rootOp) return false;
    const left = u.childForFieldName('left');
    const right = u.childForFieldName('right');
    if (left && !rec(left)) return false;
    out.push(u);
    return !right || rec(right);
  };
  return rec(root) ? out : null;
}

/**
 * sonarjs exempts default values: `const x = a || literal` and
 * `a = a || literal` (literal = string/number/boolean/null/regex, array or object literal).
 */
function isDefaultValuePattern(node: Node, parent: Node | null): boolean {
  const op = operatorOf(node);
  if (!parent || (op !== '||' && op !== '??')) return false;
  const right = node.childForFieldName('right');
  if (!right || !JS_LITERALS.has(unwrapParens(right).type)) return false;
  if (parent.type === 'variable_declarator') return isField(parent, 'value', node);
  if (parent.type === 'assignment_expression' || parent.type === 'augmented_assignment_expression') {
    if (!isField(parent, 'right', node)) return false;
    const left = node.childForFieldName('left');
    return !!left && parent.childForFieldName('left')?.text === unwrapParens(left).text;
  }
  return false;
}

/** Whether `parent`'s field holds `node` (possibly wrapped in parentheses). */
function isField(parent: Node, field: string, node: Node): boolean {
  const child = parent.childForFieldName(field);
  return !!child && unwrapParens(child).equals(node);
}

const MEMBER = /^([\w$]+)\s*(?:\?\.|\.)\s*([\w$]+)$/;

/** Whether a call is a direct recursive call of the function described by `head`. */
export function isSelfCall(call: CallShape, head: FunctionHead, family: Family): boolean {
  const name = head.callName;
  const isMethod = head.selfNames.length > 0;
  switch (family) {
    case 'js':
    case 'python':
    case 'go': {
      if (!call.fn) return false;
      if (call.fnType === 'identifier') return !isMethod && call.fn === name;
      const m = isMethod ? MEMBER.exec(call.fn) : null;
      return !!m && m[2] === name && head.selfNames.includes(m[1]!);
    }
    case 'java':
      return call.name === name && (call.object === undefined || call.object === 'this');
    case 'php': {
      if (call.type === 'function_call_expression') return !isMethod && call.fn === name;
      const receiver = call.object ?? call.scope;
      return isMethod && call.name === name && receiver !== undefined && head.selfNames.includes(receiver);
    }
  }
}
