import picomatch from 'picomatch';
import type { Finding } from '../model/finding';
import type { LineIndex } from '../model/text';
import { contentFingerprint } from '../model/fingerprint';
import { findDirectives, type Directive } from './directives';

/** Findings split by whether an inline directive suppressed them. */
export interface SuppressionResult {
  readonly kept: Finding[];
  readonly suppressed: Finding[];
  /** Hints for Argus's own directives that suppressed nothing. */
  readonly unused: Finding[];
}

/** Rule id of the hint for a suppression that suppresses nothing. */
export const UNUSED_SUPPRESSION_RULE = 'suppression/unused';

/**
 * Applies inline suppressions. Argus's own `argus-ignore-*` directives are
 * checked for use; the aliases (nosemgrep, eslint-disable, gitleaks:allow,
 * NOSONAR) may be meant for other tools, so an unused alias is never reported.
 */
export function applySuppressions(findings: readonly Finding[], index: LineIndex): SuppressionResult {
  const directives = findDirectives(index);
  if (directives.length === 0) return { kept: [...findings], suppressed: [], unused: [] };
  const used = new Set<Directive>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const f of findings) {
    const by = directives.find((d) => suppresses(d, f));
    if (by) {
      used.add(by);
      suppressed.push(f);
    } else kept.push(f);
  }
  // Semgrep findings arrive later than built-in ones (on save), so a directive naming only
  // semgrep rules cannot be judged unused from the built-in findings alone.
  const unused = directives
    .filter((d) => (d.kind === 'argus-next-line' || d.kind === 'argus-file') && !used.has(d))
    .filter((d) => d.ruleIds.length === 0 || !d.ruleIds.every((id) => id.startsWith('semgrep/')))
    .map((d) => unusedHint(d, index));
  return { kept, suppressed, unused };
}

function suppresses(d: Directive, f: Finding): boolean {
  // Suppressing a suppression hint would be circular; config hints are not code findings.
  if (f.engine === 'suppression') return false;
  if (d.lines.length > 0 && !d.lines.includes(f.range.start.line)) return false;
  if (d.kind === 'gitleaks-allow') return f.category === 'secrets';
  if (d.ruleIds.length === 0) return true;
  return d.ruleIds.some((id) => idMatches(id, f.ruleId));
}

/** A directive id matches the full rule id, the id without its engine prefix, or a glob of either. */
function idMatches(id: string, ruleId: string): boolean {
  const short = ruleId.slice(ruleId.indexOf('/') + 1);
  if (id === ruleId || id === short) return true;
  if (!/[*?]/.test(id)) return false;
  const m = picomatch(id.replace(/\*$/, '**'));
  return m(ruleId) || m(short);
}

function unusedHint(d: Directive, index: LineIndex): Finding {
  const what = d.ruleIds.length ? d.ruleIds.join(', ') : 'every rule';
  // Remove the whole line when the comment stands alone, else just the comment.
  const removal = d.ownLine
    ? { start: { line: d.range.start.line, character: 0 }, end: { line: d.range.start.line + 1, character: 0 } }
    : { start: { line: d.commentRange.start.line, character: trimStart(index.lineText(d.commentRange.start.line), d.commentRange.start.character) }, end: d.commentRange.end };
  return {
    ruleId: UNUSED_SUPPRESSION_RULE,
    engine: 'suppression',
    category: 'suppression',
    severity: 'hint',
    range: d.range,
    message: `This ${d.kind === 'argus-file' ? 'argus-ignore-file' : 'argus-ignore-next-line'} directive (${what}) suppresses nothing.`,
    tags: ['unnecessary'],
    fixes: [{ title: 'Remove unused suppression', edits: [{ range: removal, newText: '' }], preferred: true }],
    fingerprint: contentFingerprint(UNUSED_SUPPRESSION_RULE, index, d.range),
  };
}

/** Moves a removal start left over the whitespace before a trailing comment. */
function trimStart(line: string, at: number): number {
  let i = at;
  while (i > 0 && (line[i - 1] === ' ' || line[i - 1] === '\t')) i--;
  return i;
}
