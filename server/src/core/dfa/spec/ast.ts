import type { NumberTest } from '../automata/builders';
import type { Span } from '../problems';

/** A word named in a spec (a pattern, a counted symbol); `text` is case-sensitive, `''` is ε. */
export interface SpecWord {
  readonly text: string;
  readonly span: Span;
}

/**
 * A node of a parsed spec. Natural-language and formal syntax parse to the
 * same nodes; `span` covers the node's source text (relative to the spec).
 */
export type SpecNode =
  | { readonly kind: 'and' | 'or'; readonly left: SpecNode; readonly right: SpecNode; readonly span: Span }
  | { readonly kind: 'not'; readonly operand: SpecNode; readonly span: Span }
  | { readonly kind: 'const'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'startsWith' | 'endsWith' | 'contains' | 'isString'; readonly word: SpecWord; readonly span: Span }
  /** Length of the word passes the test. */
  | { readonly kind: 'length'; readonly test: NumberTest; readonly span: Span }
  /** Number of (overlapping) occurrences of a non-empty word passes the test. */
  | { readonly kind: 'count'; readonly word: SpecWord; readonly test: NumberTest; readonly span: Span }
  /** Value in base |Σ| (digit = index in the alphabet order) is ≡ r (mod k); ε has value 0. */
  | { readonly kind: 'value'; readonly k: number; readonly r: number; readonly span: Span }
  /** The `position`-th symbol (1-based) from the start or the end is `symbol`. */
  | { readonly kind: 'symbolAt'; readonly position: number; readonly fromEnd: boolean; readonly symbol: SpecWord; readonly span: Span }
  /** No two consecutive occurrences of the word (i.e. the word twice in a row never occurs). */
  | { readonly kind: 'noConsecutive'; readonly word: SpecWord; readonly span: Span };

/** An alphabet declared inside a spec ("in binary", "over {a, b}"). */
export interface DeclaredAlphabet {
  readonly symbols: readonly string[];
  readonly span: Span;
}

/** A parsed spec: the condition and the alphabet it declares, if any. */
export interface Spec {
  readonly root: SpecNode;
  readonly alphabet?: DeclaredAlphabet;
}
