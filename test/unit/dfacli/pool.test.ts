/**
 * WorkerPool with a stand-in worker (a small script speaking the same
 * protocol), so timeouts, deaths and requeueing are tested without the
 * bundle: "slow" spins until terminated, "die" exits the thread, anything
 * else answers PASS with its prompt as the reading.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RowOutcome } from '../../../server/src/node/dfa/outcome';
import { WorkerPool, WorkerStartError, type WorkItem } from '../../../server/src/node/dfa/pool';

const STAND_IN = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (msg) => {
  for (const item of msg.items) {
    if (item.row.prompt === 'slow') for (;;);
    if (item.row.prompt === 'die') process.exit(3);
    const outcome = { status: 'PASS', errorClass: null, errorName: null, reading: item.row.prompt, alphabet: null, messages: [], counterexample: null, disagreements: [], flags: [] };
    parentPort.postMessage({ type: 'result', id: item.id, outcome, ms: 0 });
  }
});
parentPort.postMessage({ type: 'ready' });
`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-pool-'));
const script = path.join(dir, 'worker.js');
writeFileSync(script, STAND_IN);

const items = (...prompts: string[]): WorkItem[] => prompts.map((prompt, id) => ({ id, row: { prompt }, arrays: false }));

async function run(prompts: string[], jobs: number, timeoutMs = 5000, workerScript = script) {
  const got = new Map<number, RowOutcome>();
  const restarts: string[] = [];
  const pool = new WorkerPool({ script: workerScript, jobs, timeoutMs, suiteOptions: {}, onResult: (id, o) => got.set(id, o), onRestart: (reason, id) => restarts.push(`${reason}:${id}`) });
  await pool.run(items(...prompts));
  return { got, restarts, pool };
}

describe('WorkerPool', () => {
  it('answers every row once, across workers and chunks', async () => {
    const prompts = Array.from({ length: 50 }, (_, i) => `p${i}`);
    const { got, pool } = await run(prompts, 3);
    assert.deepEqual([...got.keys()].sort((a, b) => a - b), prompts.map((_, i) => i));
    assert.deepEqual(prompts.map((_, i) => got.get(i)!.reading), prompts);
    assert.equal(pool.restarts, 0);
  });

  it('a row past the timeout is TIMEOUT; only that row; the worker is replaced and the chunk continues', async () => {
    const { got, restarts, pool } = await run(['a', 'slow', 'b', 'c'], 1, 1000);
    assert.deepEqual([0, 1, 2, 3].map((i) => got.get(i)!.status), ['PASS', 'TIMEOUT', 'PASS', 'PASS']);
    assert.deepEqual([got.get(1)!.errorClass, got.get(1)!.errorName], ['transient', 'Timeout']);
    assert.deepEqual(restarts, ['timeout:1']);
    assert.equal(pool.restarts, 1);
  });

  it('a worker that dies costs its current row only (ERROR, transient)', async () => {
    const { got, restarts } = await run(['a', 'die', 'b', 'die', 'c'], 2);
    assert.deepEqual([0, 1, 2, 3, 4].map((i) => got.get(i)!.status), ['PASS', 'ERROR', 'PASS', 'ERROR', 'PASS']);
    assert.deepEqual([got.get(1)!.errorName, got.get(1)!.messages], ['WorkerExited', ['the worker exited with code 3']]);
    assert.deepEqual(restarts.sort(), ['died:1', 'died:3']);
  });

  it('a worker that cannot start fails the run instead of restarting forever', async () => {
    await assert.rejects(run(['a'], 1, 5000, path.join(dir, 'missing.js')), (e: unknown) => e instanceof WorkerStartError && /the DFA worker could not start/.test(e.message));
  });

  it('stop() ends a run at once, even with a worker spinning', async () => {
    const got = new Map<number, RowOutcome>();
    // Once the first row is answered the worker is on "slow", and stays there.
    const pool: WorkerPool = new WorkerPool({ script, jobs: 1, timeoutMs: 60_000, suiteOptions: {}, onResult: (id, o) => (got.set(id, o), id === 0 && setTimeout(() => void pool.stop(), 50)) });
    await pool.run(items('a', 'slow', 'b'));
    assert.deepEqual([...got.keys()], [0]);
  });

  it('an empty run resolves without starting workers', async () => {
    const { got } = await run([], 4);
    assert.equal(got.size, 0);
  });
});
