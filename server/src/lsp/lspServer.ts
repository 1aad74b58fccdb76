import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CancellationToken, CodeAction, CodeLens, CodeActionParams, Connection, Hover, HoverParams, InitializeParams, InitializeResult, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../core/analyze';
import type { Logger } from '../core/engine';
import { normaliseLanguageId, type LanguageId } from '../core/document';
import type { Finding } from '../core/model/finding';
import type { ResolvedConfig } from '../core/config/types';
import { LineIndex } from '../core/model/text';
import type { EditorOverrides } from '../core/config/resolve';
import { ConfigFiles, CONFIG_FILE } from '../node/configFiles';
import { correlationId } from '../node/logger';
import { WorkspaceAnalysis } from '../node/workspaceAnalysis';
import { configProblemFindings } from '../cli/check';
import { SERVER_COMMANDS, STATUS_NOTIFICATION, type FeedbackCommandResult, type InitializationOptions, type ScanSummary, type StatusParams } from '../../../protocol/protocol';
import type { ArgusSettings } from '../../../protocol/settings';
import { DocumentScheduler } from './scheduler';
import { TypingDelay } from './typingDelay';
import { IdleGate } from './idleGate';
import { SettingsCache } from './settingsCache';
import { toDiagnostic } from './convert';
import { scanWorkspace, type ScanWorkers } from './workspaceScan';
import { AnalysedDocuments } from './analysedDocuments';
import { readFileSync } from 'node:fs';
import { NoiseControl } from './noiseControl';
import { WorkspaceRoots } from './workspaceRoots';
import { statusParams } from './statusReport';
import { clientFeatures, serverCapabilities } from './capabilities';
import { DocumentSemgrep } from './documentSemgrep';

