import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import { DEFAULT_THRESHOLDS, type RuleLevel, type RuleOverride } from './types';
import type { Range } from '../model/finding';
import { SEVERITIES } from '../model/finding';

/** A problem found in a configuration file, with the span it is about. */
export interface ConfigProblem {
  readonly range: Range;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** What one `.argus.yml` says; absent fields were not set by this file. */
export interface ConfigLayer {
  engines?: { security?: boolean; review?: boolean; dfa?: boolean };
  rules: RuleOverride[];
  exclude: string[];
  thresholds: Record<string, number>;
}

/** Result shape shared by every parse function: a value plus every problem found. */
export interface Parsed<T> {
  readonly value: T;
  readonly problems: readonly ConfigProblem[];
}

const TOP_KEYS = ['engines', 'rules', 'exclude', 'thresholds', 'overrides'] as const;
const ENGINE_KEYS = ['security', 'review', 'dfa'] as const;
const LEVELS: readonly string[] = ['off', ...SEVERITIES];

/**
 * Parses an `.argus.yml` text. Never throws: each wrong key or wrong type
 * becomes a problem at its own line, and every valid part still applies.
 */
export function parseConfig(text: string): Parsed<ConfigLayer> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: ConfigProblem[] = [];
  const layer: ConfigLayer = { rules: [], exclude: [], thresholds: {} };
  const rangeOf = (node: { range?: [number, number, number] | null } | null | undefined): Range => {
    const [s, e] = node?.range ?? [0, 0, 0];
    const a = lc.linePos(s);
    const b = lc.linePos(Math.max(s, e));
    return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
  };
  const problem = (node: YamlNode | Pair | null | undefined, message: string, severity: 'error' | 'warning' = 'error'): void => {
    const target = node && 'key' in node && !('range' in node) ? (node.key as YamlNode) : (node as YamlNode | undefined);
    problems.push({ range: rangeOf(target), message, severity });
  };
  for (const err of doc.errors) {
    const a = lc.linePos(err.pos[0]);
    const b = lc.linePos(err.pos[1]);
    problems.push({ range: { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } }, message: `YAML: ${err.message.split('\n')[0]}`, severity: 'error' });
  }
  if (doc.errors.length > 0 || doc.contents === null) return { value: layer, problems };
  const root = doc.contents;
  if (!isMap(root)) {
    problem(root, 'the configuration must be a mapping (key: value)');
    return { value: layer, problems };
  }
  for (const pair of root.items) {
    const key = scalarKey(pair);
    const value = pair.value as YamlNode | null;
    switch (key) {
      case 'engines':
        parseEngines(value, layer, problem);
        break;
      case 'rules':
        layer.rules.push(...parseRules(value, undefined, problem));
        break;
      case 'exclude':
        layer.exclude.push(...parseGlobList(value, 'exclude', problem));
        break;
      case 'thresholds':
        parseThresholds(value, layer, problem);
        break;
      case 'overrides':
        parseOverrides(value, layer, problem);
        break;
      default:
        problem(pair.key as YamlNode, `unknown key '${key}'; expected one of ${TOP_KEYS.join(', ')}${suggest(key, TOP_KEYS)}`);
    }
  }
  return { value: layer, problems };
}

type Report = (node: YamlNode | Pair | null | undefined, message: string, severity?: 'error' | 'warning') => void;

function scalarKey(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

function parseEngines(node: YamlNode | null, layer: ConfigLayer, problem: Report): void {
  if (!isMap(node)) return problem(node, "'engines' must be a mapping such as { security: true }");
  layer.engines = {};
  for (const pair of node.items) {
    const key = scalarKey(pair);
    if (!(ENGINE_KEYS as readonly string[]).includes(key)) {
      problem(pair.key as YamlNode, `unknown engine '${key}'; expected one of ${ENGINE_KEYS.join(', ')}${suggest(key, ENGINE_KEYS)}`);
      continue;
    }
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof v !== 'boolean') problem(pair.value as YamlNode, `'engines.${key}' must be true or false`);
    else layer.engines[key as (typeof ENGINE_KEYS)[number]] = v;
  }
}

function parseRules(node: YamlNode | null, files: readonly string[] | undefined, problem: Report): RuleOverride[] {
  if (!isMap(node)) {
    problem(node, "'rules' must be a mapping from rule id (or glob) to off|error|warning|info|hint");
    return [];
  }
  const out: RuleOverride[] = [];
  for (const pair of (node as YAMLMap).items) {
    const pattern = scalarKey(pair);
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    const level = v === false ? 'off' : v;
    if (typeof level !== 'string' || !LEVELS.includes(level)) {
      problem(pair.value as YamlNode, `rule '${pattern}': level must be one of ${LEVELS.join(', ')}`);
      continue;
    }
    out.push(files ? { pattern, level: level as RuleLevel, files } : { pattern, level: level as RuleLevel });
  }
  return out;
}

function parseGlobList(node: YamlNode | null, what: string, problem: Report): string[] {
  if (!isSeq(node)) {
    problem(node, `'${what}' must be a list of globs`);
    return [];
  }
  const out: string[] = [];
  for (const item of node.items) {
    if (isScalar(item) && typeof item.value === 'string' && item.value.length > 0) out.push(item.value);
    else problem(item as YamlNode, `'${what}' entries must be non-empty strings (globs)`);
  }
  return out;
}

function parseThresholds(node: YamlNode | null, layer: ConfigLayer, problem: Report): void {
  if (!isMap(node)) return problem(node, "'thresholds' must be a mapping such as { review.cognitiveComplexity: 15 }");
  const known = Object.keys(DEFAULT_THRESHOLDS);
  for (const pair of node.items) {
    const key = scalarKey(pair);
    if (!known.includes(key)) {
      problem(pair.key as YamlNode, `unknown threshold '${key}'${suggest(key, known)}`);
      continue;
    }
    const v = isScalar(pair.value) ? pair.value.value : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) problem(pair.value as YamlNode, `threshold '${key}' must be a non-negative number`);
    else layer.thresholds[key] = v;
  }
}

function parseOverrides(node: YamlNode | null, layer: ConfigLayer, problem: Report): void {
  if (!isSeq(node)) return problem(node, "'overrides' must be a list of { files: [globs], rules: {...} }");
  for (const item of node.items) {
    if (!isMap(item)) {
      problem(item as YamlNode, "each override must be a mapping with 'files' and 'rules'");
      continue;
    }
    let files: string[] | undefined;
    let rulesNode: YamlNode | null = null;
    for (const pair of item.items) {
      const key = scalarKey(pair);
      if (key === 'files') files = parseGlobList(pair.value as YamlNode, 'overrides.files', problem);
      else if (key === 'rules') rulesNode = pair.value as YamlNode;
      else problem(pair.key as YamlNode, `unknown key '${key}' in override; expected files, rules${suggest(key, ['files', 'rules'])}`);
    }
    if (!files || files.length === 0) problem(item as YamlNode, "override needs a non-empty 'files' list");
    else if (rulesNode) layer.rules.push(...parseRules(rulesNode, files, problem));
  }
}

/** " (did you mean 'x'?)" when a known word is within edit distance 2, else "". */
export function suggest(word: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best ? ` (did you mean '${best}'?)` : '';
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
