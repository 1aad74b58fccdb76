/**
 * Row drawing for `scripts/gen-dfa-suite.ts`: the seed's categories and
 * phrasings, each with its true language (from `lang.ts`). Every phrasing
 * here is one Argus reads; the flawed variants are made in the script.
 */
import { type Lang, type PatternKind, type Rng, combine, divisibleLang, lengthLang, parityLang, patternLang, rangeLang } from './lang';

/** Alphabets of the generated suite; `binary` rows without a header rely on `--alphabet "{0,1}"`. */
export const ALPHABETS = {
  binary: ['0', '1'],
  ternary: ['0', '1', '2'],
  decimal: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  hex: [...'0123456789abcdef'],
  ab: ['a', 'b'],
} as const;
export type AlphabetName = keyof typeof ALPHABETS;

const HEADERS: Record<AlphabetName, readonly string[]> = {
  binary: ['', '', '', '', 'In binary, ', 'In the binary system, ', 'In the binary strings, ', 'In the binary alphabet, ', 'For binary, '],
  ternary: ['In the ternary, ', 'In the ternary system, ', 'For the ternary system, ', 'In the three-symbol, ', 'In ternary, '],
  decimal: ['For decimal, ', 'For decimal system, ', 'For decimal alphabet, ', 'For decimal digits, ', 'For ten-digit, '],
  hex: ['In hex, ', 'In the hexadecimal system, ', 'For hexadecimal, '],
  ab: ['For strings over alphabet {a, b}, '],
};

const PHRASES: Record<PatternKind, { pos: readonly string[]; neg: readonly string[] }> = {
  startsWith: {
    pos: ['starts with', 'begins with', 'has prefix', 'has the prefix', 'prefixed by', 'left-anchored by', 'initiates with', 'starts'],
    neg: ['does not start with', "doesn't start with", 'doesnt start with', 'not starts with', 'not beginning with', 'not prefixed by', 'not having prefix', 'never starts with'],
  },
  endsWith: {
    pos: ['ends with', 'has suffix', 'has the suffix', 'suffixed by', 'right-anchored by', 'terminates with', 'ends'],
    neg: ['does not end with', "doesn't end with", 'doesnt end with', 'not ends with', 'not terminating with', 'not suffixed by', 'not having suffix'],
  },
  contains: {
    pos: ['contains', 'includes', 'has substring', 'has the substring', 'with the substring', 'includes the substring', 'containing'],
    neg: ['does not contain', "doesn't contain", 'doesnt contain', 'not containing', 'free of', 'excluding', 'without', 'not have'],
  },
};

/** A drawn row before labelling: its text, labels and true language. */
export interface Draw {
  readonly prompt: string;
  readonly category: string;
  readonly type: string;
  readonly difficulty: 'easy' | 'medium' | 'hard';
  readonly alphabet: readonly string[];
  readonly lang: Lang;
  /** The alphabet header the prompt starts with ('' for none). */
  readonly header: string;
}

/** The pattern categories, by kind and polarity. */
export const PATTERN_CATEGORIES: Record<string, [PatternKind, boolean]> = {
  Atomic_STARTS_WITH: ['startsWith', false],
  Atomic_ENDS_WITH: ['endsWith', false],
  Atomic_CONTAINS: ['contains', false],
  Negation_NOT_STARTS_WITH: ['startsWith', true],
  Negation_NOT_ENDS_WITH: ['endsWith', true],
  Negation_NOT_CONTAINS: ['contains', true],
};

const level = (n: number): Draw['difficulty'] => (n <= 2 ? 'easy' : n <= 4 ? 'medium' : 'hard');

/** An alphabet (seed-like mix) and one of its headers. */
export function drawAlphabet(rng: Rng, names: readonly AlphabetName[] = ['binary', 'binary', 'binary', 'ab', 'ab', 'decimal', 'ternary', 'hex']): { name: AlphabetName; a: readonly string[]; header: string } {
  const name = rng.pick(names);
  return { name, a: ALPHABETS[name], header: rng.pick(HEADERS[name]) };
}

/** A pattern row: "<header><phrase> '<p>'"; `phraseOnly` leaves the pattern out (the seed's patternless prompts). */
export function drawPattern(rng: Rng, category: string, phraseOnly = false): Draw {
  const [kind, neg] = PATTERN_CATEGORIES[category]!;
  const { a, header } = drawAlphabet(rng);
  const p = rng.word(a, 1, a.length > 3 ? 6 : 5);
  const phrase = rng.pick(neg ? PHRASES[kind].neg : PHRASES[kind].pos);
  const lang = patternLang(a, kind, p, neg);
  return { prompt: phraseOnly ? `${header}${phrase}` : `${header}${phrase} '${p}'`, category, type: lang.type, difficulty: level(p.length), alphabet: a, lang, header };
}

