import type { SourceDocument } from './document';
import { fileSkipReason } from './fileSkip';
import type { Engine, Logger, Parsers } from './engine';
import type { Tree } from 'web-tree-sitter';
import { DocumentTrees } from './parsing/documentTrees';
import { grammarFor, type GrammarName } from './parsing/grammars';
import type { Finding, Severity } from './model/finding';
import { contentFingerprint } from './model/fingerprint';
import type { ParserHost } from './parsing/parserHost';
import { isExcluded, ruleLevel } from './config/resolve';
import { threshold, type ResolvedConfig } from './config/types';
import { applySuppressions } from './suppression/apply';
import { RuleCatalog } from './rulesCatalog';
import { comparePositions } from './model/text';
import { rescoreReview, type ReviewFileData } from './review';
import type { RuleChannel } from './security/types';
import { applyFeedback, feedbackReason } from './feedback/match';

/** Everything one analysis of one document produced. */
export interface AnalysisOutcome {
  /** Findings to show, after rule overrides and inline suppressions, in document order. */
  readonly findings: readonly Finding[];
  /**
   * Findings hidden by an inline directive or by a false-positive mark in
   * `.argus/feedback.json` (kept for SARIF `suppressions`, JSON and statistics).
   */
  readonly suppressed: readonly Finding[];
  /** Why a suppressed finding is hidden, by fingerprint, for those hidden by feedback (`feedback: <reason>`). */
  readonly suppressionReasons?: Readonly<Record<string, string>>;
  /** Findings of experimental rules kept in shadow: computed and counted, not shown. */
  readonly shadow?: readonly Finding[];
  /** Per-engine file data (scores, metrics, DFA verdicts), keyed by engine id. */
  readonly fileData: Readonly<Record<string, unknown>>;
  /** Why the document was not analysed at all, if it was not. */
  readonly skipped?: string;
  /** Milliseconds spent per engine. */
  readonly timings: Readonly<Record<string, number>>;
}

/**
 * The one entry point shared by the language server and the CLI: runs every
 * enabled engine on a document, applies configuration and suppressions, and
 * never throws for a bad document (an engine failure becomes a finding).
 */
export class Analyzer {
  readonly catalog: RuleCatalog;

  /** Trees kept between versions of open documents (server only), for incremental re-parsing. */
  private readonly trees: DocumentTrees | undefined;

  /** Release channels of the loaded rule packs (`CompiledRules.channels`); absent rules are stable. */
  private readonly channels: ReadonlyMap<string, RuleChannel>;

  constructor(
    readonly engines: readonly Engine[],
    readonly parsers: ParserHost,
    private readonly logger: Logger,
    opts: { retainTrees?: boolean; ruleChannels?: ReadonlyMap<string, RuleChannel> } = {},
  ) {
    this.catalog = new RuleCatalog(engines.flatMap((e) => e.rules()));
    this.trees = opts.retainTrees ? new DocumentTrees(parsers) : undefined;
    this.channels = opts.ruleChannels ?? new Map();
  }

  /** A rule's release channel; rules of other engines and semgrep are always stable. */
  channelOf(ruleId: string): RuleChannel {
    return this.channels.get(ruleId) ?? 'stable';
  }

  /** Ids of every rule in a channel (e.g. the quarantined ones, which never run). */
  rulesInChannel(channel: RuleChannel): string[] {
    return [...this.channels].filter(([, c]) => c === channel).map(([id]) => id).sort();
  }

  /** Frees what is kept for a closed document. */
  forget(uri: string): void {
    this.trees?.release(uri);
    for (const e of this.engines) e.forget?.(uri);
  }

  /** Analyses one document under one resolved configuration. */
  async analyze(doc: SourceDocument, config: ResolvedConfig, signal?: AbortSignal): Promise<AnalysisOutcome> {
    if (isExcluded(config, doc.relativePath)) return empty(`excluded by configuration`);
    const maxBytes = threshold(config, 'security.maxFileBytes');
    if (doc.text.length > maxBytes) return empty(`larger than ${maxBytes} characters (thresholds.security.maxFileBytes)`);
    // Binary and minified files are not source anyone edits: every engine skips them, with the reason.
    const skip = doc.languageId === 'dfa' ? undefined : fileSkipReason(doc.relativePath, doc.text);
    if (skip) return empty(skip);
    const raw: Finding[] = [];
    const fileData: Record<string, unknown> = {};
    const timings: Record<string, number> = {};
    const shared = this.sharedParsers(doc);
    try {
      for (const engine of this.engines) {
        if (signal?.aborted) break;
        if (!isEnabled(config, engine.id) || !engine.supports(doc)) continue;
        const t0 = performance.now();
        try {
          const result = await engine.analyze(doc, { config, parsers: shared.parsers, logger: this.logger, signal });
          raw.push(...result.findings);
          if (result.fileData) fileData[engine.id] = result.fileData;
        } catch (err) {
          this.logger.error('engine failed', { engine: engine.id, uri: doc.uri, error: String((err as Error)?.stack ?? err) });
          raw.push(internalError(doc, engine.id, err));
        }
        timings[engine.id] = performance.now() - t0;
      }
    } finally {
      shared.dispose();
    }
    const graded = this.applyRuleLevels(raw, config, doc.relativePath);
    // Suppressions see every finding, experimental ones included, so a directive aimed at an
    // experimental rule is never reported as unused just because the rule runs in shadow.
    const { kept, suppressed, unused } = applySuppressions(graded, doc.index);
    const all = uniqueFingerprints([...kept, ...this.applyRuleLevels(unused, config, doc.relativePath)], doc);
    const { kept: unmarked, marked } = applyFeedback(all, config.feedback ?? [], doc.relativePath, doc.index);
    const showExperimental = config.experimental === 'show';
    const shadow = showExperimental ? [] : unmarked.filter((f) => this.channelOf(f.ruleId) === 'experimental');
    const findings = (shadow.length ? unmarked.filter((f) => !shadow.includes(f)) : unmarked).sort(byPosition);
    if (shadow.length) this.logger.info('experimental findings kept in shadow', { uri: doc.uri, count: shadow.length, rules: [...new Set(shadow.map((f) => f.ruleId))] });
    // The score is built from what the user will see: suppressed, marked, shadow or disabled findings
    // cost nothing, and the security findings of the other engines fill the Security dimension.
    if (fileData.review) fileData.review = rescoreReview(fileData.review as ReviewFileData, findings);
    const suppressionReasons = Object.fromEntries(marked.map((m) => [m.finding.fingerprint, feedbackReason(m.mark)]));
    return { findings, suppressed: [...suppressed, ...marked.map((m) => m.finding)], suppressionReasons, shadow, fileData, timings };
  }

