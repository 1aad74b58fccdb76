import type { SourceDocument } from '../document';
import type { AnalysisContext, Engine, EngineResult } from '../engine';
import { threshold } from '../config/types';
import { contentFingerprint } from '../model/fingerprint';
import type { Finding } from '../model/finding';
import { comparePositions } from '../model/text';
import { validateDfaDocument } from './check/validate';
import type { DfaProblem } from './problems';
import { DFA_RULES, dfaRule } from './rules';
import type { SpecPatterns } from './spec/patterns';

/** Options of {@link createDfaEngine}. */
export interface DfaEngineOptions {
  /** Extra or replacement spec synonyms (defaults: `DEFAULT_PATTERNS`). */
  readonly patterns?: SpecPatterns;
}

/** Converts offset-based problems into findings: ranges, fingerprints, fixes and related locations. */
export function problemsToFindings(doc: SourceDocument, problems: readonly DfaProblem[]): Finding[] {
  const index = doc.index;
  const seen = new Map<string, number>();
  const findings = problems.map((p): Finding => {
    const range = index.rangeOf(p.span.start, p.span.end);
    const key = `${p.ruleId}\0${index.textOf(range)}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const fixes = p.fixes?.map((f) => ({ title: f.title, edits: f.edits.map((e) => ({ range: index.rangeOf(e.span.start, e.span.end), newText: e.newText })), ...(f.preferred ? { preferred: true } : {}) }));
    const related = p.related?.map((r) => ({ range: index.rangeOf(r.span.start, r.span.end), message: r.message }));
    return {
      ruleId: p.ruleId,
      engine: 'dfa',
      category: dfaRule(p.ruleId)?.category ?? 'dfa',
      severity: p.severity,
      range,
      message: p.message,
      fingerprint: contentFingerprint(p.ruleId, index, range, occurrence),
      ...(fixes && fixes.length > 0 ? { fixes } : {}),
      ...(related && related.length > 0 ? { related } : {}),
      ...(p.tags ? { tags: p.tags } : {}),
    };
  });
  return findings.sort((a, b) => comparePositions(a.range.start, b.range.start) || comparePositions(a.range.end, b.range.end));
}

/**
 * The DFA engine: validates `.dfa` and `.dfa.json` documents (syntax,
 * structure, spec, exact equivalence, test vectors). `fileData.machines`
 * holds one `MachineVerdict` per machine (see `check/validate.ts`), with
 * `anchor` as a line/character range.
 */
export function createDfaEngine(options: DfaEngineOptions = {}): Engine {
  return {
    id: 'dfa',
    rules: () => DFA_RULES,
    supports: (doc) => doc.languageId === 'dfa' || doc.languageId === 'dfa-json',
    analyze(doc: SourceDocument, ctx: AnalysisContext): Promise<EngineResult> {
      const languageId = doc.languageId === 'dfa-json' ? 'dfa-json' : 'dfa';
      const result = validateDfaDocument(doc.text, languageId, {
        limit: threshold(ctx.config, 'dfa.maxStates'),
        ...(options.patterns ? { patterns: options.patterns } : {}),
        ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      // Verdicts carry offsets internally; reports and hovers want line/character ranges.
      const machines = result.machines.map((m) => ({ ...m, anchor: doc.index.rangeOf(m.anchor.start, m.anchor.end) }));
      return Promise.resolve({ findings: problemsToFindings(doc, result.problems), fileData: { machines } });
    },
  };
}
