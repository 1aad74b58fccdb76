/**
 * The incremental security analysis of the language server (per-statement
 * query results, taint inputs and secret matches kept between versions of a
 * document) must give exactly what a from-scratch analysis of the same text
 * gives: same rule ids, ranges, messages, fixes, related locations and
 * fingerprints. Real files get thousands of random and realistic edits; after
 * each one both analyses run and are compared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../../server/src/core/analyze';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/types';
import { languageFromPath, makeDocument } from '../../../server/src/core/document';
import { silentLogger, type Parsers } from '../../../server/src/core/engine';
import type { ParserHost } from '../../../server/src/core/parsing/parserHost';
import { grammarFor, type GrammarName } from '../../../server/src/core/parsing/grammars';
import { createSecurityEngine } from '../../../server/src/core/security';
import { incrementalTreeHits, type TreeState } from '../../../server/src/core/security/incremental/treeHits';
import { langSpec } from '../../../server/src/core/security/taint/languages';
import { DocumentTrees } from '../../../server/src/core/parsing/documentTrees';
import { testParsers } from '../../helpers/parsers';
import { builtinPack, ROOT } from '../security/helpers';
import { randomEdit, rng } from './editScript';

function fixtures(dir: string, ext: RegExp, limit: number): string[] {
  const abs = path.join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs)
    .filter((f) => ext.test(f))
    .sort()
    .slice(0, limit)
    .map((f) => path.join(abs, f));
}

/** Real files: examples, security fixtures (vulnerable code with fixes and taint), a few large stdlib / library files. */
function corpus(): { file: string; edits: number }[] {
  const small = [
    ...fixtures('examples/js', /\.js$/, 5),
    ...fixtures('examples/python', /\.py$/, 5),
    ...fixtures('test/fixtures/security/javascript', /\.js$/, 5),
    ...fixtures('test/fixtures/security/typescript', /\.tsx?$/, 3),
    ...fixtures('test/fixtures/security/python', /^(bandit_parity|bench_test_0000[1-9])\.py$/, 10),
    ...fixtures('test/fixtures/security/go', /\.go$/, 2),
    ...fixtures('test/fixtures/security/java', /\.java$/, 2),
    ...fixtures('test/fixtures/security/php', /\.php$/, 2),
  ].map((file) => ({ file, edits: 60 }));
  const large = ['/usr/lib/python3.11/subprocess.py', '/usr/lib/python3.11/shutil.py', path.join(ROOT, 'node_modules/yaml/dist/compose/resolve-block-map.js'), path.join(ROOT, 'node_modules/web-tree-sitter/web-tree-sitter.cjs')]
    .filter((f) => existsSync(f))
    .map((file) => ({ file, edits: 25 }));
  return [...small, ...large];
}

/**
 * Parser views over one retained tree per version: the engine under test sees
 * the tree's change (and goes incremental), the reference does not (and runs
 * the full analysis on the very same tree).
 */
function views(parsers: ParserHost, trees: DocumentTrees, uri: string, grammar: GrammarName | undefined): { incremental: Parsers; full: Parsers } {
  const full: Parsers = {
    language: (g) => parsers.language(g),
    query: (g, src) => parsers.query(g, src),
    parse: (g, text, old) => parsers.parse(g, text, old),
    withTree: async (g, text, fn) => {
      if (g !== grammar) return parsers.withTree(g, text, fn);
      const tree = await trees.treeFor(uri, g, text);
      return tree ? await fn(tree) : undefined;
    },
  };
  return { full, incremental: { ...full, changeOf: (g, text) => (g === grammar ? trees.changeFor(uri, g, text) : undefined) } };
}

