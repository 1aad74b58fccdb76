/**
 * The traversal half of the metrics walk: cursor movement with the trigger
 * prefilter, the ancestor stack, nesting, and the increment/decision
 * counters of the current function frame. `expressionRoles.ts` and
 * `walker.ts` add what each node role means.
 *
 * Speed: every cursor call crosses into wasm, so nodes are classified by type
 * id, anonymous tokens are never entered, and a plain subtree whose text holds
 * none of the language's trigger strings is skipped unentered.
 */
import type { Tree } from 'web-tree-sitter';
import type { LanguageSpec, Role } from './languages';
import type { Ancestry } from './naming';
import { Cursor } from './cursor';
import { anyIn, newFrame, type Frame } from './frames';
import { computeTriggers, type TriggerSet } from './triggers';

/** Whole-text prefilters of call handling (not exact filters: they decide what is reported, so must be computed as here). */
export interface CallPrefilters {
  /** The file mentions a debug-print name, so calls need a closer look. */
  readonly mayPrint: boolean;
  /** JS: the file has `?.(` (optional calls). */
  readonly mayOptionalCall: boolean;
}

/** The call prefilters of `text`. */
export function callPrefilters(spec: LanguageSpec, text: string): CallPrefilters {
  return { mayPrint: spec.debugNames.test(text), mayOptionalCall: spec.family === 'js' && text.includes('?.(') };
}

/** Base of the walker: traversal and counting, no language semantics. */
export abstract class Traversal {
  protected readonly c: Cursor;
  protected readonly frames: Frame[] = [newFrame(undefined)];
  /** Offsets inside every trigger match (see `LanguageSpec.triggers`), and the span they are known for. */
  protected readonly triggers: TriggerSet;
  /** The file mentions a debug-print name, so calls need a closer look. */
  protected readonly mayPrint: boolean;
  protected readonly mayOptionalCall: boolean;
  /** Type ids of the ancestors of the node being visited, root first. */
  protected readonly stack: number[] = [];
  /** Per ancestor: a class's name or a call's callee text (for naming functions). */
  protected readonly labels: (string | number | undefined)[] = [];
  /** Label for the next `push`: set by a handler just before its children are visited. */
  protected nextLabel: string | number | undefined;
  /** Type id of the node the cursor is on when a handler starts. */
  protected currentId = 0;
  /** Offsets of the node being visited, -1 until {@link fetchSpan}. */
  protected spanStart = -1;
  protected spanEnd = -1;
  protected readonly ancestry: Ancestry = {
    type: (k) => this.ancestor(k, false),
    label: (k) => this.ancestor(k, true),
  };

  /**
   * `triggers` defaults to the whole text's; an incremental walk passes the
   * triggers of the spans it visits. `prefilters` likewise overrides the
   * whole-text call prefilters (computed by the caller, identically).
   */
  constructor(
    protected readonly tree: Tree,
    protected readonly spec: LanguageSpec,
    protected readonly text: string,
    protected readonly exhaustive: boolean,
    triggers?: TriggerSet,
    prefilters?: CallPrefilters,
  ) {
    this.c = new Cursor(tree, spec, text);
    this.triggers = triggers ?? computeTriggers(spec, text);
    const p = prefilters ?? callPrefilters(spec, text);
    this.mayPrint = p.mayPrint;
    this.mayOptionalCall = p.mayOptionalCall;
  }

  protected top(): Frame {
    return this.frames[this.frames.length - 1]!;
  }

  // ---- increments ------------------------------------------------------

  /** Structural increment: +1 plus the current nesting (B1 + B3). */
  protected structural(kind: string, row: number, col: number): void {
    const f = this.top();
    const nesting = f.depth + f.leak;
    f.increments.push({ line: row + 1, column: col + 1, amount: 1 + nesting, kind, nesting, reason: nesting > 0 ? `nested ${kind}` : kind });
  }

  /** Fundamental or hybrid increment: +1, never a nesting penalty. */
  protected flat(kind: string, row: number, col: number): void {
    this.top().increments.push({ line: row + 1, column: col + 1, amount: 1, kind, nesting: 0, reason: kind });
  }

  protected structuralHere(kind: string): void {
    const p = this.c.raw.startPosition;
    this.structural(kind, p.row, p.column);
  }

  protected flatHere(kind: string): void {
    const p = this.c.raw.startPosition;
    this.flat(kind, p.row, p.column);
  }

  protected cyclo(): void {
    for (let f: Frame | undefined = this.top(); f; f = f.cycloParent) if (f.cycloMute === 0) f.cyclo++;
  }

  // ---- traversal -------------------------------------------------------

