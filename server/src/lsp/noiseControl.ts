import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import type { Analyzer, AnalysisOutcome } from '../core/analyze';
import type { Logger } from '../core/engine';
import type { FeedbackMark } from '../core/feedback/types';
import type { Finding } from '../core/model/finding';
import {
  SERVER_COMMANDS,
  type FeedbackCommandResult,
  type FeedbackMarksResult,
  type MarkFalsePositiveArgs,
  type RuleDisablePlanParams,
  type RuleDisablePlanResult,
  type RuleStatisticsResult,
  type UnmarkFalsePositiveArgs,
} from '../../../protocol/protocol';
import type { AnalysedDocument } from './codeActions';
import { FeedbackService } from './feedback';
import { ruleDisablePlans, ruleStatisticsResult, RuleStatsTracker } from './ruleStatistics';
import { ClosedFiles, type ClosedDocument } from './closedFiles';
import type { ScannedFile } from './workspaceScan';

/** What noise control needs from the language server. */
export interface NoiseContext {
  /** Workspace folder paths. */
  roots(): readonly string[];
  /** The folder holding a file, and the file's path relative to it (as analyses use it). */
  locate(filePath: string): { root: string; relativePath: string };
  /** The published analysis of an open document. */
  analysed(uri: string): AnalysedDocument | undefined;
  /** An open document's text, else the file on disk; undefined when it does not exist. */
  fileText(filePath: string): string | undefined;
  readonly analyzer: Promise<Analyzer>;
  /** Re-analyses every open document (after marks changed). */
  reanalyseOpen(): void;
  /** Whether the editor has a document open. */
  isOpen(uri: string): boolean;
  /** Analyses a file's text on disk exactly as the workspace scan did. */
  analyseAsScanned(file: ScannedFile, text: string): Promise<AnalysisOutcome>;
  /** Publishes a closed file's diagnostics (no version, like the scan's). */
  publishClosed(uri: string, findings: readonly Finding[]): Promise<void>;
}

/**
 * Noise control in the language server: false-positive marks (commands and
 * the marks handed to analyses), and the per-rule statistics with the
 * "disable this rule" plan. Keeps `lspServer.ts` to scheduling and publishing.
 */
export class NoiseControl {
  /** The latest counts of every open or scanned document; also what a workspace scan reports to. */
  readonly stats = new RuleStatsTracker();
  private readonly feedback: FeedbackService;
  private readonly closedFiles: ClosedFiles;

  constructor(
    connection: Connection,
    logger: Logger,
    private readonly ctx: NoiseContext,
  ) {
    this.feedback = new FeedbackService(connection, logger);
    this.closedFiles = new ClosedFiles({ stats: this.stats, isOpen: (uri) => ctx.isOpen(uri), analyseAsScanned: (f, text) => ctx.analyseAsScanned(f, text), publish: (uri, findings) => ctx.publishClosed(uri, findings), logger });
  }

  /** Settles the statistics and diagnostics of a document the editor closed (see `closedFiles.ts`). */
  closed(doc: ClosedDocument): void {
    this.closedFiles.closed(doc);
  }

  /** Commands this part of the server executes. */
  static readonly COMMANDS: readonly string[] = [SERVER_COMMANDS.markFalsePositive, SERVER_COMMANDS.unmarkFalsePositive];

  /** The marks that apply to analyses under `root` (empty for documents outside any folder on disk). */
  marksFor(root: string): readonly FeedbackMark[] {
    return this.feedback.marksFor(root);
  }

  /** Runs a mark/unmark command; arguments come from the client and are checked here. */
  executeCommand(command: string, args: readonly unknown[] | undefined): FeedbackCommandResult {
    const arg = args?.[0] as Record<string, unknown> | undefined;
    const result = command === SERVER_COMMANDS.markFalsePositive ? this.mark(arg) : this.feedback.unmark(arg as unknown as UnmarkFalsePositiveArgs);
    if (result.ok) this.ctx.reanalyseOpen();
    return result;
  }

  /** `argus/feedbackMarks`. */
  feedbackMarks(): FeedbackMarksResult {
    return this.feedback.list(this.ctx.roots());
  }

  /** `argus/ruleStatistics`. */
  async ruleStatistics(): Promise<RuleStatisticsResult> {
    await this.stats.settled();
    const marks = this.ctx.roots().flatMap((r) => this.feedback.marksFor(r));
    return ruleStatisticsResult(this.stats, marks, await this.ctx.analyzer);
  }

  /** `argus/ruleDisablePlan`. */
  ruleDisablePlan(params: RuleDisablePlanParams): RuleDisablePlanResult {
    return ruleDisablePlans(params?.ruleId, this.ctx.roots(), (file) => this.ctx.fileText(file));
  }

  private mark(arg: Record<string, unknown> | undefined): FeedbackCommandResult {
    const uri = arg?.uri;
    if (typeof uri !== 'string' || typeof arg?.fingerprint !== 'string' || typeof arg.ruleId !== 'string') {
      return this.feedback.refuse('markFalsePositive needs an argument { uri, fingerprint, ruleId }.');
    }
    const args = arg as unknown as MarkFalsePositiveArgs;
    if (!uri.startsWith('file:')) return this.feedback.refuse('Only files on disk can be marked: a mark is stored by path in .argus/feedback.json.');
    const { root, relativePath } = this.ctx.locate(fileURLToPath(uri));
    const doc = this.ctx.analysed(uri);
    const finding = doc?.findings.find((f) => f.fingerprint === args.fingerprint && f.ruleId === args.ruleId);
    return this.feedback.mark(args, root, relativePath, finding && doc ? { finding, index: doc.index } : undefined);
  }
}
