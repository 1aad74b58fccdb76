/**
 * The one tree walk per file. A TreeCursor visits every named node once;
 * function nodes open a frame in which Cognitive Complexity increments,
 * cyclomatic decisions and nesting are counted. The same pass collects
 * comments and hygiene hits; line kinds and duplication tokens come from a
 * cheap lexical pass over the text afterwards (`lexical.ts`).
 *
 * Counting rules follow the SonarSource whitepaper as implemented by
 * eslint-plugin-sonarjs 1.0.4 (the JS/TS oracle): every function, including
 * lambdas and nested functions, is scored on its own with nesting starting at
 * 0, and contributes nothing to its enclosing function. See docs/scoring.md.
 *
 * Nodes are materialised only for the few constructs that need them
 * (functions, ternaries, logical roots); traversal lives in `traversal.ts`,
 * the expression-level roles (ternary, logical, call) in `expressionRoles.ts`.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { FileWalk } from './types';
import type { LanguageSpec, Role } from './languages';
import { isDocstring } from './naming';
import { describeFunction } from './languageHeads';
import { emptyCatch } from './hygieneNodes';
import { commentInfos, scanText, type SkipRange } from './lexical';
import { finishFunctions, fnRecord, newFrame, wordOffsets, type FnRec } from './frames';
import { ExpressionRoles } from './expressionRoles';

/** Options of {@link walkTree}. */
export interface WalkOptions {
  /**
   * Visit every node, ignoring the trigger prefilter. Slower; used by tests to
   * check that the prefilter never changes a result.
   */
  readonly exhaustive?: boolean;
}

/** Walks `tree` once and returns per-function metrics plus the file-level raw material. */
export function walkTree(tree: Tree, spec: LanguageSpec, text: string, options: WalkOptions = {}): FileWalk {
  const w = new Walker(tree, spec, text, options.exhaustive === true);
  w.walk();
  const skips = [...w.skips, ...w.comments].sort((a, b) => a.start - b.start);
  const scan = scanText(text, skips);
  return {
    functions: finishFunctions(w.done, scan.lineKinds),
    lineKinds: scan.lineKinds,
    comments: commentInfos(text, w.comments, scan.lineStarts),
    hygiene: w.hygiene,
    tokenHashes: scan.tokenHashes,
    tokenLines: scan.tokenLines,
    hasParseErrors: tree.rootNode.hasError,
  };
}

/**
 * The metrics walk. Its outputs (`done`, `skips`, `hygiene`, `c.comments`)
 * grow in document order as nodes are visited; `incremental.ts` extends it
 * to record them per top-level declaration.
 */
export class Walker extends ExpressionRoles {
  /** Functions in the order they were left (inner before outer). */
  readonly done: FnRec[] = [];
  /** Docstring ranges (not code, like comments). */
  readonly skips: SkipRange[] = [];

  /** Comment ranges seen so far, in document order. */
  get comments(): readonly SkipRange[] {
    return this.c.comments;
  }

  /** Visits the whole tree once (the cursor is deleted afterwards). */
  walk(): void {
    this.prepare(this.tree.rootNode);
    try {
      this.walkRoot();
    } finally {
      this.c.delete();
    }
  }

  /** File-level facts the walk needs before it starts: Python's module docstring, Go's `package main`. */
  protected prepare(root: Node): void {
    if (this.spec.family === 'python') this.noteDocstring(root);
    if (this.spec.family === 'go') this.goPackageMain = root.namedChildren.some((n) => n.type === 'package_clause' && / main$/.test(n.text));
  }

  /** Visits the root node; the incremental walk replaces this to visit only what changed. */
  protected walkRoot(): void {
    this.visit(this.c.typeId());
  }

  // ---- roles -----------------------------------------------------------

  protected handle(role: Role, id: number): boolean {
    const type = this.c.typeName(id);
    switch (role) {
      case 'function':
        this.visitFunction(type);
        return true;
      case 'class':
        if (this.spec.family === 'python') this.noteDocstring(this.c.raw.currentNode.childForFieldName('body'));
        this.nextLabel = this.c.childText('name') ?? '<anonymous class>';
        return false;
      case 'if':
        this.visitIf(false);
        return true;
      case 'loop':
        this.visitLoop(type);
        return true;
      case 'switch':
        this.structuralHere(this.spec.switchKinds[type] ?? 'switch');
        this.eachChild((field, _t, named) => (named >= 0 && !(field && this.spec.switchHeaderFields.has(field)) ? 'nested' : 'flat'));
        return true;
      case 'case':
        if (this.caseCounts(type)) this.cyclo();
        return false;
      case 'catch':
        this.visitCatch();
        return true;
      case 'try':
        this.eachChild((_f, t) => {
          if (t === 'else_clause') this.cyclo();
          return 'flat';
        }, false);
        return true;
      case 'ternary':
        return this.visitTernary();
      case 'logical':
        this.visitLogical();
        return false;
      case 'jump':
        if (this.c.hasNamedChild()) this.flatHere(`${type.startsWith('break') ? 'break' : 'continue'} label`);
        return false;
      case 'goto':
        this.flatHere('goto');
        return false;
      case 'call':
        this.visitCall(type);
        return false;
      case 'comment':
        this.c.noteComment();
        return true;
      case 'assert':
        this.cyclo();
        this.top().cycloMute++;
        this.children();
        this.top().cycloMute--;
        return true;
      case 'compFor':
      case 'compIf':
      case 'optionalChain':
        this.cyclo();
        return false;
      case 'defaultValue':
        if (type.endsWith('pattern') || this.c.childText('value') !== undefined) this.cyclo();
        return false;
      case 'logicalAssign': {
        const op = this.c.operator();
        if (op === '&&=' || op === '||=' || op === '??=') this.cyclo();
        return false;
      }
      case 'detached':
        // ESLint scores class field initializers and static blocks as separate code paths.
        this.top().cycloMute++;
        this.children();
        this.top().cycloMute--;
        return true;
      case 'debugger':
        this.fetchSpan();
        this.hygiene.push({ rule: 'debug-output', startIndex: this.spanStart, endIndex: this.spanEnd, detail: 'debugger statement' });
        return false;
      default:
        return false;
    }
  }

