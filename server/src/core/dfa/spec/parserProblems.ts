/**
 * The spec parser's error recovery and the problems it reports with fixes:
 * an unreadable condition (with a "did you mean" fix) and `and`/`or` mixed
 * without parentheses (with both readings as fixes). Kept apart from the
 * grammar in parser.ts so that the grammar reads on its own.
 */
import type { DfaProblem, ProblemFix, Span } from '../problems';
import type { Atom } from './atoms';
import { type TokenCursor, unreadable } from './cursor';
import { closestPhrase } from './suggest';

/**
 * An operator between two conditions. `recovered`: a stray comma read as
 * `and` after reporting it, so it must not count as a real operator.
 */
export type Combinator = { readonly kind: 'and' | 'or'; readonly word: boolean; readonly span: Span; readonly recovered?: boolean };

/** How close the "did you mean" of an unreadable-condition problem is (0 = exact), to pick between readings. */
const suggestionScore = new WeakMap<DfaProblem, number>();

/** The closeness of the "did you mean" of a problem from {@link unknownCondition} (0 = exact); undefined without one. */
export function suggestionScoreOf(problem: DfaProblem): number | undefined {
  return suggestionScore.get(problem);
}

/** Skips to the next combinator or closing parenthesis at this level (error recovery). */
export function skipCondition(cur: TokenCursor): void {
  let depth = 0;
  while (!cur.atEnd()) {
    if (depth === 0 && cur.at(')', 'and', 'or', 'but', '&', '&&', '|', '||', ',')) return;
    if (cur.at('(')) depth++;
    if (cur.at(')')) depth--;
    cur.take();
  }
}

/**
 * The problem for a condition that no reading fits, at the cursor (which is
 * left where it was): a hint for a bare "count", a hint for a lone word, or
 * a "did you mean" fix from `phrases` when one is close enough.
 */
export function unknownCondition(cur: TokenCursor, text: string, phrases: readonly string[]): DfaProblem {
  const t = cur.peek()!;
  if (['count', 'number', 'amount'].includes(t.norm) && !cur.peek(1)?.norm.startsWith('of')) {
    return unreadable(t.span, `"${t.text}" of which symbol? Write e.g. "count of 1 mod 5 is 0"; for the length write "length mod 5 is 0", for the value "divisible by 5"`);
  }
  const from = cur.pos;
  skipCondition(cur);
  const span = cur.spanFrom(from);
  const lone = cur.pos === from + 1 && (t.kind === 'string' || /^[\p{L}\p{N}]{1,3}$/u.test(t.text));
  cur.pos = from;
  const shown = text.slice(span.start, span.end);
  if (lone) {
    return unreadable(span, `"${shown}" is not a condition; to combine patterns, repeat the phrase (e.g. "starts with 0 or starts with 1")`);
  }
  const words: string[] = [];
  for (let i = 0; i < 5; i++) {
    const w = cur.peek(i);
    if (!w || (w.kind !== 'string' && ['and', 'or', 'but', ','].includes(w.norm))) break;
    words.push(w.norm);
  }
  const candidates = words.map((_, i) => words.slice(0, i + 1).join(' '));
  const s = closestPhrase(candidates, phrases);
  if (!s) return unreadable(span, `cannot read "${shown}" as a condition (see docs/dfa.md for the phrases)`);
  const replaced: Span = { start: t.span.start, end: cur.tokens[from + s.words - 1]!.span.end };
  const fix: ProblemFix = { title: `Change to "${s.phrase}"`, edits: [{ span: replaced, newText: s.phrase }], preferred: true };
  const problem = unreadable(span, `cannot read "${shown}"; did you mean "${s.phrase}"?`, [fix]);
  suggestionScore.set(problem, s.distance / Math.max(s.phrase.length, candidates[s.words - 1]!.length));
  return problem;
}

/**
 * Mixed `and`/`or` without parentheses: the problem offering both readings
 * as fixes instead of picking one. `items` are the conditions of one
 * parenthesis level and `ops` the operators between them; `text` is the spec.
 */
export function ambiguityProblem(text: string, items: readonly Atom[], ops: readonly Combinator[]): DfaProblem {
  const span: Span = { start: items[0]!.node.span.start, end: items[items.length - 1]!.node.span.end };
  const reading = (tight: 'and' | 'or'): { text: string; edits: { span: Span; newText: string }[] } => {
    const edits: { span: Span; newText: string }[] = [];
    let runStart = 0;
    for (let i = 0; i <= ops.length; i++) {
      if (i === ops.length || ops[i]!.kind !== tight) {
        if (i > runStart) {
          edits.push({ span: { start: items[runStart]!.node.span.start, end: items[runStart]!.node.span.start }, newText: '(' });
          edits.push({ span: { start: items[i]!.node.span.end, end: items[i]!.node.span.end }, newText: ')' });
        }
        runStart = i + 1;
      }
    }
    let out = '';
    let at = span.start;
    for (const e of edits) {
      out += text.slice(at, e.span.start) + e.newText;
      at = e.span.start;
    }
    return { text: out + text.slice(at, span.end), edits };
  };
  const a = reading('and');
  const b = reading('or');
  return {
    ruleId: 'dfa/spec-ambiguous',
    severity: 'error',
    message: `"and" and "or" are mixed without parentheses, so this reads two ways: "${a.text}" or "${b.text}"; add parentheses`,
    span,
    fixes: [
      { title: `Add parentheses: ${a.text}`, edits: a.edits },
      { title: `Add parentheses: ${b.text}`, edits: b.edits },
    ],
  };
}
