import { type Dfa, StateLimitError, encodeWord, runSymbols, showWord, trace } from '../automata/automaton';
import { equivalent, isEmptyLanguage, isUniversal } from '../automata/equivalence';
import type { DfaProblem, Span } from '../problems';
import { shiftProblem } from '../problems';
import type { MachineAst } from '../file/machineAst';
import type { Spec } from '../spec/ast';
import { checkSpecSymbols, compileSpec } from '../spec/compile';
import { formatSpec } from '../spec/format';
import { parseSpec } from '../spec/parser';
import type { SpecPatterns } from '../spec/patterns';
import { emptinessReason } from './emptiness';
import { addVectorFix, replaceStructureFix } from './fixes';
import type { BuiltMachine } from './structure';

/** Options of the meaning checks. */
export interface MeaningOptions {
  /** `dfa.maxStates`. */
  readonly limit: number;
  readonly patterns?: SpecPatterns;
}

/** What the meaning checks found out about one machine (for reports and hovers). */
export interface MeaningResult {
  readonly problems: DfaProblem[];
  readonly spec?: Spec;
  readonly specDfa?: Dfa;
  readonly counterexample?: { readonly word: string; readonly acceptedBy: 'machine' | 'spec' };
  readonly equivalent?: boolean;
}

const tick = (w: string): string => `\`${showWord(w)}\``;

/** Parses the spec and moves its problems into the document (clamped when JSON escapes break the 1:1 mapping). */
function readSpec(text: string, ast: MachineAst, options: MeaningOptions): { spec?: Spec; problems: DfaProblem[] } {
  const s = ast.spec!;
  const parsed = parseSpec(s.text, options.patterns ? { patterns: options.patterns } : {});
  const exact = text.slice(s.span.start, s.span.end) === s.text;
  const problems = parsed.problems.map((p) => (exact ? shiftProblem(p, s.span.start) : { ...p, span: s.span, fixes: undefined }));
  return parsed.value ? { spec: parsed.value, problems } : { problems };
}

