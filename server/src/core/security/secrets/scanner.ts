/**
 * Scans raw text with the `secret:` rules. A keyword prefilter skips a rule
 * unless one of its literals occurs in the file (gitleaks' `keywords`), then
 * the rule's V8 regex runs once over the text; candidates must pass the
 * entropy threshold and the allow-list. Messages only ever see the masked
 * value.
 */
import type { Hit } from '../report';
import type { SecurityRule } from '../types';
import { isAllowListed, maskSecret, shannonEntropy } from './heuristics';
import { keywordMatcher } from './keywordScan';

/** Guard against pathological inputs: stop a rule after this many candidates per file. */
export const MAX_CANDIDATES = 500;

/** The text of the line holding `offset` (the allow-list's context). */
export function lineAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/** One regex match of a rule (empty matches are never kept): the secret's span, and where the whole match ends. */
export interface Candidate {
  readonly start: number;
  readonly end: number;
  /** Start of the whole match (where the attempt that found it began). */
  readonly matchStart: number;
  /** End of the whole match: the scan goes on from there. */
  readonly matchEnd: number;
  /** The masked secret when the value passes entropy and the allow-list; undefined when it does not. */
  readonly masked?: string;
}

/**
 * Every candidate of one rule over the whole text, in match order, at most
 * {@link MAX_CANDIDATES} attempts: the loop both `scanSecrets` and the
 * incremental scanner replay, so their results agree exactly.
 */
export function ruleCandidates(rule: SecurityRule, text: string): Candidate[] {
  const spec = rule.secret!;
  const re = spec.regex;
  const list: Candidate[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  let count = 0;
  while ((m = re.exec(text)) && count++ < MAX_CANDIDATES) {
    if (m[0] === '') {
      re.lastIndex++;
      continue;
    }
    const value = m[spec.group];
    const at = m.indices?.[spec.group];
    if (value === undefined || !at) continue;
    const [start, end] = at;
    const ok = shannonEntropy(value) >= spec.entropy && !(spec.allowList && isAllowListed(value, lineAround(text, start)));
    list.push({ start, end, matchStart: m.index, matchEnd: m.index + m[0].length, ...(ok ? { masked: maskSecret(value) } : {}) });
  }
  return list;
}

/** The keyword prefilter of each rule list, built once (the engine passes the same compiled list for every file). */
const matchers = new WeakMap<readonly SecurityRule[], (text: string) => Set<string>>();

/** Runs every secret rule over `text`; returns one hit per secret value. */
export function scanSecrets(rules: readonly SecurityRule[], text: string): Hit[] {
  if (rules.length === 0) return [];
  let matcher = matchers.get(rules);
  if (!matcher) matchers.set(rules, (matcher = keywordMatcher(rules.flatMap((r) => r.secret?.keywords ?? []))));
  const present = matcher(text);
  const hits: Hit[] = [];
  const taken: [number, number][] = [];
  for (const rule of rules) {
    const spec = rule.secret;
    if (!spec || (spec.keywords.length && !spec.keywords.some((k) => present.has(k)))) continue;
    for (const c of ruleCandidates(rule, text)) {
      if (c.masked === undefined) continue;
      // Two rules matching the same value (a provider rule and the generic one): report the first, more specific rule.
      if (taken.some(([s, e]) => s < c.end && c.start < e)) continue;
      taken.push([c.start, c.end]);
      hits.push({ rule, span: { start: c.start, end: c.end }, values: { secret: c.masked } });
    }
  }
  return hits;
}
