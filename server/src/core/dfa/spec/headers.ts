import type { DeclaredAlphabet } from './ast';
import { type Result, fail, ok } from './clauses';
import { type TokenCursor, unreadable } from './cursor';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Alphabet names a spec may use ("in binary", "for the ternary system"). */
export const NAMED_ALPHABETS: Readonly<Record<string, readonly string[]>> = {
  binary: ['0', '1'],
  ternary: ['0', '1', '2'],
  'three-symbol': ['0', '1', '2'],
  decimal: DIGITS,
  'ten-digit': DIGITS,
  hex: [...DIGITS, 'a', 'b', 'c', 'd', 'e', 'f'],
  hexadecimal: [...DIGITS, 'a', 'b', 'c', 'd', 'e', 'f'],
  'sixteen-digit': [...DIGITS, 'a', 'b', 'c', 'd', 'e', 'f'],
};

const NOUNS = ['strings', 'string', 'system', 'alphabet', 'digits', 'numbers', 'number', 'numerals', 'words', 'representation', 'notation'];

/** Header phrases, for "did you mean" suggestions. */
export const HEADER_PHRASES: readonly string[] = Object.keys(NAMED_ALPHABETS).flatMap((n) => [`in ${n}`, `in the ${n}`, `for ${n}`, `${n} strings`, `in the ${n} system`]);

/** Reads `{a, b}` or `{0-9, a-f}`; each item is one character or a range of characters. */
function parseSet(cur: TokenCursor): Result<string[]> {
  const open = cur.pos;
  cur.take();
  const symbols: string[] = [];
  while (!cur.atEnd() && !cur.at('}')) {
    const t = cur.take();
    if (t.kind === 'op' && t.norm === ',') continue;
    const text = t.kind === 'string' ? (t.value ?? '') : t.text;
    const range = /^(.)-(.)$/u.exec(text);
    const items = range && t.kind === 'word' ? expand(range[1]!, range[2]!) : [text];
    for (const s of items) {
      if (Array.from(s).length !== 1) return fail(unreadable(t.span, `alphabet symbols are single characters; "${text}" is not one`));
      if (symbols.includes(s)) return fail(unreadable(t.span, `symbol ${s} is listed twice`));
      symbols.push(s);
    }
  }
  if (!cur.eatPhrase('}')) return fail(unreadable(cur.spanFrom(open), 'expected "}" to close the alphabet'));
  if (symbols.length === 0) return fail(unreadable(cur.spanFrom(open), 'the alphabet is empty'));
  return ok(symbols);
}

function expand(from: string, to: string): string[] {
  const out: string[] = [];
  for (let c = from.codePointAt(0)!; c <= to.codePointAt(0)!; c++) out.push(String.fromCodePoint(c));
  return out;
}

/**
 * Reads an alphabet header in front of a condition: `in binary,`, `For the
 * ternary system,`, `binary strings that …`, `over {a, b}:`, `For strings
 * over alphabet {a, b},`, `Σ = {a, b}`. Returns `undefined` (consuming
 * nothing) when the tokens are not a header.
 */
export function parseHeader(cur: TokenCursor): Result<DeclaredAlphabet> | undefined {
  const from = cur.pos;
  const finish = (symbols: readonly string[]): Result<DeclaredAlphabet> => {
    const span = cur.spanFrom(from);
    cur.eatPhrase(',', ':');
    return ok({ symbols, span });
  };
  cur.eatPhrase('in', 'for', 'over');
  cur.eatPhrase('the');
  const name = cur.peek();
  const named = name && name.kind === 'word' ? NAMED_ALPHABETS[name.norm] : undefined;
  if (named) {
    cur.take();
    cur.eatPhrase(...NOUNS);
    return finish(named);
  }
  cur.pos = from;
  cur.eatPhrase('for', 'in');
  cur.eatPhrase('all');
  cur.eatPhrase('strings', 'words');
  const over = cur.eatPhrase('over the alphabet', 'over alphabet', 'over the', 'over');
  if (!over) cur.eatPhrase('alphabet', 'σ =', 'sigma =', 'σ', 'sigma');
  if (cur.at('{')) {
    const set = parseSet(cur);
    return set.ok ? finish(set.value) : set;
  }
  cur.pos = from;
  return undefined;
}
