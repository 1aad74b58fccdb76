import { readFileSync } from 'node:fs';
import { DEFAULT_STATE_LIMIT, problemsToFindings, validateDfaDocument, type SpecPatterns } from '../../core/dfa';
import { makeDocument } from '../../core/document';
import type { Finding, Severity } from '../../core/model/finding';
import { UsageError } from '../args';
import type { Io } from './generate';
import { intOption, loadPatterns, parseOptions } from './options';

/** The document kind of a path, or undefined for anything that is not a DFA file. */
function kindOf(file: string): 'dfa' | 'dfa-json' | undefined {
  const lower = file.toLowerCase();
  return lower.endsWith('.dfa.json') ? 'dfa-json' : lower.endsWith('.dfa') ? 'dfa' : undefined;
}

/** Validates one file; the findings are the LSP server's, in position order. */
export function checkDfaFile(file: string, text: string, options: { limit: number; patterns?: SpecPatterns }): Finding[] {
  const kind = kindOf(file)!;
  const result = validateDfaDocument(text, kind, { limit: options.limit, ...(options.patterns ? { patterns: options.patterns } : {}) });
  return problemsToFindings(makeDocument(`file://${file}`, file, kind, text), result.problems);
}

/**
 * `argus dfa check <file.dfa|file.dfa.json>...`: prints
 * `file:line:col severity rule-id message` per finding (1-based) and a
 * summary line; exit 1 when any finding is an error, 0 otherwise, 2 for
 * usage (a missing file, another extension).
 */
export function runCheck(argv: readonly string[], io: Io): number {
  const args = parseOptions(argv, { '--max-states': 'value', '--patterns': 'value' });
  if (args.positionals.length === 0) throw new UsageError('argus dfa check needs a .dfa or .dfa.json file');
  const limit = intOption(args, '--max-states', DEFAULT_STATE_LIMIT, 1);
  const patterns = loadPatterns(args.values.get('--patterns'));
  const texts = args.positionals.map((file) => {
    if (!kindOf(file)) throw new UsageError(`${file}: argus dfa check reads .dfa and .dfa.json files`);
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`${file}: ${(err as Error).message}`);
    }
  });
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const lines: string[] = [];
  args.positionals.forEach((file, i) => {
    for (const f of checkDfaFile(file, texts[i]!, patterns ? { limit, patterns } : { limit })) {
      counts[f.severity]++;
      // One finding per line: multi-line messages are folded.
      lines.push(`${file}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.ruleId} ${f.message.replace(/\s*\n\s*/g, ' ')}`);
    }
  });
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const files = args.positionals.length;
  lines.push(`${total} finding${total === 1 ? '' : 's'} (${counts.error} error, ${counts.warning} warning, ${counts.info} info, ${counts.hint} hint) in ${files} file${files === 1 ? '' : 's'}`);
  io.out(lines.join('\n') + '\n');
  return counts.error > 0 ? 1 : 0;
}
