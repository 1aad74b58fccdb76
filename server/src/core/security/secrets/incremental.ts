/**
 * Incremental secret scanning for the language server: the matches of each
 * `secret:` rule are kept per document, and after an edit only the lines
 * near it are scanned again. Exact, because it is only done for rules whose
 * regex reaches a bounded number of line breaks (`newlineExtent`): a match
 * attempt then depends only on the lines around its own, so attempts far
 * from the edit behave as before. The rescan starts where the old scan was
 * searching before the edit, and stops where old and new scans are provably
 * searching from the same place again (`patched`). The rest of
 * `scanSecrets` is replayed on the kept matches: the keyword prefilter (on
 * the whole new text), the cap of candidates per rule, and the overlap rule
 * between rules. A rule that does not qualify, saw an empty match or
 * reached the cap is scanned whole, as `scanSecrets` does.
 */
import type { Hit } from '../report';
import type { SecurityRule } from '../types';
import { isAllowListed, maskSecret, shannonEntropy } from './heuristics';
import { newlineExtent, type Extent } from './extent';
import { countable, countKeywords, recountKeywords, type KeywordCounts } from './keywordCounts';
import { lineAround, MAX_CANDIDATES, ruleCandidates, type Candidate } from './scanner';

/** What one rule found over the whole text; `exact: false` means it must be rescanned whole next time. */
interface RuleScan {
  /** The keyword prefilter passed and the regex ran. */
  readonly ran: boolean;
  readonly candidates: readonly Candidate[];
  /** The candidates can be patched line by line next time. */
  readonly exact: boolean;
}

/** The per-document state kept between scans. */
export interface SecretState {
  readonly text: string;
  readonly scans: readonly RuleScan[];
  /** Keyword occurrences in the lower-cased text, when every keyword is ASCII. */
  readonly keywords?: KeywordCounts;
}

/** The replaced span of an edit: [start, oldEnd) of the old text became [start, newEnd) of the new. */
export interface TextEdit {
  readonly start: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

const extents = new WeakMap<RegExp, Extent | null>();

function extentOf(re: RegExp): Extent | undefined {
  let v = extents.get(re);
  if (v === undefined) extents.set(re, (v = newlineExtent(re) ?? null));
  return v ?? undefined;
}

/**
 * Regex matches of `rule` in `text`, searching from `from` within the window
 * text[windowStart, windowEnd); matches starting at `stop` or later are not
 * taken. Undefined on an empty match; `capped` when there were more than
 * the cap allows.
 */
function scan(rule: SecurityRule, text: string, from: number, stop: number, windowStart = 0, windowEnd = text.length): { list: Candidate[]; capped: boolean } | undefined {
  const spec = rule.secret!;
  const re = spec.regex;
  const part = windowStart === 0 && windowEnd === text.length ? text : text.slice(windowStart, windowEnd);
  const list: Candidate[] = [];
  re.lastIndex = from - windowStart;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = re.exec(part)) && m.index + windowStart < stop) {
    if (count++ >= MAX_CANDIDATES) return { list, capped: true };
    if (m[0] === '') return undefined;
    const matchStart = windowStart + m.index;
    const matchEnd = matchStart + m[0].length;
    const value = m[spec.group];
    const at = m.indices?.[spec.group];
    if (value === undefined || !at) {
      list.push({ start: matchStart, end: matchEnd, matchStart, matchEnd });
      continue;
    }
    const [start, end] = [windowStart + at[0], windowStart + at[1]];
    const ok = shannonEntropy(value) >= spec.entropy && !(spec.allowList && isAllowListed(value, lineAround(text, start)));
    list.push({ start, end, matchStart, matchEnd, ...(ok ? { masked: maskSecret(value) } : {}) });
  }
  return { list, capped: false };
}

/** Start of the line `k` lines before the one holding `offset`. */
function linesBack(text: string, offset: number, k: number): number {
  let s = text.lastIndexOf('\n', offset - 1) + 1;
  for (let i = 0; i < k && s > 0; i++) s = text.lastIndexOf('\n', s - 2) + 1;
  return s;
}

/** End (the `\n`, or the text's end) of the line `k` lines after the one holding `offset`. */
function linesForward(text: string, offset: number, k: number): number {
  const next = (o: number): number => {
    const nl = text.indexOf('\n', o);
    return nl < 0 ? text.length : nl;
  };
  let e = next(offset);
  for (let i = 0; i < k && e < text.length; i++) e = next(e + 1);
  return e;
}

