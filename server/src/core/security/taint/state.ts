/**
 * The abstract state of the taint analysis: for each variable, the list of
 * taint facts that may reach it. A fact remembers its source (for the
 * related location), the source set it came from (rules pick the sets they
 * care about) and the sanitizer sets it went through (rules pick the
 * sanitizers that neutralise them).
 */
import type { Node } from 'web-tree-sitter';

/** One way untrusted data can reach a value. */
export interface Fact {
  readonly sourceId: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** 1-based line of the source, for messages. */
  readonly line: number;
  /** Source set name; `$param` marks a helper's parameter while summarising it. */
  readonly set: string;
  /** Sanitizer sets the value passed through, sorted. */
  readonly sanitized: readonly string[];
}

/** The taint of a value: empty means clean. */
export type Taint = readonly Fact[];

export const CLEAN: Taint = [];

/** Facts kept per value; more than this adds nothing a user would read. */
const MAX_FACTS = 8;

/** A fact for a source node. */
export function sourceFact(node: Node, set: string): Fact {
  return { sourceId: node.id, start: node.startIndex, end: node.endIndex, line: node.startPosition.row + 1, text: node.text, set, sanitized: [] };
}

function factKey(f: Fact): string {
  return `${f.sourceId}\0${f.set}\0${f.sanitized.join(',')}`;
}

/** Union of taints, deduplicated and capped. */
export function union(...taints: Taint[]): Taint {
  const nonEmpty = taints.filter((t) => t.length);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? CLEAN;
  const seen = new Set<string>();
  const out: Fact[] = [];
  for (const t of nonEmpty) {
    for (const f of t) {
      const k = factKey(f);
      if (seen.has(k) || out.length >= MAX_FACTS) continue;
      seen.add(k);
      out.push(f);
    }
  }
  return out;
}

/** The taint after passing through sanitizers of the given sets. */
export function sanitize(t: Taint, sets: readonly string[]): Taint {
  return t.map((f) => ({ ...f, sanitized: [...new Set([...f.sanitized, ...sets])].sort() }));
}

/**
 * What is known element by element about a local collection built in the
 * analysed function (`new ArrayList<>()` + `add`, `new HashMap<>()` + `put`):
 * the taint of each list index or constant map key. The variable's own taint
 * stays the union of everything stored, for uses that are not modelled.
 */
export type Shape = { readonly kind: 'list'; readonly items: readonly Taint[] } | { readonly kind: 'map'; readonly entries: ReadonlyMap<string, Taint> };

/** Join of two shapes of the same variable; undefined when they disagree on structure (the variable becomes imprecise). */
function joinShape(a: Shape, b: Shape): Shape | undefined {
  if (a.kind === 'list' && b.kind === 'list') {
    return a.items.length === b.items.length ? { kind: 'list', items: a.items.map((t, i) => union(t, b.items[i]!)) } : undefined;
  }
  if (a.kind === 'map' && b.kind === 'map') {
    const entries = new Map(a.entries);
    for (const [k, t] of b.entries) entries.set(k, union(entries.get(k) ?? CLEAN, t));
    return { kind: 'map', entries };
  }
  return undefined;
}

/** Variable → taint at one program point, plus whether the point is reachable. */
export class State {
  dead = false;

  constructor(
    private vars = new Map<string, Taint>(),
    private shapes = new Map<string, Shape>(),
  ) {}

  shape(key: string): Shape | undefined {
    return this.shapes.get(key);
  }

  /** Records (or, with undefined, forgets) the element-wise content of a collection variable. */
  setShape(key: string, shape: Shape | undefined): void {
    if (shape) this.shapes.set(key, shape);
    else this.shapes.delete(key);
  }

  get(key: string): Taint | undefined {
    return this.vars.get(key);
  }

  has(key: string): boolean {
    return this.vars.has(key);
  }

  set(key: string, t: Taint): void {
    this.vars.set(key, t);
  }

  delete(key: string): void {
    this.vars.delete(key);
  }

  /** Names whose value (or some element of it) carries taint. */
  *taintedNames(): Iterable<string> {
    for (const [k, t] of this.vars) if (t.length) yield k;
    for (const [k, s] of this.shapes) {
      const items = s.kind === 'list' ? s.items : [...s.entries.values()];
      if (items.some((t) => t.length)) yield k;
    }
  }

  fork(): State {
    const s = new State(new Map(this.vars), new Map(this.shapes));
    s.dead = this.dead;
    return s;
  }

  /** Replaces this state's content by another's (used after joins). */
  become(other: State): void {
    this.vars = other.vars;
    this.shapes = other.shapes;
    this.dead = other.dead;
  }

  /**
   * Join of branch states: a variable is tainted if it is tainted on any
   * live branch. Dead branches (ended by return/throw) do not flow on unless
   * `includeDead` (loop bodies, where break/continue reach the loop exit).
   */
  static join(states: readonly State[], includeDead = false): State {
    const live = includeDead ? states : states.filter((s) => !s.dead);
    if (live.length === 0) {
      const d = new State();
      d.dead = true;
      return d;
    }
    const out = new State(new Map(live[0]!.vars), new Map(live[0]!.shapes));
    for (const s of live.slice(1)) {
      for (const [k, t] of s.vars) out.vars.set(k, union(out.vars.get(k) ?? CLEAN, t));
      for (const [k, a] of out.shapes) {
        const b = s.shapes.get(k);
        out.setShape(k, b ? joinShape(a, b) : undefined);
      }
    }
    return out;
  }
}

/** Pseudo-sanitizer added to values that already passed through a reported sink of a rule. */
export function reportedMarker(ruleId: string): string {
  return `$reported:${ruleId}`;
}

/**
 * Facts whose source is exactly `base` are re-pointed at the enclosing
 * `node`, so messages name `req.query.id` rather than `req.query`.
 */
export function widen(t: Taint, base: Node | null, node: Node): Taint {
  if (!base || !t.some((f) => f.sourceId === base.id)) return t;
  return t.map((f) => (f.sourceId === base.id ? { ...f, sourceId: node.id, start: node.startIndex, end: node.endIndex, text: node.text } : f));
}
