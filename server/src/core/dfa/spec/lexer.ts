import type { DfaProblem, Span } from '../problems';

/**
 * A spec token. `word` covers letters/digits joined by inner `-` or `'`
 * ("left-anchored", "doesn't", "1's"); `string` is a quoted literal (or `ε`)
 * whose `value` is the unquoted content; `op` is punctuation; `length` is the
 * formal `|w|`.
 */
export interface Token {
  readonly kind: 'word' | 'string' | 'op' | 'length';
  /** Source text of the token. */
  readonly text: string;
  /** Lower-cased text with curly apostrophes straightened; what phrases match against. */
  readonly norm: string;
  /** String content for `string` tokens. */
  readonly value?: string;
  readonly span: Span;
}

const OPS = ['&&', '||', '!=', '==', '<=', '>=', '&', '|', '!', '~', '¬', '(', ')', '[', ']', '{', '}', ',', '=', '<', '>', '%', '#', ':', ';', '-', '≤', '≥', '≠', '∧', '∨', '.'];
const QUOTES: Readonly<Record<string, string>> = { "'": "'", '"': '"', '`': '`', '‘': '’', '“': '”' };
const WORD_CHAR = /[\p{L}\p{N}_]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/** Tokenises a spec. Never throws: stray characters and unclosed quotes become problems. */
export function tokenize(text: string): { tokens: Token[]; problems: DfaProblem[] } {
  const tokens: Token[] = [];
  const problems: DfaProblem[] = [];
  let i = 0;
  const push = (kind: Token['kind'], start: number, end: number, value?: string): void => {
    const t = text.slice(start, end);
    const norm = t.toLowerCase().replace(/\u2019/g, "'");
    tokens.push(value === undefined ? { kind, text: t, norm, span: { start, end } } : { kind, text: t, norm, value, span: { start, end } });
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === 'ε') {
      push('string', i, i + 1, '');
      i++;
      continue;
    }
    const close = QUOTES[ch];
    // A quote directly after a letter is an apostrophe, handled inside words.
    if (close !== undefined) {
      const end = text.indexOf(close, i + 1);
      if (end < 0) {
        problems.push({ ruleId: 'dfa/spec-unreadable', severity: 'error', message: `unclosed quote ${ch}`, span: { start: i, end: text.length } });
        push('string', i, text.length, text.slice(i + 1));
        break;
      }
      push('string', i, end + 1, text.slice(i + 1, end));
      i = end + 1;
      continue;
    }
    if (ch === '|' && /^\|[ws]\|/.test(text.slice(i, i + 3))) {
      push('length', i, i + 3);
      i += 3;
      continue;
    }
    if (isWordChar(ch)) {
      let j = i + ch.length;
      for (;;) {
        const c = String.fromCodePoint(text.codePointAt(j) ?? 0);
        if (j < text.length && isWordChar(c)) j += c.length;
        else if ((text[j] === '-' || text[j] === "'" || text[j] === '’') && isWordChar(text[j + 1])) j += 1;
        else break;
      }
      push('word', i, j);
      i = j;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op !== undefined) {
      push('op', i, i + op.length);
      i += op.length;
      continue;
    }
    const cp = String.fromCodePoint(text.codePointAt(i)!);
    problems.push({ ruleId: 'dfa/spec-unreadable', severity: 'error', message: `unexpected character ${cp}; quote it ('${cp}') if it is a symbol`, span: { start: i, end: i + cp.length } });
    i += cp.length;
  }
  return { tokens, problems };
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** The natural number a word token denotes (`12`, `twelve`), if any. */
export function numberOf(t: Token | undefined): number | undefined {
  if (!t || t.kind !== 'word') return undefined;
  if (/^\d+$/.test(t.norm)) return t.norm.length > 9 ? Number.MAX_SAFE_INTEGER : Number(t.norm);
  const w = NUMBER_WORDS.indexOf(t.norm);
  return w >= 0 ? w : undefined;
}

/** The position an ordinal word denotes (`3rd`, `third`, `3-th` → 3), if any. */
export function ordinalOf(t: Token | undefined): number | undefined {
  if (!t || t.kind !== 'word') return undefined;
  const m = /^(\d+)(?:st|nd|rd|th|-th)$/.exec(t.norm);
  if (m) return Number(m[1]);
  const w = ORDINAL_WORDS.indexOf(t.norm);
  return w >= 0 ? w + 1 : undefined;
}
