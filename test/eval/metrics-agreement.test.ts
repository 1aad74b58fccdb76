import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { evalJs, evalPython, type Agreement } from '../../scripts/eval-metrics';

// A fixed, smaller version of `npx tsx scripts/eval-metrics.ts`: our Cognitive Complexity vs
// eslint-plugin-sonarjs 1.0.4, our JS cyclomatic vs ESLint `complexity`, our Python cyclomatic vs
// radon. Target: at least 98% of functions exactly equal.
const ROOT = path.join(__dirname, '../..');
const JS_FILES = [
  'node_modules/yaml/dist/nodes/Alias.js',
  'node_modules/yaml/dist/schema/core/int.js',
  'node_modules/yaml/dist/compose/resolve-block-map.js',
  'node_modules/eslint/lib/rules/max-lines.js',
  'node_modules/eslint/lib/rules/no-ternary.js',
  'node_modules/eslint/lib/rules/eol-last.js',
  'node_modules/eslint/lib/rules/no-trailing-spaces.js',
  'node_modules/picomatch/lib/parse.js',
  'node_modules/semver/functions/gt.js',
  'node_modules/@typescript-eslint/typescript-estree/dist/ast-converter.js',
  'node_modules/@typescript-eslint/typescript-estree/dist/parseSettings/createParseSettings.js',
  'node_modules/ajv/lib/runtime/validation_error.ts',
  'node_modules/ajv/lib/compile/errors.ts',
  'node_modules/ajv/lib/vocabularies/dynamic/recursiveAnchor.ts',
  'node_modules/@azure/msal-common/src/client/RefreshTokenClient.ts',
  'node_modules/@azure/msal-common/src/protocol/Token.ts',
  'test/fixtures/review/oracle/tricky.ts',
  'test/fixtures/review/oracle/tricky.jsx',
  'test/fixtures/review/oracle/tricky.js',
].map((f) => path.join(ROOT, f));
const PY_FILES = ['contextlib', 'difflib', 'ipaddress', 'pathlib', 'queue', 'selectors', 'statistics', 'tokenize', 'traceback', 'dataclasses'].map((m) => `/usr/lib/python3.11/${m}.py`);

function assertAgreement(a: Agreement, minFunctions: number): void {
  const detail = a.mismatches.map((m) => `${m.file}:${m.line} ${m.name} ours=${m.ours} oracle=${m.oracle}`).join('\n');
  assert.equal(a.skippedFiles.length, 0, `skipped: ${a.skippedFiles.join(', ')}`);
  assert.ok(a.functions >= minFunctions, `only ${a.functions} functions compared`);
  assert.ok(a.equal / a.functions >= 0.98, `${a.oracle}: ${a.equal}/${a.functions}\n${detail}`);
}

test('Cognitive Complexity agrees with eslint-plugin-sonarjs 1.0.4; JS cyclomatic with ESLint complexity', async () => {
  const missing = JS_FILES.filter((f) => !existsSync(f));
  assert.deepEqual(missing, []);
  const { cognitive, cyclomatic } = await evalJs(JS_FILES);
  assertAgreement(cognitive, 150);
  assert.ok(cognitive.nonTrivialEqual / cognitive.nonTrivial >= 0.98);
  assertAgreement(cyclomatic, 150);
});

const hasRadon = (() => {
  try {
    execFileSync('radon', ['--version'], { stdio: 'ignore' });
    return PY_FILES.every((f) => existsSync(f));
  } catch {
    return false;
  }
})();

test('Python cyclomatic complexity agrees with radon cc', { skip: hasRadon ? false : 'radon or the Debian Python 3.11 stdlib is not installed' }, async () => {
  assertAgreement(await evalPython(PY_FILES), 400);
});