function sameSymbols(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/**
 * The meaning checks of one machine: the spec is readable, uses only the
 * alphabet, is neither empty nor universal, and has exactly the machine's
 * language (else the shortest counterexample, with the run that leads to
 * it); every test vector is run on the machine and on the spec.
 */
export function checkMeaning(text: string, ast: MachineAst, built: BuiltMachine | undefined, options: MeaningOptions): MeaningResult {
  const problems: DfaProblem[] = [];
  const machineAlphabet = built?.dfa.alphabet ?? ast.alphabet?.symbols.map((s) => s.text);
  let spec: Spec | undefined;
  let specDfa: Dfa | undefined;
  if (ast.spec) {
    const read = readSpec(text, ast, options);
    problems.push(...read.problems);
    spec = read.spec;
  }
  if (spec && machineAlphabet) {
    const shift = (p: DfaProblem): DfaProblem => shiftProblem(p, ast.spec!.span.start);
    const declared = spec.alphabet?.symbols;
    if (declared && !sameSymbols(declared, machineAlphabet)) {
      problems.push(shift({ ruleId: 'dfa/alphabet-mismatch', severity: 'error', message: `the spec is over {${declared.join(', ')}} but the machine's alphabet is {${machineAlphabet.join(', ')}}`, span: spec.alphabet!.span }));
    } else {
      const alphabet = declared ?? machineAlphabet;
      const foreign = checkSpecSymbols(spec, alphabet).map(shift);
      problems.push(...foreign);
      if (foreign.length === 0) specDfa = compileChecked(spec, alphabet, ast.spec!.span, options.limit, problems);
    }
  }
  if (specDfa) problems.push(...languageWarnings(spec!, specDfa, ast.spec!.span, text));

  let counterexample: MeaningResult['counterexample'];
  if (specDfa && built) {
    const eq = equivalent(built.dfa, specDfa);
    if (!eq.equal) {
      counterexample = { word: eq.counterexample, acceptedBy: eq.acceptedBy === 'a' ? 'machine' : 'spec' };
      problems.push(mismatch(text, ast, built, spec!, specDfa, counterexample.word, eq.acceptedBy === 'a'));
    }
  }
  problems.push(...checkVectors(ast, built, specDfa));
  const result: MeaningResult = { problems, ...(spec ? { spec } : {}), ...(specDfa ? { specDfa } : {}), ...(counterexample ? { counterexample } : {}) };
  return specDfa && built ? { ...result, equivalent: counterexample === undefined } : result;
}

function compileChecked(spec: Spec, alphabet: readonly string[], span: Span, limit: number, problems: DfaProblem[]): Dfa | undefined {
  try {
    return compileSpec(spec, alphabet, { limit });
  } catch (e) {
    if (!(e instanceof StateLimitError)) throw e;
    problems.push({ ruleId: 'dfa/state-limit', severity: 'error', message: `the spec's automaton needs more than ${e.limit} states (dfa.maxStates); raise the limit or simplify the spec`, span });
    return undefined;
  }
}

function languageWarnings(spec: Spec, dfa: Dfa, span: Span, text: string): DfaProblem[] {
  const over = `{${dfa.alphabet.join(', ')}}`;
  if (isEmptyLanguage(dfa)) {
    const why = emptinessReason(spec, dfa.alphabet, text, span.start);
    return [{ ruleId: 'dfa/spec-empty-language', severity: 'warning', message: `the spec describes the empty language: no string over ${over} satisfies it${why ? ` (${why})` : ''}`, span }];
  }
  if (isUniversal(dfa)) {
    return [{ ruleId: 'dfa/spec-tautology', severity: 'warning', message: `the spec accepts every string over ${over} (read as: ${formatSpec(spec)})`, span }];
  }
  return [];
}

/** The spec-mismatch error, with the counterexample's run as related locations. */
function mismatch(text: string, ast: MachineAst, built: BuiltMachine, spec: Spec, specDfa: Dfa, word: string, machineAccepts: boolean): DfaProblem {
  const { dfa } = built;
  const names = dfa.stateNames!;
  const k = dfa.alphabet.length;
  const enc = encodeWord(dfa.alphabet, word);
  const symbols = 'symbols' in enc ? enc.symbols : [];
  const run = trace(dfa, symbols);
  const dead = built.deadAdded ? dfa.stateCount - 1 : -1;
  const related: { span: Span; message: string }[] = [{ span: ast.spec!.span, message: `the spec was read as: ${formatSpec(spec)}` }];
  for (let i = 0; i < symbols.length && related.length < 24; i++) {
    const s = run[i]!;
    const a = symbols[i]!;
    if (s === dead) break;
    const at = built.transitionSpans[s * k + a];
    if (at) related.push({ span: at, message: `step ${i + 1}: ${names[s]} -${dfa.alphabet[a]}-> ${names[run[i + 1]!]}` });
    else related.push({ span: built.stateSpans[s]!, message: `step ${i + 1}: ${names[s]} has no transition on ${dfa.alphabet[a]}, so the run falls into the implicit dead state` });
  }
  const last = run[run.length - 1]!;
  if (last !== dead) related.push({ span: built.stateSpans[last]!, message: `the run ends in ${names[last]}, which is ${dfa.accepting[last] ? '' : 'not '}accepting` });
  const message = machineAccepts
    ? `the machine accepts ${tick(word)}, which the spec rejects (shortest counterexample)`
    : `the machine rejects ${tick(word)}, which the spec accepts (shortest counterexample)`;
  const expect = machineAccepts ? 'reject' : 'accept';
  // A counterexample that is already a test vector is reported by that vector; adding it again helps nobody.
  const listed = ast.vectors.some((v) => v.word === word && v.expect === expect);
  const fixes =
    ast.format === 'dfa'
      ? [
          ...(listed ? [] : [addVectorFix(text, ast, expect, word)]),
          replaceStructureFix(text, ast, specDfa, specStateNames(specDfa), 'Replace the machine with the minimal DFA for the spec'),
        ]
      : undefined;
  return { ruleId: 'dfa/spec-mismatch', severity: 'error', message, span: ast.spec!.span, related, ...(fixes ? { fixes } : {}) };
}

/** Names for a generated machine: `q0…` in BFS order, a non-accepting sink called `dead`. */
export function specStateNames(dfa: Dfa): string[] {
  const k = dfa.alphabet.length;
  let next = 0;
  return Array.from({ length: dfa.stateCount }, (_, s) => {
    const sink = !dfa.accepting[s] && Array.from({ length: k }, (_, a) => dfa.delta[s * k + a]).every((t) => t === s);
    return sink && s !== dfa.start ? 'dead' : `q${next++}`;
  });
}

function checkVectors(ast: MachineAst, built: BuiltMachine | undefined, specDfa: Dfa | undefined): DfaProblem[] {
  const problems: DfaProblem[] = [];
  const alphabet = built?.dfa.alphabet ?? ast.alphabet?.symbols.map((s) => s.text);
  if (!alphabet) return problems;
  const seen = new Map<string, 'accept' | 'reject'>();
  for (const v of ast.vectors) {
    const listed = v.expect === 'accept' ? 'accepts' : 'rejects';
    const before = seen.get(v.word);
    if (before && before !== v.expect) {
      problems.push({ ruleId: 'dfa/vector-conflict', severity: 'error', message: `${tick(v.word)} is listed under both accepts and rejects`, span: v.span });
      continue;
    }
    seen.set(v.word, v.expect);
    const enc = encodeWord(alphabet, v.word);
    if ('foreign' in enc) {
      problems.push({ ruleId: 'dfa/vector-foreign-symbol', severity: 'error', message: `${tick(v.word)} uses ${enc.foreign}, which is not in the alphabet {${alphabet.join(', ')}}; such a test can never run`, span: v.span });
      continue;
    }
    if (built) {
      const end = runSymbols(built.dfa, enc.symbols);
      const accepted = built.dfa.accepting[end] === 1;
      if (accepted !== (v.expect === 'accept')) {
        const where = built.deadAdded && end === built.dfa.stateCount - 1 ? 'the implicit dead state' : built.dfa.stateNames![end];
        problems.push({ ruleId: 'dfa/vector-failed', severity: 'error', message: `the machine ${accepted ? 'accepts' : 'rejects'} ${tick(v.word)} (its run ends in ${where}), but it is listed under ${listed}`, span: v.span });
      }
    }
    const specEnc = specDfa ? encodeWord(specDfa.alphabet, v.word) : undefined;
    if (specDfa && specEnc && 'symbols' in specEnc) {
      // The spec may declare the same symbols in another order, so the word is encoded again.
      const bySpec = specDfa.accepting[runSymbols(specDfa, specEnc.symbols)] === 1;
      if (bySpec !== (v.expect === 'accept')) {
        problems.push({ ruleId: 'dfa/vector-contradicts-spec', severity: 'warning', message: `${tick(v.word)} is listed under ${listed}, but the spec ${bySpec ? 'accepts' : 'rejects'} it`, span: v.span });
      }
    }
  }
  return problems;
}
