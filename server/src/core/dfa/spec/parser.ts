/**
 * The spec grammar: conditions joined by `not`/`and`/`or` and parentheses,
 * with error recovery so that one bad condition does not hide the others.
 * The problems that carry fixes (unreadable conditions, ambiguous and/or)
 * are built in parserProblems.ts.
 */
import { type DfaProblem, type Parsed, hasErrors } from '../problems';
import type { DeclaredAlphabet, Spec, SpecNode } from './ast';
import { type Atom, type Subject, parseComparisonFirst, parsePhraseAtom, parsePosition } from './atoms';
import { COMPARISON_PHRASES, type Result } from './clauses';
import { TokenCursor, unreadable } from './cursor';
import { HEADER_PHRASES, parseHeader } from './headers';
import { tokenize } from './lexer';
import { type Combinator, ambiguityProblem, skipCondition, suggestionScoreOf, unknownCondition } from './parserProblems';
import { DEFAULT_PATTERNS, FILLER_WORDS, type PhraseKind, type PhraseTrie, type SpecPatterns, buildPhraseTrie } from './patterns';

/** Options of {@link parseSpec}. */
export interface ParseSpecOptions {
  /** Synonym tables; defaults to {@link DEFAULT_PATTERNS}. */
  readonly patterns?: SpecPatterns;
}

const NOT_WORDS = ['not', '!', '~', '¬'];

const trieCache = new WeakMap<SpecPatterns, { trie: PhraseTrie; conflicts: string[]; phrases: string[] }>();

function tablesFor(patterns: SpecPatterns): { trie: PhraseTrie; conflicts: string[]; phrases: string[] } {
  let t = trieCache.get(patterns);
  if (!t) {
    // Only phrases with a word in them are worth suggesting ("#" or "=" would match any typo).
    const phrases = [...Object.values(patterns).flat(), ...COMPARISON_PHRASES, ...HEADER_PHRASES].map((p) => p.toLowerCase()).filter((p) => /\p{L}{2}/u.test(p));
    t = { ...buildPhraseTrie(patterns), phrases };
    trieCache.set(patterns, t);
  }
  return t;
}

/**
 * Parses a spec written in natural language, in the formal syntax, or a mix
 * (see docs/dfa.md). Precedence is `not` > `and` > `or`; mixing the words
 * `and` and `or` without parentheses is reported as ambiguous, with both
 * readings offered as fixes. Never throws and never guesses: `value` is
 * undefined whenever an error was found.
 */
export function parseSpec(text: string, options: ParseSpecOptions = {}): Parsed<Spec> {
  const tables = tablesFor(options.patterns ?? DEFAULT_PATTERNS);
  const lexed = tokenize(text);
  const parser = new SpecParser(new TokenCursor(lexed.tokens, text.length), tables.trie, tables.phrases, text);
  parser.problems.push(...lexed.problems);
  for (const c of tables.conflicts) parser.problems.push(unreadable({ start: 0, end: text.length }, `pattern configuration conflict: ${c}`));
  if (lexed.tokens.length === 0) {
    parser.problems.push(unreadable({ start: 0, end: text.length }, 'the spec is empty'));
    return { value: undefined, problems: parser.problems };
  }
  const root = parser.parseChain().node;
  if (!parser.cur.atEnd()) parser.problems.push(unreadable(parser.cur.here(), 'unmatched ")"'));
  const value: Spec = parser.alphabet ? { root, alphabet: parser.alphabet } : { root };
  const problems = [...parser.problems].sort((a, b) => a.span.start - b.span.start);
  return { value: hasErrors(problems) ? undefined : value, problems };
}

class SpecParser {
  readonly problems: DfaProblem[] = [];
  alphabet: DeclaredAlphabet | undefined;

  constructor(
    readonly cur: TokenCursor,
    private readonly trie: PhraseTrie,
    private readonly phrases: readonly string[],
    private readonly text: string,
  ) {}

