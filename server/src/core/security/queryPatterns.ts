/**
 * A small reader for tree-sitter query text: splits a query into its
 * top-level patterns and finds, for each pattern, literal keywords that any
 * match must contain ("keyword gates").
 *
 * Why: web-tree-sitter evaluates `#eq?`/`#match?` predicates in JavaScript
 * after the wasm side has produced (and marshalled) every structural match.
 * A pattern like `(call function: (identifier) @f (#eq? @f "eval"))` yields
 * one raw match per call in the file, and 99.9 % are thrown away. When a
 * pattern can only match where one of its keywords occurs, the matcher runs
 * it only over the byte ranges around those occurrences (see queryGating.ts).
 *
 * The reader is conservative: anything it does not understand makes the
 * pattern ungated (run over the whole tree), never wrong.
 */

/** One top-level pattern of a query: its text, where it starts, and its gate. */
export interface QueryPattern {
  readonly text: string;
  /** Offset (UTF-16 units) of the pattern in the query text it came from. */
  readonly offset: number;
  /** Literals of which at least one occurs inside every match; undefined = ungated. */
  readonly keywords?: readonly Keyword[];
}

/**
 * A literal a match needs; `word` when it is a whole identifier token, so it
 * cannot occur inside a longer word. With `regex`, `text` is a regex source
 * instead (see {@link prefixGate}).
 */
export interface Keyword {
  readonly text: string;
  readonly word: boolean;
  readonly regex?: true;
}

import { prefixGate, regexLiterals } from './regexGate';

export { prefixGate, regexLiterals };

/** Gates with literals shorter than this occur almost everywhere, so they are not worth the range bookkeeping. */
const MIN_KEYWORD_LENGTH = 3;
/** Whole-word literals are rarer than substrings, so shorter ones still pay off (`fs`, `os`). */
const MIN_WORD_LENGTH = 2;
/** Node types whose text is one identifier token: a literal equal to their text is bounded by non-word characters. */
const IDENTIFIER_TYPE = /identifier$|^name$/;

interface Elem {
  type?: string;
  captures: string[];
  optional: boolean;
  alternation: boolean;
  children: Elem[];
}

interface Predicate {
  readonly name: string;
  readonly capture: string | undefined;
  readonly strings: string[];
}

const TOKEN = /\s+|;[^\n]*|"(?:[^"\\]|\\.)*"|[()[\]]|@[\w.-]+|[?*+]|!?[\w./-]+:?|#[\w-]+[?!]|\./g;

