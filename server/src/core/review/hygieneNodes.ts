/**
 * Node-level hygiene checks run during the walk: debug output calls and
 * empty or bare catch clauses. Comment-based checks live in `hygiene.ts`.
 */
import type { Node } from 'web-tree-sitter';
import type { Family } from './languages';
import type { HygieneHit } from './types';
import type { CallShape } from './cursor';

/** Context that decides whether printing is the program's real output. */
export interface PrintContext {
  /** Inside a `main` function or Python's `if __name__ == "__main__":` block. */
  readonly inMain: boolean;
  readonly goPackageMain: boolean;
}

const JS_CONSOLE = /^console\.(log|debug|trace|dir|dirxml|table)$/;
const PY_DEBUG = new Set(['breakpoint', 'pdb.set_trace', 'ipdb.set_trace', 'pudb.set_trace']);
const PY_PRINT = new Set(['print', 'pprint', 'pprint.pprint']);
const JAVA_PRINT = /^System\.(out|err)$/;
const JAVA_PRINT_NAMES = new Set(['println', 'print', 'printf']);
const GO_FMT = /^fmt\.(Println|Printf|Print)$/;
const PHP_DEBUG = new Set(['var_dump', 'print_r', 'var_export', 'dd', 'dump', 'debug_zval_dump', 'debug_print_backtrace']);

function argCount(call: Node): number {
  const args = call.childForFieldName('arguments');
  return args ? args.namedChildren.filter((a) => !a.type.endsWith('comment')).length : 0;
}

/**
 * A debug print left in code, or undefined. `node` materialises the call
 * only when an argument count decides (print_r's return mode, printStackTrace()).
 */
export function debugOutputCall(call: CallShape, family: Family, ctx: PrintContext, node: () => Node): HygieneHit | undefined {
  const hit = (detail: string): HygieneHit => ({ rule: 'debug-output', startIndex: call.start, endIndex: call.end, detail });
  const fn = call.fn ?? '';
  switch (family) {
    case 'js':
      return JS_CONSOLE.test(fn) ? hit(`${fn}()`) : undefined;
    case 'python':
      if (PY_DEBUG.has(fn)) return hit(`${fn}()`);
      return PY_PRINT.has(fn) && !ctx.inMain ? hit(`${fn}()`) : undefined;
    case 'java':
      if (call.name === 'printStackTrace' && argCount(node()) === 0) return hit('printStackTrace()');
      return !ctx.inMain && call.object && JAVA_PRINT.test(call.object) && JAVA_PRINT_NAMES.has(call.name ?? '') ? hit(`${call.object}.${call.name}()`) : undefined;
    case 'go':
      if (call.fnType === 'identifier' && (fn === 'println' || fn === 'print')) return hit(`${fn}()`);
      return GO_FMT.test(fn) && !ctx.goPackageMain ? hit(`${fn}()`) : undefined;
    case 'php': {
      if (call.type !== 'function_call_expression') return undefined;
      const name = fn.replace(/^\\/, '').toLowerCase();
      if (!PHP_DEBUG.has(name)) return undefined;
      // print_r($x, true) and var_export($x, true) return a string instead of printing.
      if ((name === 'print_r' || name === 'var_export') && argCount(node()) > 1) return undefined;
      return hit(`${name}()`);
    }
  }
}

const BLOCK_TYPES = new Set(['block', 'statement_block', 'compound_statement']);

/** An empty catch block (no statement, no comment), or Python's bare `except:`. */
export function emptyCatch(clause: Node, family: Family): HygieneHit | undefined {
  const body = clause.childForFieldName('body') ?? clause.namedChildren.find((n) => BLOCK_TYPES.has(n.type));
  const at = (detail: string): HygieneHit => ({ rule: 'empty-catch', startIndex: clause.startIndex, endIndex: body?.startIndex ?? clause.endIndex, detail });
  if (family === 'python') {
    const bare = !clause.namedChildren.some((n) => !BLOCK_TYPES.has(n.type) && n.type !== 'comment');
    if (bare && clause.type === 'except_clause') return at('bare except: catches SystemExit and KeyboardInterrupt too');
    const stmts = body?.namedChildren ?? [];
    const hasComment = clause.namedChildren.some((n) => n.type === 'comment') || stmts.some((n) => n.type === 'comment');
    return !hasComment && stmts.length > 0 && stmts.every((n) => n.type === 'pass_statement') ? at('except block only passes: the error is silently ignored') : undefined;
  }
  if (!body || body.namedChildCount > 0) return undefined;
  return at('empty catch block: the error is silently ignored');
}
