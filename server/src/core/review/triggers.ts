/**
 * Trigger offsets of the walk's prefilter (see `LanguageSpec.triggers`),
 * for the whole text or, in an incremental walk, for one span of it.
 *
 * A span's offsets are exactly the whole-text offsets that fall in it: the
 * regex runs over the full string (so `\b`, `^` and lookaheads see the same
 * neighbours) from a line start at or before the span, where the
 * whole-text run cannot be in the middle of a match. The one pattern that
 * can consume a line break (JS `const\s*[`) is checked for; when it could
 * span the restart point, the run starts at 0.
 */
import type { LanguageSpec } from './languages';

/** Trigger offsets of the whole text, or of the spans an incremental walk visits. */
export interface TriggerSet {
  /** Offset of the last character of every match, ascending. */
  readonly offsets: Int32Array;
  /** The subset that are logical operators (or `?`, for `??`). */
  readonly logical: Int32Array;
}

/** Line terminators as the regex engine sees them (`^` in multiline mode). */
function isRegexLineBreak(ch: number): boolean {
  return ch === 10 || ch === 13 || ch === 0x2028 || ch === 0x2029;
}

/** A restart point at or before `from` where no whole-text match can be in progress. */
function safeStart(spec: LanguageSpec, text: string, from: number): number {
  let at = from;
  while (at > 0 && !isRegexLineBreak(text.charCodeAt(at - 1))) at--;
  if (at === 0 || spec.family !== 'js') return at;
  // `\b(?:const|let|var)\s*[{[]` may run across line breaks: restart only where no such keyword precedes.
  let k = at;
  while (k > 0 && /\s/.test(text[k - 1]!)) k--;
  return /\b(?:const|let|var)$/.test(text.slice(Math.max(0, k - 6), k)) ? 0 : at;
}

/** Trigger offsets of the whole text. */
export function computeTriggers(spec: LanguageSpec, text: string): TriggerSet {
  return triggersIn(spec, text, [[0, text.length]]);
}

/**
 * Trigger offsets of the matches that start in the given spans (sorted,
 * disjoint `[from, to)` pairs): exactly the whole-text offsets there, plus
 * some just before each span (the run restarts at a line start).
 */
export function triggersIn(spec: LanguageSpec, text: string, spans: readonly (readonly [number, number])[]): TriggerSet {
  const offsets: number[] = [];
  const logical: number[] = [];
  // The spec's regex is shared (compiling one per file is costly); the walk is synchronous.
  const re = spec.triggers;
  // Operators are matched case-insensitively only where the regex is (PHP `AND`); lower-casing every match costs.
  const lower = re.ignoreCase;
  let scanned = 0;
  for (let k = 0; k < spans.length; k++) {
    const [from, to] = spans[k]!;
    const start = from === 0 ? 0 : safeStart(spec, text, from);
    // A restart inside text already scanned would repeat matches: continue the previous run instead.
    re.lastIndex = k > 0 && start < scanned ? scanned : start;
    let m = re.exec(text);
    // Record the match's last character: it lies inside the construct the match reveals.
    for (; m && m.index < to; m = re.exec(text)) {
      const last = m.index + m[0].length - 1;
      offsets.push(last);
      const word = lower ? m[0].toLowerCase() : m[0];
      if (spec.cognitiveOperators.has(word) || spec.cyclomaticOperators.has(word) || word === '?') logical.push(last);
      if (m[0].length === 0) re.lastIndex++;
    }
    // The next run may resume at the first match not taken.
    scanned = m ? m.index : text.length;
  }
  re.lastIndex = 0;
  return { offsets: Int32Array.from(offsets), logical: Int32Array.from(logical) };
}
