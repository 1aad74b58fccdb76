/**
 * Compiles every tree-sitter query of a rule pack into ONE query per grammar,
 * so a document is matched in a single traversal (ast-grep's CombinedScan
 * idea; see notes/anchors.md). Each pattern of the combined query is mapped
 * back to the rule or set it came from by its start offset.
 *
 * A broken query is reported at its position in the rule file and dropped
 * for that grammar; the rest of the pack still compiles.
 */
import { Query } from 'web-tree-sitter';
import type { GrammarName } from '../parsing/grammars';
import type { ParserHost } from '../parsing/parserHost';
import { checkRegexSafety } from './regexSafety';
import type { QuerySource } from './ruleSchema';
import type { CombinedQuery, PatternRole } from './types';
import { keywordRegex, type PatternMember, type QueryPart } from './queryGating';
import { shapeOf, type PatternShape } from './patternShapes';
import { splitPatterns, type Keyword } from './queryPatterns';
import type { YamlFile } from './yamlSource';

/** One query to compile, with the grammars it applies to and the captures it must define. */
export interface QueryItem {
  readonly role: PatternRole;
  readonly source: QuerySource;
  readonly file: YamlFile;
  readonly grammars: readonly GrammarName[];
  readonly requiredCaptures: readonly string[];
  /** What to call the item in messages, e.g. `rule security/js-eval`. */
  readonly label: string;
}

/** Predicates that web-tree-sitter evaluates itself. Any other predicate would be silently ignored, so it is an error. */
const KNOWN_PREDICATES = new Set(['eq?', 'not-eq?', 'any-eq?', 'any-not-eq?', 'match?', 'not-match?', 'any-match?', 'any-not-match?', 'any-of?', 'not-any-of?']);

/** Decodes a tree-sitter query string literal body (`\"`, `\\`, `\n`, `\t`). */
function unescapeQueryString(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
}

function reportIn(item: QueryItem, offset: number, length: number, message: string): void {
  const start = item.file.positionInScalar(item.source.node, offset);
  const end = item.file.positionInScalar(item.source.node, offset + Math.max(1, length));
  item.file.reportAt({ start, end: end.line === start.line ? end : start }, `${item.label}: ${message}`);
}

