import { createHash } from 'node:crypto';
import type { LineIndex } from './text';
import type { Range } from './finding';

/**
 * A content fingerprint that survives line moves: the rule id plus the
 * whitespace-normalised text of the finding's lines and one line of context
 * on each side. Identical snippets in one file are told apart by `occurrence`.
 */
export function contentFingerprint(ruleId: string, index: LineIndex, range: Range, occurrence = 0): string {
  const from = Math.max(0, range.start.line - 1);
  const to = Math.min(index.lineCount - 1, range.end.line + 1);
  const parts: string[] = [];
  for (let l = from; l <= to; l++) parts.push(index.lineText(l).replace(/\s+/g, ' ').trim());
  return createHash('sha256').update(`${ruleId}\0${parts.join('\n')}\0${occurrence}`).digest('hex').slice(0, 32);
}
