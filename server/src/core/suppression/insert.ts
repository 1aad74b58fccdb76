import type { LanguageId } from '../document';
import type { LineIndex } from '../model/text';
import type { TextEdit } from '../model/finding';

/** The line-comment opener for a language. */
export function lineCommentFor(languageId: LanguageId): string {
  switch (languageId) {
    case 'python':
    case 'dfa':
      return '#';
    default:
      return '//';
  }
}

/**
 * Edit that disables `ruleId` for one line: a new `argus-ignore-next-line`
 * comment above it, indented like it. If the line above already holds such a
 * directive, the rule is appended to it instead (as vscode-eslint does).
 */
export function disableForLineEdit(languageId: LanguageId, index: LineIndex, line: number, ruleId: string): TextEdit {
  const above = line > 0 ? index.lineText(line - 1) : undefined;
  const existing = above === undefined ? null : /argus-ignore-next-line\b([^\n]*?)(\s*--.*)?(\s*\*\/)?\s*$/.exec(above);
  if (above !== undefined && existing) {
    const idsEnd = existing.index + 'argus-ignore-next-line'.length + existing[1]!.length;
    const sep = existing[1]!.trim() ? ', ' : ' ';
    return { range: { start: { line: line - 1, character: idsEnd }, end: { line: line - 1, character: idsEnd } }, newText: `${sep}${ruleId}` };
  }
  const indent = /^\s*/.exec(index.lineText(line))![0];
  const comment = lineCommentFor(languageId);
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment} argus-ignore-next-line ${ruleId}\n` };
}

/**
 * Edit that disables `ruleId` for the whole file: an `argus-ignore-file`
 * comment at the top, after a shebang, a PHP open tag or a Python encoding line.
 */
export function disableForFileEdit(languageId: LanguageId, index: LineIndex, ruleId: string): TextEdit {
  let line = 0;
  const first = index.lineText(0);
  if (first.startsWith('#!') || /^<\?php\b/.test(first) || /coding[:=]/.test(first)) line = 1;
  const comment = lineCommentFor(languageId);
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${comment} argus-ignore-file ${ruleId}\n` };
}
