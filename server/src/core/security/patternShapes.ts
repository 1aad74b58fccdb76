/**
 * Patterns that differ only in their text predicates share one compiled
 * pattern.
 *
 * Why: compiling a query costs web-tree-sitter's wasm 2–10 ms per pattern,
 * paid by every scan thread and by the language server before its first
 * diagnostics of a language. Many rules have the same shape and differ in
 * names only, e.g. `(call function: (member_expression object: (identifier)
 * @o property: (property_identifier) @f))` with `#eq?`/`#match?` on `@o` and
 * `@f`. On the built-in rules, 58 JavaScript patterns have 40 shapes, and 144
 * Python ones 94: compiling the shapes takes about 40 % less time.
 *
 * Exactness: web-tree-sitter evaluates text predicates in JavaScript on
 * every structural match anyway (the wasm side never sees them), so a shape
 * compiled once, followed by each pattern's predicates evaluated here with
 * web-tree-sitter's own semantics (`web-tree-sitter.cjs`, parseAnyPredicate
 * and parseMatchPredicate), returns the same matches. A pattern with any
 * other predicate, or one this reader does not understand, is compiled as
 * written. The unit tests compare both on real code.
 */
import type { QueryCapture } from 'web-tree-sitter';
import { tokenize } from './queryPatterns';

/** One `#eq?`-family or `#match?`-family predicate, on canonical capture names. */
export type TextPredicate =
  | { readonly kind: 'eq'; readonly positive: boolean; readonly all: boolean; readonly capture: string; readonly value: string }
  | { readonly kind: 'eq-capture'; readonly positive: boolean; readonly all: boolean; readonly capture: string; readonly other: string }
  | { readonly kind: 'match'; readonly positive: boolean; readonly all: boolean; readonly capture: string; readonly regex: RegExp };

/** A pattern without its predicates, with its captures renamed in order of appearance. */
export interface PatternShape {
  /** Whitespace-normalised shape: equal keys compile to the same pattern. */
  readonly key: string;
  /** The shape as query text (the pattern's own text with predicates cut out and captures renamed). */
  readonly text: string;
  readonly predicates: readonly TextPredicate[];
  /** Canonical capture name → the pattern's own name. */
  readonly names: ReadonlyMap<string, string>;
}

/** Capture names of shapes; no rule uses this prefix, so shapes never share a name with a pattern compiled as written. */
const CANONICAL = '_argus_';

const EQ = new Set(['eq?', 'not-eq?', 'any-eq?', 'any-not-eq?']);
const MATCH = new Set(['match?', 'not-match?', 'any-match?', 'any-not-match?']);

/**
 * The value of a query string literal as tree-sitter's query parser reads it;
 * undefined for an escape whose reading is not certain here.
 */
function stringValue(literal: string): string | undefined {
  let out = '';
  for (let i = 1; i < literal.length - 1; i++) {
    const ch = literal[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = literal[++i];
    if (next === '\\' || next === '"') out += next;
    else if (next === 'n') out += '\n';
    else if (next === 't') out += '\t';
    else if (next === 'r') out += '\r';
    else return undefined;
  }
  return out;
}

/** The shape of one top-level pattern, or undefined when it must be compiled as written. */
export function shapeOf(pattern: string): PatternShape | undefined {
  let tokens: { value: string; at: number }[];
  try {
    tokens = tokenize(pattern);
  } catch {
    return undefined;
  }
  const names = new Map<string, string>();
  const canonical = new Map<string, string>();
  const raw: { op: string; args: string[] }[] = [];
  let text = '';
  let key = '';
  let copied = 0;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.value === '(' || t.value === '[') depth++;
    else if ((t.value === ')' || t.value === ']') && --depth < 0) return undefined;
    if (t.value === '(' && tokens[i + 1]?.value.startsWith('#')) {
      // A predicate: `( #op args… )`, cut out of the shape.
      const op = tokens[i + 1]!.value.slice(1);
      const args: string[] = [];
      let j = i + 2;
      for (; j < tokens.length && tokens[j]!.value !== ')'; j++) args.push(tokens[j]!.value);
      if (j >= tokens.length) return undefined;
      raw.push({ op, args });
      text += pattern.slice(copied, t.at);
      copied = tokens[j]!.at + 1;
      i = j;
      depth--;
      continue;
    }
    let value = t.value;
    if (value.startsWith('@')) {
      const own = value.slice(1);
      let c = canonical.get(own);
      if (c === undefined) {
        c = `${CANONICAL}${canonical.size}`;
        canonical.set(own, c);
        names.set(c, own);
      }
      value = `@${c}`;
      text += pattern.slice(copied, t.at) + value;
      copied = t.at + t.value.length;
    }
    key += (key ? ' ' : '') + value;
  }
  if (depth !== 0) return undefined;
  text += pattern.slice(copied);
  const predicates: TextPredicate[] = [];
  for (const { op, args } of raw) {
    const p = predicateOf(op, args, canonical);
    if (!p) return undefined;
    predicates.push(p);
  }
  return { key, text, predicates, names };
}

