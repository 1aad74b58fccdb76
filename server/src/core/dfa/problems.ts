import type { Severity } from '../model/finding';

/** A half-open range `[start, end)` of UTF-16 offsets into the text that was parsed. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A replacement of `span` by `newText`; a span with `start === end` is an insertion. */
export interface SpanEdit {
  readonly span: Span;
  readonly newText: string;
}

/** A fix expressed in offsets; the engine turns it into a `Fix` with line/character ranges. */
export interface ProblemFix {
  readonly title: string;
  readonly edits: readonly SpanEdit[];
  readonly preferred?: boolean;
}

/**
 * A problem found by a DFA parser or checker, in offsets so that the pure
 * parsers do not need a `LineIndex`. Spec problems are relative to the spec
 * text and are shifted into the document by the engine.
 */
export interface DfaProblem {
  /** `dfa/<kebab-case>` rule id. */
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly fixes?: readonly ProblemFix[];
  readonly related?: readonly { readonly span: Span; readonly message: string }[];
  readonly tags?: readonly 'unnecessary'[];
}

/** The result of every parser here: a value (absent when unusable) and all problems found. */
export interface Parsed<T> {
  readonly value: T | undefined;
  readonly problems: readonly DfaProblem[];
}

/** Moves a span by `delta` offsets. */
export function shiftSpan(span: Span, delta: number): Span {
  return { start: span.start + delta, end: span.end + delta };
}

/** Moves a problem (its span, fixes and related spans) by `delta`, e.g. from spec text into the document. */
export function shiftProblem(p: DfaProblem, delta: number): DfaProblem {
  if (delta === 0) return p;
  return {
    ...p,
    span: shiftSpan(p.span, delta),
    fixes: p.fixes?.map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, span: shiftSpan(e.span, delta) })) })),
    related: p.related?.map((r) => ({ ...r, span: shiftSpan(r.span, delta) })),
  };
}

/** Whether any problem is an error (which makes the parsed value unusable for meaning checks). */
export function hasErrors(problems: readonly DfaProblem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
