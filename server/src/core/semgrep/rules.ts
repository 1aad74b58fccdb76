/**
 * Static rule descriptions (`RuleInfo`) for the semgrep rules that produced
 * results, for SARIF `tool.driver.rules[]` and hovers. semgrep's JSON output
 * carries no rule table, so each description is built from the first result
 * of the rule: its message (metavariables already substituted) and metadata.
 */
import type { RuleInfo } from '../model/finding';
import { categoryOf, cweIdsOf, docsUrlOf, findingSeverity, owaspIdsOf } from './metadata';
import { semgrepRuleId } from './mapper';
import type { SemgrepOutput, SemgrepResult } from './types';

/** Longest short description; SARIF viewers show it on one line. */
const MAX_SHORT = 120;

/** One `RuleInfo` per distinct check id in the output, sorted by id. */
export function semgrepRules(output: SemgrepOutput): RuleInfo[] {
  const first = new Map<string, SemgrepResult>();
  for (const r of output.results) if (!first.has(r.checkId)) first.set(r.checkId, r);
  return [...first.values()].map(ruleInfo).sort((a, b) => a.id.localeCompare(b.id));
}

/** Merges rule lists from several runs; the first description of an id wins. */
export function mergeRules(...lists: readonly (readonly RuleInfo[])[]): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const list of lists) for (const r of list) if (!byId.has(r.id)) byId.set(r.id, r);
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

function ruleInfo(r: SemgrepResult): RuleInfo {
  const full = r.message ?? `Semgrep rule ${r.checkId}.`;
  const cwe = cweIdsOf(r.metadata);
  const owasp = owaspIdsOf(r.metadata);
  const helpUri = docsUrlOf(r.metadata);
  return {
    id: semgrepRuleId(r.checkId),
    engine: 'semgrep',
    name: ruleName(r.checkId),
    shortDescription: shortOf(full),
    fullDescription: full,
    ...(helpUri ? { helpUri } : {}),
    category: categoryOf(r.metadata),
    defaultSeverity: findingSeverity(r.severity),
    ...(cwe.length ? { cwe } : {}),
    ...(owasp.length ? { owasp } : {}),
    tags: ['semgrep'],
  };
}

/** `python.lang.security.audit.eval-detected` → `EvalDetected` (SARIF wants a readable name). */
export function ruleName(checkId: string): string {
  const last = checkId.split('.').pop() ?? checkId;
  const words = last.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.length ? words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') : checkId;
}

/** The first sentence or line of a message, truncated. */
function shortOf(message: string): string {
  const line = message.split(/\r?\n/)[0]!.trim();
  const sentence = /^(.+?[.!?])(?:\s|$)/.exec(line)?.[1] ?? line;
  return sentence.length > MAX_SHORT ? `${sentence.slice(0, MAX_SHORT - 1)}…` : sentence;
}
