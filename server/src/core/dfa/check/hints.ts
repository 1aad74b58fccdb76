import { reachableMask } from '../automata/automaton';
import { minimize, stateClasses } from '../automata/minimize';
import type { DfaProblem } from '../problems';
import type { MachineAst } from '../file/machineAst';
import { addDeadStateFix, removeStatesFix, replaceStructureFix } from './fixes';
import type { BuiltMachine } from './structure';

function list(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Findings about a structurally valid machine that do not change its
 * meaning: missing transitions (information), unreachable states (warning)
 * and non-minimality (hint), each with its quick fix in `.dfa` documents.
 */
export function structureHints(text: string, ast: MachineAst, built: BuiltMachine): DfaProblem[] {
  const problems: DfaProblem[] = [];
  const { dfa, userStates } = built;
  const names = dfa.stateNames!;
  const withFixes = ast.format === 'dfa';

  if (built.missing.length > 0) {
    const fix = withFixes ? [addDeadStateFix(text, ast, dfa, built.missing)] : undefined;
    for (let s = 0; s < userStates; s++) {
      const syms = built.missing.filter(([st]) => st === s).map(([, a]) => dfa.alphabet[a]!);
      if (syms.length === 0) continue;
      problems.push({
        ruleId: 'dfa/missing-transition',
        severity: 'info',
        message: `${names[s]} has no transition on ${list(syms)}; a missing transition goes to an implicit dead state, so such words are rejected`,
        span: built.stateSpans[s]!,
        ...(fix ? { fixes: fix } : {}),
      });
    }
  }

  const reachable = reachableMask(dfa);
  const unreachable = names.slice(0, userStates).filter((_, s) => !reachable[s]);
  if (unreachable.length > 0) {
    const fix = withFixes ? [removeStatesFix(text, ast, new Set(unreachable))] : undefined;
    for (let s = 0; s < userStates; s++) {
      if (reachable[s]) continue;
      problems.push({
        ruleId: 'dfa/unreachable-state',
        severity: 'warning',
        message: `state ${names[s]} cannot be reached from the start state ${names[dfa.start]}`,
        span: built.stateSpans[s]!,
        tags: ['unnecessary'],
        ...(fix ? { fixes: fix } : {}),
      });
    }
  }

  const classes = stateClasses(dfa);
  const min = minimize(dfa);
  let reachableCount = 0;
  for (let s = 0; s < dfa.stateCount; s++) if (reachable[s]) reachableCount++;
  if (min.stateCount < reachableCount) {
    const label = (s: number): string => (built.deadAdded && s === dfa.stateCount - 1 ? 'the implicit dead state' : names[s]!);
    const groups: string[] = [];
    for (let c = 0; c < min.stateCount; c++) {
      const members: string[] = [];
      for (let s = 0; s < dfa.stateCount; s++) if (classes[s] === c) members.push(label(s));
      if (members.length > 1) groups.push(members.join(' ≡ '));
    }
    const minNames = min.stateNames!;
    // The implicit dead state stays implicit when nothing the user wrote merged into it.
    const omit = built.deadAdded ? minNames.indexOf(names[dfa.stateCount - 1]!) : -1;
    problems.push({
      ruleId: 'dfa/not-minimal',
      severity: 'hint',
      message: `the machine is not minimal: ${reachableCount} reachable states where ${min.stateCount} suffice (equivalent: ${groups.join('; ')})`,
      span: ast.name?.span ?? ast.anchor,
      ...(withFixes ? { fixes: [{ ...replaceStructureFix(text, ast, min, minNames, 'Minimise the machine', omit), preferred: true }] } : {}),
    });
  }
  return problems;
}
