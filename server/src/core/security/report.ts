/**
 * Turns a rule hit into a Finding: message interpolation, fix edits,
 * fingerprint and metadata. Findings are plain data.
 */
import type { SourceDocument } from '../document';
import { contentFingerprint } from '../model/fingerprint';
import type { Finding, Fix, RelatedLocation } from '../model/finding';
import type { HitFix } from './fixes';
import type { SecurityRule } from './types';

/** Longest capture text shown inside a message. */
const MAX_SNIPPET = 60;

/** A capture's text as shown in a message: one line, whitespace collapsed, truncated. */
export function snippet(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > MAX_SNIPPET ? `${one.slice(0, MAX_SNIPPET - 1)}…` : one;
}

/**
 * Replaces `$NAME` with `values[name]` (capture names are matched
 * case-insensitively, upper-case in templates by convention). Unknown
 * placeholders stay as written.
 */
export function interpolate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\$([A-Z][A-Z0-9_]*)/g, (whole, name: string) => values[name.toLowerCase()] ?? whole);
}

/** A located text span in the document (UTF-16 offsets). */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Inputs for one finding. */
export interface Hit {
  readonly rule: SecurityRule;
  /** Where the finding is reported. */
  readonly span: Span;
  /** Texts for message placeholders, by lower-case capture name (already masked for secrets). */
  readonly values: Readonly<Record<string, string>>;
  /** The resolved quick fix, when one of the rule's fixes applies to this match. */
  readonly fix?: HitFix;
  readonly related?: readonly { readonly span: Span; readonly message: string }[];
}

/** Builds the Finding for a hit. */
export function toFinding(doc: SourceDocument, hit: Hit): Finding {
  const { rule } = hit;
  const range = doc.index.rangeOf(hit.span.start, hit.span.end);
  const fixes: Fix[] = [];
  if (hit.fix) {
    fixes.push({
      title: hit.fix.title,
      edits: hit.fix.edits.map((e) => ({ range: doc.index.rangeOf(e.span.start, e.span.end), newText: e.newText })),
      preferred: true,
    });
  }
  const related: RelatedLocation[] = (hit.related ?? []).map((r) => ({ range: doc.index.rangeOf(r.span.start, r.span.end), message: r.message }));
  return {
    ruleId: rule.id,
    engine: 'security',
    category: rule.category,
    severity: rule.severity,
    range,
    message: interpolate(rule.message, hit.values),
    cwe: rule.cwe,
    owasp: rule.owasp,
    ...(fixes.length ? { fixes } : {}),
    ...(related.length ? { related } : {}),
    fingerprint: contentFingerprint(rule.id, doc.index, range),
    docsUrl: rule.docsUrl,
  };
}
