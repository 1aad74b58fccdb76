/**
 * Load-time safety checks for regular expressions written in rule files.
 *
 * V8's backtracking engine can take seconds on a hostile input (`^(a+)+$`
 * with 27 `a` and a `!` takes 5–8 s, see notes/tree-sitter.md §8), and the
 * linear fallback engine cannot run lookarounds or backreferences at all.
 * So rule files may not use lookarounds, backreferences, or a repeated group
 * that itself contains a repetition (the nested-quantifier shape behind
 * almost every catastrophic-backtracking report). The check is syntactic and
 * deliberately conservative: it rejects some harmless patterns such as
 * `(ab+){2}` rather than risk a hang while the user types.
 */

/** Why a regex is unsafe and where (UTF-16 index into the pattern). */
export interface RegexProblem {
  readonly index: number;
  readonly message: string;
}

interface GroupState {
  /** Index of the `(` that opened the group. */
  readonly open: number;
  /** The group contains a variable-count quantifier that can repeat (`+`, `*`, `{1,3}`; not `?` or `{3}`). */
  repeats: boolean;
  /** The group contains an unbounded quantifier (`*`, `+`, `{n,}`). */
  unbounded: boolean;
}

interface Quantifier {
  readonly length: number;
  readonly min: number;
  readonly max: number;
}

/** Reads a quantifier starting at `i`, or undefined when there is none. */
function quantifierAt(src: string, i: number): Quantifier | undefined {
  const c = src[i];
  let length = 1;
  let min = 0;
  let max: number;
  if (c === '*' || c === '+') [min, max] = [c === '+' ? 1 : 0, Infinity];
  else if (c === '?') max = 1;
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i, i + 24));
    if (!m) return undefined;
    length = m[0].length;
    min = Number(m[1]);
    max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
  } else return undefined;
  if (src[i + length] === '?') length++;
  return { length, min, max };
}

/**
 * Checks a regex source (V8 syntax, without slashes). Returns the first
 * problem, or undefined when the pattern is acceptable. Syntax errors are not
 * reported here; compile the pattern with `new RegExp` for those.
 */
export function checkRegexSafety(src: string): RegexProblem | undefined {
  const stack: GroupState[] = [{ open: -1, repeats: false, unbounded: false }];
  let lastGroup: GroupState | undefined;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    const top = stack[stack.length - 1]!;
    if (c === '\\') {
      const next = src[i + 1] ?? '';
      if (/[1-9]/.test(next)) return { index: i, message: `backreference \\${next} is not allowed (it cannot run in linear time)` };
      if (next === 'k' && src[i + 2] === '<') return { index: i, message: 'named backreference \\k<…> is not allowed (it cannot run in linear time)' };
      i++;
      lastGroup = undefined;
      continue;
    }
    if (c === '[') {
      for (i++; i < src.length && src[i] !== ']'; i++) if (src[i] === '\\') i++;
      lastGroup = undefined;
      continue;
    }
    if (c === '(') {
      if (src.startsWith('(?=', i) || src.startsWith('(?!', i) || src.startsWith('(?<=', i) || src.startsWith('(?<!', i)) {
        return { index: i, message: `lookaround '${src.slice(i, src[i + 2] === '<' ? i + 4 : i + 3)}' is not allowed (it cannot run in linear time)` };
      }
      stack.push({ open: i, repeats: false, unbounded: false });
      lastGroup = undefined;
      continue;
    }
    if (c === ')') {
      lastGroup = stack.length > 1 ? stack.pop() : undefined;
      const parent = stack[stack.length - 1]!;
      if (lastGroup) {
        parent.repeats ||= lastGroup.repeats;
        parent.unbounded ||= lastGroup.unbounded;
      }
      continue;
    }
    const q = quantifierAt(src, i);
    if (q) {
      if (lastGroup && q.max > 1 && lastGroup.repeats && (q.max === Infinity || lastGroup.unbounded)) {
        return {
          index: lastGroup.open,
          message: 'a repeated group contains another repetition (nested quantifier); this can backtrack catastrophically',
        };
      }
      if (q.max > 1 && q.min < q.max) top.repeats = true;
      if (q.max === Infinity) top.unbounded = true;
      i += q.length - 1;
      lastGroup = undefined;
      continue;
    }
    lastGroup = undefined;
  }
  return undefined;
}

/**
 * Compiles a rule-file regex after the safety check. Returns the RegExp or
 * a problem (safety or syntax) with an index into the pattern.
 */
export function compileRuleRegex(src: string, flags = ''): { regex?: RegExp; problem?: RegexProblem } {
  const problem = checkRegexSafety(src);
  if (problem) return { problem };
  try {
    return { regex: new RegExp(src, flags) };
  } catch (e) {
    return { problem: { index: 0, message: `invalid regular expression: ${(e as Error).message}` } };
  }
}