/** Grammar-independent checks: captures, predicates and regex safety. Returns false when the item is unusable. */
export function checkQueryText(item: QueryItem): boolean {
  const text = item.source.text;
  const captures = new Set([...text.matchAll(/@([\w.-]+)/g)].map((m) => m[1]!));
  let ok = true;
  for (const c of item.requiredCaptures) {
    if (!captures.has(c)) {
      item.file.report(item.source.node, `${item.label}: the query must capture @${c}`);
      ok = false;
    }
  }
  for (const m of text.matchAll(/#([\w-]+[?!])/g)) {
    if (!KNOWN_PREDICATES.has(m[1]!)) {
      reportIn(item, m.index, m[0].length, `unknown predicate #${m[1]} (supported: ${[...KNOWN_PREDICATES].map((p) => `#${p}`).join(' ')})`);
      ok = false;
    }
  }
  for (const at of strayPredicates(text)) {
    reportIn(item, at, 2, 'this predicate is outside any pattern, so tree-sitter ignores it; wrap the pattern and its predicates in one pair of parentheses');
    ok = false;
  }
  for (const m of text.matchAll(/#(?:any-)?(?:not-)?match\?\s+@[\w.-]+\s+"((?:[^"\\]|\\.)*)"/g)) {
    const pattern = unescapeQueryString(m[1]!);
    const problem = checkRegexSafety(pattern);
    let message = problem?.message;
    if (!message) {
      try {
        new RegExp(pattern);
      } catch (e) {
        message = `invalid regular expression: ${(e as Error).message}`;
      }
    }
    if (message) {
      reportIn(item, m.index + m[0].length - m[1]!.length - 1, m[1]!.length, `regex "${m[1]}": ${message}`);
      ok = false;
    }
  }
  return ok;
}

/**
 * Offsets of predicates written outside any pattern, e.g. `(name) @n (#eq? @n "x")`.
 * tree-sitter accepts them and silently drops them, which would make the
 * pattern match every node of that type.
 */
function strayPredicates(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '(' || c === '[') {
      if (depth === 0 && c === '(' && text[i + 1] === '#') out.push(i);
      depth++;
    } else if (c === ')' || c === ']') depth = Math.max(0, depth - 1);
  }
  return out;
}

const utf8 = new TextEncoder();

/** Finds items whose query fails on this grammar, by compiling each alone (only done after a combined compile failed). */
async function reportBrokenItems(parsers: ParserHost, grammar: GrammarName, items: readonly QueryItem[]): Promise<Set<QueryItem>> {
  const broken = new Set<QueryItem>();
  const language = await parsers.language(grammar);
  for (const item of items) {
    try {
      new Query(language, item.source.text).delete();
    } catch (e) {
      const err = e as Error & { index?: number; length?: number };
      const where = typeof err.index === 'number' ? err.index : 0;
      reportIn(item, where, err.length ?? 1, `query does not compile for the ${grammar} grammar: ${err.message}`);
      broken.add(item);
    }
  }
  return broken;
}

/** A unit of query text (one top-level pattern, or a whole item the reader could not split) with its item. */
interface Unit {
  readonly item: QueryItem;
  readonly text: string;
  readonly order: number;
  readonly keywords?: readonly Keyword[];
  /** The reader split the item, so the text is exactly one pattern. */
  readonly single: boolean;
}

function unitsOf(items: readonly QueryItem[]): Unit[] {
  const units: Unit[] = [];
  for (const item of items) {
    const split = splitPatterns(item.source.text);
    const patterns = split ?? [{ text: item.source.text, offset: 0 }];
    for (const p of patterns) units.push({ item, text: p.text, order: units.length, single: split !== undefined, ...(p.keywords ? { keywords: p.keywords } : {}) });
  }
  return units;
}

/** Query text compiled once for one or more units: a shape several patterns share, or a unit as written. */
interface Block {
  readonly text: string;
  readonly members: { readonly unit: Unit; readonly shape?: PatternShape }[];
}

/** Groups the units by shape (patternShapes.ts); a unit without a shape, or with `dedupe` off, is its own block. */
function blocksOf(units: readonly Unit[], dedupe: boolean): Block[] {
  const blocks: Block[] = [];
  const byKey = new Map<string, Block>();
  for (const unit of units) {
    const shape = dedupe && unit.single ? shapeOf(unit.text) : undefined;
    const same = shape && byKey.get(shape.key);
    if (same) {
      same.members.push({ unit, shape });
      continue;
    }
    const block: Block = shape ? { text: shape.text, members: [{ unit, shape }] } : { text: unit.text, members: [{ unit }] };
    if (shape) byKey.set(shape.key, block);
    blocks.push(block);
  }
  return blocks;
}

/**
 * Compiles units into one query part. Each compiled pattern is found by its
 * start offset and numbered per unit it stands for (a shared shape stands
 * for several), which is how the part's roles, order and root types count.
 */
async function compilePart(parsers: ParserHost, grammar: GrammarName, units: readonly Unit[], gated: boolean, dedupe: boolean): Promise<QueryPart> {
  const blocks = blocksOf(units, dedupe);
  const text = blocks.map((b) => b.text).join('\n');
  const query = await parsers.query(grammar, text);
  const starts: number[] = [];
  let bytes = 0;
  for (const b of blocks) {
    starts.push(bytes);
    bytes += utf8.encode(b.text).length + 1;
  }
  const source = utf8.encode(text);
  const roles: PatternRole[] = [];
  const order: number[] = [];
  const rootTypes: (readonly string[] | undefined)[] = [];
  const members: PatternMember[][] = [];
  let k = 0;
  for (let p = 0; p < query.patternCount(); p++) {
    const at = query.startIndexForPattern(p);
    while (k + 1 < starts.length && starts[k + 1]! <= at) k++;
    const types = query.isPatternRooted(p) && !query.isPatternNonLocal(p) ? patternRootTypes(utf8Decoder.decode(source.subarray(at, query.endIndexForPattern(p)))) : undefined;
    members.push(
      blocks[k]!.members.map(({ unit, shape }) => {
        roles.push(unit.item.role);
        order.push(unit.order);
        rootTypes.push(types);
        return { index: roles.length - 1, ...(shape ? { predicates: shape.predicates, names: shape.names } : {}) };
      }),
    );
  }
  return { query, roles, order, rootTypes, members, ...(gated ? { keywords: keywordRegex(units.flatMap((u) => u.keywords ?? [])) } : {}) };
}

const utf8Decoder = new TextDecoder();

/**
 * The node types one pattern's root can have: `(call …)` → `call`, `"eval"`
 * → `eval`, `[(a) (b)]` → `a`, `b`; undefined for a wildcard or anything
 * unexpected (such a pattern might match the tree's root, so it is never
 * run per statement).
 */
export function patternRootTypes(pattern: string): string[] | undefined {
  const t = pattern.replace(/^(?:\s|;[^\n]*\n?)+/, '');
  // `((call …) (#eq? …))`: a group holding one node and its predicates.
  if (/^\(\s*[("[]/.test(t)) return patternRootTypes(t.slice(1));
  if (t.startsWith('[')) {
    const alternatives = alternativesOf(t);
    const types = alternatives?.map(patternRootTypes);
    return types?.length && types.every((x) => x !== undefined) ? types.flat() : undefined;
  }
  const named = /^\(\s*([A-Za-z][\w.]*)(?=[\s()@"\]])/.exec(t);
  if (named) return named[1] === '_' ? undefined : [named[1]!];
  const anon = /^"((?:[^"\\]|\\.)*)"/.exec(t);
  return anon ? [anon[1]!] : undefined;
}

/** The texts of the alternatives of the alternation `[…]` that `t` starts with; undefined when unbalanced. */
function alternativesOf(t: string): string[] | undefined {
  const out: string[] = [];
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === '"') {
      const from = i;
      for (i++; i < t.length && t[i] !== '"'; i++) if (t[i] === '\\') i++;
      if (depth === 1) out.push(t.slice(from, i + 1));
    } else if (ch === ';') {
      while (i < t.length && t[i] !== '\n') i++;
    } else if (ch === '(' || ch === '[') {
      if (depth === 1) out.push(t.slice(i));
      depth++;
    } else if (ch === ')' || ch === ']') {
      depth--;
      if (depth === 0) return out;
    } else if (depth === 1 && ch === '_') return undefined;
  }
  return undefined;
}

/**
 * Compiles the items that apply to `grammar` into a combined query: one part
 * for keyword-gated patterns, one for the rest (see queryGating.ts). Broken
 * items are reported and left out; returns undefined when nothing applies.
 */
export async function compileCombined(parsers: ParserHost, grammar: GrammarName, all: readonly QueryItem[], gating = true, dedupe = true): Promise<CombinedQuery | undefined> {
  let items = all.filter((i) => i.grammars.includes(grammar));
  for (let attempt = 0; attempt < 2 && items.length; attempt++) {
    const units = unitsOf(items);
    const gated = gating ? units.filter((u) => u.keywords) : [];
    const whole = gating ? units.filter((u) => !u.keywords) : units;
    let parts: QueryPart[];
    try {
      parts = [];
      if (whole.length) parts.push(await compilePart(parsers, grammar, whole, false, dedupe));
      if (gated.length) parts.push(await compilePart(parsers, grammar, gated, true, dedupe));
    } catch {
      const broken = await reportBrokenItems(parsers, grammar, items);
      items = items.filter((i) => !broken.has(i));
      continue;
    }
    return { parts, roles: parts.flatMap((p) => p.roles) };
  }
  return undefined;
}
