/**
 * A lenient, hand-written reader of `semgrep scan --json` output. The
 * generated semgrep-interfaces readers throw on unknown variants, and new ones
 * keep appearing (`StackOverflow` in 1.86.0, `FixpointTimeout` in 1.132.0), so
 * this reader keeps unknown tags verbatim, ignores unknown keys and skips (and
 * counts) results it cannot use instead of failing the whole run.
 */
import { EMPTY_OUTPUT, type SemgrepError, type SemgrepOutput, type SemgrepPosition, type SemgrepResult } from './types';

/** Parsed output, or why the text is not semgrep JSON. */
export type ParsedOutput = { readonly output: SemgrepOutput } | { readonly problem: string };

/**
 * Parses semgrep's stdout. Never throws: text that is not a JSON object
 * yields a `problem`, a clause that reads after "semgrep exited with code N, but".
 */
export function parseSemgrepJson(stdout: string): ParsedOutput {
  const text = stdout.trim();
  if (text === '') return { problem: 'it printed nothing on stdout' };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // The parser's own message differs between Node versions; the opening of the text says more.
    return { problem: `its output is not JSON; it starts with ${JSON.stringify(text.slice(0, 40))}` };
  }
  if (!isObject(raw)) return { problem: `its output is JSON but not an object; it starts with ${JSON.stringify(text.slice(0, 40))}` };
  return { output: readSemgrepOutput(raw) };
}

/** Reads an already-parsed `cli_output` object leniently. */
export function readSemgrepOutput(raw: Readonly<Record<string, unknown>>): SemgrepOutput {
  const results: SemgrepResult[] = [];
  let unreadableResults = 0;
  for (const r of arrayOf(raw['results'])) {
    const result = readResult(r);
    if (result) results.push(result);
    else unreadableResults++;
  }
  const errors = arrayOf(raw['errors']).filter(isObject).map(readError);
  const paths = isObject(raw['paths']) ? raw['paths'] : {};
  const scanned = arrayOf(paths['scanned']).filter((p): p is string => typeof p === 'string');
  const version = text(raw['version']);
  return { ...(version ? { version } : {}), results, errors, scanned, unreadableResults };
}

/** Concatenates the outputs of several batches of one scan. */
export function mergeOutputs(a: SemgrepOutput, b: SemgrepOutput): SemgrepOutput {
  if (a === EMPTY_OUTPUT) return b;
  const version = a.version ?? b.version;
  return {
    ...(version ? { version } : {}),
    results: [...a.results, ...b.results],
    errors: [...a.errors, ...b.errors],
    scanned: [...a.scanned, ...b.scanned],
    unreadableResults: a.unreadableResults + b.unreadableResults,
  };
}

/** Rewrites every path in an output (results, errors, scanned), e.g. a temp file back to the buffer's name. */
export function renamePaths(output: SemgrepOutput, rename: (path: string) => string): SemgrepOutput {
  return {
    ...output,
    results: output.results.map((r) => ({ ...r, path: rename(r.path) })),
    errors: output.errors.map((e) => (e.path === undefined ? e : { ...e, path: rename(e.path) })),
    scanned: output.scanned.map(rename),
  };
}

/**
 * Community Edition prints this literal instead of login-gated fields
 * (`extra.lines`, `extra.fingerprint`; semgrep #10734). It is never real data.
 */
const REQUIRES_LOGIN = 'requires login';

/** A string that carries information: not absent, not blank, not the login placeholder. */
export function text(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' || t.toLowerCase() === REQUIRES_LOGIN ? undefined : v;
}

function readResult(v: unknown): SemgrepResult | undefined {
  if (!isObject(v)) return undefined;
  const checkId = text(v['check_id']);
  const path = text(v['path']);
  const start = readPosition(v['start']);
  const end = readPosition(v['end']);
  if (!checkId || !path || !start || !end) return undefined;
  const extra = isObject(v['extra']) ? v['extra'] : {};
  const message = text(extra['message'])?.trim();
  const severity = typeof extra['severity'] === 'string' ? extra['severity'].trim().toUpperCase() : '';
  // A fix may legitimately be "" (delete the match), so it is not read with text().
  const fix = typeof extra['fix'] === 'string' && extra['fix'].trim().toLowerCase() !== REQUIRES_LOGIN ? extra['fix'] : undefined;
  const lines = text(extra['lines']);
  const fingerprint = text(extra['fingerprint']);
  return {
    checkId,
    path,
    start,
    end,
    ...(message ? { message } : {}),
    severity,
    metadata: isObject(extra['metadata']) ? extra['metadata'] : {},
    ...(fix !== undefined ? { fix } : {}),
    ...(lines !== undefined ? { lines } : {}),
    ...(fingerprint !== undefined ? { fingerprint } : {}),
    isIgnored: extra['is_ignored'] === true,
  };
}

function readPosition(v: unknown): SemgrepPosition | undefined {
  if (!isObject(v)) return undefined;
  const line = v['line'];
  const col = v['col'];
  if (!isCount(line) || !isCount(col)) return undefined;
  const offset = v['offset'];
  // Lines and columns start at 1; a 0 would be a semgrep bug, read it as the first.
  const pos = { line: Math.max(1, line), col: Math.max(1, col) };
  return isCount(offset) ? { ...pos, offset } : pos;
}

function readError(v: Readonly<Record<string, unknown>>): SemgrepError {
  const { tag, payload } = readType(v['type']);
  const code = v['code'];
  const message = text(v['message']) ?? text(v['long_msg']) ?? text(v['short_msg']);
  const ruleId = text(v['rule_id']);
  const path = text(v['path']) ?? firstSpanFile(v['spans']) ?? firstLocationPath(payload);
  return {
    ...(typeof code === 'number' && Number.isInteger(code) ? { code } : {}),
    level: typeof v['level'] === 'string' ? v['level'].toLowerCase() : 'error',
    type: tag,
    ...(payload !== undefined ? { payload } : {}),
    ...(message ? { message } : {}),
    ...(ruleId ? { ruleId } : {}),
    ...(path ? { path } : {}),
  };
}

/** `type` is a bare string, or an ATD variant with payload `[tag, payload]`. */
function readType(v: unknown): { tag: string; payload?: unknown } {
  if (typeof v === 'string') return { tag: v };
  if (Array.isArray(v) && typeof v[0] === 'string') return v.length > 1 ? { tag: v[0], payload: v[1] } : { tag: v[0] };
  return { tag: 'Unknown error' };
}

function firstSpanFile(spans: unknown): string | undefined {
  for (const s of arrayOf(spans)) if (isObject(s) && text(s['file'])) return text(s['file']);
  return undefined;
}

/** `PartialParsing` carries `location[]`, each `{ path, start, end }`. */
function firstLocationPath(payload: unknown): string | undefined {
  for (const l of arrayOf(payload)) if (isObject(l) && text(l['path'])) return text(l['path']);
  return undefined;
}

function isCount(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}

function arrayOf(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A plain JSON object (not an array, not null). */
export function isObject(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
