/**
 * Reading and validating the `where` conditions and the `fix` field of a rule
 * (docs/rules.md). Like the rest of the schema, every problem is reported at
 * its place in the rule file and the rule is dropped, never thrown.
 */
import { isSeq, type Node, type Scalar } from 'yaml';
import { compileRuleRegex } from './regexSafety';
import type { FixEdit, FixImport, FixSpec, RegexConditionKind, WhereCondition } from './types';
import { readMap, readSeq, readString, type YamlFile } from './yamlSource';

const REGEX_KINDS: readonly RegexConditionKind[] = ['scope-matches', 'scope-not-matches', 'scope-strings-not-match', 'context-matches', 'document-matches', 'document-not-matches'];
/** Conditions of a rule's `where`. */
const RULE_WHERE_KINDS: readonly string[] = ['not-constant', 'constant-string', ...REGEX_KINDS];
/** Conditions of a fix's `where`: the rule's plus `in-scope`, which binds a name for the templates. */
const FIX_WHERE_KINDS: readonly string[] = [...RULE_WHERE_KINDS, 'in-scope'];
const PLACEHOLDER = /\$([A-Z][A-Z0-9_]*)/g;

/** A rule-file regex, compiled after the safety check; problems point into the scalar. */
function readRegex(file: YamlFile, node: Node | null | undefined, what: string, flags = ''): RegExp | undefined {
  const src = readString(file, node, what);
  if (src === undefined) return undefined;
  const { regex, problem } = compileRuleRegex(src, flags);
  if (!regex) file.reportAt({ start: file.positionInScalar(node as Scalar, problem!.index), end: file.rangeOf(node).end }, `${what}: ${problem!.message}`);
  return regex;
}

/** Reads a `where` list (of a rule, or of a fix when `kinds` includes `in-scope`). */
export function readWhere(file: YamlFile, node: Node | null | undefined, what: string, kinds: readonly string[] = RULE_WHERE_KINDS): WhereCondition[] | undefined {
  const items = readSeq(file, node, what);
  if (!items) return undefined;
  const out: WhereCondition[] = [];
  for (const item of items) {
    const m = readMap(file, item, `a ${what} condition`, kinds);
    if (!m || m.size !== 1) {
      if (m) file.report(item, `a ${what} condition must have exactly one of ${kinds.join(', ')}`);
      return undefined;
    }
    const [kind, pair] = [...m][0]!;
    if (kind === 'not-constant' || kind === 'constant-string') {
      const capture = readString(file, pair.value, kind);
      if (capture === undefined) return undefined;
      out.push({ kind, capture });
    } else if (kind === 'in-scope') {
      const s = readMap(file, pair.value, 'in-scope', ['name', 'as']);
      const name = s && readRegex(file, s.get('name')?.value, 'in-scope.name');
      const as = s && readString(file, s.get('as')?.value, 'in-scope.as');
      if (as !== undefined && !/^[a-z][a-z0-9_]*$/.test(as)) file.report(s?.get('as')?.value, `in-scope.as must be a lower-case capture-like name (used as $${as.toUpperCase()}); got '${as}'`);
      if (!name || as === undefined || !/^[a-z][a-z0-9_]*$/.test(as)) return undefined;
      out.push({ kind, name, as });
    } else {
      const regex = readRegex(file, pair.value, kind, kind.startsWith('document-') ? 'm' : '');
      if (!regex) return undefined;
      out.push({ kind: kind as RegexConditionKind, regex });
    }
  }
  return out;
}

/** One entry of `fix.edits`: `{capture, template}`, `{insert-after, template}` or `{delete}`. */
function readEdit(file: YamlFile, node: Node | null): FixEdit | undefined {
  const m = readMap(file, node, 'a fix edit', ['capture', 'insert-after', 'delete', 'template']);
  if (!m) return undefined;
  const targets = (['capture', 'insert-after', 'delete'] as const).filter((k) => m.has(k));
  if (targets.length !== 1) {
    file.report(node, `a fix edit needs exactly one of capture (replace), insert-after, delete${targets.length ? ` (has ${targets.join(', ')})` : ''}`);
    return undefined;
  }
  const kind = targets[0]!;
  const capture = readString(file, m.get(kind)?.value, `fix edit ${kind}`);
  if (kind === 'delete') {
    if (m.has('template')) file.report(m.get('template')?.key as Node, "a 'delete' edit takes no template");
    return capture === undefined || m.has('template') ? undefined : { kind, capture };
  }
  if (!m.has('template')) file.report(node, `a '${kind}' edit needs a template`);
  const template = m.has('template') ? readString(file, m.get('template')?.value, 'fix edit template') : undefined;
  if (capture === undefined || template === undefined) return undefined;
  return kind === 'capture' ? { kind: 'replace', capture, template } : { kind, capture, template };
}

