import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { CancellationToken, Connection } from 'vscode-languageserver/node';
import type { Logger } from '../core/engine';
import type { EditorOverrides } from '../core/config/resolve';
import { collectTargets } from '../node/files';
import type { WorkspaceAnalysis } from '../node/workspaceAnalysis';
import type { AnalysisOutcome } from '../core/analyze';
import type { ScanSummary } from '../../../protocol/protocol';
import { toDiagnostic } from './convert';

/**
 * Scans every workspace folder with `$/progress` (cancellable from the
 * editor) and publishes diagnostics for files that are not open; open files
 * are owned by the per-document scheduler.
 */
export async function scanWorkspace(
  connection: Connection,
  folders: readonly WorkspaceAnalysis[],
  isOpen: (uri: string) => boolean,
  overridesFor: (uri: string) => Promise<EditorOverrides>,
  logger: Logger,
  token?: CancellationToken,
  /** Called with each scanned file's outcome (the rule statistics count scanned files too). */
  onOutcome?: (uri: string, outcome: AnalysisOutcome) => void,
): Promise<ScanSummary> {
  const t0 = performance.now();
  const progress = await connection.window.createWorkDoneProgress();
  progress.begin('Argus: scanning workspace', 0, 'collecting files', true);
  let files = 0;
  let findings = 0;
  let cancelled = false;
  try {
    for (const ws of folders) {
      const rootOverrides = await overridesFor(pathToFileURL(ws.root).href);
      const targets = collectTargets(ws.root, ['.'], [...ws.configFor(`${ws.root}/.argus-probe`, rootOverrides).config.exclude]);
      for (const [i, t] of targets.entries()) {
        if (progress.token.isCancellationRequested || token?.isCancellationRequested) {
          cancelled = true;
          break;
        }
        const uri = pathToFileURL(t.absolutePath).href;
        progress.report(Math.round((100 * i) / Math.max(1, targets.length)), t.relativePath);
        files++;
        if (isOpen(uri)) continue;
        let text: string;
        try {
          text = readFileSync(t.absolutePath, 'utf8');
        } catch (err) {
          logger.warn('file vanished during scan', { path: t.relativePath, error: (err as Error).message });
          continue;
        }
        const { outcome } = await ws.analyzeText(t.absolutePath, uri, t.languageId, text, await overridesFor(uri));
        findings += outcome.findings.length;
        onOutcome?.(uri, outcome);
        await connection.sendDiagnostics({ uri, diagnostics: outcome.findings.map((f) => toDiagnostic(f, uri, null)) });
      }
      if (cancelled) break;
    }
  } finally {
    progress.done();
  }
  const summary = { files, findings, millis: Math.round(performance.now() - t0), cancelled };
  logger.info('workspace scan finished', { ...summary });
  return summary;
}
