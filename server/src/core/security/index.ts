/**
 * Public API of the built-in security engine.
 *
 * - {@link loadRulePack}: YAML rule files → compiled rules + located problems.
 * - {@link createSecurityEngine}: the `security` Engine over a compiled pack.
 * - {@link maskSecret}: how secret values are shown everywhere.
 *
 * Rule format: docs/rules.md. Built-in packs: `rules/*.yml`.
 */
export { loadRulePack, type RuleFile } from './ruleLoader';
export { createSecurityEngine, ruleInfo } from './engine';
export { maskSecret, shannonEntropy } from './secrets/heuristics';
export { checkRegexSafety } from './regexSafety';
export type { CompiledRules, RuleProblem, SecurityRule, RuleLanguage, RuleExample } from './types';

/** File names of the built-in rule packs under `rules/`, in load order. */
export const BUILTIN_RULE_FILES: readonly string[] = ['javascript.yml', 'python.yml', 'java.yml', 'go.yml', 'php.yml', 'secrets.yml'];
