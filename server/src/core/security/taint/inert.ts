/**
 * Literal data the taint walk can skip: a dictionary, list, tuple or set
 * made only of literals, containers and string pieces (no name, call,
 * operator, comprehension or interpolation; no source or sanitizer node) is
 * clean, and walking it changes nothing. Module-level tables of a large
 * Python file (`NAME_MAPPING = {...}`) were walked node by node three times
 * per keystroke (as statements, as a value, as a collection's elements).
 *
 * Why skipping is exact: every node type in {@link InertNodes} is none of the
 * types the analyser gives a meaning to (functions, variables, members,
 * subscripts, calls, operators, assignments, branches, loops, arms,
 * terminators, ternaries), so evaluating it is the union of its named
 * children's taints and executing it executes its named children, down to
 * literals, which are clean and do nothing. With no source or sanitizer
 * inside, the result is the clean taint and no state changes; a node with a
 * sink inside is never skipped (the caller checks that).
 */
import type { Node } from 'web-tree-sitter';
import { RawCursor, reopenCursorAt, type WalkCursor } from '../../parsing/rawCursor';
import type { LangSpec } from './languages';

/** Node types that may start a skipped subtree (checking every expression, or every lone string, costs more than it saves). */
const ROOTS = new Set(['dictionary', 'list', 'tuple', 'set', 'array', 'concatenated_string', 'expression_list']);

/** Node types that may appear inside it, besides the grammar's own literals and strings. */
const PARTS = ['dictionary', 'list', 'tuple', 'set', 'pair', 'array', 'parenthesized_expression', 'expression_list', 'comment',
  'string_start', 'string_content', 'string_end', 'escape_sequence', 'string_fragment'];

/** The types of one grammar the analyser gives a meaning to; never part of a skipped subtree. */
function meaningful(spec: LangSpec): Set<string> {
  return new Set([
    ...spec.functions, ...spec.variables, ...spec.bindings, ...Object.keys(spec.members), ...Object.keys(spec.subscripts),
    ...Object.keys(spec.calls), ...Object.keys(spec.assignments), ...spec.ifs, ...spec.elseIfs, ...spec.loops, ...spec.arms,
    ...spec.terminators, ...spec.interpolations, ...spec.binaries, 'return_statement', 'ternary_expression', 'conditional_expression', 'ERROR',
  ]);
}

const benignTypes = new WeakMap<LangSpec, ReadonlySet<string>>();

function benignOf(spec: LangSpec): ReadonlySet<string> {
  let set = benignTypes.get(spec);
  if (!set) {
    const skip = meaningful(spec);
    set = new Set([...spec.literals, ...spec.strings, ...PARTS].filter((t) => !skip.has(t)));
    benignTypes.set(spec, set);
  }
  return set;
}

/** Which subtrees of one tree are inert literal data; answers are cached by node id for one analysis. */
export class InertNodes {
  private readonly cache = new Map<number, boolean>();
  private readonly benign: ReadonlySet<string>;

  constructor(
    spec: LangSpec,
    private readonly sources: ReadonlyMap<number, unknown>,
    private readonly sanitizers: ReadonlyMap<number, unknown>,
  ) {
    this.benign = benignOf(spec);
  }

  /** Whether `node` (of type `type`, already read by the caller) is inert literal data. */
  has(node: Node, type: string): boolean {
    if (!ROOTS.has(type) || !this.benign.has(type)) return false;
    const known = this.cache.get(node.id);
    if (known !== undefined) return known;
    // A cursor reads types and ids without creating a Node per child; a heap-reading one is kept for the next call.
    const c = (this.cursor = reopenCursorAt(node, this.cursor));
    try {
      return this.scan(c);
    } finally {
      if (!(c instanceof RawCursor)) {
        c.delete();
        this.cursor = undefined;
      }
    }
  }

  private cursor: WalkCursor | undefined;

  private scan(c: WalkCursor): boolean {
    const id = c.nodeId;
    const known = this.cache.get(id);
    if (known !== undefined) return known;
    const type = c.nodeType;
    let ok = this.benign.has(type) && !this.sources.has(id) && !this.sanitizers.has(id);
    if (ok && c.gotoFirstChild()) {
      do {
        // Anonymous children (punctuation, keywords) are neither evaluated nor executed.
        if (c.nodeIsNamed && !this.scan(c)) ok = false;
      } while (ok && c.gotoNextSibling());
      c.gotoParent();
    }
    if (ROOTS.has(type)) this.cache.set(id, ok);
    return ok;
  }
}