/**
 * The rule's matches in the new text from its matches in the old one, or
 * undefined when the two scans cannot be shown to line up again.
 *
 * Attempts on lines more than `forward` lines before the edit, or more than
 * `backward` lines after it, see exactly what they saw before. So the old
 * matches starting before line (edit start − forward) stay; the new scan
 * resumes where the old one was searching then (after the last kept match);
 * it runs up to the first line past (edit end + backward), `sync`; from there
 * on both scans search the same text from the same place, provided no old
 * match runs across that place, so the old matches after it stay, moved.
 */
function patched(rule: SecurityRule, ext: Extent, text: string, prev: readonly Candidate[], edit: TextEdit): Candidate[] | undefined {
  const delta = edit.newEnd - edit.oldEnd;
  const keepBefore = linesBack(text, edit.start, ext.forward);
  const kept = prev.filter((c) => c.matchStart < keepBefore);
  const resume = Math.max(kept.at(-1)?.matchEnd ?? 0, keepBefore);
  const sync = Math.min(text.length, linesForward(text, edit.newEnd, ext.backward) + 1);
  // Attempts between `resume` and `sync` look back and ahead this far at most.
  const windowStart = linesBack(text, resume, ext.backward);
  const windowEnd = Math.min(text.length, linesForward(text, edit.newEnd, ext.backward + ext.forward) + 1);
  const found = scan(rule, text, resume, sync, windowStart, windowEnd);
  if (!found || found.capped) return undefined;
  const at = Math.max(found.list.at(-1)?.matchEnd ?? resume, sync) - delta;
  if (prev.some((c) => c.matchStart < at && at < c.matchEnd)) return undefined;
  const after = prev.filter((c) => c.matchStart >= at).map((c) => ({ ...c, start: c.start + delta, end: c.end + delta, matchStart: c.matchStart + delta, matchEnd: c.matchEnd + delta }));
  return [...kept, ...found.list, ...after];
}

/** One rule over the new text: patched from its previous scan when possible, else scanned whole. */
function scanRule(rule: SecurityRule, text: string, present: (keyword: string) => boolean, prev: RuleScan | undefined, edit: TextEdit | undefined): RuleScan {
  const spec = rule.secret;
  if (!spec || (spec.keywords.length && !spec.keywords.some(present))) return { ran: false, candidates: [], exact: true };
  const ext = extentOf(spec.regex);
  if (ext && prev?.ran && prev.exact && edit) {
    const candidates = patched(rule, ext, text, prev.candidates, edit);
    if (candidates && candidates.length < MAX_CANDIDATES) return { ran: true, candidates, exact: true };
  }
  const whole = scan(rule, text, 0, text.length);
  if (!whole) return { ran: true, candidates: ruleCandidates(rule, text), exact: false };
  return { ran: true, candidates: whole.list, exact: ext !== undefined && !whole.capped };
}

/**
 * The hits `scanSecrets(rules, text)` returns, computed from the previous
 * state where possible, and the state for the next call. `edit` must turn
 * `prev.text` into `text`; without it (or a previous state) every rule is
 * scanned whole.
 */
export function scanSecretsIncremental(rules: readonly SecurityRule[], text: string, prev: SecretState | undefined, edit: TextEdit | undefined): { hits: Hit[]; state: SecretState } {
  const usable = prev && prev.scans.length === rules.length ? prev : undefined;
  const keywords = rules.flatMap((r) => r.secret?.keywords ?? []);
  let counts: KeywordCounts | undefined;
  let present: (k: string) => boolean;
  if (countable(keywords)) {
    counts = usable?.keywords && edit ? recountKeywords(usable.keywords, usable.text, text, edit) : countKeywords(keywords, text);
    present = (k) => (counts!.get(k) ?? 0) > 0;
  } else {
    const lower = rules.length ? text.toLowerCase() : '';
    present = (k) => lower.includes(k);
  }
  const scans = rules.map((rule, i) => scanRule(rule, text, present, usable?.scans[i], usable ? edit : undefined));
  const hits: Hit[] = [];
  const taken: [number, number][] = [];
  rules.forEach((rule, i) => {
    for (const c of scans[i]!.candidates) {
      if (c.masked === undefined) continue;
      // Two rules matching the same value (a provider rule and the generic one): report the first, more specific rule.
      if (taken.some(([s, e]) => s < c.end && c.start < e)) continue;
      taken.push([c.start, c.end]);
      hits.push({ rule, span: { start: c.start, end: c.end }, values: { secret: c.masked } });
    }
  });
  return { hits, state: { text, scans, ...(counts ? { keywords: counts } : {}) } };
}
