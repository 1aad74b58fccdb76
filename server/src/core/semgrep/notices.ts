/**
 * Turns semgrep's `errors[]` into a handful of notices. A workspace scan can
 * produce one error per file (a syntax error in every minified bundle, a
 * timeout per large file); reporting each as a diagnostic buries the real
 * findings, so errors are grouped: at most one notice per kind of trouble.
 */
import type { SemgrepError, SemgrepNotice, SemgrepOutput } from './types';

/**
 * Target parse failures: semgrep still scanned the parts it could parse, so
 * they are worth a low-key mention, never an alarm.
 */
const PARSE_TAGS = new Set(['Syntax error', 'Lexical error', 'Other syntax error', 'AST builder error', 'PartialParsing']);

/** How many paths a notice names before "and N more". */
const NAMED_PATHS = 3;

/** Longest error detail quoted in a notice; rule parse errors can quote whole YAML files. */
const MAX_DETAIL = 200;

/**
 * Notices for an output: one `error` notice for all error-level entries, one
 * `warning` for warn-level ones, one `info` for parse trouble in targets and
 * one for info-level entries, plus notes about results Argus could not use.
 */
export function noticesFor(output: SemgrepOutput, unmappedPaths: readonly string[] = []): SemgrepNotice[] {
  const parse = output.errors.filter((e) => PARSE_TAGS.has(e.type));
  const rest = output.errors.filter((e) => !PARSE_TAGS.has(e.type));
  const notices: SemgrepNotice[] = [];
  const errors = rest.filter((e) => e.level === 'error' || !['warn', 'warning', 'info'].includes(e.level));
  if (errors.length) notices.push(grouped('error', errors, 'error'));
  const warnings = rest.filter((e) => e.level === 'warn' || e.level === 'warning');
  if (warnings.length) notices.push(grouped('warning', warnings, 'warning'));
  if (parse.length) notices.push(parseNotice(parse));
  const infos = rest.filter((e) => e.level === 'info');
  if (infos.length) notices.push(grouped('info', infos, 'note'));
  if (output.unreadableResults) {
    notices.push({ level: 'warning', message: `Argus could not read ${count(output.unreadableResults, 'semgrep result')}; ${output.unreadableResults === 1 ? 'it was' : 'they were'} skipped.` });
  }
  if (unmappedPaths.length) {
    const paths = [...new Set(unmappedPaths)];
    notices.push({ level: 'info', message: `semgrep reported results for ${count(paths.length, 'file')} Argus did not scan; they were ignored: ${listPaths(paths)}.`, paths });
  }
  return notices;
}

/** One line describing one error: its type, rule, file and first line of text. */
export function describeError(e: SemgrepError): string {
  const where = [e.ruleId ? `rule ${e.ruleId}` : '', e.path ?? ''].filter(Boolean).join(', ');
  const head = where ? `${e.type} (${where})` : e.type;
  const detail = firstLine(e.message ?? '');
  if (!detail || detail === e.type) return head;
  return `${head}: ${detail}`;
}

function grouped(level: SemgrepNotice['level'], errors: readonly SemgrepError[], noun: 'error' | 'warning' | 'note'): SemgrepNotice {
  const first = describeError(errors[0]!);
  const message = errors.length === 1 ? `semgrep reported ${noun === 'error' ? 'an' : 'a'} ${noun}: ${first}` : `semgrep reported ${errors.length} ${noun}s; the first: ${first}`;
  const paths = pathsOf(errors);
  return { level, message, ...(paths.length ? { paths } : {}) };
}

function parseNotice(errors: readonly SemgrepError[]): SemgrepNotice {
  const paths = pathsOf(errors);
  const files = paths.length ? `: ${listPaths(paths)}` : '';
  const what = paths.length ? count(paths.length, 'file') : count(errors.length, 'target');
  return { level: 'info', message: `semgrep could not fully parse ${what}, so its rules may miss code there${files}.`, ...(paths.length ? { paths } : {}) };
}

function pathsOf(errors: readonly SemgrepError[]): string[] {
  return [...new Set(errors.map((e) => e.path).filter((p): p is string => p !== undefined))];
}

function listPaths(paths: readonly string[]): string {
  const named = paths.slice(0, NAMED_PATHS).join(', ');
  return paths.length > NAMED_PATHS ? `${named} and ${paths.length - NAMED_PATHS} more` : named;
}

function firstLine(s: string): string {
  const line = s.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
