import type { RuleInfo, Severity } from '../model/finding';

type Row = readonly [id: string, severity: Severity, category: string, name: string, short: string, full: string];

/** Categories: syntax, structure (the machine itself), spec (the description), meaning (machine vs spec and tests). */
const ROWS: readonly Row[] = [
  ['dfa/syntax', 'error', 'dfa-syntax', 'Syntax', 'A line or JSON value cannot be read.', 'The document does not follow the .dfa syntax (or is not valid JSON for .dfa.json). Each bad line is reported; the rest is still read.'],
  ['dfa/duplicate-declaration', 'error', 'dfa-syntax', 'Duplicate declaration', 'A key such as "start:" appears twice in one machine.', 'Only the first declaration is used; remove the other.'],
  ['dfa/missing-alphabet', 'error', 'dfa-structure', 'Missing alphabet', 'The machine declares no (or an empty) alphabet.', 'The alphabet is never guessed from transitions or the spec; declare it, e.g. "alphabet: {0, 1}".'],
  ['dfa/duplicate-symbol', 'error', 'dfa-structure', 'Duplicate symbol', 'A symbol is listed twice in the alphabet.', 'Symbols of an alphabet must be distinct.'],
  ['dfa/duplicate-state', 'warning', 'dfa-structure', 'Duplicate state', 'A state is listed twice in "states:".', 'The second entry has no effect.'],
  ['dfa/unknown-state', 'error', 'dfa-structure', 'Unknown state', 'A state is used but not declared in "states:".', 'When "states:" is present, every state used by start, accepting or transitions must be declared there.'],
  ['dfa/missing-start', 'error', 'dfa-structure', 'Missing start state', 'The machine has no start state.', 'Add "start: <state>".'],
  ['dfa/missing-accepting', 'warning', 'dfa-structure', 'Missing accepting states', 'No "accepting:" line: the machine accepts nothing.', 'Write "accepting: {}" when no state should accept.'],
  ['dfa/foreign-symbol', 'error', 'dfa-structure', 'Symbol outside the alphabet', 'A transition reads a symbol that is not in the alphabet.', 'Add the symbol to the alphabet or fix the transition.'],
  ['dfa/duplicate-transition', 'error', 'dfa-structure', 'Duplicate transition', 'A state has two transitions on one symbol.', 'With different targets the machine is not deterministic (error); the same transition written twice is a warning.'],
  ['dfa/missing-transition', 'info', 'dfa-structure', 'Missing transition', 'A state has no transition on some symbol.', 'Missing transitions go to an implicit dead state (the word is rejected). The quick fix adds an explicit dead state.'],
  ['dfa/unreachable-state', 'warning', 'dfa-structure', 'Unreachable state', 'A state cannot be reached from the start state.', 'It does not change the language; the quick fix removes it.'],
  ['dfa/not-minimal', 'hint', 'dfa-structure', 'Not minimal', 'Some states are equivalent (Hopcroft minimisation merges them).', 'The message lists the equivalent states; the quick fix replaces the machine with its minimal DFA, keeping state names.'],
  ['dfa/state-limit', 'error', 'dfa-structure', 'State limit', 'An automaton would exceed dfa.maxStates.', 'Raise the threshold dfa.maxStates or simplify the machine or the spec.'],
  ['dfa/duplicate-machine', 'warning', 'dfa-structure', 'Duplicate machine name', 'Two machines in one file share a name.', 'Reports and the CLI identify machines by name.'],
  ['dfa/spec-unreadable', 'error', 'dfa-spec', 'Unreadable spec', 'Part of the spec is not a known condition.', 'The spec is never guessed. The message says what was expected and, when a known phrase is close, offers it as a fix.'],
  ['dfa/spec-ambiguous', 'error', 'dfa-spec', 'Ambiguous spec', '"and" and "or" are mixed without parentheses.', 'Natural language does not say which binds tighter; both parenthesisations are offered as fixes.'],
  ['dfa/spec-foreign-symbol', 'error', 'dfa-spec', 'Spec symbol outside the alphabet', 'A pattern in the spec uses a symbol outside the alphabet.', 'The declared alphabet always wins over the spec\'s patterns.'],
  ['dfa/alphabet-mismatch', 'error', 'dfa-spec', 'Alphabet mismatch', 'The spec declares another alphabet than the machine.', 'For example "in binary" with "alphabet: {a, b}".'],
  ['dfa/spec-empty-language', 'warning', 'dfa-spec', 'Empty language', 'No string satisfies the spec.', 'Usually a contradiction such as "length is 3 and length is 4"; the message names the conflicting parts when two suffice.'],
  ['dfa/spec-tautology', 'warning', 'dfa-spec', 'Tautology', 'Every string satisfies the spec.', 'Usually a mistake such as "contains ε" or "A or not A".'],
  ['dfa/spec-mismatch', 'error', 'dfa-meaning', 'Machine differs from the spec', 'The machine\'s language differs from the spec\'s.', 'Reports the shortest counterexample (the first in alphabet order among the shortest) and its run through the machine. Fixes: add it as a test vector, or replace the machine with the minimal DFA of the spec.'],
  ['dfa/vector-failed', 'error', 'dfa-meaning', 'Failing test vector', 'The machine does not give the listed answer for a test word.', 'The run\'s final state is named in the message.'],
  ['dfa/vector-contradicts-spec', 'warning', 'dfa-meaning', 'Test vector contradicts the spec', 'A listed test word disagrees with the spec.', 'Either the test vector or the spec is wrong.'],
  ['dfa/vector-foreign-symbol', 'error', 'dfa-meaning', 'Test word outside the alphabet', 'A test word uses a symbol outside the alphabet.', 'Such words are reported, never skipped (the seed silently skipped 40% of its oracle strings this way).'],
  ['dfa/vector-empty-item', 'error', 'dfa-meaning', 'Empty test item', 'An empty item between commas in a test list.', 'Write ε (or "") for the empty string, so that "no strings" and "only ε" cannot be confused.'],
  ['dfa/vector-conflict', 'error', 'dfa-meaning', 'Conflicting test vectors', 'A word is listed under both accepts and rejects.', 'At most one of the two can hold.'],
];

/** Static descriptions of every DFA rule. */
export const DFA_RULES: readonly RuleInfo[] = ROWS.map(([id, defaultSeverity, category, name, shortDescription, fullDescription]) => ({
  id,
  engine: 'dfa',
  name,
  shortDescription,
  fullDescription,
  category,
  defaultSeverity,
}));

const BY_ID = new Map(DFA_RULES.map((r) => [r.id, r]));

/** The rule description for an id (every id the engine reports is listed). */
export function dfaRule(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}
