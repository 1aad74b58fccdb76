/**
 * Worker thread of `argus dfa verify` (bundled as `dist/dfa-worker.js`).
 * Verifies the rows it is sent one at a time and posts each outcome as soon
 * as it is known: the pool measures the per-row timeout from those messages
 * and, when a row overruns, terminates this thread and blames exactly the
 * row that was running.
 *
 * Test-only hooks (environment variables, never set in normal use):
 * - `ARGUS_DFA_TEST_HANG_PROMPT`: a row with exactly this prompt spins
 *   forever, standing in for a pathologically slow input (the DFA core has
 *   no input that is slow yet under the state limit, by design).
 * - `ARGUS_DFA_TEST_CRASH_PROMPT`: a row with exactly this prompt ends the
 *   worker thread abruptly, standing in for a crash (e.g. out of memory).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { verifySuite, type SuiteOptions } from '../../core/dfa';
import { errorOutcome, toOutcome, type RowOutcome } from './outcome';
import type { FromWorker, ToWorker, WorkItem } from './pool';

const HANG = process.env.ARGUS_DFA_TEST_HANG_PROMPT;
const CRASH = process.env.ARGUS_DFA_TEST_CRASH_PROMPT;

/** Verifies one row; never throws (an exception in the core is this row's ERROR, not the worker's death). */
export function verifyItem(item: WorkItem, options: SuiteOptions): RowOutcome {
  if (HANG !== undefined && item.row.prompt === HANG) for (;;);
  if (CRASH !== undefined && item.row.prompt === CRASH) process.exit(70);
  try {
    return toOutcome(verifySuite([item.row], options).verdicts[0]!, item.arrays);
  } catch (err) {
    // The core is deterministic, so an exception on this input would recur: permanent.
    const e = err instanceof Error ? err : new Error(String(err));
    return errorOutcome('ERROR', 'permanent', e.name, e.message);
  }
}

if (parentPort) {
  const port = parentPort;
  const options = (workerData as { options: SuiteOptions }).options;
  port.on('message', (msg: ToWorker) => {
    for (const item of msg.items) {
      const t0 = performance.now();
      const outcome = verifyItem(item, options);
      port.postMessage({ type: 'result', id: item.id, outcome, ms: performance.now() - t0 } satisfies FromWorker);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}
