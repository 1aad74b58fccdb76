/**
 * The scanner's fault handling, driven directly: a file that vanishes between
 * target collection and reading is reported as that file's error (never
 * fatal), results stay in target order, and worker threads that cannot
 * start or that die mid-scan cost exactly the files they held.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createAnalyzer } from '../../../server/src/node/analyzerFactory';
import { WorkspaceAnalysis } from '../../../server/src/node/workspaceAnalysis';
import { scanTargets } from '../../../server/src/node/scan/fileScanner';
import { silentLogger } from '../../../server/src/core/engine';
import { DIST } from '../../helpers/workspace';

test('a file that vanished after target collection becomes its own error; the others are analysed in order', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'argus-vanish-'));
  writeFileSync(path.join(root, 'a.js'), 'eval(location.hash);\n');
  writeFileSync(path.join(root, 'c.js'), 'document.body.innerHTML = location.hash;\n');
  const { analyzer } = await createAnalyzer(DIST, silentLogger, { lazy: true });
  const ws = new WorkspaceAnalysis(root, analyzer);
  const targets = ['a.js', 'b.js', 'c.js'].map((f) => ({ absolutePath: path.join(root, f), relativePath: f, languageId: 'javascript' as const }));
  const run = await scanTargets(targets, ws, undefined, [], silentLogger, { jobs: 1, distDir: DIST, version: 'test' });
  assert.deepEqual(
    run.files.map((f) => [f.target.relativePath, f.error?.replace(/, open .*/, '') ?? null, f.result?.outcome.findings.map((x) => x.ruleId) ?? null]),
    [
      ['a.js', null, ['security/js-code-injection']],
      ['b.js', 'ENOENT: no such file or directory', null],
      ['c.js', null, ['security/js-dom-xss-innerhtml']],
    ],
  );
  assert.equal(run.workers, 0);
});

test('workers that cannot start cost no results: the main thread analyses their files and says why once', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'argus-brokenworker-'));
  const names = Array.from({ length: 30 }, (_, i) => `f${String(i).padStart(2, '0')}.js`);
  for (const n of names) writeFileSync(path.join(root, n), 'eval(location.hash);\n');
  // A dist folder whose worker bundle throws on load, as a broken install would.
  const brokenDist = mkdtempSync(path.join(os.tmpdir(), 'argus-brokendist-'));
  writeFileSync(path.join(brokenDist, 'scan-worker.js'), 'throw new Error("corrupt bundle");\n');
  const { analyzer } = await createAnalyzer(DIST, silentLogger, { lazy: true });
  const warnings: string[] = [];
  const logger = { ...silentLogger, warn: (m: string) => warnings.push(m) };
  const ws = new WorkspaceAnalysis(root, analyzer);
  const targets = names.map((f) => ({ absolutePath: path.join(root, f), relativePath: f, languageId: 'javascript' as const }));
  const run = await scanTargets(targets, ws, undefined, [], logger, { jobs: 2, distDir: brokenDist, version: 'test' });
  assert.deepEqual(run.files.map((f) => [f.target.relativePath, f.error ?? null, f.result?.outcome.findings.length ?? null]), names.map((n) => [n, null, 1]));
  assert.equal(warnings.filter((w) => /scan worker could not start: .*; analysing on the main thread instead/.test(w)).length, 1, warnings.join('\n'));
});

test('a worker that dies mid-scan costs only the file it held; a replacement takes over the rest of the shared queue', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'argus-deadworker-'));
  const names = Array.from({ length: 40 }, (_, i) => `f${String(i).padStart(2, '0')}.js`);
  for (const n of names) writeFileSync(path.join(root, n), 'eval(location.hash);\n');
  // A dist folder with the real bundle, whose worker dies (exit code 3) instead of posting its first
  // result, once: the marker file records which job it held and keeps the replacement alive.
  const dist = mkdtempSync(path.join(os.tmpdir(), 'argus-crashdist-'));
  for (const entry of readdirSync(DIST)) if (entry !== 'scan-worker.js') symlinkSync(path.join(DIST, entry), path.join(dist, entry));
  const marker = path.join(dist, 'crashed');
  writeFileSync(
    path.join(dist, 'scan-worker.js'),
    `const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (m) => {
  if (m && m.type === 'result' && !fs.existsSync(${JSON.stringify(marker)})) {
    fs.writeFileSync(${JSON.stringify(marker)}, String(m.id));
    process.exit(3);
  }
  return post(m);
};
require(${JSON.stringify(path.join(DIST, 'scan-worker.js'))});
`,
  );
  const { analyzer } = await createAnalyzer(DIST, silentLogger, { lazy: true });
  const ws = new WorkspaceAnalysis(root, analyzer);
  // This thread claims from the same queue as the worker: hold its first file until the worker
  // has died, so the worker is sure to have claimed one (poll with a deadline).
  const analyzeText = ws.analyzeText.bind(ws);
  let first = true;
  ws.analyzeText = async (...args: Parameters<typeof analyzeText>) => {
    if (first) {
      first = false;
      const deadline = Date.now() + 30_000;
      while (!existsSync(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    }
    return analyzeText(...args);
  };
  const targets = names.map((f) => ({ absolutePath: path.join(root, f), relativePath: f, languageId: 'javascript' as const }));
  const run = await scanTargets(targets, ws, undefined, [], silentLogger, { jobs: 2, distDir: dist, version: 'test' });
  assert.ok(existsSync(marker), 'the worker claimed a file and died');
  const lost = names[Number(readFileSync(marker, 'utf8'))]!;
  assert.equal(run.workers, 1);
  assert.deepEqual(
    run.files.map((f) => [f.target.relativePath, f.error ?? null, f.result?.outcome.findings.map((x) => x.ruleId) ?? null]),
    names.map((n) => (n === lost ? [n, 'the scan worker exited with code 3 while analysing this file', null] : [n, null, ['security/js-code-injection']])),
  );
});
