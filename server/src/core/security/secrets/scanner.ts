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

/** Guard against pathological inputs: stop a rule after this many candidates per file. */
const MAX_CANDIDATES = 500;

function lineAround(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const end = text.indexOf('\n', offset);
  return text.slice(start, end < 0 ? text.length : end);
}

/** Runs every secret rule over `text`; returns one hit per secret value. */
export function scanSecrets(rules: readonly SecurityRule[], text: string): Hit[] {
  if (rules.length === 0) return [];
  const lower = text.toLowerCase();
  const hits: Hit[] = [];
  const taken: [number, number][] = [];
  for (const rule of rules) {
    const spec = rule.secret;
    if (!spec || (spec.keywords.length && !spec.keywords.some((k) => lower.includes(k)))) continue;
    const re = spec.regex;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let candidates = 0;
    while ((m = re.exec(text)) && candidates++ < MAX_CANDIDATES) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const value = m[spec.group];
      const at = m.indices?.[spec.group];
      if (value === undefined || !at) continue;
      const [start, end] = at;
      if (shannonEntropy(value) < spec.entropy) continue;
      if (spec.allowList && isAllowListed(value, lineAround(text, start))) continue;
      // Two rules matching the same value (a provider rule and the generic one): report the first, more specific rule.
      if (taken.some(([s, e]) => s < end && start < e)) continue;
      taken.push([start, end]);
      hits.push({ rule, span: { start, end }, values: { secret: maskSecret(value) } });
    }
  }
  return hits;
}
