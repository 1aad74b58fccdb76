import type { DfaProblem, Span } from '../problems';

/** A JSON value with the span of its source text (strings: including quotes). */
export type JsonNode =
  | { readonly kind: 'object'; readonly span: Span; readonly entries: readonly { readonly key: string; readonly keySpan: Span; readonly value: JsonNode }[] }
  | { readonly kind: 'array'; readonly span: Span; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly span: Span; readonly value: string }
  | { readonly kind: 'number' | 'boolean' | 'null'; readonly span: Span; readonly value: unknown };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

/**
 * A small JSON parser that keeps spans (`JSON.parse` loses them), so that
 * findings in `.dfa.json` files point at the exact value. Reports the first
 * syntax error as a problem; never throws.
 */
export function parseJsonTree(text: string): { value: JsonNode | undefined; problems: DfaProblem[] } {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const value = (): JsonNode => {
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: { key: string; keySpan: Span; value: JsonNode }[] = [];
      ws();
      if (text[i] === '}') i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail('expected a property name in double quotes');
          const k = value() as { value: string; span: Span };
          ws();
          if (text[i] !== ':') fail('expected ":"');
          i++;
          entries.push({ key: k.value, keySpan: k.span, value: value() });
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === '}') {
            i++;
            break;
          } else fail('expected "," or "}"');
        }
      }
      return { kind: 'object', span: { start, end: i }, entries };
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') i++;
      else {
        for (;;) {
          items.push(value());
          ws();
          if (text[i] === ',') i++;
          else if (text[i] === ']') {
            i++;
            break;
          } else fail('expected "," or "]"');
        }
      }
      return { kind: 'array', span: { start, end: i }, items };
    }
    if (c === '"') {
      let j = i + 1;
      for (; j < text.length && text[j] !== '"'; j++) {
        if (text.charCodeAt(j) < 0x20) fail('control character in a string', j);
        if (text[j] !== '\\') continue;
        j++;
        if (text[j] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 1, j + 5))) fail('invalid \\u escape', j);
          j += 4;
        } else if (!'"\\/bfnrt'.includes(text[j] ?? 'x')) fail('invalid escape', j);
      }
      if (j >= text.length) fail('unterminated string');
      i = j + 1;
      return { kind: 'string', span: { start, end: i }, value: JSON.parse(text.slice(start, i)) as string };
    }
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i));
    if (!lit) fail(i >= text.length ? 'unexpected end of the document' : `unexpected character ${text[i]}`);
    i += lit![0].length;
    const v = JSON.parse(lit![0]) as unknown;
    return { kind: v === null ? 'null' : typeof v === 'boolean' ? 'boolean' : 'number', span: { start, end: i }, value: v };
  };
  try {
    const root = value();
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return { value: root, problems: [] };
  } catch (e) {
    if (e instanceof RangeError) {
      return { value: undefined, problems: [{ ruleId: 'dfa/syntax', severity: 'error', message: 'invalid JSON: nested too deeply', span: { start: 0, end: Math.min(1, text.length) } }] };
    }
    if (!(e instanceof JsonSyntaxError)) throw e;
    const at = Math.min(e.at, text.length);
    return { value: undefined, problems: [{ ruleId: 'dfa/syntax', severity: 'error', message: `invalid JSON: ${e.message}`, span: { start: at, end: Math.min(at + 1, text.length) } }] };
  }
}
