/**
 * Reads the parts of a semgrep rule's `metadata` and `severity` that Argus
 * shows: severity, category, CWE and OWASP ids, and a documentation link.
 * Rule metadata is free-form YAML written by rule authors, so every reader
 * here accepts a string or a list and drops what it cannot recognise.
 */
import type { Severity } from '../model/finding';
import { text } from './reader';

/**
 * Maps semgrep's severities, old (`ERROR/WARNING/INFO`) and new since 1.72.0
 * (`CRITICAL/HIGH/MEDIUM/LOW`), to Argus's. The semgrep LSP maps everything but
 * ERROR/WARNING to Information, which buries CRITICAL and HIGH; we do not.
 */
const SEVERITY: Readonly<Record<string, Severity>> = {
  CRITICAL: 'error',
  HIGH: 'error',
  ERROR: 'error',
  MEDIUM: 'warning',
  WARNING: 'warning',
  LOW: 'info',
  INFO: 'info',
  EXPERIMENT: 'info',
  INVENTORY: 'info',
};

/**
 * Argus severity of a semgrep severity (any case). A level this table does not
 * know yet is reported as a warning: visible, without claiming it is an error.
 */
export function findingSeverity(semgrepSeverity: string): Severity {
  return SEVERITY[semgrepSeverity.trim().toUpperCase()] ?? 'warning';
}

/** `metadata.category` (e.g. `security`), or `semgrep` when the rule has none. */
export function categoryOf(metadata: Readonly<Record<string, unknown>>): string {
  return text(metadata['category'])?.trim() ?? 'semgrep';
}

/**
 * CWE ids in canonical form: `"CWE-89: Improper Neutralization …"` and
 * `"cwe-89"` both become `CWE-89`. Entries without an id are dropped.
 */
export function cweIdsOf(metadata: Readonly<Record<string, unknown>>): string[] {
  return unique(stringsOf(metadata['cwe']).map((s) => /\bCWE-(\d+)\b/i.exec(s)?.[1]).map((n) => (n ? `CWE-${n}` : undefined)));
}

/**
 * OWASP Top 10 ids such as `A03:2021` from entries like `"A03:2021 - Injection"`.
 * Entries without an id (free prose) are dropped.
 */
export function owaspIdsOf(metadata: Readonly<Record<string, unknown>>): string[] {
  return unique(stringsOf(metadata['owasp']).map((s) => /\b([A-Z]\d{1,2}:\d{4})\b/i.exec(s)?.[1]?.toUpperCase()));
}

/** `metadata.shortlink`, else the first of `metadata.references`; only http(s) links. */
export function docsUrlOf(metadata: Readonly<Record<string, unknown>>): string | undefined {
  const candidates = [...stringsOf(metadata['shortlink']), ...stringsOf(metadata['references']).slice(0, 1)];
  return candidates.map((s) => s.trim()).find((s) => /^https?:\/\/\S+$/i.test(s));
}

/** A string or a list of strings, as YAML authors write either. */
function stringsOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(text).filter((s): s is string => s !== undefined);
  const s = text(v);
  return s === undefined ? [] : [s];
}

function unique(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}
