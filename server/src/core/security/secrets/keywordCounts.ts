/**
 * The secret scanner's keyword prefilter (`text.toLowerCase().includes(k)`)
 * kept up to date across edits: occurrences of each keyword in the
 * lower-cased text are counted once, and after an edit only a window around
 * it is lower-cased and recounted. Exact for ASCII keywords: lower-casing
 * maps each character on its own as far as ASCII output is concerned (only
 * the Greek final sigma looks at its neighbours, and it never yields ASCII),
 * and never shortens the text, so an occurrence touching the edit lies
 * inside a window wider than the keyword on both sides.
 */
import type { TextEdit } from './incremental';

/** Occurrences (overlapping ones included) of each keyword in the lower-cased text. */
export type KeywordCounts = ReadonlyMap<string, number>;

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

/** Whether every keyword is ASCII, so the windowed recount is exact. */
export function countable(keywords: Iterable<string>): boolean {
  for (const k of keywords) if (!k || /[^\x20-\x7e]/.test(k)) return false;
  return true;
}

/** Counts every keyword over the whole text. */
export function countKeywords(keywords: Iterable<string>, text: string): Map<string, number> {
  const lower = text.toLowerCase();
  const out = new Map<string, number>();
  for (const k of keywords) if (!out.has(k)) out.set(k, count(lower, k));
  return out;
}

/** The counts for `text`, from the counts of `previous` and the edit between them. */
export function recountKeywords(prev: KeywordCounts, previous: string, text: string, edit: TextEdit): Map<string, number> {
  let margin = 1;
  for (const k of prev.keys()) margin = Math.max(margin, k.length + 1);
  const from = Math.max(0, edit.start - margin);
  const before = previous.slice(from, Math.min(previous.length, edit.oldEnd + margin)).toLowerCase();
  const after = text.slice(from, Math.min(text.length, edit.newEnd + margin)).toLowerCase();
  const out = new Map<string, number>();
  for (const [k, n] of prev) out.set(k, n - count(before, k) + count(after, k));
  return out;
}