  /**
   * Applies configuration and inline suppressions to findings that came from
   * outside the engines (semgrep), so they obey the same rules as built-in ones.
   */
  applyPolicy(doc: SourceDocument, config: ResolvedConfig, external: readonly Finding[]): { findings: Finding[]; suppressed: Finding[]; suppressionReasons: Record<string, string> } {
    const { kept, suppressed } = applySuppressions(this.applyRuleLevels(external, config, doc.relativePath), doc.index);
    const { kept: unmarked, marked } = applyFeedback(kept, config.feedback ?? [], doc.relativePath, doc.index);
    const suppressionReasons = Object.fromEntries(marked.map((m) => [m.finding.fingerprint, feedbackReason(m.mark)]));
    return { findings: unmarked, suppressed: [...suppressed, ...marked.map((m) => m.finding)], suppressionReasons };
  }

  /** Drops rules turned off and re-grades rules whose severity is overridden. */
  private applyRuleLevels(findings: readonly Finding[], config: ResolvedConfig, relativePath: string): Finding[] {
    const out: Finding[] = [];
    for (const f of findings) {
      const level = ruleLevel(config, f.ruleId, relativePath);
      if (level === 'off') continue;
      out.push(level && level !== f.severity ? { ...f, severity: level as Severity } : f);
    }
    return out;
  }

  /**
   * A parser view for one analysis: the document's own text is parsed once
   * and that tree is shared by every engine (incrementally re-parsed from the
   * previous version when trees are retained); any other text goes to the host.
   */
  private sharedParsers(doc: SourceDocument): { parsers: Parsers; dispose: () => void } {
    const grammar = grammarFor(doc.languageId);
    const host = this.parsers;
    let own: Promise<Tree | undefined> | undefined;
    const index = doc.index;
    // Tree-sitter counts rows by LF only: the line index gives its points when there is no CR.
    const pointOf = index.lfOnly ? (offset: number) => { const p = index.positionAt(offset); return { row: p.line, column: p.character }; } : undefined;
    const treeOf = (): Promise<Tree | undefined> => (own ??= this.trees ? this.trees.treeFor(doc.uri, grammar!, doc.text, pointOf) : host.parse(grammar!, doc.text));
    const trees = this.trees;
    const parsers: Parsers = {
      // Only retained trees (the server) have a previous version; without `changeOf` engines take their
      // plain full path and keep nothing per document (the CLI sees each file once).
      ...(trees ? { changeOf: (g: GrammarName, text: string) => (g === grammar && text === doc.text ? trees.changeFor(doc.uri, g, text) : undefined) } : {}),
      language: (g) => host.language(g),
      query: (g, src) => host.query(g, src),
      parse: (g, text, old) => host.parse(g, text, old),
      withTree: async (g, text, fn) => {
        if (g !== grammar || text !== doc.text) return host.withTree(g, text, fn);
        const tree = await treeOf();
        return tree ? await fn(tree) : undefined;
      },
    };
    // Without retained trees the analysis owns its tree and frees it when done.
    const dispose = () => void (!this.trees && own?.then((t) => t?.delete()));
    return { parsers, dispose };
  }
}

function empty(skipped: string): AnalysisOutcome {
  return { findings: [], suppressed: [], shadow: [], fileData: {}, skipped, timings: {} };
}

function isEnabled(config: ResolvedConfig, engine: string): boolean {
  return engine === 'security' || engine === 'review' || engine === 'dfa' ? config.engines[engine] : true;
}

function internalError(doc: SourceDocument, engine: string, err: unknown): Finding {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    ruleId: 'argus/internal-error',
    engine: 'config',
    category: 'internal',
    severity: 'warning',
    range,
    message: `The ${engine} engine failed on this file: ${String((err as Error)?.message ?? err)}. Other engines still ran.`,
    fingerprint: contentFingerprint('argus/internal-error', doc.index, range),
  };
}

/** Identical code on two lines yields one fingerprint; number the repeats so each stays distinct. */
function uniqueFingerprints(findings: Finding[], doc: SourceDocument): Finding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = seen.get(f.fingerprint) ?? 0;
    seen.set(f.fingerprint, n + 1);
    return n === 0 ? f : { ...f, fingerprint: contentFingerprint(f.ruleId, doc.index, f.range, n) };
  });
}

function byPosition(a: Finding, b: Finding): number {
  return comparePositions(a.range.start, b.range.start) || a.ruleId.localeCompare(b.ruleId);
}