function predicateOf(op: string, args: readonly string[], canonical: ReadonlyMap<string, string>): TextPredicate | undefined {
  if (args.length !== 2 || !args[0]!.startsWith('@')) return undefined;
  const capture = canonical.get(args[0]!.slice(1));
  if (capture === undefined) return undefined;
  const all = !op.startsWith('any-');
  const second = args[1]!;
  if (EQ.has(op)) {
    const positive = op === 'eq?' || op === 'any-eq?';
    if (second.startsWith('@')) {
      const other = canonical.get(second.slice(1));
      return other === undefined ? undefined : { kind: 'eq-capture', positive, all, capture, other };
    }
    const value = second.startsWith('"') ? stringValue(second) : undefined;
    return value === undefined ? undefined : { kind: 'eq', positive, all, capture, value };
  }
  if (MATCH.has(op)) {
    const source = second.startsWith('"') ? stringValue(second) : undefined;
    if (source === undefined) return undefined;
    let regex: RegExp;
    try {
      regex = new RegExp(source);
    } catch {
      return undefined;
    }
    return { kind: 'match', positive: op === 'match?' || op === 'any-match?', all, capture, regex };
  }
  return undefined;
}

function textsOf(captures: readonly QueryCapture[], name: string): string[] {
  const out: string[] = [];
  for (const c of captures) if (c.name === name) out.push(c.node.text);
  return out;
}

/** Whether a structural match satisfies one predicate, exactly as web-tree-sitter 0.27 decides it. */
function holds(p: TextPredicate, captures: readonly QueryCapture[]): boolean {
  const texts = textsOf(captures, p.capture);
  switch (p.kind) {
    case 'eq': {
      const test = (t: string) => (t === p.value) === p.positive;
      return p.all ? texts.every(test) : texts.some(test);
    }
    case 'eq-capture': {
      const others = textsOf(captures, p.other);
      const test = (t: string) => others.some((o) => (t === o) === p.positive);
      return p.all ? texts.every(test) : texts.some(test);
    }
    case 'match': {
      // Unlike `#eq?`, a `#match?` with nothing captured fails (and its negation holds).
      if (texts.length === 0) return !p.positive;
      const test = (t: string) => p.regex.test(t) === p.positive;
      return p.all ? texts.every(test) : texts.some(test);
    }
  }
}

/** Whether a structural match satisfies all of a pattern's predicates. */
export function satisfies(predicates: readonly TextPredicate[], captures: readonly QueryCapture[]): boolean {
  for (const p of predicates) if (!holds(p, captures)) return false;
  return true;
}

/** The match's captures under the pattern's own names. */
export function renamed(captures: readonly QueryCapture[], names: ReadonlyMap<string, string>, patternIndex: number): QueryCapture[] {
  return captures.map((c) => ({ ...c, patternIndex, name: names.get(c.name) ?? c.name }));
}
