import type { NumberTest } from '../automata/builders';
import type { Spec, SpecNode } from './ast';

const OP_TEXT: Readonly<Record<string, string>> = { eq: '=', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=' };

/** A quoted literal in the formal syntax (`'ab'`, `''` for ε; double quotes when the word has `'`). */
export function quoteWord(text: string): string {
  return text.includes("'") ? `"${text}"` : `'${text}'`;
}

function subjectTest(subject: string, t: NumberTest): string {
  switch (t.op) {
    case 'between':
      return `${subject} in [${t.lo}, ${t.hi}]`;
    case 'mod':
      return `${subject} % ${t.k} = ${t.r}`;
    default:
      return `${subject} ${OP_TEXT[t.op]} ${t.n}`;
  }
}

function countSubject(text: string): string {
  return Array.from(text).length === 1 && /^[\p{L}\p{N}]$/u.test(text) ? `#${text}` : `#${quoteWord(text)}`;
}

/** Binding strength: or 1, and 2, not and atoms 3. */
function strength(n: SpecNode): number {
  return n.kind === 'or' ? 1 : n.kind === 'and' ? 2 : 3;
}

/**
 * Renders a spec node in the formal syntax, with only the parentheses the
 * precedence `!` > `&` > `|` requires. The output parses back to the same
 * language, so messages and hovers can show how a sentence was read.
 */
export function formatSpec(spec: Spec | SpecNode): string {
  const node = 'root' in spec ? spec.root : spec;
  const wrap = (child: SpecNode, min: number): string => (strength(child) < min ? `(${formatSpec(child)})` : formatSpec(child));
  switch (node.kind) {
    case 'and':
      return `${wrap(node.left, 2)} & ${wrap(node.right, 2)}`;
    case 'or':
      return `${wrap(node.left, 1)} | ${wrap(node.right, 1)}`;
    case 'not':
      return `!${wrap(node.operand, 3)}`;
    case 'const':
      return node.value ? 'true' : 'false';
    case 'startsWith':
    case 'endsWith':
    case 'contains':
    case 'isString':
      return `${node.kind} ${quoteWord(node.word.text)}`;
    case 'length':
      return subjectTest('|w|', node.test);
    case 'count':
      return subjectTest(countSubject(node.word.text), node.test);
    case 'value':
      return node.r === 0 ? `divisibleBy ${node.k}` : `val % ${node.k} = ${node.r}`;
    case 'symbolAt':
      return `w[${node.fromEnd ? '-' : ''}${node.position}] = ${quoteWord(node.symbol.text)}`;
    case 'noConsecutive':
      return `noConsecutive ${quoteWord(node.word.text)}`;
  }
}
