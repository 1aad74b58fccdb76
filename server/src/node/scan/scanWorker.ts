/**
 * Worker thread of workspace scans (bundled as `dist/scan-worker.js`). Each
 * worker loads the tree-sitter wasm and the rule pack once, then analyses the
 * files it is sent, one at a time and in order, exactly as the in-process
 * scan does (same WorkspaceAnalysis, same config resolution).
 *
 * Cross-file duplication needs every file's fingerprints in one index, so
 * the worker does not keep them: it hands each file's fingerprints back with
 * its result and the scan adds them to its own index.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer } from '../analyzerFactory';
import { SnapshotConfigFiles } from '../configFiles';
import { createLogger } from '../logger';
import { WorkspaceAnalysis } from '../workspaceAnalysis';
import { DuplicationIndex, type FileFingerprints } from '../../core/review';
import type { FromScanWorker, ToScanWorker, WorkerSetup } from './protocol';

/** Receives the review engine's fingerprints for the file being analysed instead of indexing them. */
class FingerprintRecorder extends DuplicationIndex {
  private readonly pending = new Map<string, FileFingerprints>();

  override add(file: FileFingerprints): void {
    this.pending.set(file.path, file);
  }

  take(path: string): FileFingerprints | undefined {
    const f = this.pending.get(path);
    this.pending.delete(path);
    return f;
  }
}

async function start(port: NonNullable<typeof parentPort>, setup: WorkerSetup): Promise<void> {
  const post = (m: FromScanWorker) => port.postMessage(m);
  const logger = createLogger((level, line) => post({ type: 'log', level, line }), 'warn', { worker: process.pid });
  const recorder = new FingerprintRecorder();
  const { analyzer, ruleProblems } = await createAnalyzer(setup.distDir, logger, { lazy: true, duplicationIndex: recorder });
  const configFiles = new SnapshotConfigFiles();
  const explicit = setup.explicitConfig ? configFiles.load(setup.explicitConfig) : undefined;
  const ws = new WorkspaceAnalysis(setup.root, analyzer, configFiles, explicit, setup.overrides);
  let reported = ruleProblems.length;
  // One file at a time, in arrival order: the pool keeps at most a couple queued per worker.
  let chain = Promise.resolve();
  port.on('message', (msg: ToScanWorker) => {
    chain = chain.then(async () => {
      const { job } = msg;
      try {
        const { outcome, relativePath } = await ws.analyzeText(job.absolutePath, `file://${job.absolutePath}`, job.languageId, job.text, job.overrides);
        const fingerprints = recorder.take(relativePath);
        const late = ruleProblems.slice(reported);
        reported = ruleProblems.length;
        post({ type: 'result', id: job.id, result: { outcome, ...(fingerprints ? { fingerprints } : {}) }, ruleProblems: late });
      } catch (err) {
        post({ type: 'failed', id: job.id, message: err instanceof Error ? err.message : String(err) });
      }
    });
  });
  post({ type: 'ready' });
}

if (parentPort) {
  const port = parentPort;
  start(port, workerData as WorkerSetup).catch((err: unknown) => {
    // Loading failed (a broken install): say why, then end; the pool fails the scan instead of restarting forever.
    port.postMessage({ type: 'log', level: 'error', line: `scan worker failed to start: ${err instanceof Error ? err.message : String(err)}` } satisfies FromScanWorker);
    process.exit(1);
  });
}
