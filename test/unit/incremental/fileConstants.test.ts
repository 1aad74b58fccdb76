/**
 * The file-scope constant definitions the server keeps per top-level
 * statement (security/incremental/fileConstants.ts) must fold to exactly the
 * definitions `Constants` reads from the whole tree: same names, same
 * constant values (the very same nodes), after every edit of real files. And
 * a finding that depends on a module constant must follow an edit of that
 * constant while every other statement is reused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/types';
import { languageFromPath, makeDocument } from '../../../server/src/core/document';
import { silentLogger, type Parsers } from '../../../server/src/core/engine';
import { DocumentTrees } from '../../../server/src/core/parsing/documentTrees';
import { grammarFor } from '../../../server/src/core/parsing/grammars';
import { createSecurityEngine } from '../../../server/src/core/security';
import { constantsState, fileScope, type ConstantsState } from '../../../server/src/core/security/incremental/fileConstants';
import { addDefinition, definitionEntries } from '../../../server/src/core/security/taint/constants';
import { langSpec } from '../../../server/src/core/security/taint/languages';
import { testParsers } from '../../helpers/parsers';
import { builtinPack, ROOT } from '../security/helpers';
import { randomEdit, rng } from './editScript';

const FILES = [
  'test/fixtures/security/python/bandit_parity.py',
  'test/fixtures/security/python/bench_test_00001.py',
  '/usr/lib/python3.11/subprocess.py',
  'node_modules/yaml/dist/compose/resolve-block-map.js',
  'node_modules/web-tree-sitter/web-tree-sitter.cjs',
].map((f) => (path.isAbsolute(f) ? f : path.join(ROOT, f))).filter((f) => existsSync(f));

/** The file scope as `Constants` reads it from the whole tree: name → value node id, or null. */
function wholeTree(root: Node, grammar: Parameters<typeof langSpec>[0]): Map<string, number | null> {
  const defs = new Map<string, Node | null>();
  for (const e of definitionEntries(langSpec(grammar), root, { top: true, isScope: true })) addDefinition(defs, e.name, e.value);
  return new Map([...defs].map(([k, v]) => [k, v ? v.id : null]));
}

test('file-scope definitions kept per statement equal those of the whole tree after every edit', { timeout: 300_000 }, async () => {
  const parsers = await testParsers();
  let checked = 0;
  let reusedRecords = 0;
  assert.ok(FILES.length >= 3, 'test files are missing');
  for (const [n, file] of FILES.entries()) {
    const languageId = languageFromPath(file)!;
    const grammar = grammarFor(languageId)!;
    const kind = grammar === 'python' ? 'py' : 'js';
    const spec = langSpec(grammar);
    const trees = new DocumentTrees(parsers);
    const next = rng(77 + n);
    let text = readFileSync(file, 'utf8');
    const history: string[] = [];
    let state: ConstantsState | undefined;
    for (let v = 0; v <= 40; v++) {
      if (v > 0) {
        history.push(text);
        text = randomEdit(text, kind, next, history.slice(-5));
      }
      if (v % 9 === 4) trees.release('u');
      const tree = (await trees.treeFor('u', grammar, text))!;
      const change = trees.changeFor('u', grammar, text)?.from;
      const now = constantsState(spec, tree.rootNode, text, change ? state : undefined, change);
      if (state && change) reusedRecords += now.records.filter((r) => state!.records.includes(r)).length;
      state = now;
      const want = wholeTree(tree.rootNode, grammar);
      const got = fileScope(tree.rootNode, now);
      const names = new Set([...want.keys(), ...now.records.flatMap((r) => r.entries.map((e) => e.name))]);
      for (const name of names) {
        assert.equal(got.has(name), want.has(name), `${file}, edit ${v}: ${name} defined`);
        const node = got.get(name);
        assert.equal(node ? node.id : node, want.get(name), `${file}, edit ${v}: value of ${name}`);
      }
      checked++;
    }
    trees.release('u');
  }
  assert.ok(checked >= 120, `only ${checked} versions checked`);
  assert.ok(reusedRecords > checked * 10, `only ${reusedRecords} statement records were reused`);
});

test('a finding that depends on a module constant follows an edit of the constant', async () => {
  const parsers = await testParsers();
  const pack = (await builtinPack()).value;
  const incremental = createSecurityEngine(pack);
  const reference = createSecurityEngine(pack);
  const trees = new DocumentTrees(parsers);
  const uri = 'file:///consts/app.py';
  const full: Parsers = {
    language: (g) => parsers.language(g),
    query: (g, src) => parsers.query(g, src),
    parse: (g, text, old) => parsers.parse(g, text, old),
    withTree: async (g, text, fn) => {
      const tree = await trees.treeFor(uri, g, text);
      return tree ? await fn(tree) : undefined;
    },
  };
  const view: Parsers = { ...full, changeOf: (g, text) => trees.changeFor(uri, g, text) };
  const body = [
    'import os',
    'from flask import request',
    '',
    'def run():',
    '    cmd = request.args.get("cmd")',
    '    if DEBUG:',
    '        os.system(cmd)',
    '',
  ].join('\n');
  const counts: number[] = [];
  for (const value of ['False', 'True', 'False']) {
    const text = `DEBUG = ${value}\n${body}`;
    const doc = makeDocument(uri, 'app.py', 'python', text, counts.length);
    const got = await incremental.analyze(doc, { config: DEFAULT_CONFIG, parsers: view, logger: silentLogger });
    const want = await reference.analyze(doc, { config: DEFAULT_CONFIG, parsers: full, logger: silentLogger });
    assert.deepEqual(got.findings, want.findings, `DEBUG = ${value}`);
    counts.push(got.findings.filter((f) => f.range.start.line === 7).length);
  }
  trees.release(uri);
  assert.deepEqual(counts, [0, 1, 0], 'the os.system sink is reported only when DEBUG is True');
});
