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
  for (let l = from; l <= to; l++) parts.push(squeezeWhitespace(index.lineText(l)));
  const input = `${ruleId}\0${parts.join('\n')}\0${occurrence}`;
  let hash = recent.get(input);
  if (hash === undefined) {
    hash = createHash('sha256').update(input).digest('hex').slice(0, 32);
    if (input.length <= RECENT_MAX_INPUT) {
      if (recentChars + input.length > RECENT_MAX_CHARS) {
        recent.clear();
        recentChars = 0;
      }
      recent.set(input, hash);
      recentChars += input.length;
    }
  }
  return hash;
}

/**
 * `line.replace(/\s+/g, ' ').trim()`, without the regex replace for the
 * usual line whose only whitespace runs are its indentation and single
 * spaces between words (`trim` and `\s` remove the same characters).
 */
export function squeezeWhitespace(line: string): string {
  const t = line.trim();
  return /\s\s|[^\S ]/.test(t) ? t.replace(/\s+/g, ' ') : t;
}

/**
 * Hashes of recent inputs. The language server fingerprints every finding of
 * a document again after each keystroke, nearly all of them unchanged; a map
 * lookup costs a fraction of a SHA-256. Bounded by the characters it holds
 * (a long duplicated block is hashed, never kept), and cleared when full.
 */
const recent = new Map<string, string>();
let recentChars = 0;
const RECENT_MAX_CHARS = 1 << 19;
const RECENT_MAX_INPUT = 2048;
