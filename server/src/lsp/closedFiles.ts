import { readFileSync } from 'node:fs';
import type { AnalysisOutcome } from '../core/analyze';
import type { Logger } from '../core/engine';
import type { Finding } from '../core/model/finding';
import type { RuleStatsTracker } from './ruleStatistics';
import type { ScannedFile } from './workspaceScan';

/** What closing a file needs from the language server. */
export interface ClosedFileHost {
  readonly stats: RuleStatsTracker;
  isOpen(uri: string): boolean;
  /** Analyses a file's text on disk exactly as the workspace scan did. */
  analyseAsScanned(file: ScannedFile, text: string): Promise<AnalysisOutcome>;
  /** Publishes a closed file's diagnostics (no version, like the scan's). */
  publish(uri: string, findings: readonly Finding[]): Promise<void>;
  readonly logger: Logger;
}

/** The editor's last state of a document that just closed. */
export interface ClosedDocument {
  readonly uri: string;
  /** Its text when it closed. */
  readonly text: string;
  /** Whether the recorded statistics are of exactly that text (the last analysis finished and was not stale). */
  readonly analysed: boolean;
}

/**
 * What the rule statistics and Problems show for a file whose editor closes.
 *
 * Closing a tab changes no code, so a file that "Scan Workspace" covered keeps
 * counting after it closes: a whole-project analysis (a SonarQube scan,
 * `eslint .`) reports every file, whatever tabs are open. What counts is the
 * file as it is on disk, since that is what the next scan, `argus check` in CI
 * and a commit see:
 * - closed unchanged, or after saving: its last analysis stays as it is (it
 *   is of the text on disk, and may hold semgrep's findings from the open or
 *   save, which a re-analysis would not run);
 * - closed with unsaved edits: the edits are not on disk (the editor discarded
 *   them, or still holds them unsaved), so they stop counting, and the text on
 *   disk is analysed again as the scan did and replaces them;
 * - deleted on disk: it stops counting, as the next scan would drop it.
 * Its diagnostics become those same findings, without a version like every
 * file the scan published, so Problems and the statistics' "findings shown
 * now" agree. A file no scan covered (opened only, an untitled buffer) leaves
 * the statistics and Problems, as before: they count open and scanned files.
 */
export class ClosedFiles {
  /** The ticket of each file's re-analysis in flight: one that ends after its file was reopened or closed again is dropped. */
  private readonly latest = new Map<string, number>();
  private tickets = 0;

  constructor(private readonly host: ClosedFileHost) {}

  closed(doc: ClosedDocument): void {
    const { stats } = this.host;
    const file = stats.scannedFile(doc.uri);
    const disk = file ? readText(file.absolutePath) : undefined;
    // Whatever happens now supersedes a re-analysis started by an earlier close.
    this.latest.delete(doc.uri);
    if (!file || disk === undefined) {
      if (file) stats.forgetScanned(doc.uri);
      else stats.forget(doc.uri);
      return void this.host.publish(doc.uri, []);
    }
    const kept = doc.analysed && doc.text === disk ? stats.findingsOf(doc.uri) : undefined;
    if (kept) return void this.host.publish(doc.uri, kept);
    // The unsaved edits' counts stay until the re-analysis replaces them; statistics requests wait for it.
    const ticket = ++this.tickets;
    this.latest.set(doc.uri, ticket);
    stats.track(this.reanalyse(file, disk, ticket));
  }

  private async reanalyse(file: ScannedFile, disk: string, ticket: number): Promise<void> {
    const current = () => !this.host.isOpen(file.uri) && this.latest.get(file.uri) === ticket;
    try {
      const outcome = await this.host.analyseAsScanned(file, disk);
      // Reopened meanwhile: the document scheduler owns the file again and records its own analysis.
      if (!current()) return;
      this.host.stats.record(file.uri, outcome);
      await this.host.publish(file.uri, outcome.findings);
    } catch (err) {
      // Counting the discarded edits would be wrong, and there is nothing else to count.
      if (current()) this.host.stats.forget(file.uri);
      this.host.logger.error('analysis of a closed file failed', { uri: file.uri, error: String((err as Error)?.stack ?? err) });
    } finally {
      if (this.latest.get(file.uri) === ticket) this.latest.delete(file.uri);
    }
  }
}

function readText(absolutePath: string): string | undefined {
  try {
    return readFileSync(absolutePath, 'utf8');
  } catch {
    return undefined;
  }
}
