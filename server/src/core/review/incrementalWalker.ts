/**
 * The metrics walk, recorded per unit (`units.ts`) and able to skip units
 * it can reuse. It visits exactly what the plain walk visits, in the same
 * order and with the same ancestor stack and labels, except that the
 * children the plan marks as reused are not visited: their recorded
 * outputs stand in for them. A unit's walk cannot depend on its siblings'
 * walks (frames and nesting return to the module level between them), so
 * splicing recorded outputs in order gives the plain walk's outputs.
 *
 * Units are the root's children and, one level down, the children of the
 * body of a top-level class (so editing one method re-walks that method
 * and the class's own header, not the class).
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { LanguageSpec } from './languages';
import type { SkipRange } from './lexical';
import type { TriggerSet } from './triggers';
import type { CallPrefilters } from './traversal';
import { anyIn } from './frames';
import type { Unit, UnitOut, UnitRec } from './units';
import { Walker } from './walker';

/** Thrown when the tree does not have the shape the plan was made for; the caller walks everything instead. */
export class PlanMismatch extends Error {}

/** How to walk the body of the one top-level class unit that changed: per body child, reuse or walk. */
export interface BodyPlan {
  /** Start offset of the body node in the current text. */
  readonly body: number;
  readonly members: readonly (UnitRec | 'walk')[];
}

/** Per root child: reuse a unit, walk it, or walk its class shell and follow a {@link BodyPlan}. */
export type RootStep = UnitRec | 'walk' | BodyPlan;

/** Nodes that wrap a class at the top level, and the field holding it. */
const WRAPPERS: ReadonlyMap<string, string> = new Map([
  ['export_statement', 'declaration'],
  ['decorated_definition', 'definition'],
]);

function mayHaveBody(type: string, spec: LanguageSpec): boolean {
  return WRAPPERS.has(type) || spec.roles.get(type) === 'class';
}

/** The body of a (possibly exported or decorated) class declaration, or null. */
export function classBody(node: Node, spec: LanguageSpec): Node | null {
  const field = WRAPPERS.get(node.type);
  const cls = field ? node.childForFieldName(field) : node;
  if (!cls || spec.roles.get(cls.type) !== 'class') return null;
  return cls.childForFieldName('body');
}

interface Mark {
  readonly fns: number;
  readonly comments: number;
  readonly hygiene: number;
  readonly docs: number;
}

/** The recording walker; `steps` undefined walks (and records) every unit. */
export class IncrementalWalker extends Walker {
  /** Units of the current text, one per root child. */
  readonly units: UnitRec[] = [];
  /** Python's module docstring (a file-level skip range, in no unit). */
  moduleDocs: readonly SkipRange[] = [];
  private plan: BodyPlan | undefined;
  private bodyDone: { before: Mark; members: UnitRec[]; after: Mark } | undefined;

  constructor(
    tree: Tree,
    spec: LanguageSpec,
    text: string,
    private readonly steps: readonly RootStep[] | undefined,
    private readonly goMain: boolean,
    /** Whether the text has any trigger: the plain walk enters the root only then. */
    private readonly rootTriggered: boolean,
    triggers?: TriggerSet,
    prefilters?: CallPrefilters,
  ) {
    super(tree, spec, text, false, triggers, prefilters);
  }

  protected prepare(root: Node): void {
    if (this.spec.family === 'python') this.noteDocstring(root);
    this.goPackageMain = this.goMain;
  }

  protected walkRoot(): void {
    this.moduleDocs = this.skips.slice();
    // As `visit(root)`: a text without any trigger is not entered (and leaves no units to reuse).
    if (!this.rootTriggered) return;
    const c = this.c.raw;
    this.currentId = c.nodeTypeId;
    if (!c.gotoFirstChild()) {
      if (this.steps && this.steps.length > 0) throw new PlanMismatch('the root has no children');
      return;
    }
    this.push();
    let i = 0;
    do {
      const step = this.steps ? this.steps[i] : 'walk';
      if (step === undefined) throw new PlanMismatch('more root children than planned');
      if (step === 'walk') this.units.push({ unit: this.walkUnit(false, true, undefined), dOff: 0, dRow: 0 });
      else if ('members' in step) this.units.push({ unit: this.walkUnit(false, true, step), dOff: 0, dRow: 0 });
      else this.units.push(step);
      i++;
    } while (c.gotoNextSibling());
    if (this.steps && i !== this.steps.length) throw new PlanMismatch('fewer root children than planned');
    this.pop();
    c.gotoParent();
  }

  /** Walks the node under the cursor as one unit; `arm` records a top-level class body's members as units. */
  private walkUnit(force: boolean, arm: boolean, plan: BodyPlan | undefined): Unit {
    const c = this.c.raw;
    const type = c.nodeTypeId;
    const start = c.startIndex;
    const end = c.endIndex;
    const from = this.mark();
    let body = -1;
    if (plan) body = plan.body;
    else if (arm && mayHaveBody(this.c.typeName(type), this.spec)) body = classBody(c.currentNode, this.spec)?.startIndex ?? -1;
    this.bodyStart = body;
    this.plan = plan;
    this.bodyDone = undefined;
    this.visit(type, force);
    const done = this.bodyDone as IncrementalWalker['bodyDone'];
    this.bodyStart = -1;
    this.plan = undefined;
    this.bodyDone = undefined;
    if (plan && !done) throw new PlanMismatch('the class body was not entered');
    const to = this.mark();
    const docSensitive = this.done.slice(from.fns, to.fns).some((f) => f.docProbe === start);
    const head = { type, start, end, trig: anyIn(this.triggers.offsets, start, end), docSensitive };
    if (!done) return { ...head, out: this.outputs(from, to) };
    return { ...head, out: this.outputs(from, done.before), body: { start: body, members: done.members, after: this.outputs(done.after, to) } };
  }

  /** The body's children: each one a unit (walked, or reused as planned). Mirrors `children(force)`. */
  protected enterBody(force: boolean): void {
    const plan = this.plan;
    this.bodyStart = -1;
    this.plan = undefined;
    const before = this.mark();
    const members: UnitRec[] = [];
    const c = this.c.raw;
    if (!c.gotoFirstChild()) {
      if (plan && plan.members.length > 0) throw new PlanMismatch('the class body has no children');
      this.drop();
    } else {
      this.push();
      let i = 0;
      do {
        const step = plan ? plan.members[i] : 'walk';
        if (step === undefined) throw new PlanMismatch('more class members than planned');
        members.push(step === 'walk' ? { unit: this.walkUnit(force, false, undefined), dOff: 0, dRow: 0 } : step);
        i++;
      } while (c.gotoNextSibling());
      if (plan && i !== plan.members.length) throw new PlanMismatch('fewer class members than planned');
      this.pop();
      c.gotoParent();
    }
    this.bodyDone = { before, members, after: this.mark() };
  }

  private mark(): Mark {
    return { fns: this.done.length, comments: this.c.comments.length, hygiene: this.hygiene.length, docs: this.skips.length };
  }

  private outputs(from: Mark, to: Mark): UnitOut {
    return {
      fns: this.done.slice(from.fns, to.fns),
      comments: this.c.comments.slice(from.comments, to.comments),
      hygiene: this.hygiene.slice(from.hygiene, to.hygiene),
      docs: this.skips.slice(from.docs, to.docs),
    };
  }
}
