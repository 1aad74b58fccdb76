import type { NumberTest } from '../automata/builders';
import type { Span } from '../problems';
import type { SpecNode, SpecWord } from './ast';
import { LENGTH_UNITS, type Result, fail, ok, parseClause, parseCountTarget, parseNumber, parsePatternTarget, parseTest, parseTimes } from './clauses';
import { type TokenCursor, unreadable } from './cursor';
import { ordinalOf } from './lexer';
import type { PhraseKind } from './patterns';

/** What a comparison-only condition ("and at most 5") refers back to. */
export type Subject = { readonly kind: 'length' } | { readonly kind: 'count'; readonly word: SpecWord };

/** A parsed condition and the subject later elliptic comparisons may reuse. */
export interface Atom {
  readonly node: SpecNode;
  readonly subject?: Subject;
  /** Set on the placeholder left where an unreadable condition was skipped. */
  readonly failed?: boolean;
}

const not = (node: SpecNode, span: Span): SpecNode => ({ kind: 'not', operand: node, span });

function subjectNode(subject: Subject, test: NumberTest, negated: boolean, span: Span): SpecNode {
  const node: SpecNode = subject.kind === 'length' ? { kind: 'length', test, span } : { kind: 'count', word: subject.word, test, span };
  return negated ? not(node, span) : node;
}

/**
 * Parses the rest of a condition after its phrase (tokens `from`..pos).
 * Each phrase kind has one reading; the caller tries longer phrases first.
 */
export function parsePhraseAtom(cur: TokenCursor, kind: PhraseKind, from: number, phrase: string): Result<Atom> {
  const span = (): Span => cur.spanFrom(from);
  switch (kind) {
    case 'startsWith':
    case 'endsWith':
    case 'contains':
    case 'isString': {
      const w = parsePatternTarget(cur, phrase);
      if (!w.ok) return w;
      // "contains 'ab' at least twice" counts occurrences.
      const times = kind === 'contains' && w.value.text !== '' ? parseTimes(cur) : undefined;
      if (times) return ok({ node: { kind: 'count', word: w.value, test: times, span: span() }, subject: { kind: 'count', word: w.value } });
      return ok({ node: { kind, word: w.value, span: span() } });
    }
    case 'notStartsWith':
    case 'notEndsWith':
    case 'notContains': {
      const w = parsePatternTarget(cur, phrase);
      if (!w.ok) return w;
      const inner = kind === 'notStartsWith' ? 'startsWith' : kind === 'notEndsWith' ? 'endsWith' : 'contains';
      return ok({ node: not({ kind: inner, word: w.value, span: span() }, span()) });
    }
    case 'evenCount':
    case 'oddCount': {
      const w = parseCountTarget(cur, phrase);
      if (!w.ok) return w;
      const subject: Subject = { kind: 'count', word: w.value };
      return ok({ node: subjectNode(subject, { op: 'mod', k: 2, r: kind === 'evenCount' ? 0 : 1 }, false, span()), subject });
    }
    case 'countSubject': {
      const w = parseCountTarget(cur, phrase);
      if (!w.ok) return w;
      const c = parseClause(cur, `"${phrase} ${w.value.text}"`);
      if (!c.ok) return c;
      cur.eatPhrase('times', 'occurrences');
      const subject: Subject = { kind: 'count', word: w.value };
      return ok({ node: subjectNode(subject, c.value.test, c.value.negated, span()), subject });
    }
    case 'lengthSubject': {
      const c = parseClause(cur, `"${phrase}"`);
      if (!c.ok) return c;
      cur.eatPhrase(...LENGTH_UNITS);
      return ok({ node: subjectNode({ kind: 'length' }, c.value.test, c.value.negated, span()), subject: { kind: 'length' } });
    }
    case 'minLength':
    case 'maxLength': {
      cur.eatPhrase('is', 'of', '=', ':');
      const n = parseNumber(cur, `"${phrase}"`);
      if (!n.ok) return n;
      cur.eatPhrase(...LENGTH_UNITS);
      const test: NumberTest = { op: kind === 'minLength' ? 'ge' : 'le', n: n.value };
      return ok({ node: { kind: 'length', test, span: span() }, subject: { kind: 'length' } });
    }
    case 'evenLength':
    case 'oddLength':
      return ok({ node: { kind: 'length', test: { op: 'mod', k: 2, r: kind === 'evenLength' ? 0 : 1 }, span: span() } });
    case 'divisibleBy': {
      const n = parseNumber(cur, 'the divisor');
      if (!n.ok) return n;
      if (n.value === 0) return fail(unreadable(span(), 'the divisor must be at least 1'));
      return ok({ node: { kind: 'value', k: n.value, r: 0, span: span() } });
    }
    case 'valueSubject': {
      const c = parseClause(cur, `"${phrase}"`);
      if (!c.ok) return c;
      if (c.value.test.op !== 'mod') return fail(unreadable(span(), 'only "divisible by n" and "mod k is r" are supported for the value of a word'));
      const node: SpecNode = { kind: 'value', k: c.value.test.k, r: c.value.test.r, span: span() };
      return ok({ node: c.value.negated ? not(node, span()) : node });
    }
    case 'noConsecutive': {
      const w = parseCountTarget(cur, phrase);
      return w.ok ? ok({ node: { kind: 'noConsecutive', word: w.value, span: span() } }) : w;
    }
    case 'emptyWord':
      return ok({ node: { kind: 'length', test: { op: 'eq', n: 0 }, span: span() } });
    case 'anyWord':
    case 'noWord':
      return ok({ node: { kind: 'const', value: kind === 'anyWord', span: span() } });
  }
}