  /** `unary (op unary)*` at one parenthesis level, then precedence and the ambiguity check. */
  parseChain(): Atom {
    const items: Atom[] = [this.parseUnary(undefined)];
    const ops: Combinator[] = [];
    for (;;) {
      if (this.cur.atEnd() || this.cur.at(')')) break;
      const op = this.parseCombinator(items[items.length - 1]!.failed === true);
      if (!op) {
        if (this.cur.atEnd()) break;
        const from = this.cur.pos;
        skipCondition(this.cur);
        // A stray token that also ends a condition (a ")" is handled above) must still be consumed.
        if (this.cur.pos === from) this.cur.take();
        this.problems.push(unreadable(this.cur.spanFrom(from), `unexpected "${this.text.slice(this.cur.spanFrom(from).start, this.cur.spanFrom(from).end)}" after a condition; join conditions with "and" / "or"`));
        continue;
      }
      ops.push(op);
      items.push(this.parseUnary(items[items.length - 1]!.subject));
    }
    const real = ops.filter((o) => !o.recovered);
    if (real.some((o) => o.kind === 'and') && real.some((o) => o.kind === 'or') && real.some((o) => o.word)) this.problems.push(ambiguityProblem(this.text, items, ops));
    // and binds tighter than or.
    const groups: SpecNode[] = [];
    let acc = items[0]!.node;
    ops.forEach((op, i) => {
      const right = items[i + 1]!.node;
      if (op.kind === 'and') acc = { kind: 'and', left: acc, right, span: { start: acc.span.start, end: right.span.end } };
      else {
        groups.push(acc);
        acc = right;
      }
    });
    groups.push(acc);
    const node = groups.reduce((l, r) => ({ kind: 'or', left: l, right: r, span: { start: l.span.start, end: r.span.end } }));
    return items.length === 1 ? items[0]! : { node };
  }

  /** `afterError`: the previous condition was already reported, so a stray comma is not reported again. */
  private parseCombinator(afterError: boolean): Combinator | undefined {
    const start = this.cur.pos;
    const comma = this.cur.eatPhrase(',');
    const t = this.cur.peek();
    if (t && t.kind !== 'string') {
      const kind = ['and', 'but', '&', '&&', '∧'].includes(t.norm) ? 'and' : ['or', '|', '||', '∨'].includes(t.norm) ? 'or' : undefined;
      if (kind) {
        this.cur.take();
        return { kind, word: t.kind === 'word', span: this.cur.spanFrom(start) };
      }
    }
    if (comma && !afterError) this.problems.push(unreadable(this.cur.spanFrom(start), 'a comma does not join conditions; write "and" or "or"'));
    if (comma && !this.cur.atEnd()) return { kind: 'and', word: false, span: this.cur.spanFrom(start), recovered: true };
    // A trailing comma stays consumed: it has been reported above.
    if (!comma) this.cur.pos = start;
    return undefined;
  }

  private parseUnary(previous: Subject | undefined): Atom {
    // Headers ("In binary, …") may precede a negation, so they are read first.
    for (let h = parseHeader(this.cur); h; h = parseHeader(this.cur)) {
      if (!h.ok) this.problems.push(h.error);
      else this.declare(h.value);
    }
    const start = this.cur.pos;
    if (this.cur.at('neither')) return this.parseNeither(previous);
    if (this.cur.at(...NOT_WORDS)) {
      this.cur.take();
      const inner = this.parseUnary(previous);
      return { node: { kind: 'not', operand: inner.node, span: { start: this.cur.tokens[start]!.span.start, end: inner.node.span.end } }, subject: inner.subject };
    }
    return this.parsePrimary(previous);
  }

  /** "neither A nor B" = not A and not B. */
  private parseNeither(previous: Subject | undefined): Atom {
    const start = this.cur.take().span.start;
    const a = this.parseUnary(previous);
    if (!this.cur.eatPhrase('nor')) {
      this.problems.push(unreadable(this.cur.here(), '"neither" needs a "nor"'));
      return { ...a, failed: true };
    }
    const b = this.parseUnary(a.subject);
    const not = (n: SpecNode): SpecNode => ({ kind: 'not', operand: n, span: n.span });
    return { node: { kind: 'and', left: not(a.node), right: not(b.node), span: { start, end: b.node.span.end } } };
  }

  private parsePrimary(previous: Subject | undefined): Atom {
    const open = this.cur.peek();
    if (open && this.cur.at('(')) {
      this.cur.take();
      const inner = this.parseChain();
      if (!this.cur.eatPhrase(')')) this.problems.push(unreadable(open.span, 'this "(" is never closed'));
      return { node: { ...inner.node, span: { start: open.span.start, end: this.cur.spanFrom(this.cur.pos - 1).end } } };
    }
    return this.parseAtom(previous);
  }

