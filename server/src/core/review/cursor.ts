/**
 * A thin layer over web-tree-sitter's TreeCursor that keeps wasm round trips
 * low: node roles are looked up by numeric type id in a table built once per
 * (grammar, spec), and small child scans (operator, callee, a field's text)
 * use the cursor instead of materialising Node objects.
 */
import type { Language, Tree } from 'web-tree-sitter';
import { openCursor, type WalkCursor } from '../parsing/rawCursor';
import type { LanguageSpec, Role } from './languages';
import type { SkipRange } from './lexical';

/** The parts of a call expression the hygiene and recursion checks need. */
export interface CallShape {
  readonly type: string;
  /** Callee text (`f`, `console.log`, `self.m`); empty when the callee is long. */
  readonly fn?: string;
  readonly fnType?: string;
  /** Java/PHP receiver, PHP scope, and the called name for Java/PHP member calls. */
  readonly object?: string;
  readonly scope?: string;
  readonly name?: string;
  /** JS optional call `f?.()`. */
  readonly optional: boolean;
  readonly start: number;
  readonly end: number;
}

interface Tables {
  /** Role per type id; null marks anonymous (token) types, undefined a named type without a role. */
  readonly roles: (Role | null | undefined)[];
  /** Per type id: 1 = leaf (never entered), 2 = declaration container (children always visited). */
  readonly kinds: Uint8Array;
}

const TABLES = new WeakMap<Language, Map<LanguageSpec, Tables>>();

function tablesFor(language: Language, spec: LanguageSpec): Tables {
  let bySpec = TABLES.get(language);
  if (!bySpec) TABLES.set(language, (bySpec = new Map()));
  let t = bySpec.get(spec);
  if (!t) {
    const roles: (Role | null | undefined)[] = [];
    const kinds = new Uint8Array(language.types.length);
    for (let id = 0; id < language.types.length; id++) {
      const name = language.types[id] ?? '';
      roles.push(language.nodeTypeIsNamed(id) ? spec.roles.get(name) : null);
      kinds[id] = spec.leaves.has(name) ? 1 : spec.containers.has(name) ? 2 : 0;
    }
    t = { roles, kinds };
    bySpec.set(spec, t);
  }
  return t;
}

const CALL_FIELDS = new Set(['function', 'object', 'scope', 'name']);

/** One operator of a logical sequence, with its 0-based position. */
export interface SeqOp {
  /** Canonical operator (PHP `and` → `&&`), compared to find sequence changes. */
  readonly op: string;
  /** The operator as written, for messages. */
  readonly text: string;
  readonly row: number;
  readonly col: number;
}

const OPERAND_FIELDS = new Set(['left', 'right']);
const SPINE_FIELDS = new Set(['left', 'object', 'function']);

/** Cursor wrapper used by the walker; call {@link Cursor.delete} when done. */
export class Cursor {
  readonly raw: WalkCursor;
  /** Comment ranges seen so far, in document order. */
  readonly comments: SkipRange[] = [];
  private readonly roles: (Role | null | undefined)[];
  private readonly kinds: Uint8Array;
  private readonly types: string[];
  private readonly fields: (string | null)[];

  constructor(
    tree: Tree,
    spec: LanguageSpec,
    private readonly text: string,
  ) {
    this.raw = openCursor(tree);
    const tables = tablesFor(tree.language, spec);
    this.roles = tables.roles;
    this.kinds = tables.kinds;
    this.types = tree.language.types;
    this.fields = tree.language.fields;
  }

  delete(): void {
    this.raw.delete();
  }

  typeId(): number {
    return this.raw.nodeTypeId;
  }

  /** null for anonymous tokens; undefined for named nodes without a role (and ERROR nodes). */
  roleOf(id: number): Role | null | undefined {
    return this.roles[id];
  }

  /** 1 = leaf type, 2 = declaration container, 0 = anything else (ERROR nodes included). */
  kindOf(id: number): number {
    return this.kinds[id] ?? 0;
  }

  typeName(id: number): string {
    return this.types[id] ?? 'ERROR';
  }

  /** Field name of the current node within its parent. */
  field(): string | null {
    return this.fields[this.raw.currentFieldId] ?? null;
  }

  noteComment(): void {
    this.comments.push({ start: this.raw.startIndex, end: this.raw.endIndex });
  }

  /** Runs `fn` on each child (cursor positioned on it) until it returns true; restores the cursor. */
  private scan(fn: (id: number) => boolean): void {
    const c = this.raw;
    if (!c.gotoFirstChild()) return;
    do if (fn(c.nodeTypeId)) break;
    while (c.gotoNextSibling());
    c.gotoParent();
  }

  /** Whether the node has a named child other than a comment (a label after `break`, `break 2`). */
  hasNamedChild(): boolean {
    let found = false;
    this.scan((id) => (found = this.roles[id] !== null && this.roles[id] !== 'comment'));
    return found;
  }

