import { StateLimitError } from '../automata/automaton';
import { isEmptyLanguage } from '../automata/equivalence';
import { minimize } from '../automata/minimize';
import { product } from '../automata/operations';
import type { Spec, SpecNode } from '../spec/ast';
import { compileSpec } from '../spec/compile';

function conjuncts(node: SpecNode): SpecNode[] {
  return node.kind === 'and' ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

/** Budget for explaining an empty spec: pairs of conjuncts are only tried for small specs. */
const MAX_CONJUNCTS = 12;
const EXPLAIN_LIMIT = 2000;

/**
 * Why a spec's language is empty, in the user's words: a conjunct that can
 * never hold, or the first two conjuncts that contradict each other ("length
 * is 3" and "length is 4" cannot both hold). `undefined` when no single
 * conjunct or pair explains it (the contradiction needs three or more parts).
 */
export function emptinessReason(spec: Spec, alphabet: readonly string[], text: string, offset: number): string | undefined {
  const parts = conjuncts(spec.root);
  if (parts.length > MAX_CONJUNCTS) return undefined;
  const quote = (n: SpecNode): string => `"${text.slice(offset + n.span.start, offset + n.span.end)}"`;
  try {
    const dfas = parts.map((p) => compileSpec(p, alphabet, { limit: EXPLAIN_LIMIT }));
    const alone = dfas.findIndex(isEmptyLanguage);
    if (alone >= 0) return `${quote(parts[alone]!)} is never true`;
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        if (isEmptyLanguage(minimize(product(dfas[i]!, dfas[j]!, 'and', EXPLAIN_LIMIT)))) return `${quote(parts[i]!)} and ${quote(parts[j]!)} cannot both hold`;
      }
    }
  } catch (e) {
    if (!(e instanceof StateLimitError)) throw e;
  }
  return undefined;
}
