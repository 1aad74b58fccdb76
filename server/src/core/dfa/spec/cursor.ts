import type { DfaProblem, Span } from '../problems';
import type { Token } from './lexer';

/** Position in a token list with the small look-ahead helpers the spec parser needs. */
export class TokenCursor {
  pos = 0;

  constructor(
    readonly tokens: readonly Token[],
    /** Length of the spec text, for spans at its end. */
    readonly textLength: number,
  ) {}

  peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  atEnd(): boolean {
    return this.pos >= this.tokens.length;
  }

  /** Whether the next token is a word or operator whose normalised text is one of `norms`. */
  at(...norms: string[]): boolean {
    const t = this.peek();
    return t !== undefined && t.kind !== 'string' && norms.includes(t.norm);
  }

  /** Whether the tokens from here spell `phrase` (space-separated normalised tokens). */
  atPhrase(phrase: string): boolean {
    const parts = phrase.split(' ');
    return parts.every((p, i) => {
      const t = this.peek(i);
      return t !== undefined && t.kind !== 'string' && t.norm === p;
    });
  }

  /** Consumes `phrase` if it is next. */
  eatPhrase(...phrases: string[]): boolean {
    for (const p of phrases) {
      if (this.atPhrase(p)) {
        this.pos += p.split(' ').length;
        return true;
      }
    }
    return false;
  }

  take(): Token {
    const t = this.tokens[this.pos];
    if (!t) throw new Error('take() past the end');
    this.pos++;
    return t;
  }

  /** Span from the token at `from` to the last consumed token. */
  spanFrom(from: number): Span {
    const first = this.tokens[from];
    const last = this.tokens[Math.max(from, this.pos - 1)];
    if (!first || !last) return this.here();
    return { start: first.span.start, end: last.span.end };
  }

  /** Span of the next token, or an empty span at the end of the text. */
  here(): Span {
    const t = this.peek();
    return t ? t.span : { start: this.textLength, end: this.textLength };
  }
}

/** An unreadable-spec error at `span`. */
export function unreadable(span: Span, message: string, fixes?: DfaProblem['fixes']): DfaProblem {
  return fixes && fixes.length > 0 ? { ruleId: 'dfa/spec-unreadable', severity: 'error', message, span, fixes } : { ruleId: 'dfa/spec-unreadable', severity: 'error', message, span };
}