  /** Text of the child in `field`, or undefined when there is none. */
  childText(field: string): string | undefined {
    let out: string | undefined;
    this.scan(() => {
      if (this.field() !== field) return false;
      out = this.text.slice(this.raw.startIndex, this.raw.endIndex);
      return true;
    });
    return out;
  }

  /** Type of the `operator` child (`&&`, `+`, `and`, `??=`). */
  operator(): string | undefined {
    let op: string | undefined;
    this.scan((id) => {
      if (this.field() !== 'operator') return false;
      op = this.typeName(id);
      return true;
    });
    return op;
  }

  firstChildType(): string | undefined {
    let t: string | undefined;
    this.scan((id) => ((t = this.typeName(id)), true));
    return t;
  }

  /** Type of the current node after stepping into any parentheses. */
  unwrappedType(): string {
    const c = this.raw;
    let depth = 0;
    let type = this.typeName(c.nodeTypeId);
    while (type === 'parenthesized_expression' && c.gotoFirstChild()) {
      depth++;
      while (this.roles[c.nodeTypeId] === null || this.roles[c.nodeTypeId] === 'comment') if (!c.gotoNextSibling()) break;
      type = this.typeName(c.nodeTypeId);
    }
    while (depth-- > 0) c.gotoParent();
    return type;
  }

  /** Moves to the first named, non-comment child; stays put and returns false when there is none. */
  private gotoFirstNamed(): boolean {
    const c = this.raw;
    if (!c.gotoFirstChild()) return false;
    do {
      const role = this.roles[c.nodeTypeId];
      if (role !== null && role !== 'comment') return true;
    } while (c.gotoNextSibling());
    c.gotoParent();
    return false;
  }

  /** Moves to the child whose field is in `fields`; stays put and returns false when there is none. */
  private gotoField(fields: ReadonlySet<string>): boolean {
    const c = this.raw;
    if (!c.gotoFirstChild()) return false;
    do {
      const f = this.field();
      if (f && fields.has(f)) return true;
    } while (c.gotoNextSibling());
    c.gotoParent();
    return false;
  }

  /**
   * Flattens the logical sequence rooted at the current node into its
   * operators in source order, seeing through parentheses (ESTree has none),
   * as eslint-plugin-sonarjs does. `canon` maps a logical operator to its
   * canonical spelling (undefined for other operators); every logical node
   * of the sequence is reported to `seen` so the walk does not count it again.
   */
  logicalSequence(canon: (op: string) => string | undefined, seen: (start: number, end: number) => void, repairNonNull: boolean): SeqOp[] {
    const c = this.raw;
    const out: SeqOp[] = [];
    const isLogical = (): boolean => this.roles[c.nodeTypeId] === 'logical' && canon(this.operator() ?? '') !== undefined;
    const flattenHere = (): void => {
      seen(c.startIndex, c.endIndex);
      if (!c.gotoFirstChild()) return;
      do {
        const f = this.field();
        if (f && OPERAND_FIELDS.has(f)) operand();
        else if (f === 'operator') {
          const p = c.startPosition;
          const text = this.typeName(c.nodeTypeId);
          out.push({ op: canon(text)!, text, row: p.row, col: p.column });
        }
      } while (c.gotoNextSibling());
      c.gotoParent();
    };
    const operand = (): void => {
      let depth = 0;
      while (this.typeName(c.nodeTypeId) === 'parenthesized_expression' && this.gotoFirstNamed()) depth++;
      if (isLogical()) flattenHere();
      else if (repairNonNull && this.text.lastIndexOf('!', c.endIndex - 1) >= c.startIndex) {
        // tree-sitter-typescript parses `a && b!.c` as `(a && b)!.c`: the swallowed
        // logical on the operand's leftmost spine belongs to this sequence.
        for (let step = 0; step < 8; step++) {
          if (this.typeName(c.nodeTypeId) === 'non_null_expression') {
            if (this.gotoFirstNamed()) {
              depth++;
              if (isLogical()) flattenHere();
            }
            break;
          }
          if (!this.gotoField(SPINE_FIELDS)) break;
          depth++;
        }
      }
      while (depth-- > 0) c.gotoParent();
    };
    flattenHere();
    return out;
  }

  /** Callee and receiver texts of the current call node, whose offsets are `start`/`end`. */
  callShape(type: string, start: number, end: number): CallShape {
    const c = this.raw;
    const shape: { -readonly [K in keyof CallShape]: CallShape[K] } = { type, optional: false, start, end };
    this.scan((id) => {
      const field = this.field();
      if (field && CALL_FIELDS.has(field)) {
        const start = c.startIndex;
        const end = c.endIndex;
        const text = end - start <= 80 ? this.text.slice(start, end) : '';
        if (field === 'function') {
          shape.fn = text;
          shape.fnType = this.typeName(id);
        } else if (field === 'object') shape.object = text;
        else if (field === 'scope') shape.scope = text;
        else shape.name = text;
      } else if (this.roles[id] === null && this.typeName(id) === '?.') shape.optional = true;
      return field === 'arguments';
    });
    return shape;
  }
}
