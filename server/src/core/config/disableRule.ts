/**
 * Turning a rule off in an `.argus.yml` without disturbing the rest of the
 * file: a one-line text insertion (or a one-value replacement), verified by
 * re-parsing. Anything that cannot be done that way safely becomes a snippet
 * for the user to paste, with the reason.
 */
import { isMap, isScalar, parseDocument, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { parseConfig } from './parseConfig';
import { ruleLevel } from './resolve';
import { DEFAULT_CONFIG } from './types';

/** What to do to disable a rule: new file text, or a snippet and why no edit was made. */
export type DisablePlan =
  | { readonly kind: 'edit'; readonly newText: string; readonly created: boolean }
  | { readonly kind: 'snippet'; readonly snippet: string; readonly reason: string };

/** A rule id as a YAML key: plain when it is safe, else double-quoted. */
function yamlKey(ruleId: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_\-./]*$/.test(ruleId) ? ruleId : JSON.stringify(ruleId);
}

/**
 * Plans `rules: { <ruleId>: off }` in an `.argus.yml` whose current text is
 * `text` (undefined: the file does not exist).
 */
export function planRuleDisable(text: string | undefined, ruleId: string): DisablePlan {
  const key = yamlKey(ruleId);
  const snippet = `rules:\n  ${key}: off\n`;
  if (text === undefined || text.trim() === '') return verified(text ?? '', snippet, ruleId, text === undefined);
  const before = parseConfig(text);
  if (before.problems.length > 0) return { kind: 'snippet', snippet, reason: `.argus.yml has problems (line ${before.problems[0]!.range.start.line + 1}: ${before.problems[0]!.message}); fix them first` };
  const doc = parseDocument(text, { keepSourceTokens: false });
  const root = doc.contents;
  if (!isMap(root)) return { kind: 'snippet', snippet, reason: '.argus.yml is not a mapping' };
  const rulesPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'rules') as Pair<Scalar, unknown> | undefined;
  if (!rulesPair) {
    const sep = text.endsWith('\n') ? '' : '\n';
    return verified(text, `${text}${sep}${snippet}`, ruleId, false);
  }
  const rules = rulesPair.value;
  if (!isMap(rules) || rules.flow) return { kind: 'snippet', snippet, reason: "'rules' is not a block mapping, so a line cannot be added safely" };
  const existing = (rules as YAMLMap<Scalar, Scalar>).items.find((p) => isScalar(p.key) && p.key.value === ruleId);
  if (existing) {
    const value = existing.value;
    if (!isScalar(value) || !value.range) return { kind: 'snippet', snippet, reason: `the entry for ${ruleId} is not a plain value` };
    return verified(text, `${text.slice(0, value.range[0])}off${text.slice(value.range[1])}`, ruleId, false);
  }
  const first = rules.items[0];
  const last = rules.items[rules.items.length - 1];
  const firstKey = first && isScalar(first.key) ? first.key : undefined;
  const lastValue = last && (isScalar(last.value) || isMap(last.value)) ? last.value : undefined;
  if (!firstKey?.range || !lastValue?.range) return { kind: 'snippet', snippet, reason: "the 'rules' mapping has an unusual layout" };
  const indent = firstKey.range[0] - lineStart(text, firstKey.range[0]);
  const eol = text.indexOf('\n', lastValue.range[1]);
  const at = eol < 0 ? text.length : eol + 1;
  const line = `${' '.repeat(indent)}${key}: off\n`;
  const newText = eol < 0 ? `${text}\n${line}` : `${text.slice(0, at)}${line}${text.slice(at)}`;
  return verified(text, newText, ruleId, false);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * Accepts an edit only if the new file parses without problems, keeps every
 * earlier setting, and leaves the rule off for every file: no later entry
 * (e.g. an `overrides` block) may turn it back on.
 */
function verified(oldText: string, newText: string, ruleId: string, created: boolean): DisablePlan {
  const snippet = `rules:\n  ${yamlKey(ruleId)}: off\n`;
  const after = parseConfig(newText);
  if (after.problems.length > 0) return { kind: 'snippet', snippet, reason: `the edited file would not parse (${after.problems[0]!.message})` };
  const rules = after.value.rules;
  let mine = -1;
  rules.forEach((r, i) => {
    if (r.pattern === ruleId && r.level === 'off' && !r.files) mine = i;
  });
  const matches = (pattern: string) => ruleLevel({ ...DEFAULT_CONFIG, rules: [{ pattern, level: 'off' }] }, ruleId, '') !== undefined;
  if (mine < 0 || rules.slice(mine + 1).some((r) => r.level !== 'off' && matches(r.pattern))) {
    return { kind: 'snippet', snippet, reason: 'a later entry of .argus.yml (such as an override) would turn the rule back on for some files' };
  }
  const before = oldText.trim() === '' ? [] : parseConfig(oldText).value.rules;
  const kept = before.filter((r) => r.pattern !== ruleId);
  const afterOthers = after.value.rules.filter((r) => r.pattern !== ruleId);
  if (JSON.stringify(kept) !== JSON.stringify(afterOthers)) return { kind: 'snippet', snippet, reason: 'the edit would change other settings' };
  return { kind: 'edit', newText, created };
}