const POSITION_NOUNS = ['symbol', 'character', 'letter', 'digit', 'bit', 'char'];

/**
 * Position conditions: "the 3rd symbol is 1", "second symbol from the end is
 * a", "the last symbol is 0", "second-to-last symbol is not b", formal
 * `w[3] = '1'` and `w[-1] = '0'` (negative = from the end). Returns
 * `undefined` without consuming when the tokens do not start one.
 */
export function parsePosition(cur: TokenCursor): Result<Atom> | undefined {
  const from = cur.pos;
  let position: number | undefined;
  let fromEnd = false;
  if (cur.atPhrase('w [')) {
    cur.pos += 2;
    const minus = cur.eatPhrase('-');
    const n = parseNumber(cur, 'the position');
    if (!n.ok) return n;
    if (!cur.eatPhrase(']')) return fail(unreadable(cur.here(), 'expected "]" after the position'));
    position = n.value;
    fromEnd = minus;
  } else {
    cur.eatPhrase('the');
    const t = cur.peek();
    const tail = t?.kind === 'word' ? /^(.+)-to-last$/.exec(t.norm) : null;
    if (t && tail && ordinalOf({ ...t, norm: tail[1]! }) !== undefined) {
      position = ordinalOf({ ...t, norm: tail[1]! });
      fromEnd = true;
      cur.take();
    } else if (cur.eatPhrase('penultimate', 'second last')) {
      position = 2;
      fromEnd = true;
    } else if (cur.eatPhrase('last', 'final')) {
      position = 1;
      fromEnd = true;
    } else {
      position = ordinalOf(t);
      if (position === undefined) {
        cur.pos = from;
        return undefined;
      }
      cur.take();
    }
    if (!cur.eatPhrase(...POSITION_NOUNS)) {
      cur.pos = from;
      return undefined;
    }
    if (cur.eatPhrase('from the end', 'from the right', 'from the back', 'from last', 'from the last')) {
      if (fromEnd) return fail(unreadable(cur.spanFrom(from), 'the position is counted from the end twice'));
      fromEnd = true;
    } else cur.eatPhrase('from the start', 'from the beginning', 'from the left', 'from the front', 'from the first');
  }
  if (position === undefined || position === 0) return fail(unreadable(cur.spanFrom(from), 'positions start at 1'));
  cur.eatPhrase('is', '=', '==', 'equals', ':');
  const negated = cur.eatPhrase('not');
  const w = parsePatternTarget(cur, 'is');
  if (!w.ok) return w;
  if (Array.from(w.value.text).length !== 1) return fail(unreadable(w.value.span, 'a position holds exactly one symbol'));
  const span = cur.spanFrom(from);
  const node: SpecNode = { kind: 'symbolAt', position, fromEnd, symbol: w.value, span };
  return ok({ node: negated ? not(node, span) : node });
}

/**
 * Conditions that start with a comparison: "exactly 19 characters", "at
 * least 3 1s", "from 4 to 6 0s", "at most 2 occurrences of 'ab'". Without a
 * noun they reuse the previous condition's subject ("length at least 3 and
 * at most 5"); with neither they are an error, never a guess.
 */
export function parseComparisonFirst(cur: TokenCursor, previous: Subject | undefined): Result<Atom> | undefined {
  const from = cur.pos;
  const bareNumber = cur.peek()?.kind === 'word' && /^\d/.test(cur.peek()!.norm);
  const test = parseTest(cur);
  if (!test) return undefined;
  if (!test.ok) return test;
  if (cur.eatPhrase(...LENGTH_UNITS)) {
    return ok({ node: { kind: 'length', test: test.value, span: cur.spanFrom(from) }, subject: { kind: 'length' } });
  }
  if (cur.eatPhrase('occurrences of', 'copies of', 'instances of', 'times')) {
    const w = parseCountTarget(cur, 'occurrences of');
    if (!w.ok) return w;
    return ok({ node: { kind: 'count', word: w.value, test: test.value, span: cur.spanFrom(from) }, subject: { kind: 'count', word: w.value } });
  }
  const next = cur.peek();
  if (next && (next.kind === 'string' || (next.kind === 'word' && !['and', 'or', 'but'].includes(next.norm)))) {
    const w = parseCountTarget(cur, 'the number');
    if (!w.ok) return w;
    return ok({ node: { kind: 'count', word: w.value, test: test.value, span: cur.spanFrom(from) }, subject: { kind: 'count', word: w.value } });
  }
  if (previous) return ok({ node: subjectNode(previous, test.value, false, cur.spanFrom(from)), subject: previous });
  if (bareNumber) {
    // A lone number ("starts with 0 or 1") is not a comparison; let the caller report it.
    cur.pos = from;
    return undefined;
  }
  const text = cur.spanFrom(from);
  return fail(
    unreadable(text, 'a comparison without a subject: say what is compared, e.g. "length at least 3", "at least 3 characters" or "at least 3 1s"'),
  );
}