/** Parity of a symbol's count. */
export function drawCount(rng: Rng): Draw {
  const { a, header } = drawAlphabet(rng);
  const sym = rng.pick(a);
  const odd = rng.chance(0.5);
  const word = odd ? 'odd' : 'even';
  const phrase = rng.pick([`${word} number of ${sym}s`, `count of ${sym} is ${word}`, `${word} count of ${sym}`, `${word} number of '${sym}'`, `an ${word} number of ${sym}'s`]);
  return { prompt: header + phrase, category: 'Atomic_Count', type: odd ? 'ODD_COUNT' : 'EVEN_COUNT', difficulty: 'easy', alphabet: a, lang: parityLang(a, sym, odd), header };
}

/** "divisible by k" in base |Σ|. */
export function drawNumeric(rng: Rng): Draw {
  const { a, header } = drawAlphabet(rng, ['binary', 'binary', 'binary', 'decimal', 'ternary']);
  const k = rng.int(2, 50);
  const phrase = rng.pick([`divisible by ${k}`, `multiple of ${k}`, `a multiple of ${k}`, `is divisible by ${k}`]);
  return { prompt: header + phrase, category: 'Atomic_Numeric', type: 'DIVISIBLE_BY', difficulty: k < 10 ? 'medium' : 'hard', alphabet: a, lang: divisibleLang(a, k), header };
}

/** "length is n" and its synonyms. */
export function drawLength(rng: Rng): Draw {
  const { a, header } = drawAlphabet(rng);
  const n = rng.int(1, 30);
  const phrase = rng.pick([`length is ${n}`, `exactly ${n} characters`, `has length ${n}`, `length = ${n}`, `of length ${n}`]);
  return { prompt: header + phrase, category: 'Atomic_Length', type: 'EXACT_LENGTH', difficulty: 'medium', alphabet: a, lang: lengthLang(a, n), header };
}

/** A length or count range, read exactly (the script mislabels some on purpose). */
export function drawRange(rng: Rng, lo = rng.int(1, 6), hi = lo + rng.int(1, 5), forceCount?: boolean): Draw & { lo: number; hi: number; sym?: string } {
  const a = ALPHABETS.binary;
  const counted = forceCount ?? rng.chance(0.4);
  if (counted) {
    const sym = rng.pick(a);
    const prompt = rng.pick([`strings with number of ${sym}s between ${lo} and ${hi}`, `number of ${sym}s in range [${lo}, ${hi}]`, `count of ${sym} between ${lo} and ${hi}`, `strings having from ${lo} to ${hi} ${sym}s`]);
    return { prompt, category: 'Composite_Range', type: 'COMPOSITE_RANGE', difficulty: 'hard', alphabet: a, lang: rangeLang(a, lo, hi, sym), lo, hi, sym, header: '' };
  }
  const prompt = rng.pick([`length between ${lo} and ${hi}`, `length in range [${lo}, ${hi}]`, `strings of length from ${lo} to ${hi}`, `length no less than ${lo} and no more than ${hi}`, `length greater than or equal to ${lo} and less than or equal to ${hi}`]);
  return { prompt, category: 'Composite_Range', type: 'COMPOSITE_RANGE', difficulty: 'hard', alphabet: a, lang: rangeLang(a, lo, hi), lo, hi, header: '' };
}

/** An atom usable inside a composite (no "and" inside it), over the given alphabet. */
function drawPart(rng: Rng, a: readonly string[]): { text: string; lang: Lang } {
  const r = rng.int(0, 5);
  if (r <= 2) {
    const kind = (['startsWith', 'endsWith', 'contains'] as const)[r]!;
    const p = rng.word(a, 1, 3);
    return { text: `${rng.pick(PHRASES[kind].pos)} '${p}'`, lang: patternLang(a, kind, p, false) };
  }
  if (r === 3) {
    const n = rng.int(2, 8);
    return { text: rng.pick([`length is ${n}`, `has length ${n}`]), lang: lengthLang(a, n) };
  }
  if (r === 4) {
    const k = rng.int(2, 6);
    return { text: rng.pick([`divisible by ${k}`, `multiple of ${k}`]), lang: divisibleLang(a, k) };
  }
  const sym = rng.pick(a);
  const odd = rng.chance(0.5);
  return { text: `${odd ? 'odd' : 'even'} number of ${sym}s`, lang: parityLang(a, sym, odd) };
}

/** "A and B" / "A or B", never mixing the two words (that is ambiguous, and Argus says so). */
export function drawComposite(rng: Rng, op: 'and' | 'or'): Draw {
  const { a, header } = drawAlphabet(rng, ['binary', 'binary', 'binary', 'binary', 'ab']);
  const x = drawPart(rng, a);
  const y = drawPart(rng, a);
  // The seed sometimes repeated the header inside the second part; Argus accepts the same alphabet twice.
  const second = header && rng.chance(0.2) ? header + y.text : y.text;
  return { prompt: `${header}${x.text} ${op} ${second}`, category: op === 'and' ? 'Composite_AND' : 'Composite_OR', type: op.toUpperCase(), difficulty: 'hard', alphabet: a, lang: combine(x.lang, y.lang, op), header };
}
