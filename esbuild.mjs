// Builds every bundle Argus ships and copies the wasm files and rule packs next to them.
//   node esbuild.mjs               development build (sourcemaps)
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --production  minified build for the VSIX
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const dist = path.resolve('dist');

const GRAMMARS = {
  'tree-sitter-javascript': ['tree-sitter-javascript.wasm'],
  'tree-sitter-typescript': ['tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm'],
  'tree-sitter-python': ['tree-sitter-python.wasm'],
  'tree-sitter-java': ['tree-sitter-java.wasm'],
  'tree-sitter-go': ['tree-sitter-go.wasm'],
  'tree-sitter-php': ['tree-sitter-php.wasm'],
};

/** Copies the tree-sitter runtime, the grammars (from the grammar packages themselves) and the rule packs. */
function copyAssets() {
  mkdirSync(path.join(dist, 'grammars'), { recursive: true });
  copyFileSync(path.join(path.dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'), path.join(dist, 'web-tree-sitter.wasm'));
  for (const [pkgName, files] of Object.entries(GRAMMARS)) {
    const dir = path.dirname(require.resolve(`${pkgName}/package.json`));
    for (const f of files) copyFileSync(path.join(dir, f), path.join(dist, 'grammars', f));
  }
  rmSync(path.join(dist, 'rules'), { recursive: true, force: true });
  if (existsSync('rules')) {
    cpSync('rules', path.join(dist, 'rules'), { recursive: true });
    for (const f of readdirSync(path.join(dist, 'rules')).filter((x) => /\.ya?ml$/.test(x))) stripExamples(path.join(dist, 'rules', f));
  }
}

/**
 * Removes the rules' inline `valid:`/`invalid:` examples from the shipped copy: the test suite
 * runs them from rules/, the runtime never reads them, and the secret rules' examples are
 * realistic fake keys that secret scanners (vsce's among them) rightly refuse to publish.
 */
function stripExamples(file) {
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const rules = doc.get('rules');
  if (isSeq(rules)) for (const rule of rules.items) if (isMap(rule)) for (const key of ['valid', 'invalid']) rule.delete(key);
  // Shipped as JSON: the server reads JSON without a YAML parse (see core/security/yamlSource.ts).
  writeFileSync(file.replace(/\.ya?ml$/, '.json'), JSON.stringify(doc.toJS()));
  rmSync(file);
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  // Whitespace and syntax are minified in every build, identifiers only for the VSIX (stack traces
  // stay readable). The CLI and its scan workers keep their bundle's source in memory for lazy
  // compilation: unminified, with comments that hold non-ASCII characters (which make V8 store the
  // whole source as UTF-16), cli.js took 3.2 MB of heap and scan-worker.js 2 MB, in every thread.
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: production,
  logLevel: 'info',
  // The ESM build of web-tree-sitter uses import.meta.url, which is empty in CJS output
  // and crashes Parser.init(); the CJS build finds its wasm through __dirname instead.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter') },
  define: { __ARGUS_VERSION__: JSON.stringify(pkg.version) },
};

const webviews = existsSync('media/src') ? readdirSync('media/src').filter((f) => f.endsWith('.ts')).map((f) => `media/src/${f}`) : [];

const builds = [
  { ...common, entryPoints: { extension: 'client/src/extension.ts' }, outdir: dist, external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/lsp/entry.ts' }, outdir: dist },
  { ...common, entryPoints: { cli: 'server/src/cli/entry.ts' }, outdir: dist, banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: { 'dfa-worker': 'server/src/node/dfa/worker.ts' }, outdir: dist },
  { ...common, entryPoints: { 'scan-worker': 'server/src/node/scan/scanWorker.ts' }, outdir: dist },
  ...(webviews.length ? [{ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: webviews, outdir: path.join(dist, 'webview') }] : []),
];

copyAssets();
if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync(path.join(dist, 'cli.js'), 0o755);
}
