/**
 * Reading switch arms for constant-folded switches: the label values of an
 * arm, and which arm types fall through into the next one.
 */
import type { Node } from 'web-tree-sitter';
import type { Const } from './constants';

/** Arms that run on into the next arm unless they end with `break` (C-style switch). */
export const FALLTHROUGH_ARMS: ReadonlySet<string> = new Set(['switch_block_statement_group', 'switch_case', 'switch_default', 'case_statement', 'default_statement']);

const DEFAULT_ARMS = new Set(['switch_default', 'default_statement', 'default_case']);

/**
 * The label expressions of a switch arm, `'default'` for a default arm, or
 * undefined when the arm's labels cannot be read (patterns, type cases,
 * catch clauses), in which case the switch is not folded.
 */
export function armLabels(arm: Node): readonly Node[] | 'default' | undefined {
  if (DEFAULT_ARMS.has(arm.type)) return 'default';
  if (arm.type === 'switch_block_statement_group' || arm.type === 'switch_rule') {
    // Java: `case 'C':` / `case 1, 2 ->` / `default:` labels precede the statements.
    const labels = arm.namedChildren.filter((c) => c.type === 'switch_label');
    if (labels.some((l) => /^default\b/.test(l.text))) return 'default';
    const values = labels.flatMap((l) => l.namedChildren.filter((c) => c.type !== 'comment'));
    return values.length && values.every((v) => !/pattern|guard/.test(v.type)) ? values : undefined;
  }
  if (arm.type === 'case_clause') {
    // Python `match`: `case 'A':`, `case 'B' | 'C':`, `case _:`; captures, classes and guards are not folded.
    if (arm.childForFieldName('guard')) return undefined;
    const patterns = arm.namedChildren.filter((c) => c.type === 'case_pattern');
    if (patterns.length === 1 && patterns[0]!.text === '_') return 'default';
    const values = patterns.flatMap((p) => (p.namedChildren[0]?.type === 'union_pattern' ? p.namedChildren[0].namedChildren : p.namedChildren));
    return values.length && values.every((v) => /^(string|integer|float|true|false|case_pattern)$/.test(v.type)) ? values : undefined;
  }
  if (arm.type === 'switch_case' || arm.type === 'case_statement' || arm.type === 'expression_case') {
    const value = arm.childForFieldName('value');
    if (!value) return undefined;
    return value.type === 'expression_list' ? value.namedChildren : [value];
  }
  return undefined;
}

/**
 * Index of the arm a switch selects when its value folds to a constant (its
 * `default` arm when no label matches), or undefined when the value or a
 * label is not a constant. `node` holds the arms (a switch body, or the
 * switch itself in Go).
 */
export function selectArm(node: Node, arms: readonly Node[], fold: (n: Node) => Const | undefined): number | undefined {
  const owner = /block|body/.test(node.type) ? node.parent : node;
  const value = owner?.childForFieldName('condition') ?? owner?.childForFieldName('value') ?? owner?.childForFieldName('subject');
  const v = value ? fold(value) : undefined;
  if (v === undefined) return undefined;
  let fallback: number | undefined;
  for (let i = 0; i < arms.length; i++) {
    const labels = armLabels(arms[i]!);
    if (labels === undefined) return undefined;
    if (labels === 'default') fallback = i;
    else {
      const values = labels.map(fold);
      if (values.some((x) => x === undefined)) return undefined;
      if (values.includes(v)) return i;
    }
  }
  return fallback;
}