/** The tokens of query text with their offsets, without whitespace and comments; throws on a character no token covers. */
export function tokenize(text: string): { value: string; at: number }[] {
  const out: { value: string; at: number }[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  let expected = 0;
  while ((m = TOKEN.exec(text))) {
    if (m.index !== expected) throw new Error('unexpected character');
    expected = m.index + m[0].length;
    if (!/^\s|^;/.test(m[0])) out.push({ value: m[0], at: m.index });
  }
  if (expected !== text.length) throw new Error('unexpected character');
  return out;
}

function unquote(s: string): string {
  return s.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
}

/** Recursive-descent reader over the tokens of one query text. */
class Reader {
  pos = 0;
  readonly predicates: Predicate[] = [];
  /** Node types each capture is attached to (`_` for wildcards, `"` for anonymous nodes, `()` for groups). */
  readonly captureTypes = new Map<string, Set<string>>();
  constructor(private readonly tokens: { value: string; at: number }[]) {}

  peek(): string | undefined {
    return this.tokens[this.pos]?.value;
  }

  next(): string {
    const t = this.tokens[this.pos++];
    if (!t) throw new Error('unexpected end of query');
    return t.value;
  }

  /** An element: an atom, then an optional quantifier, then captures. */
  element(): Elem {
    const t = this.next();
    const elem: Elem = { captures: [], optional: false, alternation: false, children: [] };
    if (t === '(') this.parenthesised(elem);
    else if (t === '[') {
      elem.alternation = true;
      while (this.peek() !== ']') this.sequenceItem(elem);
      this.next();
    } else if (!/^"|^[\w/-]+$/.test(t)) throw new Error(`unexpected token ${t}`);
    else elem.type = t.startsWith('"') ? '"' : t;
    const q = this.peek();
    if (q === '?' || q === '*' || q === '+') {
      this.next();
      elem.optional = q !== '+';
    }
    while (this.peek()?.startsWith('@')) {
      const name = this.next().slice(1);
      elem.captures.push(name);
      const types = this.captureTypes.get(name) ?? new Set<string>();
      types.add(elem.alternation ? '[]' : (elem.type ?? '()'));
      this.captureTypes.set(name, types);
    }
    return elem;
  }

  /** After `(`: a predicate, a node (type then children) or a grouped sequence. */
  private parenthesised(elem: Elem): void {
    const head = this.peek();
    if (head?.startsWith('#')) {
      this.predicate();
      throw new Error('predicate used as an element');
    }
    if (head && /^[\w/-]+$/.test(head)) elem.type = this.next();
    while (this.peek() !== ')') this.sequenceItem(elem);
    this.next();
  }

  /** One item inside a node, group or alternation: field prefix, negated field, anchor, predicate or element. */
  private sequenceItem(parent: Elem): void {
    const t = this.peek();
    if (t === undefined) throw new Error('unexpected end of query');
    if (t === '.' || (t.startsWith('!') && !t.endsWith(':'))) {
      this.next();
      return;
    }
    if (t === '(' && this.tokens[this.pos + 1]?.value.startsWith('#')) {
      this.next();
      this.predicate();
      return;
    }
    if (t.endsWith(':')) this.next();
    parent.children.push(this.element());
  }

  /** Reads `#name? args… )` (the `(` is already consumed). */
  private predicate(): void {
    const name = this.next().slice(1);
    const args: string[] = [];
    while (this.peek() !== ')') args.push(this.next());
    this.next();
    const first = args[0]?.startsWith('@') ? args[0].slice(1) : undefined;
    const strings = args.slice(1).filter((a) => a.startsWith('"')).map(unquote);
    this.predicates.push({ name, capture: first, strings: args.slice(1).every((a) => a.startsWith('"')) ? strings : [] });
  }
}

/** Captures present in every match of `e` (tree-sitter checks `#eq?` vacuously when a capture is absent). */
function mandatory(e: Elem): Set<string> {
  if (e.optional) return new Set();
  const out = new Set(e.captures);
  if (e.alternation) {
    const branches = e.children.map(mandatory);
    const first = branches[0];
    if (first) for (const c of first) if (branches.every((b) => b.has(c))) out.add(c);
  } else for (const child of e.children) for (const c of mandatory(child)) out.add(c);
  return out;
}

/** The literals a positive predicate needs, and whether the node's whole text must equal one of them. */
function literalsOf(p: Predicate): { literals: string[]; anchored: boolean } | undefined {
  if (p.strings.length === 0) return undefined;
  switch (p.name) {
    case 'eq?':
    case 'any-eq?':
      return p.strings.length === 1 ? { literals: p.strings, anchored: true } : undefined;
    case 'any-of?':
      return { literals: p.strings, anchored: true };
    case 'match?':
    case 'any-match?':
      return p.strings.length === 1 ? regexLiterals(p.strings[0]!) : undefined;
    default:
      return undefined;
  }
}

/** How selective a keyword set is: whole words count as longer than substrings of the same length. */
function weight(ks: readonly Keyword[]): number {
  return Math.min(...ks.map((k) => k.text.length + (k.word ? 2 : 0)));
}

/** The most selective keyword set among a pattern's positive literal predicates on captures it always binds. */
function gateOf(root: Elem, predicates: readonly Predicate[], captureTypes: ReadonlyMap<string, Set<string>>): Keyword[] | undefined {
  const always = mandatory(root);
  let best: Keyword[] | undefined;
  let prefix: Keyword[] | undefined;
  for (const p of predicates) {
    // `any-` predicates fail when no node is captured, so they gate even optional captures.
    if (!p.capture || (!p.name.startsWith('any-') && !always.has(p.capture))) continue;
    if ((p.name === 'match?' || p.name === 'any-match?') && p.strings.length === 1 && !prefix) {
      const gate = prefixGate(p.strings[0]!);
      if (gate !== undefined) prefix = [{ text: gate, word: false, regex: true }];
    }
    const found = literalsOf(p);
    if (!found || found.literals.length === 0) continue;
    const identifierOnly = [...(captureTypes.get(p.capture) ?? [])].every((t) => IDENTIFIER_TYPE.test(t));
    const all = found.literals.map((text) => ({ text, word: found.anchored && identifierOnly && /^[\w$].*[\w$]$|^[\w$]$/.test(text) }));
    // A substring keyword that contains another one is redundant: finding the shorter one suffices.
    const ks = all.filter((k) => k.word || !all.some((o) => !o.word && o !== k && o.text !== k.text && k.text.includes(o.text)));
    if (ks.some((k) => k.text.length < (k.word ? MIN_WORD_LENGTH : MIN_KEYWORD_LENGTH))) continue;
    if (!best || weight(ks) > weight(best) || (weight(ks) === weight(best) && ks.length < best.length)) best = ks;
  }
  // A literal gate is cheaper to search for; a prefix regex only gates patterns that have none.
  return best ?? prefix;
}

/**
 * Splits a query into its top-level patterns with their keyword gates.
 * Returns undefined when the text cannot be read; callers then treat the
 * whole text as one ungated unit.
 */
export function splitPatterns(text: string): QueryPattern[] | undefined {
  try {
    const tokens = tokenize(text);
    const out: QueryPattern[] = [];
    const reader = new Reader(tokens);
    while (reader.pos < tokens.length) {
      const startToken = tokens[reader.pos]!;
      const before = reader.predicates.length;
      reader.captureTypes.clear();
      const root = reader.element();
      const end = reader.pos < tokens.length ? tokens[reader.pos]!.at : text.length;
      const keywords = gateOf(root, reader.predicates.slice(before), reader.captureTypes);
      out.push({ text: text.slice(startToken.at, end), offset: startToken.at, ...(keywords ? { keywords } : {}) });
    }
    return out;
  } catch {
    return undefined;
  }
}