  private visitFunction(type: string): void {
    const node = this.c.raw.currentNode;
    const head = describeFunction(node, type, this.spec.family, this.frames.length === 1, this.ancestry, this.text);
    const parent = this.spec.lambdaCyclomaticToParent && this.spec.lambdaTypes.has(type) ? this.top() : undefined;
    const frame = newFrame(head, parent, head.callName ? wordOffsets(this.text, head.callName, node.startIndex, node.endIndex) : []);
    if (this.spec.family === 'python') this.noteDocstring(node.childForFieldName('body'));
    this.frames.push(frame);
    // radon scores only a Python function's body: defaults and annotations are not decisions.
    const muteParams = this.spec.family === 'python';
    this.eachChild((field, _t, _n, id) => {
      if (muteParams && field === 'parameters') {
        frame.cycloMute++;
        this.visit(id);
        frame.cycloMute--;
        return 'skip';
      }
      return 'flat';
    }, muteParams);
    this.frames.pop();
    this.done.push(fnRecord(frame, node));
  }

  private visitIf(elseIf: boolean): void {
    if (elseIf) this.flatHere('else if');
    else this.structuralHere('if');
    this.cyclo();
    const guard = this.spec.family === 'python' && this.frames.length === 1 && /__name__\s*==\s*['"]__main__['"]/.test(this.c.childText('condition') ?? '');
    if (guard) this.mainGuard++;
    let elseToken: { row: number; column: number } | undefined;
    this.eachChild((field, t) => {
      if (field === 'consequence' || field === 'body') return 'nested';
      if (field === 'alternative') {
        this.visitAlternative(t, elseToken);
        return 'skip';
      }
      if (t === 'else') elseToken = this.c.raw.startPosition;
      return 'flat';
    });
    if (guard) this.mainGuard--;
  }

  /** An `else` branch: `else if` (hybrid +1, no nesting), `elif`/`elseif`, or a plain `else`. */
  private visitAlternative(type: string, elseToken: { row: number; column: number } | undefined): void {
    const role = this.spec.roles.get(type);
    const id = this.c.typeId();
    if (role === 'if') return this.visitIf(true);
    if (role === 'elseIfClause') {
      this.flatHere('else if');
      this.cyclo();
      this.eachChild((field) => (field === 'consequence' || field === 'body' ? 'nested' : 'flat'));
      return;
    }
    if (role === 'elseClause') {
      const significant = this.c.raw.currentNode.namedChildren.filter((n) => this.spec.roles.get(n.type) !== 'comment');
      if (significant.length === 1 && this.spec.roles.get(significant[0]!.type) === 'if') {
        this.eachChild((_f, t) => (this.spec.roles.get(t) === 'if' ? (this.visitIf(true), 'skip') : 'flat'));
        return;
      }
      this.flatHere('else');
      this.nested(id);
      return;
    }
    const at = elseToken ?? this.c.raw.startPosition;
    this.flat('else', at.row, at.column);
    this.nested(id);
  }

  private visitLoop(type: string): void {
    this.structuralHere(this.spec.loopKinds[type] ?? 'loop');
    this.cyclo();
    this.eachChild((field) => {
      if (field === 'body') return 'nested';
      if (field === 'alternative') {
        // Python's loop `else:` runs when the loop did not break: a hybrid else (radon counts it too).
        this.flatHere('else');
        this.cyclo();
        return 'nested';
      }
      return 'flat';
    });
  }

  private visitCatch(): void {
    this.structuralHere(this.spec.catchWord);
    this.cyclo();
    const hit = emptyCatch(this.c.raw.currentNode, this.spec.family);
    if (hit) this.hygiene.push(hit);
    this.eachChild((field, t) => (field === 'body' || t === 'block' || t === 'statement_block' || t === 'compound_statement' ? 'nested' : 'flat'));
  }

  private caseCounts(type: string): boolean {
    if (this.spec.family === 'java') return this.c.firstChildType() === 'case';
    // Python `case _:` is the default branch. (radon 5.1 predates `match` and counts no case at all:
    // a documented deviation, see docs/scoring.md.)
    if (this.spec.family === 'python') return this.c.raw.currentNode.namedChildren.find((n) => n.type === 'case_pattern')?.text !== '_';
    return type !== 'switch_default';
  }

  protected noteDocstring(body: Node | null): void {
    // The first named child that is not a comment (stepping siblings: `namedChildren` would build every child).
    let first = body?.firstNamedChild ?? null;
    while (first && this.spec.roles.get(first.type) === 'comment') first = first.nextNamedSibling;
    if (first && isDocstring(first)) this.skips.push({ start: first.startIndex, end: first.endIndex });
  }
}
