/**
 * The baseline file (`.argus/baseline.json`): the findings a team has
 * accepted, keyed by content fingerprint, so `argus check --baseline` can
 * report only what is new. Pure: reading and writing the file happen in the CLI.
 */
import type { Finding, Range, Severity } from '../model/finding';
import { SEVERITIES } from '../model/finding';

/** Format version of the baseline file; a file with another version is refused, never guessed at. */
export const BASELINE_VERSION = 1;

/** One accepted finding. `fingerprint` is the key; the rest explains the entry and renders it when fixed. */
export interface BaselineEntry {
  readonly path: string;
  readonly ruleId: string;
  /** The finding's content fingerprint (rule + normalised code around it): survives line moves. */
  readonly fingerprint: string;
  readonly severity: Severity;
  readonly message: string;
  /** Where the finding was when the baseline was made; informative only, never used for matching. */
  readonly range: Range;
}

/** The validated content of a baseline file. */
export interface Baseline {
  readonly version: number;
  readonly entries: readonly BaselineEntry[];
}

/** The result of reading user input: a value when usable, and every problem found. */
export interface Parsed<T> {
  readonly value: T | undefined;
  readonly problems: readonly string[];
}

/** Builds baseline entries from the findings of a check, sorted so the file diffs well. */
export function baselineEntries(findings: readonly { path: string; finding: Finding }[]): BaselineEntry[] {
  return findings
    .map(({ path, finding: f }) => ({ path, ruleId: f.ruleId, fingerprint: f.fingerprint, severity: f.severity, message: f.message, range: f.range }))
    .sort((a, b) => cmp(a.path, b.path) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || cmp(a.ruleId, b.ruleId) || cmp(a.fingerprint, b.fingerprint));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Serialises a baseline. No timestamp and a stable order: recreating the
 * baseline from an unchanged tree gives a byte-identical file.
 */
export function serializeBaseline(entries: readonly BaselineEntry[], toolVersion: string): string {
  return JSON.stringify({ version: BASELINE_VERSION, tool: { name: 'argus', version: toolVersion }, findings: entries }, null, 2) + '\n';
}

/**
 * Parses and validates a baseline file's text. Never throws; a file with any
 * problem yields no value, so a damaged baseline is never half-used.
 */
export function parseBaseline(text: string): Parsed<Baseline> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail(`not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(data)) return fail('the top level must be an object with "version" and "findings"');
  if (data.version === undefined) return fail('"version" is missing');
  if (data.version !== BASELINE_VERSION) return fail(`version ${JSON.stringify(data.version)} is not supported (this argus reads version ${BASELINE_VERSION}); recreate it with \`argus baseline create --force\``);
  if (!Array.isArray(data.findings)) return fail('"findings" must be an array');
  const problems: string[] = [];
  const entries: BaselineEntry[] = [];
  data.findings.forEach((raw: unknown, i: number) => {
    const entry = parseEntry(raw);
    if (typeof entry === 'string') problems.push(`findings[${i}]: ${entry}`);
    else entries.push(entry);
  });
  return problems.length > 0 ? { value: undefined, problems } : { value: { version: BASELINE_VERSION, entries }, problems: [] };
}

function parseEntry(raw: unknown): BaselineEntry | string {
  if (!isObject(raw)) return 'must be an object';
  for (const key of ['path', 'ruleId', 'fingerprint', 'message'] as const) {
    if (typeof raw[key] !== 'string' || (key !== 'message' && raw[key] === '')) return `"${key}" must be a non-empty string`;
  }
  if (!SEVERITIES.includes(raw.severity as Severity)) return `"severity" must be one of ${SEVERITIES.join(', ')}`;
  if (!isRange(raw.range)) return '"range" must be {start:{line,character}, end:{line,character}} with non-negative integers';
  return { path: raw.path as string, ruleId: raw.ruleId as string, fingerprint: raw.fingerprint as string, severity: raw.severity as Severity, message: raw.message as string, range: raw.range };
}

function isRange(r: unknown): r is Range {
  const pos = (p: unknown) => isObject(p) && Number.isInteger(p.line) && (p.line as number) >= 0 && Number.isInteger(p.character) && (p.character as number) >= 0;
  return isObject(r) && pos(r.start) && pos(r.end);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function fail(problem: string): Parsed<Baseline> {
  return { value: undefined, problems: [problem] };
}
