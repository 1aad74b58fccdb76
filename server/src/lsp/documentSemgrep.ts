/**
 * The user's semgrep on an open document (on open and save): runs it on the
 * analysed text and merges its findings with the built-in ones, through the
 * same rule levels and suppressions. The server publishes the result; a slow
 * or failing semgrep never delays or hides the built-in findings, which were
 * published first.
 */
import type { Analyzer } from '../core/analyze';
import type { ResolvedConfig } from '../core/config/types';
import { makeDocument, type LanguageId } from '../core/document';
import type { Logger } from '../core/engine';
import type { Finding } from '../core/model/finding';
import { LineIndex } from '../core/model/text';
import { mergeFindings } from '../core/semgrep';
import { SemgrepService } from '../node/semgrepService';
import type { ArgusSettings } from '../../../protocol/settings';
import { relativePath } from './workspaceRoots';

/** One analysed version of an open document, as semgrep needs it. */
export interface SemgrepInput {
  readonly uri: string;
  readonly filePath: string;
  /** The workspace folder holding the file ('' outside any). */
  readonly root: string;
  readonly languageId: LanguageId;
  readonly version: number;
  readonly text: string;
  readonly settings: ArgusSettings;
  readonly trusted: boolean;
  readonly config: ResolvedConfig;
  /** The built-in findings already published for this version. */
  readonly builtin: readonly Finding[];
}

/** The outcome of one run: merged findings when semgrep reported any for the file. */
export interface SemgrepMerge {
  readonly merged?: Finding[];
  readonly index: LineIndex;
  /** The status item's semgrep state changed with this run. */
  readonly stateChanged: boolean;
}

/** Semgrep for the language server's open documents, with the state its status item shows. */
export class DocumentSemgrep {
  private readonly service: SemgrepService;
  /** What the status item says about semgrep. */
  state = 'not run yet (runs on open and save)';

  constructor(
    logger: Logger,
    private readonly analyzer: Promise<Analyzer>,
  ) {
    this.service = new SemgrepService(logger);
  }

  /** Runs semgrep on `input.text` (never in an untrusted workspace: see SemgrepService) and merges its findings. */
  async run(input: SemgrepInput): Promise<SemgrepMerge> {
    const index = new LineIndex(input.text);
    const scan = await this.service.scanDocument(input.uri, input.filePath, input.text, index, input.root, input.settings.semgrep, input.trusted);
    const stateChanged = scan.state !== this.state;
    this.state = scan.state;
    const external = scan.findings.get(input.filePath) ?? [];
    if (external.length === 0) return { index, stateChanged };
    const analyzer = await this.analyzer;
    const doc = makeDocument(input.uri, relativePath(input.root, input.filePath), input.languageId, input.text, input.version);
    return { merged: mergeFindings(input.builtin, analyzer.applyPolicy(doc, input.config, external).findings), index, stateChanged };
  }

  /** Stops every running semgrep process. */
  cancelAll(): void {
    this.service.cancelAll();
  }
}
