import { MarkupKind, type Hover } from 'vscode-languageserver/node';

interface MachineData {
  readonly name: string | null;
  readonly anchor: { readonly start: number; readonly end: number };
  readonly accessStrings: Readonly<Record<string, string | null>>;
}

/**
 * Hover on a state name in a `.dfa` file: the shortest string that reaches
 * it (shortlex-least), from the DFA engine's per-machine data.
 */
export function stateHover(text: string, offset: number, dfaData: unknown): Hover | null {
  const machines = (dfaData as { machines?: MachineData[] } | undefined)?.machines;
  if (!machines?.length) return null;
  let start = offset;
  let end = offset;
  while (start > 0 && /[\w'$-]/.test(text[start - 1]!)) start--;
  while (end < text.length && /[\w'$-]/.test(text[end]!)) end++;
  const word = text.slice(start, end);
  if (!word) return null;
  // The machine the cursor is in: the last one whose header starts before the cursor.
  const machine = [...machines].reverse().find((m) => m.anchor.start <= offset) ?? machines[0]!;
  if (!(word in machine.accessStrings)) return null;
  const reach = machine.accessStrings[word];
  const value = reach === null || reach === undefined ? `State \`${word}\` is **unreachable** from the start state.` : `Shortest string reaching \`${word}\`: ${reach === '' ? 'ε (the empty string)' : `\`${reach}\``}`;
  return { contents: { kind: MarkupKind.Markdown, value } };
}