  private declare(a: DeclaredAlphabet): void {
    if (!this.alphabet) this.alphabet = a;
    else if (this.alphabet.symbols.length !== a.symbols.length || a.symbols.some((s) => !this.alphabet!.symbols.includes(s))) {
      this.problems.push(unreadable(a.span, `conflicting alphabets: {${this.alphabet.symbols.join(', ')}} was declared before`));
    }
  }

  /** One condition, with error recovery: a failed condition is reported and skipped. */
  private parseAtom(previous: Subject | undefined): Atom {
    const start = this.cur.pos;
    return this.settle(this.tryAtom(previous), start);
  }

  /**
   * A position, a phrase (longest reading first), or a comparison, possibly
   * after filler words ("strings that …"). A reading that ends where a
   * condition may end (a combinator, ")", ",", the end) wins over one that
   * leaves words behind, so "has an odd number of 1s" is not "contains 'an'".
   */
  private tryAtom(previous: Subject | undefined): Result<Atom> {
    const t = this.cur.peek();
    if (!t || this.cur.at(')', 'and', 'or', 'but', '&', '&&', '|', '||', ',')) {
      return { ok: false, error: unreadable(this.cur.here(), t ? `expected a condition before "${t.text}"` : 'expected a condition at the end of the spec') };
    }
    const start = this.cur.pos;
    let fallback: { result: Result<Atom>; end: number } | undefined;
    let firstError: DfaProblem | undefined;
    const consider = (r: Result<Atom> | undefined): Result<Atom> | undefined => {
      if (!r) return undefined;
      if (!r.ok) {
        firstError ??= r.error;
        this.cur.pos = start;
        return undefined;
      }
      if (this.atBoundary()) return r;
      fallback ??= { result: r, end: this.cur.pos };
      this.cur.pos = start;
      return undefined;
    };
    const position = consider(parsePosition(this.cur));
    if (position) return position;
    for (const m of this.phraseMatches()) {
      this.cur.pos = start + m.length;
      const r = consider(parsePhraseAtom(this.cur, m.kind, start, m.phrase));
      if (r) return r;
    }
    const cmp = consider(parseComparisonFirst(this.cur, previous));
    if (cmp) return cmp;
    if (t.kind === 'word' && FILLER_WORDS.has(t.norm)) {
      this.cur.take();
      const rest = this.tryAtom(previous);
      if (rest.ok && (this.atBoundary() || !fallback)) return rest;
      if (!rest.ok && !fallback && !firstError) {
        // The filler may itself be part of a misspelt phrase ("In the in binary"): keep the closer suggestion.
        this.cur.pos = start;
        const outer = unknownCondition(this.cur, this.text, this.phrases);
        return { ok: false, error: (suggestionScoreOf(outer) ?? 1) < (suggestionScoreOf(rest.error) ?? 1) ? outer : rest.error };
      }
      this.cur.pos = start;
    }
    if (fallback) {
      this.cur.pos = fallback.end;
      return fallback.result;
    }
    return { ok: false, error: firstError ?? unknownCondition(this.cur, this.text, this.phrases) };
  }

  private atBoundary(): boolean {
    return this.cur.atEnd() || this.cur.at(')', 'and', 'or', 'but', 'nor', '&', '&&', '|', '||', ',');
  }

  private settle(r: Result<Atom>, start: number): Atom {
    if (r.ok) return r.value;
    this.problems.push(r.error);
    this.cur.pos = Math.max(this.cur.pos, start);
    skipCondition(this.cur);
    return { node: { kind: 'const', value: false, span: this.cur.spanFrom(start) }, failed: true };
  }

  /** Phrase readings at the cursor, longest first. */
  private phraseMatches(): { kind: PhraseKind; length: number; phrase: string }[] {
    const out: { kind: PhraseKind; length: number; phrase: string }[] = [];
    let node: PhraseTrie | undefined = this.trie;
    for (let i = 0; node; i++) {
      if (node.kind && node.phrase !== undefined && i > 0) out.push({ kind: node.kind, length: i, phrase: node.phrase });
      const t = this.cur.peek(i);
      node = t && t.kind !== 'string' ? node.next.get(t.norm) : undefined;
    }
    return out.reverse();
  }
}
