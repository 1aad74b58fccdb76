/**
 * The node roles found inside expressions: ternaries, logical operator
 * sequences and calls (recursion, optional calls, debug output). A base of
 * `Walker` (`walker.ts`), which dispatches every role, so that the walker's
 * statement-level roles and these read on their own; the methods are the
 * walker's own, inherited, so the per-node dispatch is unchanged.
 */
import type { Node } from 'web-tree-sitter';
import type { HygieneHit } from './types';
import { cognitiveLogical, isSelfCall } from './logic';
import { debugOutputCall } from './hygieneNodes';
import { anyIn } from './frames';
import { Traversal } from './traversal';

/** Parents under which a JS logical expression may be exempt from counting (see logic.ts). */
const JS_EXEMPT_PARENTS = new Set(['variable_declarator', 'assignment_expression', 'augmented_assignment_expression', 'jsx_expression']);

/** The walker's expression-level roles; `Walker` adds the rest and the role dispatch. */
export abstract class ExpressionRoles extends Traversal {
  private readonly considered = new Set<number>();
  /** Hygiene hits (debug output, empty catches), in document order. */
  readonly hygiene: HygieneHit[] = [];
  /** Inside Python's `if __name__ == "__main__":` (print is the program's output there). */
  protected mainGuard = 0;
  /** Go `package main`: printing is the program's output. */
  protected goPackageMain = false;

  /** A conditional expression; false when it is PHP's `a ?: b`, whose children are visited normally. */
  protected visitTernary(): boolean {
    const family = this.spec.family;
    const node = this.c.raw.currentNode;
    const branchFields = family === 'php' ? ['body', 'alternative'] : ['consequence', 'alternative'];
    // PHP `a ?: b` is shorthand like `??`: a decision for McCabe, free for Cognitive Complexity.
    if (family === 'php' && !node.childForFieldName('body')) {
      this.cyclo();
      return false;
    }
    const tok = node.children.find((ch) => !ch.isNamed && ch.type === (family === 'python' ? 'if' : '?')) ?? node;
    this.structural('ternary', tok.startPosition.row, tok.startPosition.column);
    this.cyclo();
    this.eachChild((field, _t, named) => {
      const isBranch = family === 'python' ? named === 0 || named === 2 : field !== null && branchFields.includes(field);
      if (!isBranch) return 'flat';
      if (family === 'js' && this.spec.roles.get(this.c.unwrappedType()) === 'function') {
        // sonarjs 1.0.4 raises nesting on entering the branch but never lowers it (the
        // function's own scope is on top at exit), so the rest of the function stays deeper.
        this.top().leak++;
        return 'flat';
      }
      return 'nested';
    });
    return true;
  }

  /** A binary expression: McCabe decisions, and one increment per run of like logical operators. */
  protected visitLogical(): void {
    this.fetchSpan();
    const start = this.spanStart;
    const end = this.spanEnd;
    // Most binary expressions are arithmetic or comparisons: no logical operator text, no work.
    if (!this.mayHoldLogical(start, end)) return;
    const op = this.c.operator();
    if (op === undefined) return;
    if (this.spec.cyclomaticOperators.has(op)) this.cyclo();
    if (!this.spec.cognitiveOperators.has(op)) return;
    const c = this.c.raw;
    if (this.considered.has(start * 0x4000000 + end)) return;
    const js = this.spec.family === 'js';
    if (js && JS_EXEMPT_PARENTS.has(this.ancestor(1, false) ?? '')) {
      // Possible sonarjs exemption (default value, JSX short-circuit): decided on real nodes.
      cognitiveLogical(c.currentNode, this.spec, {
        flat: (kind, row, col) => this.flat(kind, row, col),
        markConsidered: (n: Node) => this.considered.add(n.startIndex * 0x4000000 + n.endIndex),
      });
      return;
    }
    const ops = this.spec.cognitiveOperators;
    const seq = this.c.logicalSequence(
      (o) => ops.get(o),
      (start, end) => this.considered.add(start * 0x4000000 + end),
      js,
    );
    let prev: string | undefined;
    for (const { op, text, row, col } of seq) {
      if (op !== prev) this.flat(text, row, col);
      prev = op;
    }
  }

  /** A call: the callback label, optional calls, direct recursion and debug output. */
  protected visitCall(type: string): void {
    const f = this.top();
    this.fetchSpan();
    const start = this.spanStart;
    const mayRecurse = f.head?.callName !== undefined && !f.recursive && (this.exhaustive || anyIn(f.nameOffsets, start, this.spanEnd));
    // Remember where the call starts: a callback inside it is named after the callee text.
    this.nextLabel = start;
    if (!mayRecurse && !this.mayPrint && !this.mayOptionalCall && !this.exhaustive) return;
    const shape = this.c.callShape(type, start, this.spanEnd);
    // `f?.()`: tree-sitter keeps the optional-call `?.` as a bare token (member access uses `optional_chain`).
    if (shape.optional) this.cyclo();
    if (mayRecurse && isSelfCall(shape, f.head!, this.spec.family)) {
      f.recursive = true;
      this.flatHere('recursion');
    }
    if (!this.mayPrint && !this.exhaustive) return;
    const inMain = this.mainGuard > 0 || this.frames.some((fr) => fr.head?.callName === 'main');
    const hit = debugOutputCall(shape, this.spec.family, { inMain, goPackageMain: this.goPackageMain }, () => this.c.raw.currentNode);
    if (hit) this.hygiene.push(hit);
  }
}
