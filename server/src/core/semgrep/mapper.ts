/**
 * Maps semgrep results to Argus findings. Positions are converted from
 * semgrep's UTF-8 byte offsets and byte columns to UTF-16 against the text
 * that was scanned (semgrep #10932: each CJK character shifts columns by
 * three). Matched text, fingerprints and fix ranges come from that text too,
 * never from `extra.lines`, which Community Edition replaces by "requires login".
 */
import type { Finding, Fix, Position, Range } from '../model/finding';
import type { LineIndex } from '../model/text';
import { comparePositions } from '../model/text';
import { contentFingerprint } from '../model/fingerprint';
import { categoryOf, cweIdsOf, docsUrlOf, findingSeverity, owaspIdsOf } from './metadata';
import { noticesFor } from './notices';
import type { SemgrepNotice, SemgrepOutput, SemgrepPosition, SemgrepResult } from './types';

/** Prefix of every semgrep rule id in Argus: `semgrep/<check_id>`. */
export const SEMGREP_RULE_PREFIX = 'semgrep/';

/** Title of the code action that applies `extra.fix`. */
export const AUTOFIX_TITLE = 'Apply semgrep autofix';

/** The text semgrep scanned for one path; a `SourceDocument` qualifies. */
export interface ScannedText {
  readonly index: LineIndex;
}

/** Findings of one output, by the keys of the `docsByPath` map they were mapped with. */
export interface SemgrepFindings {
  /** One entry per key of `docsByPath`, empty when semgrep found nothing there; sorted by position. */
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  readonly notices: readonly SemgrepNotice[];
}

/** Argus rule id of a semgrep check id. */
export function semgrepRuleId(checkId: string): string {
  return `${SEMGREP_RULE_PREFIX}${checkId}`;
}

/**
 * Maps an output to findings. `docsByPath` holds the scanned text for each
 * target path exactly as it was passed to semgrep (absolute paths from
 * `runSemgrep`); a result for a path not in the map becomes an `info` notice.
 * Results semgrep marks `is_ignored` are dropped: semgrep already honoured
 * their `nosemgrep` comment.
 */
export function toFindings(output: SemgrepOutput, docsByPath: ReadonlyMap<string, ScannedText>): SemgrepFindings {
  const lookup = pathLookup(docsByPath);
  const byKey = new Map<string, Finding[]>([...docsByPath.keys()].map((k) => [k, []]));
  const unmapped: string[] = [];
  for (const r of output.results) {
    if (r.isIgnored) continue;
    const key = lookup(r.path);
    const doc = key === undefined ? undefined : docsByPath.get(key);
    if (key === undefined || !doc) {
      unmapped.push(r.path);
      continue;
    }
    byKey.get(key)!.push(toFinding(r, doc.index));
  }
  const findings = new Map<string, readonly Finding[]>();
  for (const [key, list] of byKey) findings.set(key, finish(list, docsByPath.get(key)!.index));
  return { findings, notices: noticesFor(output, unmapped) };
}

/** The Argus finding for one result, against the text semgrep scanned. */
export function toFinding(r: SemgrepResult, index: LineIndex): Finding {
  const ruleId = semgrepRuleId(r.checkId);
  const range = rangeOf(r, index);
  const cwe = cweIdsOf(r.metadata);
  const owasp = owaspIdsOf(r.metadata);
  const docsUrl = docsUrlOf(r.metadata);
  const fixes: Fix[] = r.fix === undefined ? [] : [{ title: AUTOFIX_TITLE, edits: [{ range, newText: r.fix }], preferred: true }];
  return {
    ruleId,
    engine: 'semgrep',
    category: categoryOf(r.metadata),
    severity: findingSeverity(r.severity),
    range,
    message: r.message ?? `Semgrep found: ${r.checkId}`,
    ...(cwe.length ? { cwe } : {}),
    ...(owasp.length ? { owasp } : {}),
    ...(fixes.length ? { fixes } : {}),
    fingerprint: contentFingerprint(ruleId, index, range),
    ...(docsUrl ? { docsUrl } : {}),
  };
}

/** The UTF-16 range of a result; an end before the start collapses onto the start. */
export function rangeOf(r: Pick<SemgrepResult, 'start' | 'end'>, index: LineIndex): Range {
  const start = positionOf(r.start, index);
  const end = positionOf(r.end, index);
  return { start, end: comparePositions(end, start) < 0 ? start : end };
}

/**
 * The byte offset is exact when present; the line and byte column are the
 * fallback for results without one (older semgrep, some engines print -1).
 */
function positionOf(p: SemgrepPosition, index: LineIndex): Position {
  if (p.offset !== undefined) return index.positionFromByteOffset(p.offset);
  if (p.line > index.lineCount) return index.positionAt(index.text.length);
  return index.positionFromByteColumn(p.line, p.col);
}

/**
 * Removes exact duplicates (semgrep can report one match twice when two
 * configs load the same rule), sorts, and numbers repeated fingerprints so
 * identical snippets in one file stay distinct.
 */
function finish(list: readonly Finding[], index: LineIndex): Finding[] {
  const seen = new Set<string>();
  const unique = list.filter((f) => {
    const key = `${f.ruleId}\0${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end) || a.ruleId.localeCompare(b.ruleId));
  const occurrences = new Map<string, number>();
  return unique.map((f) => {
    const n = occurrences.get(f.fingerprint) ?? 0;
    occurrences.set(f.fingerprint, n + 1);
    return n === 0 ? f : { ...f, fingerprint: contentFingerprint(f.ruleId, index, f.range, n) };
  });
}

/**
 * Finds the map key for a path semgrep printed: exactly, then with `\` as `/`
 * and without a leading `./`, then (for a relative path) the one key that
 * ends with it. semgrep echoes targets as given, so the exact match is the
 * normal case; the rest covers configs that run semgrep from another folder.
 */
function pathLookup(docsByPath: ReadonlyMap<string, ScannedText>): (path: string) => string | undefined {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
  const normalised = new Map<string, string>();
  for (const k of docsByPath.keys()) normalised.set(norm(k), k);
  return (path) => {
    if (docsByPath.has(path)) return path;
    const n = norm(path);
    const direct = normalised.get(n);
    if (direct !== undefined || n.startsWith('/')) return direct;
    const suffixed = [...normalised.entries()].filter(([k]) => k.endsWith(`/${n}`));
    return suffixed.length === 1 ? suffixed[0]![1] : undefined;
  };
}