/** The language server's behaviour, one method per request; `start.ts` only wires it to a connection. */
export class LspServer {
  private readonly roots = new WorkspaceRoots();
  private trusted = false;
  private versionedEdits = false;
  /** The client re-asks for code lenses on `workspace/codeLens/refresh`. */
  private lensRefresh = false;
  private readonly configFiles = new ConfigFiles();
  /** Findings and engine data (review score, DFA verdicts) of the last published analysis per document. */
  private readonly analysed = new AnalysedDocuments();
  private readonly scheduler: DocumentScheduler;
  private settings: SettingsCache = new SettingsCache(undefined);
  private last: StatusParams['last'];
  /** Engine switches as resolved for the last analysed document (settings + .argus.yml). */
  private engines = { security: true, review: true, dfa: true };
  private readonly scheduledVersion = new Map<string, number>();
  /** The wait after a keystroke, per document, from its recent analysis times. */
  private readonly typingDelay = new TypingDelay();
  /** Quiet periods for the background warm-up (idleGate.ts). */
  readonly idle = new IdleGate();
  private readonly semgrep: DocumentSemgrep;
  /** False-positive marks and rule statistics. */
  readonly noise: NoiseControl;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly analyzer: Promise<Analyzer>,
    private readonly logger: Logger,
    /** Worker threads for workspace scans; absent = scan in this thread. */
    private readonly scanWorkers?: ScanWorkers,
  ) {
    this.scheduler = new DocumentScheduler((uri, err) => this.logger.error('analysis failed', { uri, error: String((err as Error)?.stack ?? err) }));
    this.semgrep = new DocumentSemgrep(logger, analyzer);
    this.noise = new NoiseControl(connection, logger, {
      roots: () => this.roots.all,
      locate: (filePath) => this.roots.locate(filePath),
      analysed: (uri) => this.analysed.get(uri),
      fileText: (filePath) => this.textOf(pathToFileURL(filePath).href),
      analyzer,
      reanalyseOpen: () => this.documents.all().forEach((doc) => this.schedule(doc, 0, true)),
      isOpen: (uri) => this.documents.get(uri) !== undefined,
      analyseAsScanned: async (f, text) => (await new WorkspaceAnalysis(f.root, await analyzer, this.configFiles).analyzeText(f.absolutePath, f.uri, f.languageId, text, await this.overridesFor(f.uri))).outcome,
      publishClosed: (uri, findings) => this.connection.sendDiagnostics({ uri, diagnostics: findings.map((f) => toDiagnostic(f, uri, null)) }),
    });
  }

  initialize(params: InitializeParams): InitializeResult {
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.roots.reset(folders);
    this.trusted = (params.initializationOptions as InitializationOptions | undefined)?.trusted ?? false;
    const client = clientFeatures(params);
    this.versionedEdits = client.versionedEdits;
    this.lensRefresh = client.lensRefresh;
    if (client.configuration) this.settings = new SettingsCache((uri) => this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'argus' }));
    return serverCapabilities();
  }

  /** Forget cached settings and config files, then re-analyse every open document. */
  environmentChanged(): void {
    this.settings.clear();
    this.configFiles.clear();
    for (const doc of this.documents.all()) this.schedule(doc, 0, true);
  }

  trustGranted(): void {
    this.trusted = true;
    this.sendStatus();
  }

  opened(doc: TextDocument): void {
    this.schedule(doc, 0, true);
  }

  changed(doc: TextDocument): void {
    // TextDocuments reports the initial content as a change too; opened() already scheduled it.
    if (this.scheduledVersion.get(doc.uri) === doc.version) return;
    if (isConfigFile(doc.uri)) return this.environmentChanged();
    void this.settingsFor(doc.uri).then((s) => {
      if (s.run === 'onType') this.schedule(doc, this.typingDelay.delayFor(doc.uri), false, { gap: this.typingDelay.gapFor(doc.uri) });
    });
  }

  saved(doc: TextDocument): void {
    this.schedule(doc, 0, true);
  }

  closed(doc: TextDocument): void {
    const uri = doc.uri;
    const analysed = this.analysed.get(uri)?.version === doc.version;
    this.scheduler.cancel(uri);
    this.analysed.delete(uri);
    this.scheduledVersion.delete(uri);
    this.typingDelay.forget(uri);
    // Registered before closing can start a re-analysis of the file on disk, so it never frees a tree that one uses.
    void this.analyzer.then((a) => a.forget(uri));
    this.noise.closed({ uri, text: doc.getText(), analysed });
  }

  codeActions(params: CodeActionParams): CodeAction[] {
    return this.analysed.codeActions(params, this.documents.get(params.textDocument.uri), this.versionedEdits);
  }

  hover(params: HoverParams): Hover | null {
    return this.analysed.hover(params, this.documents.get(params.textDocument.uri));
  }

  codeLenses(uri: string): CodeLens[] {
    return this.analysed.codeLenses(this.documents.get(uri));
  }

  // The RequestContext of the custom requests (customRequests.ts).
  readonly trusted_ = () => this.trusted;

  textOf(uri: string): string | undefined {
    const open = this.documents.get(uri)?.getText();
    if (open !== undefined || !uri.startsWith('file:')) return open;
    try {
      return readFileSync(fileURLToPath(uri), 'utf8');
    } catch {
      return undefined;
    }
  }

  reviewOf(uri: string): unknown {
    return this.analysed.reviewOf(this.documents.get(uri));
  }

  async workspaceFor(filePath: string): Promise<WorkspaceAnalysis> {
    return new WorkspaceAnalysis(this.roots.rootFor(filePath), await this.analyzer, this.configFiles);
  }

  async folders(): Promise<WorkspaceAnalysis[]> {
    const analyzer = await this.analyzer;
    return this.roots.all.map((r) => new WorkspaceAnalysis(r, analyzer, this.configFiles));
  }

  async executeCommand(command: string, args: unknown[] | undefined, token?: CancellationToken): Promise<ScanSummary | FeedbackCommandResult | null> {
    if (NoiseControl.COMMANDS.includes(command)) return this.noise.executeCommand(command, args);
    if (command !== SERVER_COMMANDS.scanWorkspace) return null;
    const analyzer = await this.analyzer;
    const folders = this.roots.all.map((r) => new WorkspaceAnalysis(r, analyzer, this.configFiles));
    return scanWorkspace(this.connection, folders, (uri) => this.documents.get(uri) !== undefined, (uri) => this.overridesFor(uri), this.logger, token, this.noise.stats, this.scanWorkers);
  }

  dispose(): void {
    this.scheduler.dispose();
    this.semgrep.cancelAll();
  }

  /** Replaces the workspace folders after the editor added or removed some. */
  foldersChanged(added: readonly string[], removed: readonly string[]): void {
    this.roots.change(added, removed);
    this.environmentChanged();
  }

  /**
   * Schedules an analysis; `external` adds a semgrep scan (on open and save only, never per keystroke);
   * `typed` marks one after a keystroke (with the gap its delay kept), whose time sets the next typing delay (typingDelay.ts).
   */
  private schedule(doc: TextDocument, delayMs: number, external = false, typed?: { gap: number }): void {
    this.scheduledVersion.set(doc.uri, doc.version);
    this.idle.touch();
    this.scheduler.schedule(doc.uri, delayMs, async (signal) => {
      const end = this.idle.begin();
      this.typingDelay.started(doc.uri);
      try {
        await this.analyse(doc.uri, signal, external, typed ? { delay: delayMs, gap: typed.gap } : undefined);
      } finally {
        this.typingDelay.ended(doc.uri);
        end();
      }
    });
  }

  /** Analyses the current text of a document and publishes, unless a newer version arrived meanwhile. */
  private async analyse(uri: string, signal: AbortSignal, external: boolean, typed?: { delay: number; gap: number }): Promise<void> {
    const doc = this.documents.get(uri);
    if (!doc) return;
    const t0 = performance.now();
    const req = correlationId();
    if (isConfigFile(uri)) return this.publishConfigProblems(doc);
    const settings = await this.settingsFor(uri);
    const filePath = uri.startsWith('file:') ? fileURLToPath(uri) : uri;
    const languageId = normaliseLanguageId(doc.languageId, filePath);
    if (!languageId || !settings.enable) {
      this.analysed.delete(uri);
      return void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    const analyzer = await this.analyzer;
    this.analysed.catalog ??= analyzer.catalog;
    const root = uri.startsWith('file:') ? this.roots.rootFor(filePath) : '';
    const ws = new WorkspaceAnalysis(root, analyzer, this.configFiles);
    const version = doc.version;
    const text = doc.getText();
    const { outcome, config } = await ws.analyzeText(filePath, uri, languageId, text, this.overridesOf(settings, root), signal, version);
    this.engines = config.engines;
    if (signal.aborted || this.documents.get(uri)?.version !== version) {
      this.logger.debug('dropped stale result', { req, uri, version });
      return;
    }
    const lensesBefore = this.lensRefresh ? this.analysed.lensTitles(this.documents.get(uri)) : '';
    // The line index serves code actions and hovers only: built on first use, not on every keystroke.
    let index: LineIndex | undefined;
    this.analysed.set({ uri, version, languageId, get index() { return (index ??= new LineIndex(text)); }, findings: outcome.findings }, outcome.fileData);
    // Recorded with the result, before publishing yields: a close meanwhile must see the two agree.
    this.noise.stats.record(uri, outcome);
    // The editor asks for code lenses when the text changes, which may be before this (debounced) result,
    // and not at all after a re-analysis without an edit (a false-positive mark, a config change).
    if (this.lensRefresh && this.analysed.lensTitles(this.documents.get(uri)) !== lensesBefore) void this.connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
    await this.connection.sendDiagnostics({ uri, version, diagnostics: outcome.findings.map((f) => toDiagnostic(f, uri, version)) });
    const millis = Math.round(performance.now() - t0);
    this.last = { uri, millis, at: new Date().toISOString() };
    if (typed) this.typingDelay.record(uri, millis);
    else this.typingDelay.seed(uri, millis);
    this.logger.info('analysed', { req, uri, version, findings: outcome.findings.length, millis, ...(typed ?? {}), ...(outcome.skipped ? { skipped: outcome.skipped } : {}) });
    this.sendStatus();
    if (external && !outcome.skipped && uri.startsWith('file:')) await this.addSemgrep(uri, filePath, languageId, version, text, settings, config, outcome.findings, signal);
  }

  /**
   * Runs semgrep on the analysed text and re-publishes the merged findings,
   * unless the document moved on meanwhile (documentSemgrep.ts).
   */
  private async addSemgrep(uri: string, filePath: string, languageId: LanguageId, version: number, text: string, settings: ArgusSettings, config: ResolvedConfig, builtin: readonly Finding[], signal: AbortSignal): Promise<void> {
    const root = this.roots.rootFor(filePath);
    const { merged, index, stateChanged } = await this.semgrep.run({ uri, filePath, root, languageId, version, text, settings, trusted: this.trusted, config, builtin });
    if (signal.aborted || this.documents.get(uri)?.version !== version) return;
    if (merged) {
      this.analysed.merge({ uri, version, languageId, index, findings: merged });
      this.noise.stats.updateFindings(uri, merged);
      await this.connection.sendDiagnostics({ uri, version, diagnostics: merged.map((f) => toDiagnostic(f, uri, version)) });
    }
    if (stateChanged || merged) this.sendStatus();
  }

  private publishConfigProblems(doc: TextDocument): void {
    const file = fileURLToPath(doc.uri);
    const loaded = this.configFiles.load(file, doc.getText());
    const findings = loaded ? configProblemFindings(loaded, doc.getText()) : [];
    void this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: findings.map((f) => toDiagnostic(f, doc.uri, doc.version)) });
  }

  private sendStatus(): void {
    void this.connection.sendNotification(STATUS_NOTIFICATION, statusParams({ engines: this.engines, trusted: this.trusted, semgrepState: this.semgrep.state, last: this.last }));
  }

  private settingsFor(uri: string): Promise<ArgusSettings> {
    return this.settings.get(uri);
  }

  async overridesFor(uri: string): Promise<EditorOverrides> {
    const settings = await this.settingsFor(uri);
    return this.overridesOf(settings, uri.startsWith('file:') ? this.roots.rootFor(fileURLToPath(uri)) : '');
  }

  /** Editor settings plus the folder's false-positive marks, as the analysis takes them. */
  private overridesOf(s: ArgusSettings, root: string): EditorOverrides {
    return { engines: { security: s.security.enable, review: s.review.enable, dfa: s.dfa.enable }, rules: s.rules, exclude: s.exclude, experimental: s.experimental, feedback: this.noise.marksFor(root) };
  }
}

function isConfigFile(uri: string): boolean {
  return uri.endsWith(`/${CONFIG_FILE}`);
}
