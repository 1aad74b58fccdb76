import type { Span } from '../problems';

/** A name or symbol as written, with its location. */
export interface Named {
  readonly text: string;
  readonly span: Span;
}

/** A `key: value` line: where the whole line is and where its value is (for rewriting it). */
export interface KeyLine {
  /** The whole line including its line break (for deleting it). */
  readonly lineSpan: Span;
  /** The value after `key:`, trimmed. */
  readonly valueSpan: Span;
}

/** One transition as written; an arrow with two symbols yields two of these. */
export interface TransitionAst {
  readonly from: Named;
  readonly symbol: Named;
  readonly to: Named;
  /** The arrow line or table row, including its line break. */
  readonly lineSpan: Span;
}

/** A test vector: a word the machine must accept or reject. */
export interface VectorAst {
  readonly expect: 'accept' | 'reject';
  /** The word, `''` for ε. */
  readonly word: string;
  readonly span: Span;
}

/**
 * One machine as written in a `.dfa` or `.dfa.json` document, before any
 * validation. Every part keeps its span so diagnostics and fixes can point
 * at (and rewrite) exactly what the user wrote.
 */
export interface MachineAst {
  readonly format: 'dfa' | 'json';
  readonly name?: Named;
  /** Where machine-level findings go: the `machine` header, or the machine's first line. */
  readonly anchor: Span;
  /** Offset just after the machine's last line (where new lines are inserted). */
  readonly end: number;
  /** Indentation of the machine's body lines, reused by fixes. */
  readonly indent: string;
  readonly spec?: Named & KeyLine;
  readonly alphabet?: { readonly symbols: readonly Named[] } & KeyLine;
  readonly states?: { readonly names: readonly Named[] } & KeyLine;
  readonly start?: { readonly name: Named } & KeyLine;
  readonly accepting?: { readonly names: readonly Named[] } & KeyLine;
  readonly transitions: readonly TransitionAst[];
  readonly vectors: readonly VectorAst[];
  /** The `accepts:` / `rejects:` lines, to append new vectors to. */
  readonly vectorLines: readonly ({ readonly expect: 'accept' | 'reject' } & KeyLine)[];
  /** Lines holding transitions (arrows, table header and rows), for replacing the machine's structure. */
  readonly structureLines: readonly Span[];
}

/** A parsed document: zero or more machines. */
export interface DfaFile {
  readonly machines: readonly MachineAst[];
}
