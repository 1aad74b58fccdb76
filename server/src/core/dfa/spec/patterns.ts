/**
 * The phrase tables of the natural-language spec syntax. One table drives
 * both parsing and "did you mean" suggestions (the seed kept three diverging
 * copies). Users can extend or replace it through {@link SpecPatterns}.
 */

/** What a phrase means once matched; the parser has one handler per kind. */
export type PhraseKind =
  | 'startsWith'
  | 'endsWith'
  | 'contains'
  | 'notStartsWith'
  | 'notEndsWith'
  | 'notContains'
  | 'isString'
  /** "even number of" → count of x is even. */
  | 'evenCount'
  | 'oddCount'
  /** "number of" → a count subject followed by a comparison. */
  | 'countSubject'
  /** "length", "has length" → a length subject followed by a comparison. */
  | 'lengthSubject'
  | 'minLength'
  | 'maxLength'
  | 'evenLength'
  | 'oddLength'
  /** "divisible by" → value mod n = 0. */
  | 'divisibleBy'
  /** "value" → a value subject followed by `mod k is r` or `divisible by n`. */
  | 'valueSubject'
  | 'noConsecutive'
  | 'emptyWord'
  | 'anyWord'
  | 'noWord';

/** Synonym lists per phrase kind. Phrases are matched case-insensitively, token by token. */
export type SpecPatterns = { readonly [K in PhraseKind]: readonly string[] };

/**
 * Defaults. They cover every phrasing of the seed's `patterns.yaml` except
 * "divides" (the opposite relation), a bare "divisible" and "divided by"
 * (neither says what must divide what), which are reported with a
 * suggestion instead of guessed. Bare "at least N" / "exactly N" without a
 * noun are handled by the comparison grammar, not here.
 */
export const DEFAULT_PATTERNS: SpecPatterns = {
  startsWith: ['starts with', 'start with', 'starting with', 'begins with', 'begin with', 'beginning with', 'has prefix', 'has the prefix', 'having prefix', 'having the prefix', 'with prefix', 'with the prefix', 'prefixed by', 'prefixed with', 'left-anchored by', 'initiates with', 'starts', 'begins', 'startswith'],
  endsWith: ['ends with', 'end with', 'ending with', 'has suffix', 'has the suffix', 'having suffix', 'having the suffix', 'with suffix', 'with the suffix', 'suffixed by', 'suffixed with', 'right-anchored by', 'terminates with', 'terminating with', 'ends', 'endswith'],
  contains: ['contains', 'contain', 'containing', 'has substring', 'has the substring', 'having substring', 'having the substring', 'with the substring', 'with substring', 'includes', 'include', 'including', 'includes the substring', 'has', 'have'],
  notStartsWith: ['does not start with', "doesn't start with", 'doesnt start with', 'do not start with', "don't start with", 'does not begin with', "doesn't begin with", 'doesnt begin with', 'never starts with'],
  notEndsWith: ['does not end with', "doesn't end with", 'doesnt end with', 'do not end with', "don't end with", 'never ends with'],
  notContains: ['does not contain', "doesn't contain", 'doesnt contain', 'do not contain', "don't contain", 'does not have', "doesn't have", 'doesnt have', 'not have', 'never contains', 'without', 'free of', 'excluding', 'avoiding', 'avoids'],
  isString: ['isstring', 'is exactly the word', 'is the string', 'is the word', 'exactly the string', 'exactly the word', 'equals the string', 'is equal to the string'],
  evenCount: ['even number of', 'an even number of', 'even count of', 'an even count of', 'even amount of', 'an even amount of', 'even quantity of', 'even occurrences of'],
  oddCount: ['odd number of', 'an odd number of', 'odd count of', 'an odd count of', 'odd amount of', 'an odd amount of', 'odd quantity of', 'odd occurrences of'],
  countSubject: ['number of', 'the number of', 'count of', 'the count of', 'amount of', 'the amount of', 'quantity of', 'number of occurrences of', 'the number of occurrences of', 'occurrences of', '#'],
  lengthSubject: ['length', 'the length', 'its length', 'string length', 'the string length', 'length of the string', 'has length', 'having length', 'with length', 'of length', 'length of', 'exactly length', 'total length', '|w|', '|s|'],
  minLength: ['minimum length', 'min length', 'minimum length of', 'at least length', 'greater than or equal to length'],
  maxLength: ['maximum length', 'max length', 'maximum length of', 'at most length', 'less than or equal to length'],
  evenLength: ['even length', 'of even length', 'an even length'],
  oddLength: ['odd length', 'of odd length', 'an odd length'],
  divisibleBy: ['divisible by', 'is divisible by', 'evenly divisible by', 'multiple of', 'a multiple of', 'is a multiple of', 'divisibleby'],
  valueSubject: ['value', 'the value', 'its value', 'numeric value', 'binary value', 'val'],
  noConsecutive: ['no two consecutive', 'no consecutive', 'no two adjacent', 'no adjacent', 'never two consecutive', 'noconsecutive'],
  emptyWord: ['the empty string', 'empty string', 'the empty word', 'empty word', 'is empty'],
  anyWord: ['true', 'any string', 'all strings', 'every string', 'any word', 'every word'],
  noWord: ['false', 'no string', 'no strings', 'nothing', 'no word'],
};

/** Words skipped before a condition ("strings that …", "those having …"). */
export const FILLER_WORDS: ReadonlySet<string> = new Set(['strings', 'string', 'words', 'word', 'all', 'the', 'that', 'which', 'whose', 'where', 'with', 'having', 'has', 'have', 'in', 'a', 'an', 'those', 'ones', 'is', 'are', 'both', 'either', 'such']);

/** A token-level trie of phrases: a phrase is a sequence of normalised tokens. */
export interface PhraseTrie {
  readonly next: Map<string, PhraseTrie>;
  kind?: PhraseKind;
  phrase?: string;
}

/** Splits a phrase the way the lexer splits text (punctuation such as `=` or `#` is its own token). */
export function phraseTokens(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .replace(/\u2019/g, "'")
    .split(/\s+|(?=[#=<>%])|(?<=[#=<>%])/)
    .filter((t) => t.length > 0);
}

/**
 * Builds the trie. A phrase listed under two kinds is a configuration error
 * (the parser would have to guess), reported in `conflicts`; the first wins.
 */
export function buildPhraseTrie(patterns: SpecPatterns): { trie: PhraseTrie; conflicts: string[] } {
  const trie: PhraseTrie = { next: new Map() };
  const conflicts: string[] = [];
  for (const kind of Object.keys(patterns) as PhraseKind[]) {
    for (const phrase of patterns[kind]) {
      let node = trie;
      for (const t of phraseTokens(phrase)) {
        let child = node.next.get(t);
        if (!child) {
          child = { next: new Map() };
          node.next.set(t, child);
        }
        node = child;
      }
      if (node.kind !== undefined && node.kind !== kind) conflicts.push(`"${phrase}" is listed as ${node.kind} and ${kind}`);
      else {
        node.kind = kind;
        node.phrase = phrase;
      }
    }
  }
  return { trie, conflicts };
}

/** Extends the defaults with extra synonyms per kind (used for configured patterns). */
export function mergePatterns(base: SpecPatterns, extra: Partial<Record<PhraseKind, readonly string[]>>): SpecPatterns {
  const out: Record<string, readonly string[]> = { ...base };
  for (const [k, v] of Object.entries(extra)) if (v) out[k] = [...(out[k] ?? []), ...v];
  return out as SpecPatterns;
}
