/**
 * Keyword-gated matching of a combined query. The patterns of a rule pack
 * are compiled into two queries per grammar and role group:
 *
 * - a *whole* part, whose patterns have no usable keyword and run over the
 *   entire tree, and
 * - a *gated* part, whose patterns each need one of their keywords inside the
 *   match; it runs only over the byte ranges around keyword occurrences,
 *   found by one regex scan of the text.
 *
 * Both parts return exactly the matches the single combined query would
 * (tree-sitter's range option returns every match intersecting the range,
 * and a keyword occurrence lies inside the matched node). The unit tests
 * compare the two on real code.
 */
import type { Node, Query, QueryCapture } from 'web-tree-sitter';
import type { PatternRole } from './types';
import type { Keyword } from './queryPatterns';
import { renamed, satisfies, type TextPredicate } from './patternShapes';

/**
 * A pattern of the part that one compiled pattern stands for. With a shape
 * (patternShapes.ts), its predicates are checked here and its captures get
 * its own names back; without one, the compiled pattern is the pattern.
 */
export interface PatternMember {
  /** The pattern's number in the part (what `roles`, `order` and `rootTypes` are indexed by). */
  readonly index: number;
  readonly predicates?: readonly TextPredicate[];
  readonly names?: ReadonlyMap<string, string>;
}

/**
 * One compiled query of a combined query, with the role of each pattern.
 * Patterns are numbered per rule pattern, not per compiled pattern: a
 * compiled shape stands for every pattern in its `members` entry.
 */
export interface QueryPart {
  readonly query: Query;
  /** Per compiled pattern, the patterns it stands for. */
  readonly members: readonly (readonly PatternMember[])[];
  readonly roles: readonly PatternRole[];
  /** Each pattern's position in the rule pack's order, to keep match order stable across parts. */
  readonly order: readonly number[];
  /** Occurrences of any keyword of the part's patterns; undefined for the whole-tree part. */
  readonly keywords?: RegExp;
  /**
   * The node types each pattern's single root can have (an anonymous node's
   * text for `"…"`), or undefined when unknown (a wildcard, several
   * top-level nodes). Tells whether a pattern can only match inside one
   * top-level statement (incremental/units.ts).
   */
  readonly rootTypes?: readonly (readonly string[] | undefined)[];
}

/** A match of a combined query with the role its pattern plays. */
export interface RoleMatch {
  readonly role: PatternRole;
  readonly captures: readonly QueryCapture[];
}

/** Keyword occurrences closer than this are queried as one range: one wasm call instead of many. */
const MERGE_GAP = 256;

/**
 * A regex that finds any of `keywords`. Whole-word keywords must not touch
 * an ASCII word character (an identifier token never continues into one;
 * `$` is allowed before, as in PHP's `$name`); a keyword that is also needed
 * as a substring is searched as a substring (the weaker condition wins).
 */
export function keywordRegex(keywords: Iterable<Keyword>): RegExp {
  const substring = new Set<string>();
  const word = new Set<string>();
  const regexes = new Set<string>();
  for (const k of keywords) (k.regex ? regexes : k.word ? word : substring).add(k.text);
  const escape = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alternatives = [...substring].map(escape);
  const words = [...word].filter((w) => !substring.has(w)).map(escape);
  if (words.length) alternatives.push(`(?<!\\w)(?:${words.join('|')})(?!\\w)`);
  // Prefix gates (queryPatterns.ts prefixGate) are regexes already; an occurrence hidden inside an
  // earlier, overlapping one still lies in that one's range, so the alternation loses none.
  for (const r of regexes) alternatives.push(`(?:${r})`);
  return new RegExp(alternatives.join('|'), 'g');
}

/**
 * Ranges (UTF-16 offsets) around keyword occurrences, merged when close.
 * With `from`/`to`, only occurrences starting in that span (the regex still
 * sees the whole text, so look-behinds at its start behave the same).
 */
export function keywordRanges(keywords: RegExp, text: string, from = 0, to = Infinity): [number, number][] {
  const ranges: [number, number][] = [];
  keywords.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = keywords.exec(text)) && m.index < to) {
    const start = m.index;
    const end = start + m[0].length;
    const last = ranges[ranges.length - 1];
    if (last && start - last[1] <= MERGE_GAP) last[1] = end;
    else ranges.push([start, end]);
    if (m[0].length === 0) keywords.lastIndex++;
  }
  return ranges;
}

/** A match under the part's pattern numbering. */
interface PartMatch {
  readonly patternIndex: number;
  readonly captures: QueryCapture[];
}

/** The matches of a part's query, each compiled shape's match handed to the patterns whose predicates it satisfies. */
function partMatches(part: QueryPart, root: Node, options?: { startIndex: number; endIndex: number }): PartMatch[] {
  const out: PartMatch[] = [];
  for (const m of part.query.matches(root, options)) {
    for (const member of part.members[m.patternIndex]!) {
      if (!member.names) out.push({ patternIndex: member.index, captures: m.captures });
      else if (satisfies(member.predicates!, m.captures)) out.push({ patternIndex: member.index, captures: renamed(m.captures, member.names, member.index) });
    }
  }
  return out;
}

function matchKey(patternIndex: number, captures: readonly QueryCapture[]): string {
  let key = String(patternIndex);
  for (const c of captures) key += `,${c.name}:${c.node.id}`;
  return key;
}

function firstStart(captures: readonly QueryCapture[]): number {
  let min = Infinity;
  for (const c of captures) if (c.node.startIndex < min) min = c.node.startIndex;
  return min;
}

/**
 * Every match of the parts over `root` (the tree of `text`), in document
 * order and then rule-pack order, each once. With `spans` (sorted, disjoint
 * UTF-16 spans), only matches intersecting them are looked for; the caller
 * keeps those it wants (incremental.ts keeps the ones inside changed statements).
 */
export function matchParts(parts: readonly QueryPart[], root: Node, text: string, spans?: readonly (readonly [number, number])[]): RoleMatch[] {
  const found: { role: PatternRole; captures: QueryCapture[]; start: number; order: number }[] = [];
  for (const part of parts) {
    if (!part.keywords) {
      const seen = new Set<string>();
      for (const options of spans ? spans.map(([start, end]) => ({ startIndex: 2 * start, endIndex: 2 * end })) : [undefined]) {
        for (const m of partMatches(part, root, options)) {
          if (spans) {
            // Two spans may both intersect one match.
            const key = matchKey(m.patternIndex, m.captures);
            if (seen.has(key)) continue;
            seen.add(key);
          }
          found.push({ role: part.roles[m.patternIndex]!, captures: m.captures, start: firstStart(m.captures), order: part.order[m.patternIndex]! });
        }
      }
      continue;
    }
    const seen = new Set<string>();
    const ranges = spans ? spans.flatMap(([from, to]) => keywordRanges(part.keywords!, text, from, to)) : keywordRanges(part.keywords, text);
    for (const [start, end] of ranges) {
      // web-tree-sitter parses strings as UTF-16, so its byte range is twice the code-unit offsets.
      for (const m of partMatches(part, root, { startIndex: 2 * start, endIndex: 2 * end })) {
        const key = matchKey(m.patternIndex, m.captures);
        if (seen.has(key)) continue;
        seen.add(key);
        found.push({ role: part.roles[m.patternIndex]!, captures: m.captures, start: firstStart(m.captures), order: part.order[m.patternIndex]! });
      }
    }
  }
  found.sort((a, b) => a.start - b.start || a.order - b.order);
  return found;
}
