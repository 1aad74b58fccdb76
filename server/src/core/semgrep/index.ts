/**
 * The pure half of the semgrep adapter: read `semgrep scan --json` output,
 * map it to findings and notices, describe the rules seen, and merge with
 * built-in findings. Spawning semgrep lives in `server/src/node/semgrep`.
 */
export type { SemgrepError, SemgrepNotice, SemgrepOutput, SemgrepPosition, SemgrepResult } from './types';
export { EMPTY_OUTPUT } from './types';
export { mergeOutputs, parseSemgrepJson, readSemgrepOutput, renamePaths, type ParsedOutput } from './reader';
export { categoryOf, cweIdsOf, docsUrlOf, findingSeverity, owaspIdsOf } from './metadata';
export { AUTOFIX_TITLE, SEMGREP_RULE_PREFIX, rangeOf, semgrepRuleId, toFinding, toFindings, type ScannedText, type SemgrepFindings } from './mapper';
export { describeError, noticesFor } from './notices';
export { mergeRules, ruleName, semgrepRules } from './rules';
export { duplicates, mergeFindings } from './merge';
