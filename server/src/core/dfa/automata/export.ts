import { type Dfa, encodeWord, stateName, trace } from './automaton';

/** The JSON exchange shape of a DFA (also accepted by `parseDfaJson`). */
export interface DfaJson {
  readonly alphabet: string[];
  readonly states: string[];
  readonly start: string;
  readonly accept: string[];
  readonly transitions: Record<string, Record<string, string>>;
}

function names(dfa: Dfa): string[] {
  return Array.from({ length: dfa.stateCount }, (_, s) => stateName(dfa, s));
}

/** Serialises a DFA as plain JSON data (`{ alphabet, states, start, accept, transitions }`). */
export function toJson(dfa: Dfa): DfaJson {
  const n = names(dfa);
  const k = dfa.alphabet.length;
  const transitions: Record<string, Record<string, string>> = {};
  for (let s = 0; s < dfa.stateCount; s++) {
    const row: Record<string, string> = {};
    dfa.alphabet.forEach((sym, a) => (row[sym] = n[dfa.delta[s * k + a]!]!));
    transitions[n[s]!] = row;
  }
  return {
    alphabet: [...dfa.alphabet],
    states: n,
    start: n[dfa.start]!,
    accept: n.filter((_, s) => dfa.accepting[s] === 1),
    transitions,
  };
}

/** Groups the symbols of each state's transitions by target, in alphabet order. */
function groupedEdges(dfa: Dfa, s: number): { to: number; symbols: string[] }[] {
  const k = dfa.alphabet.length;
  const groups: { to: number; symbols: string[] }[] = [];
  for (let a = 0; a < k; a++) {
    const to = dfa.delta[s * k + a]!;
    const g = groups.find((x) => x.to === to);
    if (g) g.symbols.push(dfa.alphabet[a]!);
    else groups.push({ to, symbols: [dfa.alphabet[a]!] });
  }
  return groups;
}

function dotId(s: string): string {
  return `"${s.replace(/["\\]/g, '\\$&')}"`;
}

/**
 * Graphviz DOT text. With `highlightPath` (a word over the alphabet), the
 * states and edges of its run are drawn in red, e.g. to show a counterexample.
 */
export function toDot(dfa: Dfa, highlightPath?: string): string {
  const n = names(dfa);
  const hotStates = new Set<number>();
  const hotEdges = new Set<string>();
  if (highlightPath !== undefined) {
    const enc = encodeWord(dfa.alphabet, highlightPath);
    if ('symbols' in enc) {
      const run = trace(dfa, enc.symbols);
      run.forEach((s) => hotStates.add(s));
      for (let i = 1; i < run.length; i++) hotEdges.add(`${run[i - 1]}>${run[i]}`);
    }
  }
  const lines = ['digraph dfa {', '  rankdir=LR;', '  __start [shape=point, label=""];'];
  for (let s = 0; s < dfa.stateCount; s++) {
    const attrs = [`shape=${dfa.accepting[s] ? 'doublecircle' : 'circle'}`];
    if (hotStates.has(s)) attrs.push('color=red');
    lines.push(`  ${dotId(n[s]!)} [${attrs.join(', ')}];`);
  }
  lines.push(`  __start -> ${dotId(n[dfa.start]!)};`);
  for (let s = 0; s < dfa.stateCount; s++) {
    for (const g of groupedEdges(dfa, s)) {
      const hot = hotEdges.has(`${s}>${g.to}`) ? ', color=red, penwidth=2' : '';
      lines.push(`  ${dotId(n[s]!)} -> ${dotId(n[g.to]!)} [label=${dotId(g.symbols.join(','))}${hot}];`);
    }
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

/** Options for {@link toDfaText}. */
export interface DfaTextOptions {
  readonly name?: string;
  readonly indent?: string;
  /** Test vectors to keep, written as `accepts:` / `rejects:` lines. */
  readonly accepts?: readonly string[];
  readonly rejects?: readonly string[];
}

function vectorList(words: readonly string[]): string {
  return words.map((w) => (w === '' ? 'ε' : w)).join(', ');
}

/**
 * Renders a DFA in the `.dfa` text syntax (see docs/dfa.md), grouping
 * symbols that share a target into one arrow (`q0 -0,1-> q1`).
 */
export function toDfaText(dfa: Dfa, spec?: string, options: DfaTextOptions = {}): string {
  const n = names(dfa);
  const ind = options.indent ?? '  ';
  const lines = [`machine ${options.name ?? 'M'}`];
  if (spec !== undefined) lines.push(`${ind}spec: ${spec}`);
  lines.push(`${ind}alphabet: {${dfa.alphabet.join(', ')}}`);
  lines.push(`${ind}states: ${n.join(', ')}`);
  lines.push(`${ind}start: ${n[dfa.start]}`);
  const accepting = n.filter((_, s) => dfa.accepting[s] === 1);
  // An empty list is written `{}` so that the line is visibly intentional.
  lines.push(`${ind}accepting: ${accepting.length > 0 ? accepting.join(', ') : '{}'}`);
  for (let s = 0; s < dfa.stateCount; s++) {
    for (const g of groupedEdges(dfa, s)) lines.push(`${ind}${n[s]} -${g.symbols.join(',')}-> ${n[g.to]}`);
  }
  if (options.accepts && options.accepts.length > 0) lines.push(`${ind}accepts: ${vectorList(options.accepts)}`);
  if (options.rejects && options.rejects.length > 0) lines.push(`${ind}rejects: ${vectorList(options.rejects)}`);
  return lines.join('\n') + '\n';
}
