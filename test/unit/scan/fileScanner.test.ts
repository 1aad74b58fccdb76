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
