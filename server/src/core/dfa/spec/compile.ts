import { DEFAULT_STATE_LIMIT, type Dfa, symbolIndex } from '../automata/automaton';
import {
  constantDfa,
  containsDfa,
  countDfa,
  endsWithDfa,
  exactWordDfa,
  lengthDfa,
  startsWithDfa,
  symbolFromEndDfa,
  symbolFromStartDfa,
  testNumber,
  valueModDfa,
} from '../automata/builders';
import { minimize } from '../automata/minimize';
import { complement, product } from '../automata/operations';
import type { DfaProblem } from '../problems';
import type { Spec, SpecNode, SpecWord } from './ast';

/** Options of {@link compileSpec}. */
export interface CompileOptions {
  /** Maximum states of any intermediate automaton (`dfa.maxStates`); exceeding it throws `StateLimitError`. */
  readonly limit?: number;
}

function rootOf(spec: Spec | SpecNode): SpecNode {
  return 'root' in spec ? spec.root : spec;
}

/** Visits every node of a spec tree, parents first. */
export function forEachNode(node: SpecNode, visit: (n: SpecNode) => void): void {
  visit(node);
  if (node.kind === 'and' || node.kind === 'or') {
    forEachNode(node.left, visit);
    forEachNode(node.right, visit);
  } else if (node.kind === 'not') forEachNode(node.operand, visit);
}

/**
 * Reports every pattern or counted symbol that uses a symbol outside the
 * alphabet (`dfa/spec-foreign-symbol`). The target-derived alphabet never
 * overrides the declared one, unlike the seed.
 */
export function checkSpecSymbols(spec: Spec | SpecNode, alphabet: readonly string[]): DfaProblem[] {
  const problems: DfaProblem[] = [];
  const check = (w: SpecWord): void => {
    const foreign = [...new Set(Array.from(w.text).filter((c) => !alphabet.includes(c)))];
    if (foreign.length > 0) {
      problems.push({
        ruleId: 'dfa/spec-foreign-symbol',
        severity: 'error',
        message: `${foreign.map((c) => `"${c}"`).join(', ')} ${foreign.length === 1 ? 'is' : 'are'} not in the alphabet {${alphabet.join(', ')}}`,
        span: w.span,
      });
    }
  };
  forEachNode(rootOf(spec), (n) => {
    if ('word' in n) check(n.word);
    else if (n.kind === 'symbolAt') check(n.symbol);
  });
  return problems;
}

/** Encodes a word over the alphabet, or `undefined` when it uses a foreign symbol. */
function encode(alphabet: readonly string[], word: string): number[] | undefined {
  const index = symbolIndex(alphabet);
  const out: number[] = [];
  for (const c of word) {
    const i = index.get(c);
    if (i === undefined) return undefined;
    out.push(i);
  }
  return out;
}

/**
 * Compiles a spec to its minimal DFA (canonical BFS numbering) over the given
 * alphabet, in the given order (which defines digit values for divisibility).
 * Every node has exact semantics, including patterns with foreign symbols
 * (they never occur in a word over the alphabet); callers report those with
 * {@link checkSpecSymbols} first. Throws `StateLimitError` past the limit.
 */
export function compileSpec(spec: Spec | SpecNode, alphabet: readonly string[], options: CompileOptions = {}): Dfa {
  const limit = options.limit ?? DEFAULT_STATE_LIMIT;
  return minimize(compileNode(rootOf(spec), alphabet, limit));
}

function compileNode(node: SpecNode, alphabet: readonly string[], limit: number): Dfa {
  switch (node.kind) {
    case 'and':
    case 'or':
      return minimize(product(compileNode(node.left, alphabet, limit), compileNode(node.right, alphabet, limit), node.kind, limit));
    case 'not':
      return complement(compileNode(node.operand, alphabet, limit));
    case 'const':
      return constantDfa(alphabet, node.value);
    default:
      return minimize(compileAtom(node, alphabet, limit));
  }
}

function compileAtom(node: SpecNode, alphabet: readonly string[], limit: number): Dfa {
  switch (node.kind) {
    case 'startsWith':
    case 'endsWith':
    case 'contains':
    case 'isString': {
      const w = encode(alphabet, node.word.text);
      if (!w) return constantDfa(alphabet, false);
      if (node.kind === 'startsWith') return startsWithDfa(alphabet, w, limit);
      if (node.kind === 'endsWith') return endsWithDfa(alphabet, w, limit);
      if (node.kind === 'contains') return containsDfa(alphabet, w, limit);
      return exactWordDfa(alphabet, w, limit);
    }
    case 'length':
      return lengthDfa(alphabet, node.test, limit);
    case 'count': {
      const w = encode(alphabet, node.word.text);
      // A word that cannot occur is counted 0 times in every string.
      return w && w.length > 0 ? countDfa(alphabet, w, node.test, limit) : constantDfa(alphabet, testNumber(node.test, 0));
    }
    case 'value':
      return valueModDfa(alphabet, node.k, node.r, limit);
    case 'symbolAt': {
      const s = encode(alphabet, node.symbol.text);
      if (!s || s.length !== 1) return constantDfa(alphabet, false);
      return node.fromEnd ? symbolFromEndDfa(alphabet, node.position, s[0]!, limit) : symbolFromStartDfa(alphabet, node.position, s[0]!, limit);
    }
    case 'noConsecutive': {
      const w = encode(alphabet, node.word.text);
      return w && w.length > 0 ? complement(containsDfa(alphabet, [...w, ...w], limit)) : constantDfa(alphabet, true);
    }
    default:
      throw new Error(`not an atom: ${node.kind}`);
  }
}
