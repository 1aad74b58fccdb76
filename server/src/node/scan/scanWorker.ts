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
import { keepYoungGenerationSmall } from '../heapTuning';
import { SnapshotConfigFiles } from '../configFiles';
import { createLogger } from '../logger';
import { WorkspaceAnalysis } from '../workspaceAnalysis';
import { DuplicationIndex, type FileFingerprints } from '../../core/review';
import type { FileJob, FromScanWorker, SharedBatch, ToScanWorker, WorkerSetup } from './protocol';

/** Claims files of a shared batch until none is left (see {@link SharedBatch}). */
async function runBatch(slot: number, batch: SharedBatch, analyze: (job: FileJob) => Promise<void>): Promise<void> {
  const claims = new Int32Array(batch.claims);
  const texts = Buffer.from(batch.texts);
  for (let i = Atomics.add(claims, 0, 1); i < batch.files.length; i = Atomics.add(claims, 0, 1)) {
    Atomics.store(claims, 1 + slot, i);
    const { start, end, ...meta } = batch.files[i]!;
    await analyze({ ...meta, text: texts.toString('utf8', start, end) });
  }
  Atomics.store(claims, 1 + slot, -1);
}

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
  const analyze = async (job: FileJob): Promise<void> => {
    try {
      const { outcome, relativePath } = await ws.analyzeText(job.absolutePath, `file://${job.absolutePath}`, job.languageId, job.text, job.overrides);
      const fingerprints = recorder.take(relativePath);
      const late = ruleProblems.slice(reported);
      reported = ruleProblems.length;
      post({ type: 'result', id: job.id, result: { outcome, ...(fingerprints ? { fingerprints } : {}) }, ruleProblems: late });
    } catch (err) {
      post({ type: 'failed', id: job.id, message: err instanceof Error ? err.message : String(err) });
    }
  };
  // One file at a time, in arrival order: the pool keeps at most a couple queued per worker.
  let chain = Promise.resolve();
  port.on('message', (msg: ToScanWorker) => {
    chain = chain.then(() => (msg.type === 'file' ? analyze(msg.job) : runBatch(msg.slot, msg.batch, analyze).then(() => post({ type: 'batchDone' }))));
  });
  post({ type: 'ready' });
}

if (parentPort) {
  // Measured: without it in the workers too, a headless scan's peak RSS stayed about 20 MB higher (see heapTuning.ts).
  if ((workerData as WorkerSetup).smallYoungGeneration) keepYoungGenerationSmall();
  const port = parentPort;
  start(port, workerData as WorkerSetup).catch((err: unknown) => {
    // Loading failed (a broken install): say why, then end; the pool fails the scan instead of restarting forever.
    port.postMessage({ type: 'log', level: 'error', line: `scan worker failed to start: ${err instanceof Error ? err.message : String(err)}` } satisfies FromScanWorker);
    process.exit(1);
  });
}