test('incremental security analysis equals a full analysis of the same tree after every edit', { timeout: 600_000 }, async () => {
  const parsers = await testParsers();
  const pack = (await builtinPack()).value;
  const incremental = createSecurityEngine(pack);
  const reference = createSecurityEngine(pack);
  const scratch = new Analyzer([createSecurityEngine(pack)], parsers, silentLogger);
  const endToEnd = new Analyzer([createSecurityEngine(pack)], parsers, silentLogger, { retainTrees: true });
  let checked = 0;
  let withFindings = 0;
  let fresh = 0;
  for (const [n, { file, edits }] of corpus().entries()) {
    const languageId = languageFromPath(file)!;
    const kind = /python/.test(languageId) ? 'py' : /script/.test(languageId) ? 'js' : 'other';
    const next = rng(1000 + n);
    const uri = `file:///inc/${n}/${path.basename(file)}`;
    const grammar = grammarFor(languageId);
    const trees = new DocumentTrees(parsers);
    const view = views(parsers, trees, uri, grammar);
    let text = readFileSync(file, 'utf8');
    const history: string[] = [];
    for (let v = 0; v <= edits; v++) {
      if (v > 0) {
        history.push(text);
        text = randomEdit(text, kind, next, history.slice(-5));
      }
      const doc = makeDocument(uri, path.basename(file), languageId, text, v);
      // Now and then the tree is dropped (as the server's cache does) and parsed afresh, which may recover from
      // syntax errors differently than the incremental tree the kept results came from: nothing may be reused then.
      if (v % 13 === 7) trees.release(uri);
      if (v % 11 === 5) {
        // A run cancelled by a newer version: its result is dropped, but what it recorded is the next run's start.
        await incremental.analyze(doc, { config: DEFAULT_CONFIG, parsers: view.incremental, logger: silentLogger, signal: AbortSignal.abort() });
        continue;
      }
      const got = await incremental.analyze(doc, { config: DEFAULT_CONFIG, parsers: view.incremental, logger: silentLogger });
      const want = await reference.analyze(doc, { config: DEFAULT_CONFIG, parsers: view.full, logger: silentLogger });
      assert.deepEqual(got.findings, want.findings, `${file}, edit ${v}: findings differ`);
      checked++;
      if (want.findings.length) withFindings++;
      // End to end through the Analyzer, against a fresh parse: tree-sitter's incremental re-parse equals a
      // fresh one on valid text only (a text with syntax errors may recover differently), so only then.
      const valid = grammar ? await parsers.withTree(grammar, text, (t) => !t.rootNode.hasError) : true;
      const e2e = await endToEnd.analyze(doc, DEFAULT_CONFIG);
      if (valid) {
        const base = await scratch.analyze(doc, DEFAULT_CONFIG);
        assert.deepEqual(e2e.findings, base.findings, `${file}, edit ${v}: analyzer findings differ from a fresh analysis`);
        assert.deepEqual(e2e.suppressed, base.suppressed, `${file}, edit ${v}: suppressed findings differ from a fresh analysis`);
        fresh++;
      }
    }
    trees.release(uri);
    incremental.forget?.(uri);
    endToEnd.forget(uri);
  }
  assert.ok(checked > 1400, `only ${checked} versions checked`);
  assert.ok(withFindings > checked / 4, `only ${withFindings} of ${checked} versions had findings`);
  assert.ok(fresh > 50, `only ${fresh} versions were valid code`);
});

test('an edit inside one function reuses every other statement', async () => {
  const parsers = await testParsers();
  const pack = (await builtinPack()).value;
  const gq = (await pack.queriesFor('python'))!;
  const trees = new DocumentTrees(parsers);
  const a = readFileSync(path.join(ROOT, 'test/fixtures/security/python/bandit_parity.py'), 'utf8');
  const at = a.indexOf('\n', Math.floor(a.length / 2));
  const b = `${a.slice(0, at)} # edited${a.slice(at)}`;
  let previous: TreeState | undefined;
  let reused = 0;
  for (const text of [a, b]) {
    const tree = (await trees.treeFor('u', 'python', text))!;
    const now = trees.changeFor('u', 'python', text);
    const out = await incrementalTreeHits({ grammar: 'python', gq, spec: langSpec('python'), tree, text, generation: now?.generation, change: now?.from, previous });
    assert.ok(out?.hits, 'the incremental path applies to the built-in Python rules');
    previous = out.state;
    reused = out.reused;
  }
  trees.release('u');
  const count = previous!.units.starts.length;
  const volatile = previous!.records.filter((r) => r.volatile).length;
  assert.ok(reused >= count - volatile - 2 && reused > count / 2, `reused ${reused} of ${count} statements (${volatile} volatile)`);
});
