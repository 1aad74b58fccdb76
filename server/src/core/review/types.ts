/**
 * Plain data produced by the review metrics walk. Everything here is
 * serialisable and free of tree-sitter objects, so it can cross the LSP / CLI
 * boundary and be cached.
 */
import type { Range } from '../model/finding';

/**
 * One Cognitive Complexity increment, positioned so a diagnostic can explain
 * itself. `line` and `column` are 1-based; the column counts UTF-16 code units.
 */
export interface Increment {
  readonly line: number;
  readonly column: number;
  /** 1 for fundamental/hybrid increments; 1 + nesting for structural ones. */
  readonly amount: number;
  /** The construct: `if`, `else if`, `else`, `for`, `&&`, `ternary`, `recursion`, … */
  readonly kind: string;
  /** Nesting level the structural increment was charged at (0 for flat increments). */
  readonly nesting: number;
  /** Human text, e.g. `if`, `nested for` or `&& sequence`. */
  readonly reason: string;
}

/** Metrics of one function, method, lambda or arrow function. */
export interface FunctionMetrics {
  /** Declared or inferred name (`Class.method`, the variable an arrow is assigned to), or `<anonymous>`. */
  readonly name: string;
  /** 1-based first and last line of the whole function node. */
  readonly startLine: number;
  readonly endLine: number;
  /** LSP (0-based) range of the name, or of the `function` / `=>` / `lambda` token when anonymous. */
  readonly nameRange: Range;
  /**
   * 0-based position of the token SonarJS reports the function at (name for
   * declarations and methods, `function` keyword, `=>`); the oracle match key.
   */
  readonly anchor: { readonly line: number; readonly character: number };
  readonly cognitiveComplexity: number;
  readonly increments: readonly Increment[];
  /** McCabe: 1 + decision points (language conventions in docs/scoring.md). */
  readonly cyclomaticComplexity: number;
  /** Deepest nesting of control structures inside the function (0 = flat). */
  readonly maxNesting: number;
  /** Non-blank, non-comment lines of the function (including nested functions). */
  readonly lines: number;
  readonly params: number;
  /** Exported / public API that should carry a doc comment (top-level functions and methods only). */
  readonly isPublic: boolean;
  /** Has a doc comment (JSDoc, docstring, Javadoc, Go doc comment, PHPDoc); only looked up for public functions outside Python. */
  readonly documented: boolean;
  /** The function contains tree-sitter ERROR or MISSING nodes: its numbers may be wrong. */
  readonly hasParseErrors: boolean;
}

/** A comment as found in the tree. `line` is 0-based. */
export interface CommentInfo {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly line: number;
  readonly endLine: number;
  readonly text: string;
}

/** A raw hygiene observation made during the walk, before it becomes a finding. */
export interface HygieneHit {
  readonly rule: 'debug-output' | 'empty-catch';
  /** UTF-16 offsets of the offending code. */
  readonly startIndex: number;
  readonly endIndex: number;
  readonly detail: string;
}

/** Everything one walk over a file produces. */
export interface FileWalk {
  readonly functions: readonly FunctionMetrics[];
  /** Per 0-based line: 1 = code, 2 = comment/doc only, 0 = blank. */
  readonly lineKinds: Uint8Array;
  readonly comments: readonly CommentInfo[];
  readonly hygiene: readonly HygieneHit[];
  /** Hash of each code token, in order, and the 0-based line it starts on. */
  readonly tokenHashes: Int32Array;
  readonly tokenLines: Int32Array;
  /** Whether the tree has ERROR or MISSING nodes anywhere. */
  readonly hasParseErrors: boolean;
}
