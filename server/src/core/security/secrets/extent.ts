/**
 * How many line breaks a secret regex can reach from where a match attempt
 * starts: forward (consumed or looked ahead at) and backward (looked behind
 * at). An attempt starting on line L then depends only on lines L - backward
 * to L + forward (and the line breaks that end the lines just outside them),
 * so after an edit only the attempts near the edited lines need redoing
 * (incremental.ts). A line-local regex (`\S+`, `[^\s"]{8,}`) has 0 and 0.
 *
 * Conservative: anything not understood (back-references, `\x`/`\u`/`\p`
 * escapes, unbounded repeats of something that can match a line break,
 * `^`/`$` without the `m` flag, the `s` and `v` flags) gives undefined, and
 * the rule is scanned whole every time.
 */

/** Line breaks an attempt can reach forward and backward. */
export interface Extent {
  readonly forward: number;
  readonly backward: number;
}

/** Escapes that never match a line feed; anything else after `\` is either `\s`/`\W`/`\D`/`\n` (can) or not understood. */
const SAFE_ESCAPE = /[wdSbBtrfv.\\/\-[\]^$+*?(){}|'"`_@:=#&!%,;<>~ ]/;
const NEWLINE_ESCAPE = /[sWDn]/;

class Reader {
  i = 0;
  backward = 0;
  constructor(
    readonly src: string,
    readonly flags: string,
  ) {}

  /** Line breaks a disjunction can consume or look ahead at (Infinity when unbounded). */
  disjunction(): number {
    let max = this.sequence();
    while (this.src[this.i] === '|') {
      this.i++;
      max = Math.max(max, this.sequence());
    }
    return max;
  }

  private sequence(): number {
    let total = 0;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') total += this.term();
    return total;
  }

  private term(): number {
    const atom = this.atom();
    return this.quantified(atom);
  }

  private quantified(atom: number): number {
    const src = this.src;
    const ch = src[this.i];
    let max: number | undefined;
    if (ch === '*' || ch === '+') {
      this.i++;
      max = Infinity;
    } else if (ch === '?') {
      this.i++;
      max = 1;
    } else if (ch === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(this.i));
      if (m) {
        this.i += m[0].length;
        max = m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity;
      }
    }
    if (max === undefined) return atom;
    if (src[this.i] === '?') this.i++; // lazy
    return atom === 0 ? 0 : atom * max;
  }

  private atom(): number {
    const src = this.src;
    const ch = src[this.i]!;
    this.i++;
    if (ch === '(') return this.group();
    if (ch === '[') return this.charClass();
    if (ch === '\\') {
      const e = src[this.i++] ?? '';
      if (NEWLINE_ESCAPE.test(e)) return 1;
      return SAFE_ESCAPE.test(e) ? 0 : Infinity;
    }
    if (ch === '.') return 0; // no `s` flag (checked by the caller)
    if (ch === '^' || ch === '$') return this.flags.includes('m') ? 0 : Infinity;
    if (ch === '\n') return 1;
    return ch.charCodeAt(0) < 32 ? Infinity : 0;
  }

  private group(): number {
    const src = this.src;
    let kind: 'plain' | 'ahead' | 'behind' = 'plain';
    if (src.startsWith('?:', this.i)) this.i += 2;
    else if (src.startsWith('?=', this.i) || src.startsWith('?!', this.i)) {
      this.i += 2;
      kind = 'ahead';
    } else if (src.startsWith('?<=', this.i) || src.startsWith('?<!', this.i)) {
      this.i += 3;
      kind = 'behind';
    } else if (src.startsWith('?<', this.i)) {
      const close = src.indexOf('>', this.i);
      if (close < 0) return Infinity;
      this.i = close + 1;
    } else if (src[this.i] === '?') return Infinity;
    const inner = this.disjunction();
    if (src[this.i] !== ')') return Infinity;
    this.i++;
    if (kind === 'behind') {
      // Looks back from inside the match, at most this many lines before its start.
      this.backward += inner;
      return 0;
    }
    return inner;
  }

  /** 1 when the class can match a line feed, 0 when not, Infinity when not understood. */
  private charClass(): number {
    const src = this.src;
    const negated = src[this.i] === '^';
    if (negated) this.i++;
    let excludes = false;
    let matches = false;
    for (let first = true; this.i < src.length; first = false) {
      const ch = src[this.i++]!;
      if (ch === ']' && !first) return negated ? (excludes ? 0 : 1) : matches ? 1 : 0;
      if (ch.charCodeAt(0) < 32) return Infinity;
      if (ch !== '\\') continue;
      const e = src[this.i++] ?? '';
      if (e === 's' || e === 'n') {
        excludes = true;
        matches = true;
      } else if (NEWLINE_ESCAPE.test(e)) matches = true;
      else if (!SAFE_ESCAPE.test(e)) return Infinity;
      // In a negated class `\W` / `\D` remove the line feed too, but say "can match" to stay simple.
      if (negated && (e === 'W' || e === 'D')) excludes = false;
    }
    return Infinity;
  }
}

/**
 * The line-break extent of `regex`, or undefined when it is unbounded or not
 * understood. A literal range in a class cannot reach the line feed (code
 * 10): every literal character accepted here is at least a space.
 */
export function newlineExtent(regex: RegExp): Extent | undefined {
  if (/[sv]/.test(regex.flags)) return undefined;
  const r = new Reader(regex.source, regex.flags);
  const forward = r.disjunction();
  if (r.i !== regex.source.length || !Number.isFinite(forward) || !Number.isFinite(r.backward)) return undefined;
  return { forward, backward: r.backward };
}