  /**
   * Visits the cursor's node, whose type id is `id`. Anonymous tokens and leaf
   * types carry nothing; a plain node whose text contains no trigger cannot
   * contain anything counted, so its subtree is skipped unentered.
   */
  protected visit(id: number, force = false): void {
    this.currentId = id;
    const role = this.c.roleOf(id);
    if (role === null) return;
    const kind = this.c.kindOf(id);
    if (kind === 1) return;
    this.spanStart = -1;
    if (role === undefined) {
      if (kind === 2) {
        if (this.emptyContainer()) return this.drop();
        return this.children(true);
      }
      if (!force && !this.hasTrigger()) return;
      this.children();
      return;
    }
    // A handled construct's children matter only if its text has a trigger (same soundness argument).
    if (this.handle(role, id)) return;
    if (force || this.hasTrigger()) this.children();
    else this.drop();
  }

  /**
   * Fetches the offsets of the node being visited into `spanStart`/`spanEnd`,
   * once per visit (each read is a wasm call). Valid until the next `visit`:
   * handlers that return false, the only ones that read the span after
   * `handle`, visit no other node.
   */
  protected fetchSpan(): void {
    if (this.spanStart >= 0) return;
    const c = this.c.raw;
    this.spanStart = c.startIndex;
    this.spanEnd = c.endIndex;
  }

  /** A container that cannot hold anything counted (see `LanguageSpec.containerMark`). */
  private emptyContainer(): boolean {
    const mark = this.spec.containerMark;
    if (mark === undefined || this.hasTrigger()) return false;
    const at = this.text.indexOf(mark, this.spanStart);
    return at < 0 || at >= this.spanEnd;
  }

  protected hasTrigger(): boolean {
    if (this.exhaustive) return true;
    this.fetchSpan();
    const start = this.spanStart;
    const end = this.spanEnd;
    return anyIn(this.triggers.offsets, start, end) || anyIn(this.top().nameOffsets, start, end);
  }

  /** Whether `[start, end)` may hold a logical operator. */
  protected mayHoldLogical(start: number, end: number): boolean {
    return this.exhaustive || anyIn(this.triggers.logical, start, end);
  }

  /** Visits all children of the current node at the current nesting. */
  protected children(force = false): void {
    if (this.bodyStart >= 0 && this.c.raw.startIndex === this.bodyStart) return this.enterBody(force);
    const c = this.c.raw;
    if (!c.gotoFirstChild()) return this.drop();
    this.push();
    do this.visit(this.c.typeId(), force);
    while (c.gotoNextSibling());
    this.pop();
    c.gotoParent();
  }

  /** Records the current node (about to be entered) as the innermost ancestor. */
  protected push(): void {
    this.stack.push(this.currentId);
    this.labels.push(this.nextLabel);
    this.nextLabel = undefined;
  }

  protected pop(): void {
    this.stack.pop();
    this.labels.pop();
  }

  protected drop(): void {
    this.nextLabel = undefined;
  }

  /** The k-th ancestor (1 = parent) not counting parentheses: its type name, or its label. */
  protected ancestor(k: number, label: true): string | number | undefined;
  protected ancestor(k: number, label: false): string | undefined;
  protected ancestor(k: number, label: boolean): string | number | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const type = this.c.typeName(this.stack[i]!);
      if (type === 'parenthesized_expression') continue;
      if (--k === 0) return label ? this.labels[i] : type;
    }
    return undefined;
  }

  /** Visits the current node one nesting level deeper. */
  protected nested(id: number): void {
    const f = this.top();
    f.depth++;
    if (f.depth > f.maxDepth) f.maxDepth = f.depth;
    this.visit(id);
    f.depth--;
  }

  /**
   * Visits children, choosing per child whether it opens a nesting level.
   * `pick` sees the field name, type name and index among named non-comment children (-1 otherwise);
   * pass `fields = false` when `pick` ignores field names (each lookup is a wasm call).
   */
  protected eachChild(pick: (field: string | null, type: string, named: number, id: number) => 'flat' | 'nested' | 'skip', fields = true): void {
    const c = this.c.raw;
    if (!c.gotoFirstChild()) return this.drop();
    this.push();
    let named = 0;
    do {
      const id = this.c.typeId();
      this.currentId = id;
      const role = this.c.roleOf(id);
      const isNamed = role !== null && role !== 'comment';
      // Field names matter only for named children (anonymous tokens are matched by type).
      const how = pick(role === null || !fields ? null : this.c.field(), this.c.typeName(id), isNamed ? named : -1, id);
      if (isNamed) named++;
      if (how === 'nested') this.nested(id);
      else if (how === 'flat') this.visit(id);
    } while (c.gotoNextSibling());
    this.pop();
    c.gotoParent();
  }

  /**
   * Offset of a class body whose children the incremental walk visits
   * itself ({@link enterBody}); -1 (always, in a plain walk) for none.
   */
  protected bodyStart = -1;

  /** Visits the children of the body at {@link bodyStart}; only called when it is set. */
  protected enterBody(_force: boolean): void {
    throw new Error('enterBody without a body plan');
  }

  /** Handles a node with a role; false means "visit its children normally". */
  protected abstract handle(role: Role, id: number): boolean;
}
