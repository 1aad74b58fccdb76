import * as path from 'node:path';
import * as vscode from 'vscode';
import { FILE_REPORT_REQUEST, type FileReportParams, type FileReportResult } from '../../../protocol/protocol';
import type { ClientContext } from '../clientContext';
import type { FromWebview, ReviewData, ScoreView } from './messages';
import { Panel } from './panel';
import { argusRequest, openAt } from './request';

/** Languages the review engine scores (the others keep the panel on the last scored file). */
const SCORED_LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'python', 'java', 'go', 'php']);
/** Editor switches and saves come in bursts (save-all, tab cycling): request once they settle. */
const DEBOUNCE_MS = 300;

function scorable(doc: vscode.TextDocument): boolean {
  return (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled') && SCORED_LANGUAGES.has(doc.languageId);
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/**
 * Narrows the protocol's `review: unknown` to the fields the panel draws.
 * The server is a separate build: a shape mismatch is reported, not drawn as garbage.
 */
export function toReviewData(x: unknown): ReviewData | null {
  if (x === null || x === undefined) return null;
  if (!isObject(x) || !Array.isArray(x.dimensions) || !Array.isArray(x.functions) || !Array.isArray(x.recoverable) || !('score' in x)) {
    throw new Error('the server sent a review in an unexpected shape (no score/dimensions/functions/recoverable)');
  }
  return x as unknown as ReviewData;
}

/**
 * "Argus: Show Score Panel": the review score of the active editor's file,
 * its dimensions, worst functions, recoverable points and the delta to git
 * HEAD. Follows the active editor and re-requests after each save.
 */
export class ScorePanel extends Panel<ScoreView> {
  private target: vscode.Uri | undefined;
  /** The column of the editor showing `target`, where "reveal line" opens it again. */
  private targetColumn: vscode.ViewColumn | undefined;
  /** Which file the panel currently shows data for: a refresh of that file keeps it on screen instead of flashing "Loading". */
  private shown: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(ctx: ClientContext) {
    super(ctx, { viewType: 'argus.scorePanel', title: 'Argus Score', script: 'scorePanel' });
  }

  override show(): void {
    this.follow(vscode.window.activeTextEditor);
    super.show();
  }

  protected override watch(): vscode.Disposable[] {
    return [
      vscode.window.onDidChangeActiveTextEditor((e) => {
        if (this.follow(e)) this.schedule();
      }),
      vscode.workspace.onDidSaveTextDocument((d) => {
        if (d.uri.toString() === this.target?.toString()) this.schedule();
      }),
      { dispose: () => clearTimeout(this.timer) },
    ];
  }

  /** Makes `editor`'s file the target if it is scorable; true when the target changed. */
  private follow(editor: vscode.TextEditor | undefined): boolean {
    if (!editor || !scorable(editor.document)) return false;
    this.targetColumn = editor.viewColumn ?? this.targetColumn;
    const changed = editor.document.uri.toString() !== this.target?.toString();
    this.target = editor.document.uri;
    return changed;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  protected async refresh(): Promise<void> {
    const uri = this.target;
    if (!uri) {
      this.setState({ type: 'empty', message: 'Open a JavaScript, TypeScript, Python, Java, Go or PHP file to see its score.' });
      return;
    }
    const seq = ++this.seq;
    const fileName = path.basename(uri.path);
    this.setTitle(`Argus Score: ${fileName}`);
    if (this.shown !== uri.toString()) this.setState({ type: 'loading', message: `Scoring ${fileName}…` });
    try {
      const r = await argusRequest<FileReportResult>(this.ctx, FILE_REPORT_REQUEST, { uri: uri.toString() } satisfies FileReportParams);
      if (seq !== this.seq) return; // a newer request is under way
      const view: ScoreView = { fileName, review: toReviewData(r.review), head: r.head, ...(r.headUnavailable ? { headUnavailable: r.headUnavailable } : {}) };
      this.shown = uri.toString();
      this.setState({ type: 'data', data: view });
    } catch (err) {
      if (seq !== this.seq) return;
      this.shown = undefined;
      this.setError(err);
    }
  }

  protected async handle(m: FromWebview): Promise<void> {
    if (m.type === 'refresh') await this.refresh();
    else if (m.type === 'reveal' && this.target) await openAt(this.target, m.line, this.targetColumn);
  }
}
