import * as path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver/node';
import type { Logger } from '../core/engine';
import type { Finding } from '../core/model/finding';
import type { LineIndex } from '../core/model/text';
import { isMarkable, lineKey } from '../core/feedback/match';
import { sameFinding } from '../core/feedback/edit';
import type { FeedbackMark } from '../core/feedback/types';
import { FeedbackStore, type FeedbackState } from '../node/feedbackStore';
import type { FeedbackCommandResult, FeedbackMarksResult, MarkFalsePositiveArgs, UnmarkFalsePositiveArgs } from '../../../protocol/protocol';
import { toDiagnostic } from './convert';

/** Longest reason stored; a reason is a note, not a document. */
const MAX_REASON = 500;

/** Rule id of the diagnostics on an invalid `.argus/feedback.json`. */
export const FEEDBACK_INVALID_RULE = 'feedback/invalid';

/** What marking needs to know about the server's current analysis of a document. */
export interface AnalysedFinding {
  readonly finding: Finding;
  readonly index: LineIndex;
}

/**
 * False-positive marks in the language server: one store per workspace
 * folder, marks handed to every analysis, the mark/unmark commands, and
 * diagnostics on a feedback file that cannot be read (published when its
 * problems change, so a broken file is reported once, not per keystroke).
 */
export class FeedbackService {
  private readonly stores = new Map<string, FeedbackStore>();
  /** Problems last published per feedback file, as a comparable string. */
  private readonly published = new Map<string, string>();

  constructor(
    private readonly connection: Connection,
    private readonly logger: Logger,
  ) {}

  /** The marks that apply under `root`; also reports the file's problems when they changed. */
  marksFor(root: string): readonly FeedbackMark[] {
    if (!root) return [];
    const state = this.store(root).load();
    this.report(state);
    return state.marks;
  }

  /** Every folder's marks and problems, for "unmark" and the statistics. */
  list(roots: readonly string[]): FeedbackMarksResult {
    return {
      folders: roots.map((root) => {
        const state = this.store(root).load();
        this.report(state);
        return {
          folderUri: pathToFileURL(root).href,
          fileUri: pathToFileURL(state.file).href,
          marks: state.marks.map((m) => ({ path: m.path, ruleId: m.ruleId, fingerprint: m.fingerprint, ...(m.reason ? { reason: m.reason } : {}), createdAt: m.createdAt })),
          problems: state.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`),
        };
      }),
    };
  }

  /**
   * Stores a mark for a finding of the current analysis. Refuses, writing
   * nothing, when the finding is gone, cannot be marked, or the feedback file
   * is invalid; the refusal is shown to the user and logged.
   */
  mark(args: MarkFalsePositiveArgs, root: string, relativePath: string, current: AnalysedFinding | undefined): FeedbackCommandResult {
    if (!current) return this.refuse('This finding is no longer current (the file changed); wait for the new analysis and try again.');
    const { finding, index } = current;
    if (!isMarkable(finding)) return this.refuse(`${finding.ruleId} is about Argus's own configuration; it cannot be marked as a false positive.`);
    const reason = typeof args.reason === 'string' ? args.reason.trim().slice(0, MAX_REASON) : '';
    const mark: FeedbackMark = {
      fingerprint: finding.fingerprint,
      lineKey: lineKey(finding.ruleId, index, finding.range),
      ruleId: finding.ruleId,
      path: relativePath,
      ...(reason ? { reason } : {}),
      createdAt: new Date().toISOString(),
    };
    const store = this.store(root);
    const result = store.add(mark);
    if (!result.ok) return this.refuse(result.message, store.file);
    this.logger.info('marked as false positive', { file: store.file, ruleId: mark.ruleId, path: mark.path, reason: mark.reason ?? null });
    this.report(store.load());
    return { ok: true, message: `Marked ${mark.ruleId} in ${mark.path} as a false positive.` };
  }

  /** Removes marks from one folder's feedback file. */
  unmark(args: UnmarkFalsePositiveArgs): FeedbackCommandResult {
    if (typeof args?.folderUri !== 'string' || !args.folderUri.startsWith('file:') || !Array.isArray(args.marks)) return this.refuse('unmark needs a folder URI and a list of marks');
    const store = this.store(fileURLToPath(args.folderUri));
    const result = store.remove((m) => args.marks.some((x) => sameFinding(m, x)));
    if (!result.ok) return this.refuse(result.message, store.file);
    this.logger.info('false-positive marks removed', { file: store.file, removed: result.changed });
    this.report(store.load());
    return { ok: true, message: `Removed ${result.changed} false-positive mark${result.changed === 1 ? '' : 's'}.` };
  }

  private store(root: string): FeedbackStore {
    let s = this.stores.get(root);
    if (!s) {
      s = new FeedbackStore(root);
      this.stores.set(root, s);
    }
    return s;
  }

  /** Refuses a command: shown to the user, logged, and returned as the command's result. */
  refuse(message: string, file?: string): FeedbackCommandResult {
    this.logger.warn('false-positive mark refused', { message, ...(file ? { file } : {}) });
    // A notification, not showMessageRequest: every client shows it, and none needs to answer.
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `Argus: ${message}` });
    return { ok: false, message };
  }

  /** Publishes (or clears) the diagnostics of a feedback file when its problems changed, and logs the change. */
  private report(state: FeedbackState): void {
    const key = JSON.stringify(state.problems);
    const before = this.published.get(state.file) ?? '[]';
    if (key === before) return;
    this.published.set(state.file, key);
    const uri = pathToFileURL(state.file).href;
    if (state.problems.length > 0) {
      this.logger.error('feedback file is invalid: only its valid marks apply, and marking is refused until it is fixed', {
        file: state.file,
        problems: state.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`),
      });
    } else this.logger.info('feedback file is valid again', { file: state.file });
    const findings: Finding[] = state.problems.map((p) => ({
      ruleId: FEEDBACK_INVALID_RULE,
      engine: 'config',
      category: 'configuration',
      severity: 'error',
      range: p.range,
      message: `${p.message} (Argus will not write to ${path.basename(state.file)} until this is fixed.)`,
      fingerprint: `${FEEDBACK_INVALID_RULE}:${p.range.start.line}:${p.range.start.character}`,
    }));
    void this.connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(f, uri, null)) });
  }
}
