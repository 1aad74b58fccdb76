/**
 * What the metrics walk needs to know about a grammar (`LanguageSpec`) and the
 * lookup from a language id to its table. The walk itself is generic;
 * everything that differs between grammars (node type names, which operators
 * are logical, which cases count) is one table per language in
 * `languageTables.ts`, so a new language is one table there plus one line in
 * `SPECS` below.
 */
import type { LanguageId } from '../document';
import { GO, JAVA, JS, PHP, PYTHON } from './languageTables';

/** What a node means to the metrics walk. */
export type Role =
  | 'function'
  | 'class'
  | 'if'
  | 'elseIfClause'
  | 'elseClause'
  | 'loop'
  | 'switch'
  | 'case'
  | 'catch'
  | 'try'
  | 'ternary'
  | 'logical'
  | 'jump'
  | 'goto'
  | 'call'
  | 'comment'
  | 'assert'
  | 'compFor'
  | 'compIf'
  | 'defaultValue'
  | 'optionalChain'
  | 'logicalAssign'
  | 'detached'
  | 'debugger';

/** Grammar family: selects the few behaviours that are not table-driven. */
export type Family = 'js' | 'python' | 'java' | 'go' | 'php';

/** Everything the walk needs to know about one grammar. */
export interface LanguageSpec {
  readonly family: Family;
  readonly roles: ReadonlyMap<string, Role>;
  /** Loop node type → increment label. */
  readonly loopKinds: Readonly<Record<string, string>>;
  /**
   * Logical operators that form Cognitive Complexity sequences, mapped to a
   * canonical spelling (PHP `and` and `&&` are the same operator).
   */
  readonly cognitiveOperators: ReadonlyMap<string, string>;
  /** Operators that each add one cyclomatic decision. */
  readonly cyclomaticOperators: ReadonlySet<string>;
  /** Child field names of a switch node that are its header (not nested). */
  readonly switchHeaderFields: ReadonlySet<string>;
  /** Label used for the switch increment per node type (`switch`, `match`, `select`). */
  readonly switchKinds: Readonly<Record<string, string>>;
  /** Word used in messages for catch clauses. */
  readonly catchWord: string;
  /** Decision points inside a lambda also count for the enclosing function (radon's Python convention). */
  readonly lambdaCyclomaticToParent: boolean;
  /** Node types that are lambdas (anonymous expression functions). */
  readonly lambdaTypes: ReadonlySet<string>;
  /**
   * Text that every node the walk cares about contains (keywords, operators,
   * comment openers, debug-print names). A subtree whose text has none of
   * these is skipped without being entered: the soundness condition is that
   * the last character of some match lies inside each counted construct.
   * Must be global (and multiline when it uses `^`).
   */
  readonly triggers: RegExp;
  /** Containers that are always entered, children included (methods need no keyword; parameter defaults no trigger). */
  readonly containers: ReadonlySet<string>;
  /**
   * When set, a container whose text holds neither a trigger nor this
   * character is skipped after all (JS: a default value needs `=`, and
   * everything else counted in a parameter list, pattern or class body has
   * a trigger). Unset where a container may hold uncounted-looking functions
   * (Java's abstract methods in `enum_body_declarations`).
   */
  readonly containerMark?: string;
  /** Named node types that never have children worth visiting. */
  readonly leaves: ReadonlySet<string>;
  /** Whether a file may contain debug output at all (a cheap whole-text prefilter). */
  readonly debugNames: RegExp;
}

const SPECS: Partial<Record<LanguageId, LanguageSpec>> = {
  javascript: JS,
  javascriptreact: JS,
  typescript: JS,
  typescriptreact: JS,
  python: PYTHON,
  java: JAVA,
  go: GO,
  php: PHP,
};

/** The metrics table for a language, or undefined when the review engine does not support it. */
export function specFor(languageId: LanguageId): LanguageSpec | undefined {
  return SPECS[languageId];
}
