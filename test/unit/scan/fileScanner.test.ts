/**
 * The scanner's fault handling, driven directly: a file that vanishes between
 * target collection and reading is reported as that file's error (never
 * fatal), and results stay in target order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
