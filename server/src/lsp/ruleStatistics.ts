import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnalysisOutcome } from '../core/analyze';
import type { Finding } from '../core/model/finding';
import { planRuleDisable } from '../core/config/disableRule';
import { addDocumentCounts, addMarkCounts, MIN_SAMPLE, NOISE_THRESHOLD, ruleStatistics, type DocumentCounts, type RuleCounts } from '../core/feedback/stats';
import type { FeedbackMark } from '../core/feedback/types';
import { CONFIG_FILE } from '../node/configFiles';
import type { RuleDisablePlan, RuleDisablePlanResult, RuleStatisticsResult } from '../../../protocol/protocol';
import type { ScanListener, ScannedFile } from './workspaceScan';

/**
 * The last analysis of every open or scanned file, reduced to what the rule
 * statistics count. Replaced on every analysis, so the numbers are always
 * "now", never a running total. A scanned file stays when its editor closes
 * (see `closedFiles.ts`), so the tracker remembers which files scans covered.
 */
export class RuleStatsTracker implements ScanListener {
  private readonly byUri = new Map<string, DocumentCounts>();
  private readonly scannedFiles = new Map<string, ScannedFile>();
  /** Re-analyses of closed files in flight; a statistics request waits for them. */
  private readonly refreshing = new Set<Promise<void>>();

  /** Records a document's latest outcome. */
  record(uri: string, outcome: Pick<AnalysisOutcome, 'findings' | 'suppressed' | 'suppressionReasons' | 'shadow'>): void {
    const reasons = outcome.suppressionReasons ?? {};
    // Findings hidden by feedback are counted through the marks themselves, not as suppressions.
    const inline = outcome.suppressed.filter((f) => reasons[f.fingerprint] === undefined);
    this.byUri.set(uri, { findings: outcome.findings, suppressed: inline, shadow: outcome.shadow ?? [] });
  }

  /** Replaces the shown findings of a recorded document (semgrep's arrive after the built-in ones). */
  updateFindings(uri: string, findings: readonly Finding[]): void {
    const doc = this.byUri.get(uri);
    if (doc) this.byUri.set(uri, { ...doc, findings });
  }

  /** The shown findings of a recorded document. */
  findingsOf(uri: string): readonly Finding[] | undefined {
    return this.byUri.get(uri)?.findings;
  }

  /** Drops a document's counts (it still counts as scanned: see `forgetScanned`). */
  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  scanned(file: ScannedFile, outcome: AnalysisOutcome): void {
    this.skippedOpen(file);
    this.record(file.uri, outcome);
  }

  /** Remembers that a scan covered an open file: its analysis is the editor's, until it closes. */
  skippedOpen(file: ScannedFile): void {
    this.scannedFiles.set(file.uri, file);
  }

  scannedFile(uri: string): ScannedFile | undefined {
    return this.scannedFiles.get(uri);
  }

  /** Drops a scanned file that no longer exists, as the next scan would. */
  forgetScanned(uri: string): void {
    this.scannedFiles.delete(uri);
    this.byUri.delete(uri);
  }

  /**
   * Holds statistics requests until `work` ends, so a request sent right after
   * a file closed counts the re-analysis that closing started, never the gap.
   */
  track(work: Promise<void>): void {
    const done = work.catch(() => undefined);
    this.refreshing.add(done);
    void done.then(() => this.refreshing.delete(done));
  }

  /** Resolves once every tracked re-analysis started so far has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.refreshing]);
  }

  /** Per-rule counts over every recorded document. */
  counts(): Map<string, RuleCounts> {
    const out = new Map<string, RuleCounts>();
    for (const doc of this.byUri.values()) addDocumentCounts(out, doc);
    return out;
  }

  get files(): number {
    return this.byUri.size;
  }
}

/** `argus/ruleStatistics`: the tracker's counts plus every folder's marks. */
export function ruleStatisticsResult(
  tracker: RuleStatsTracker,
  marks: readonly FeedbackMark[],
  channels: { channelOf(ruleId: string): 'stable' | 'experimental' | 'quarantined'; rulesInChannel(c: 'quarantined'): string[] },
): RuleStatisticsResult {
  const counts = tracker.counts();
  addMarkCounts(counts, marks);
  return {
    rows: ruleStatistics(counts, (id) => channels.channelOf(id)),
    files: tracker.files,
    quarantined: channels.rulesInChannel('quarantined'),
    minSample: MIN_SAMPLE,
    noiseThreshold: NOISE_THRESHOLD,
  };
}

/**
 * `argus/ruleDisablePlan`: for each workspace folder, how to set the rule to
 * `off` in its root `.argus.yml` (an edit verified to change nothing else, or
 * a snippet and the reason no edit was safe). `textOf` returns the open
 * document's text or the file on disk, undefined when the file does not exist.
 */
export function ruleDisablePlans(ruleId: string, roots: readonly string[], textOf: (file: string) => string | undefined): RuleDisablePlanResult {
  if (typeof ruleId !== 'string' || !/^[\w.-]+(\/[\w.-]+)+$/.test(ruleId)) return { plans: [] };
  const plans = roots.map((root): RuleDisablePlan => {
    const file = path.join(root, CONFIG_FILE);
    const ids = { folderUri: pathToFileURL(root).href, fileUri: pathToFileURL(file).href };
    const plan = planRuleDisable(textOf(file), ruleId);
    return plan.kind === 'edit' ? { ...ids, ...plan } : { ...ids, ...plan };
  });
  return { plans };
}
