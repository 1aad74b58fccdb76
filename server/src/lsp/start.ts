import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { availableParallelism } from 'node:os';
import { createAnalyzer } from '../node/analyzerFactory';
import { createLogger } from '../node/logger';
import {
  DFA_DIAGRAM_REQUEST,
  DFA_GENERATE_REQUEST,
  DFA_TEST_STRING_REQUEST,
  FEEDBACK_MARKS_REQUEST,
  FILE_REPORT_REQUEST,
  RULE_DISABLE_PLAN_REQUEST,
  RULE_STATISTICS_REQUEST,
  TRUST_GRANTED_NOTIFICATION,
  WORKSPACE_REPORT_REQUEST,
  type DfaDiagramParams,
  type DfaGenerateParams,
  type DfaTestStringParams,
  type FileReportParams,
  type RuleDisablePlanParams,
} from '../../../protocol/protocol';
import { handleDfaDiagram, handleDfaGenerate, handleDfaTestString, handleFileReport, handleWorkspaceReport, type RequestContext } from './customRequests';
import { LspServer } from './lspServer';

/** How long no document may have been scheduled or analysed before a grammar's rules compile in the background. */
const WARM_UP_QUIET_MS = 1000;

/**
 * Wires an LspServer to a connection. The transport (`--node-ipc` from the
 * VS Code client, `--stdio` for other editors) is read from the command line
 * by vscode-languageserver. Nothing here decides behaviour.
 */
export function startServer(distDir: string): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  // stdout is the protocol channel: logs go to the client's output channel only.
  const logger = createLogger((level, line) => {
    if (level === 'error') connection.console.error(line);
    else if (level === 'warn') connection.console.warn(line);
    else if (level === 'info') connection.console.info(line);
    else connection.console.log(line);
  }, process.env.ARGUS_LOG_LEVEL === 'debug' ? 'debug' : 'info');
  const created = createAnalyzer(distDir, logger, { lazy: true, retainTrees: true });
  const analyzer = created.then(({ analyzer }) => analyzer);
  const server = new LspServer(connection, documents, analyzer, logger, { distDir, jobs: availableParallelism() });

  let folderEvents = false;
  connection.onInitialize((p) => {
    folderEvents = p.capabilities.workspace?.workspaceFolders === true;
    return server.initialize(p);
  });
  connection.onDidChangeConfiguration(() => server.environmentChanged());
  connection.onDidChangeWatchedFiles(() => server.environmentChanged());
  connection.onNotification(TRUST_GRANTED_NOTIFICATION, () => server.trustGranted());
  connection.onCodeAction((p) => server.codeActions(p));
  connection.onHover((p) => server.hover(p));
  connection.onCodeLens((p) => server.codeLenses(p.textDocument.uri));
  const ctx: RequestContext = {
    textOf: (uri) => server.textOf(uri),
    reviewOf: (uri) => server.reviewOf(uri),
    workspaceFor: (f) => server.workspaceFor(f),
    folders: () => server.folders(),
    overridesFor: (uri) => server.overridesFor(uri),
    analyzer,
    trusted: server.trusted_,
  };
  connection.onRequest(DFA_DIAGRAM_REQUEST, (p: DfaDiagramParams) => handleDfaDiagram(ctx, p));
  connection.onRequest(DFA_TEST_STRING_REQUEST, (p: DfaTestStringParams) => handleDfaTestString(ctx, p));
  connection.onRequest(DFA_GENERATE_REQUEST, (p: DfaGenerateParams) => handleDfaGenerate(p));
  connection.onRequest(FILE_REPORT_REQUEST, (p: FileReportParams) => handleFileReport(ctx, p.uri));
  connection.onRequest(WORKSPACE_REPORT_REQUEST, () => handleWorkspaceReport(ctx));
  connection.onRequest(RULE_STATISTICS_REQUEST, () => server.noise.ruleStatistics());
  connection.onRequest(RULE_DISABLE_PLAN_REQUEST, (p: RuleDisablePlanParams) => server.noise.ruleDisablePlan(p));
  connection.onRequest(FEEDBACK_MARKS_REQUEST, () => server.noise.feedbackMarks());
  connection.onExecuteCommand((p, token) => server.executeCommand(p.command, p.arguments, token));
  connection.onShutdown(() => server.dispose());
  documents.onDidOpen((e) => server.opened(e.document));
  documents.onDidChangeContent((e) => server.changed(e.document));
  documents.onDidSave((e) => server.saved(e.document));
  documents.onDidClose((e) => server.closed(e.document));
  connection.onInitialized(() => {
    // Compile the remaining grammars' rules in the background, one grammar at a time whenever the server
    // has been quiet for a while, so a compile never holds up the diagnostics of someone typing (idleGate.ts).
    setTimeout(() => void created.then((c) => c.warmUp(() => server.idle.quiet(WARM_UP_QUIET_MS))).catch((err) => logger.error('warm-up failed', { error: String(err) })), 3000).unref();
    // The folder-change event exists only when the client announced support; asking otherwise throws.
    if (folderEvents)
      connection.workspace.onDidChangeWorkspaceFolders((e) => server.foldersChanged(e.added.map((f) => f.uri), e.removed.map((f) => f.uri)));
  });
  process.on('uncaughtException', (err) => logger.error('uncaught exception; the server keeps serving', { error: String(err?.stack ?? err) }));
  process.on('unhandledRejection', (err) => logger.error('unhandled rejection; the server keeps serving', { error: String((err as Error)?.stack ?? err) }));

  documents.listen(connection);
  connection.listen();
}
