/**
 * Which literal strings a rule regex needs: a set such that every text the
 * regex matches contains one of them (a keyword gate, see queryPatterns.ts).
 *
 * The regexes of rule predicates are small and mostly literal: `^(a|b)$`,
 * `hashes\.(MD5|SHA1)`, `(^|[._])([Pp]ass(word|wd)?|PWD)$`, `has_perms?\(`.
 * This reads that subset (literal characters, escaped punctuation, small
 * character classes, groups, alternation, `?`/`*`/`+`, anchors) and gives up
 * on anything else, which leaves the pattern ungated: never a wrong gate.
 * A start-anchored regex without such literals can gate by itself
 * ({@link prefixGate}).
 */

/** More strings than this make a gate that is neither cheap nor selective. */
const MAX_STRINGS = 64;

type Item =
  /** A set of single characters (a literal is a set of one). */
  | { kind: 'chars'; chars: string[]; min: number; max: number }
  | { kind: 'group'; alts: Item[][]; min: number; max: number }
  /** Zero-width (`^`, `$`, `\b`) or something unreadable that matches text (`.`, `\w`, big classes). */
  | { kind: 'anchor' }
  | { kind: 'opaque'; min: number };

class Reader {
  i = 0;
  constructor(private readonly s: string) {}

  alternation(): Item[][] {
    const alts: Item[][] = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts;
  }