function readImport(file: YamlFile, node: Node | null | undefined): FixImport | undefined {
  const m = readMap(file, node, 'fix.import', ['present', 'text']);
  if (!m) return undefined;
  if (!m.has('present') || !m.has('text')) file.report(node, "fix.import needs 'present' (a regex) and 'text' (the line to insert)");
  const present = m.has('present') ? readRegex(file, m.get('present')?.value, 'fix.import.present', 'm') : undefined;
  const text = m.has('text') ? readString(file, m.get('text')?.value, 'fix.import.text') : undefined;
  if (text !== undefined && /[\r\n]/.test(text)) file.report(m.get('text')?.value, 'fix.import.text must be one line');
  return present && text !== undefined && !/[\r\n]/.test(text) ? { present, text } : undefined;
}

/** One fix mapping: the legacy `{ title, template, capture? }` or `{ title, edits, where?, import? }`. */
function readOneFix(file: YamlFile, node: Node | null, report: string): FixSpec | undefined {
  const before = file.problems.length;
  const m = readMap(file, node, 'fix', ['title', 'template', 'capture', 'edits', 'where', 'import']);
  if (!m) return undefined;
  if (!m.has('title')) file.report(node, "a fix needs 'title'");
  const title = m.has('title') ? readString(file, m.get('title')?.value, 'fix.title') : undefined;
  let edits: FixEdit[] | undefined;
  if (m.has('edits') === (m.has('template') || m.has('capture'))) {
    file.report(node, m.has('edits') ? "a fix has either 'edits' or 'template' (with 'capture'), not both" : "a fix needs 'edits' or 'template'");
  } else if (m.has('edits')) {
    const items = readSeq(file, m.get('edits')?.value, 'fix.edits');
    if (items?.length === 0) file.report(m.get('edits')?.value, 'fix.edits must not be empty');
    edits = items?.map((i) => readEdit(file, i)).filter((e): e is FixEdit => e !== undefined);
  } else {
    // Backwards compatible form: one replacement of `capture` (default: the report capture).
    if (!m.has('template')) file.report(node, "a fix with 'capture' needs 'template'");
    const template = m.has('template') ? readString(file, m.get('template')?.value, 'fix.template') : undefined;
    const capture = m.has('capture') ? readString(file, m.get('capture')?.value, 'fix.capture') : report;
    if (template !== undefined && capture !== undefined) edits = [{ kind: 'replace', capture, template }];
  }
  const where = m.has('where') ? readWhere(file, m.get('where')?.value, 'fix.where', FIX_WHERE_KINDS) : [];
  const imp = m.has('import') ? readImport(file, m.get('import')?.value) : undefined;
  const targets = edits?.map((e) => e.capture) ?? [];
  const twice = targets.find((t, i) => targets.indexOf(t) !== i);
  if (twice) file.report(m.get('edits')?.value, `fix edits target @${twice} twice; the edits of one fix must not overlap`);
  if (file.problems.length > before || title === undefined || !edits || !where) return undefined;
  const bound = new Set(where.flatMap((w) => (w.kind === 'in-scope' ? [w.as] : [])));
  const placeholders = edits.flatMap((e) => (e.kind === 'delete' ? [] : [...e.template.matchAll(PLACEHOLDER)].map((p) => p[1]!.toLowerCase())));
  const captures = [...new Set([...targets, ...placeholders])].filter((c) => !bound.has(c));
  return { title, edits, where, ...(imp ? { import: imp } : {}), captures };
}

/**
 * Reads `fix`: one fix mapping, or a list of alternatives in order of
 * preference. Returns undefined (after reporting) when any entry is invalid.
 */
export function readFix(file: YamlFile, node: Node | null | undefined, report: string): FixSpec[] | undefined {
  const entries = isSeq(node) ? (node.items as (Node | null)[]) : [node ?? null];
  if (entries.length === 0) file.report(node, 'fix must be a mapping or a non-empty list of mappings');
  const out = entries.map((e) => readOneFix(file, e, report));
  return entries.length && out.every((f) => f !== undefined) ? (out as FixSpec[]) : undefined;
}
