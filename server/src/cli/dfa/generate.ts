import {
  DEFAULT_STATE_LIMIT,
  StateLimitError,
  checkSpecSymbols,
  compileSpec,
  formatSpec,
  isEmptyLanguage,
  isUniversal,
  parseSpec,
  toDfaText,
  toDot,
  toJson,
  type DfaProblem,
} from '../../core/dfa';
import { UsageError } from '../args';
import { choiceOption, intOption, loadPatterns, parseAlphabet, parseOptions } from './options';

const FORMATS = ['json', 'dot', 'dfa'] as const;

/** Output channels, injectable for tests. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Renders problems of a one-line text (a spec) compiler-style: the message,
 * the text with carets under the span, then each fix with the text it would
 * produce. Offsets are UTF-16, like the spans; the carets are placed by code
 * points so that they line up under non-ASCII text.
 */
export function renderSpecProblems(text: string, problems: readonly DfaProblem[]): string {
  const out: string[] = [];
  for (const p of problems) {
    out.push(`${p.severity} ${p.ruleId}: ${p.message}`);
    const lineStart = text.lastIndexOf('\n', Math.max(0, p.span.start - 1)) + 1;
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl;
    const width = (from: number, to: number): number => Array.from(text.slice(from, to)).length;
    const start = Math.min(p.span.start, lineEnd);
    const end = Math.min(Math.max(p.span.end, start), lineEnd);
    out.push(`  ${text.slice(lineStart, lineEnd)}`);
    out.push(`  ${' '.repeat(width(lineStart, start))}${'^'.repeat(Math.max(1, width(start, end)))}`);
    for (const fix of p.fixes ?? []) {
      let fixed = text;
      for (const e of [...fix.edits].sort((a, b) => b.span.start - a.span.start)) fixed = fixed.slice(0, e.span.start) + e.newText + fixed.slice(e.span.end);
      out.push(fix.title.includes(fixed) ? `  suggestion: ${fix.title}` : `  suggestion: ${fix.title} → ${fixed}`);
    }
  }
  return out.join('\n') + '\n';
}

/**
 * `argus dfa generate "<spec>" [--alphabet A] [--format json|dot|dfa]`:
 * prints the spec's minimal complete DFA. An unusable spec (unreadable,
 * ambiguous, no alphabet, foreign symbols, over the state limit) exits 2
 * with its diagnostics on stderr.
 */
export function runGenerate(argv: readonly string[], io: Io): number {
  const args = parseOptions(argv, { '--alphabet': 'value', '--format': 'value', '--max-states': 'value', '--patterns': 'value' });
  if (args.positionals.length !== 1) throw new UsageError('argus dfa generate needs exactly one spec (quote it)');
  const text = args.positionals[0]!;
  const format = choiceOption(args, '--format', FORMATS, 'json');
  const limit = intOption(args, '--max-states', DEFAULT_STATE_LIMIT, 1);
  const given = args.values.has('--alphabet') ? parseAlphabet(args.values.get('--alphabet')!) : undefined;
  const patterns = loadPatterns(args.values.get('--patterns'));

  const parsed = parseSpec(text, patterns ? { patterns } : {});
  if (!parsed.value) {
    io.err(`argus: the spec cannot be read\n${renderSpecProblems(text, parsed.problems)}`);
    return 2;
  }
  if (parsed.problems.length > 0) io.err(renderSpecProblems(text, parsed.problems));
  const declared = parsed.value.alphabet?.symbols;
  if (declared && given && declared.join('\u0000') !== given.join('\u0000')) {
    io.err(`argus: the spec declares the alphabet {${declared.join(', ')}} but --alphabet is {${given.join(', ')}}\n`);
    return 2;
  }
  const alphabet = declared ?? given;
  if (!alphabet) {
    io.err('argus: the spec declares no alphabet; add a header ("in binary, …", "over {a, b}: …") or pass --alphabet "{0,1}"\n');
    return 2;
  }
  const foreign = checkSpecSymbols(parsed.value, alphabet);
  if (foreign.length > 0) {
    io.err(`argus: the spec uses symbols outside its alphabet\n${renderSpecProblems(text, foreign)}`);
    return 2;
  }
  let dfa;
  try {
    dfa = compileSpec(parsed.value, alphabet, { limit });
  } catch (err) {
    if (!(err instanceof StateLimitError)) throw err;
    io.err(`argus: ${err.message}; raise --max-states or simplify the spec\n`);
    return 2;
  }
  // Not errors (the DFA is still the spec's), but almost always a mistake in the spec.
  if (isEmptyLanguage(dfa)) io.err('warning dfa/spec-empty-language: no string satisfies the spec\n');
  else if (isUniversal(dfa)) io.err('warning dfa/spec-tautology: every string satisfies the spec\n');
  if (format === 'json') io.out(JSON.stringify(toJson(dfa), null, 2) + '\n');
  else if (format === 'dot') io.out(toDot(dfa));
  else io.out(toDfaText(dfa, /[\r\n]/.test(text) ? formatSpec(parsed.value) : text));
  return 0;
}
