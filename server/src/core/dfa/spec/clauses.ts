import type { NumberTest } from '../automata/builders';
import type { DfaProblem } from '../problems';
import type { SpecWord } from './ast';
import { type TokenCursor, unreadable } from './cursor';
import { numberOf } from './lexer';

/** Success with a value, or the error that explains why the tokens do not fit. */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DfaProblem };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(error: DfaProblem): Result<T> => ({ ok: false, error });

/** Words that end a condition; never read as a bare pattern. */
export const RESERVED = new Set(['and', 'or', 'not', 'but', 'nor', 'is', 'are', 'then']);

/**
 * Function words that are never read as a bare pattern, so that "has at
 * least 3 1s" is not read as "contains 'at'". Quote them to mean the word.
 */
const NOT_A_PATTERN = new Set([...RESERVED, 'an', 'once', 'twice', 'thrice', 'at', 'least', 'most', 'exactly', 'more', 'less', 'fewer', 'between', 'from', 'length', 'number', 'count', 'even', 'odd', 'no', 'than', 'of', 'in', 'to', 'by', 'only', 'with', 'that', 'which', 'any', 'every', 'all', 'some']);

type Op = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge';
/** Comparison phrases, longest first so that "less than or equal to" beats "less than". */
const COMPARISONS: readonly (readonly [string, Op])[] = (
  [
    ['=', 'eq'], ['==', 'eq'], ['equals', 'eq'], ['equal to', 'eq'], ['is equal to', 'eq'], ['exactly', 'eq'], ['is exactly', 'eq'], ['precisely', 'eq'],
    ['!=', 'ne'], ['≠', 'ne'], ['different from', 'ne'],
    ['<', 'lt'], ['less than', 'lt'], ['fewer than', 'lt'], ['smaller than', 'lt'], ['shorter than', 'lt'], ['below', 'lt'],
    ['<=', 'le'], ['≤', 'le'], ['at most', 'le'], ['no more than', 'le'], ['not more than', 'le'], ['less than or equal to', 'le'], ['fewer than or equal to', 'le'],
    ['up to', 'le'], ['maximum of', 'le'], ['a maximum of', 'le'], ['at maximum', 'le'], ['no longer than', 'le'], ['not longer than', 'le'],
    ['>', 'gt'], ['more than', 'gt'], ['greater than', 'gt'], ['bigger than', 'gt'], ['larger than', 'gt'], ['longer than', 'gt'], ['above', 'gt'],
    ['>=', 'ge'], ['≥', 'ge'], ['at least', 'ge'], ['no less than', 'ge'], ['not less than', 'ge'], ['no fewer than', 'ge'], ['greater than or equal to', 'ge'],
    ['more than or equal to', 'ge'], ['minimum of', 'ge'], ['a minimum of', 'ge'], ['at minimum', 'ge'], ['no shorter than', 'ge'], ['not shorter than', 'ge'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].split(' ').length - a[0].split(' ').length);

/** Every comparison phrase, for "did you mean" suggestions. */
export const COMPARISON_PHRASES: readonly string[] = COMPARISONS.map(([p]) => p);

const OR_MORE = ['or more', 'or greater', 'or longer', 'or above', 'or higher'];
const OR_LESS = ['or less', 'or fewer', 'or shorter', 'or below', 'or lower'];
const DIVISIBLE = ['evenly divisible by', 'divisible by', 'a multiple of', 'multiple of'];
/** Nouns that may follow a length ("5 characters", "3 symbols long"). */
export const LENGTH_UNITS = ['characters', 'character', 'chars', 'char', 'symbols', 'symbol', 'letters', 'letter', 'digits', 'digit', 'bits', 'bit', 'long', 'in length'];

/** Reads a natural number (`12`, `twelve`). */
export function parseNumber(cur: TokenCursor, what: string): Result<number> {
  const n = numberOf(cur.peek());
  if (n === undefined) return fail(unreadable(cur.here(), `expected a number for ${what}`));
  cur.take();
  return ok(n);
}

function parseRange(cur: TokenCursor, separators: string[]): Result<NumberTest> {
  const lo = parseNumber(cur, 'the lower bound');
  if (!lo.ok) return lo;
  if (!cur.eatPhrase(...separators)) return fail(unreadable(cur.here(), `expected ${separators.map((s) => `"${s}"`).join(' or ')} between the bounds`));
  const hi = parseNumber(cur, 'the upper bound');
  if (!hi.ok) return hi;
  return ok({ op: 'between', lo: lo.value, hi: hi.value });
}

/**
 * Reads a comparison on a number: `= 3`, `at least 2`, `3 or more`, `between
 * 2 and 4`, `from 2 to 4`, `in range [2, 4]`, `mod 3 is 1`. Returns
 * `undefined` (consuming nothing) when the tokens do not start one.
 */
export function parseTest(cur: TokenCursor): Result<NumberTest> | undefined {
  if (cur.eatPhrase('between')) return parseRange(cur, ['and', '&', 'to']);
  if (cur.eatPhrase('from')) return parseRange(cur, ['to', 'through', 'until']);
  if (cur.atPhrase('in [')) cur.take();
  if (cur.at('[') || cur.eatPhrase('in the range', 'in range', 'within the range', 'within range')) {
    if (!cur.eatPhrase('[')) return parseRange(cur, ['to', 'and']);
    const r = parseRange(cur, [',', ';']);
    if (r.ok && !cur.eatPhrase(']')) return fail(unreadable(cur.here(), 'expected "]" to close the range'));
    return r;
  }
  if (cur.eatPhrase('mod', 'modulo', '%')) {
    const k = parseNumber(cur, 'the modulus');
    if (!k.ok) return k;
    if (k.value === 0) return fail(unreadable(cur.spanFrom(cur.pos - 1), 'the modulus must be at least 1'));
    cur.eatPhrase('is congruent to', 'is equal to', 'equal to', 'equals', 'is', '==', '=');
    const r = parseNumber(cur, 'the remainder');
    return r.ok ? ok({ op: 'mod', k: k.value, r: r.value }) : r;
  }
  for (const [phrase, op] of COMPARISONS) {
    if (cur.eatPhrase(phrase)) {
      const n = parseNumber(cur, `"${phrase}"`);
      return n.ok ? ok({ op, n: n.value }) : n;
    }
  }
  const n = numberOf(cur.peek());
  if (n === undefined) return undefined;
  cur.take();
  if (cur.eatPhrase('mod', 'modulo')) {
    // "is 2 mod 3": the remainder comes first.
    const k = parseNumber(cur, 'the modulus');
    if (!k.ok) return k;
    return k.value === 0 ? fail(unreadable(cur.spanFrom(cur.pos - 1), 'the modulus must be at least 1')) : ok({ op: 'mod', k: k.value, r: n });
  }
  if (cur.eatPhrase(...OR_MORE)) return ok({ op: 'ge', n });
  if (cur.eatPhrase(...OR_LESS)) return ok({ op: 'le', n });
  return ok({ op: 'eq', n });
}

const TIMES: Readonly<Record<string, number>> = { once: 1, twice: 2, thrice: 3 };

/**
 * A repetition after a pattern: "twice", "at least twice", "exactly 3
 * times", "at most once". Returns `undefined` (consuming nothing) otherwise.
 */
export function parseTimes(cur: TokenCursor): NumberTest | undefined {
  const from = cur.pos;
  let op: Op = 'eq';
  for (const [phrase, o] of COMPARISONS) {
    if (cur.eatPhrase(phrase)) {
      op = o;
      break;
    }
  }
  const word = cur.peek()?.norm ?? '';
  if (cur.peek()?.kind === 'word' && TIMES[word] !== undefined) {
    cur.take();
    return { op, n: TIMES[word] };
  }
  const n = numberOf(cur.peek());
  if (n !== undefined && cur.peek(1)?.norm === 'times') {
    cur.pos += 2;
    return { op, n };
  }
  cur.pos = from;
  return undefined;
}

/**
 * Reads what follows a subject ("length", "number of 1s", "value"):
 * `is 3`, `is not even`, `is divisible by 4`, `mod 3 = 1`, `>= 2`, …
 * Negation ("is not …") is returned separately so the caller can wrap the
 * node in `not`.
 */
export function parseClause(cur: TokenCursor, subject: string): Result<{ test: NumberTest; negated: boolean }> {
  cur.eatPhrase('should be', 'must be', 'is', 'are', ':');
  const negated = cur.eatPhrase('not');
  let test: Result<NumberTest> | undefined;
  if (cur.eatPhrase('even', 'an even number')) test = ok({ op: 'mod', k: 2, r: 0 });
  else if (cur.eatPhrase('odd', 'an odd number')) test = ok({ op: 'mod', k: 2, r: 1 });
  else if (cur.eatPhrase(...DIVISIBLE)) {
    const n = parseNumber(cur, 'the divisor');
    test = !n.ok ? n : n.value === 0 ? fail(unreadable(cur.spanFrom(cur.pos - 1), 'the divisor must be at least 1')) : ok({ op: 'mod', k: n.value, r: 0 });
  } else test = parseTest(cur);
  if (!test) {
    return fail(unreadable(cur.here(), `expected a comparison after ${subject}, such as "= 3", "at least 2", "between 1 and 4", "mod 3 is 1" or "even"`));
  }
  return test.ok ? ok({ test: test.value, negated }) : test;
}

/** A pattern after a phrase like "starts with": a quoted literal, `ε`, or one bare word. */
export function parsePatternTarget(cur: TokenCursor, after: string): Result<SpecWord> {
  const save = cur.pos;
  cur.eatPhrase('the');
  const noun = cur.eatPhrase('substring', 'prefix', 'suffix', 'string', 'word', 'pattern', 'sequence', 'symbol', 'letter', 'digit', 'character');
  const t = cur.peek();
  if (t && t.kind === 'string') {
    cur.take();
    return ok({ text: t.value ?? '', span: t.span });
  }
  if (t && t.kind === 'word' && !NOT_A_PATTERN.has(t.norm)) {
    cur.take();
    return ok({ text: t.text.replace(/\u2019/g, "'"), span: t.span });
  }
  if (noun) cur.pos = save;
  return fail(unreadable(cur.here(), `missing the pattern after "${after}"; write it in quotes, e.g. ${after} '01'`));
}

/**
 * A counted symbol or word: `'ab'`, `a`, or a plural such as `1s`, `a's`,
 * `10s`, `bs`. A bare word is read as a plural only when it is `X's`, two
 * characters ending in `s`, or digits followed by `s`; quote anything else.
 */
export function parseCountTarget(cur: TokenCursor, after: string): Result<SpecWord> {
  cur.eatPhrase('the symbol', 'the letter', 'the digit', 'the character', 'symbol', 'letter', 'digit', 'character', 'bit');
  const t = cur.peek();
  if (t && t.kind === 'string') {
    cur.take();
    if (t.value === '') return fail(unreadable(t.span, 'cannot count occurrences of the empty word'));
    return ok({ text: t.value ?? '', span: t.span });
  }
  if (t && t.kind === 'word' && !RESERVED.has(t.norm)) {
    cur.take();
    const raw = t.text.replace(/\u2019/g, "'");
    const chars = Array.from(raw);
    let text = raw;
    if (raw.endsWith("'s") && chars.length > 2) text = raw.slice(0, -2);
    else if (raw.endsWith('s') && (chars.length === 2 || /^\d+s$/.test(raw))) text = raw.slice(0, -1);
    return ok({ text, span: t.span });
  }
  return fail(unreadable(cur.here(), `missing the symbol to count after "${after}", e.g. ${after} 1s or ${after} 'ab'`));
}