  private sequence(): Item[] {
    const items: Item[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') items.push(this.quantified(this.atom()));
    return items;
  }

  private atom(): Item {
    const c = this.s[this.i]!;
    if (c === '(') {
      this.i += this.s.startsWith('(?:', this.i) ? 3 : 1;
      if (this.s[this.i] === '?') throw new Error('lookaround');
      const alts = this.alternation();
      if (this.s[this.i] !== ')') throw new Error('unbalanced');
      this.i++;
      return { kind: 'group', alts, min: 1, max: 1 };
    }
    if (c === '^' || c === '$') {
      this.i++;
      return { kind: 'anchor' };
    }
    if (c === '[') {
      const end = this.s.indexOf(']', this.i + 1);
      const body = this.s.slice(this.i + 1, end);
      this.i = end + 1;
      // Only small classes of plain characters expand; anything else matches unknown text.
      if (end < 0 || body.startsWith('^') || /[\\-]/.test(body.replace(/^-|-$/g, '')) || body.length > 4) return { kind: 'opaque', min: 1 };
      return { kind: 'chars', chars: [...new Set(body)], min: 1, max: 1 };
    }
    if (c === '\\') {
      const n = this.s[this.i + 1] ?? '';
      this.i += 2;
      if (n === 'b' || n === 'B') return { kind: 'anchor' };
      if (/[wdsWDS]/.test(n)) return { kind: 'opaque', min: 1 };
      if (/[\w]/.test(n)) throw new Error('escape');
      return { kind: 'chars', chars: [n], min: 1, max: 1 };
    }
    this.i++;
    if (c === '.') return { kind: 'opaque', min: 1 };
    if (/[*+?{}]/.test(c)) throw new Error('stray quantifier');
    return { kind: 'chars', chars: [c], min: 1, max: 1 };
  }

  private quantified(item: Item): Item {
    const q = this.s[this.i];
    if (q !== '?' && q !== '*' && q !== '+' && q !== '{') return item;
    if (q === '{') throw new Error('counted repetition');
    this.i++;
    if (this.s[this.i] === '?') this.i++; // lazy: same language
    if (item.kind === 'anchor') return item;
    const min = q === '+' ? 1 : 0;
    if (item.kind === 'opaque') return { kind: 'opaque', min };
    // `+` repeats: at least one copy is certain, but what follows may not be adjacent to it.
    return { ...item, min, max: q === '?' ? 1 : Infinity };
  }
}

/** All texts an item can produce, when it is finite, small and exactly once (min = max = 1, or `?`). */
function strings(item: Item): string[] | undefined {
  if (item.kind === 'anchor') return [''];
  if (item.kind === 'opaque' || item.max === Infinity) return undefined;
  const once = item.kind === 'chars' ? item.chars : alternativesStrings(item.alts);
  if (!once) return undefined;
  return item.min === 0 ? ['', ...once] : once;
}

function alternativesStrings(alts: Item[][]): string[] | undefined {
  const out: string[] = [];
  for (const seq of alts) {
    let acc = [''];
    for (const item of seq) {
      const s = strings(item);
      if (!s) return undefined;
      acc = acc.flatMap((a) => s.map((b) => a + b));
      if (acc.length > MAX_STRINGS) return undefined;
    }
    out.push(...acc);
    if (out.length > MAX_STRINGS) return undefined;
  }
  return [...new Set(out)];
}

/** How selective a gate is: its shortest string (longer is rarer), then fewer strings. */
function better(a: string[] | undefined, b: string[] | undefined): string[] | undefined {
  if (!a) return b;
  if (!b) return a;
  const la = Math.min(...a.map((s) => s.length));
  const lb = Math.min(...b.map((s) => s.length));
  return la !== lb ? (la > lb ? a : b) : a.length <= b.length ? a : b;
}

/** The best gate of a sequence: a run of adjacent certain items, or a certain group's own gate. */
function sequenceGate(seq: Item[]): string[] | undefined {
  let best: string[] | undefined;
  let run: string[] = [''];
  const closeRun = () => {
    if (run.length && run.every((r) => r.length > 0)) best = better(best, run);
    run = [''];
  };
  for (const item of seq) {
    const certain = item.kind !== 'anchor' && item.kind !== 'opaque' && item.min >= 1;
    // Optional items (`s?`) extend the run with and without themselves; repeated or unreadable ones end it.
    const s = item.kind === 'anchor' ? [''] : item.kind !== 'opaque' && item.max === 1 ? strings(item) : undefined;
    if (s) {
      const next = run.flatMap((a) => s.map((b) => a + b));
      if (next.length <= MAX_STRINGS) {
        run = next;
        continue;
      }
    }
    closeRun();
    if (certain && item.kind === 'group') best = better(best, alternationGate(item.alts));
    if (certain && item.kind === 'chars') best = better(best, item.chars);
  }
  closeRun();
  return best;
}

/** A gate of an alternation: every alternative needs one, and their union is the gate. */
function alternationGate(alts: Item[][]): string[] | undefined {
  const out: string[] = [];
  for (const seq of alts) {
    const g = sequenceGate(seq);
    if (!g) return undefined;
    out.push(...g);
    if (out.length > MAX_STRINGS) return undefined;
  }
  return [...new Set(out)];
}

/**
 * The literals a regex needs one of, and whether it is `anchored`: the whole
 * text must then equal one of them (only for regexes that are `^…$` around
 * a finite, fully readable set). Undefined when no gate can be proven.
 */
export function regexLiterals(source: string): { literals: string[]; anchored: boolean } | undefined {
  let alts: Item[][];
  const reader = new Reader(source);
  try {
    alts = reader.alternation();
    if (reader.i !== source.length) return undefined;
  } catch {
    return undefined;
  }
  if (alts.length === 1) {
    const seq = alts[0]!;
    const first = seq[0];
    const last = seq[seq.length - 1];
    const caret = first?.kind === 'anchor' && source.startsWith('^');
    const dollar = last?.kind === 'anchor' && /(?<!\\)\$$/.test(source);
    if (caret && dollar) {
      const exact = alternativesStrings([seq.slice(1, -1)]);
      if (exact && exact.every((s) => s.length > 0)) return { literals: exact, anchored: true };
    }
  }
  const gate = alternationGate(alts);
  return gate ? { literals: gate, anchored: false } : undefined;
}

/**
 * The gate of a start-anchored `#match?` regex without usable literals, such
 * as `^(/[^/]|https?://[^/{]+/)` on a string's content: the regex without its
 * `^`, searched in the whole text. The captured node's text is the document
 * text from the node's start, and the regex matched at its start, so it also
 * matches the document there, provided nothing in it looks past the text it
 * consumes (no `$`, `\b`, `\B` or look-around) and `^` is its only anchor. The
 * first character of every alternative must be literal, so the gate is
 * selective. Undefined otherwise, or when the rest can match the empty string.
 */
export function prefixGate(source: string): string | undefined {
  if (!source.startsWith('^')) return undefined;
  const rest = source.slice(1);
  // Outside character classes: no other `^`, no `$`, no look-around, no word boundaries.
  const outside = rest.replace(/\\[^]|\[(?:\\[^]|[^\]])*\]/g, (m) => (m.startsWith('[') ? 'C' : m));
  if (/[$^]|\(\?<?[=!]|\\[bB]/.test(outside)) return undefined;
  let re: RegExp;
  try {
    re = new RegExp(`^(?:${rest})$`);
  } catch {
    return undefined;
  }
  if (re.test('')) return undefined;
  // The alternatives (of the whole regex, or of a leading group spanning it) must start with a literal character.
  const alternatives = /^\((?!\?)/.test(rest) && closingParen(rest) === rest.length - 1 ? splitTop(rest.slice(1, -1)) : splitTop(rest);
  if (!alternatives || !alternatives.every((a) => /^(?:\\[^A-Za-z0-9]|[^\\()[\].*+?{|])/.test(a) && !/^(?:\\[^A-Za-z0-9]|[^\\])[*?{]/.test(a))) return undefined;
  return rest;
}

/** The parentheses and bars of a regex source outside escapes and character classes, each with the group depth before it. */
function* structure(s: string): Generator<{ ch: string; at: number; depth: number }> {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\') i++;
    else if (ch === '[') {
      for (i++; i < s.length && s[i] !== ']'; i++) if (s[i] === '\\') i++;
    } else if (ch === '(' || ch === ')' || ch === '|') {
      yield { ch, at: i, depth };
      depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
    }
  }
}

/** Index of the parenthesis closing the one at 0, or -1. */
function closingParen(s: string): number {
  for (const t of structure(s)) if (t.ch === ')' && t.depth === 1) return t.at;
  return -1;
}

/** The top-level alternatives of a regex source; undefined when unbalanced. */
function splitTop(s: string): string[] | undefined {
  const out: string[] = [];
  let from = 0;
  let depth = 0;
  for (const t of structure(s)) {
    if (t.ch === ')' && t.depth === 0) return undefined;
    if (t.ch === '|' && t.depth === 0) {
      out.push(s.slice(from, t.at));
      from = t.at + 1;
    }
    depth = t.depth + (t.ch === '(' ? 1 : t.ch === ')' ? -1 : 0);
  }
  out.push(s.slice(from));
  return depth === 0 ? out : undefined;
}
