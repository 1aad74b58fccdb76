import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { testParsers } from '../../helpers/parsers';
import { GRAMMAR_OF, sourceFilesUnder } from '../../helpers/sourceFiles';
import type { GrammarName } from '../../../server/src/core/parsing/grammars';
import { runtimeNodeGetters, withChildrenMemo } from '../../../server/src/core/parsing/heapNodes';

// The heap-reading Node getters (core/parsing/heapNodes.ts) must return exactly what the runtime's own
// getters return: on every node of every file below, typeId, isNamed and endIndex are
// compared with the originals, on nodes and on their named children.

const ROOT = path.join(__dirname, '../../..');

const BROKEN: [GrammarName, string][] = [
  ['javascript', 'function (\n ) { if (a && { ] } "é😀" let = ;\n'],
  ['python', 'def f(:\n  x = [1, 2\nclass\n\tprint("😀"\n'],
  ['php', '<?php function f($a { echo "é" ?> <b>x</b> <?php $x = ;'],
  ['tsx', 'const C = () => <div a="é">{x && <b>{y ? 1 : }</b></div>;\n'],
];

/** Compares every node under `root`; returns how many. */
function compare(root: Node, label: string): number {
  const children = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(root), 'children')!.get!;
  let count = 0;
  const stack: Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    count++;
    assert.equal(n.typeId, runtimeNodeGetters.typeId!.call(n), `${label}: typeId at ${n.startIndex}`);
    assert.equal(n.isNamed, runtimeNodeGetters.isNamed!.call(n), `${label}: isNamed at ${n.startIndex}`);
    assert.equal(n.endIndex, runtimeNodeGetters.endIndex!.call(n), `${label}: endIndex at ${n.startIndex}`);
    // The type of every child as the runtime builds it (aliases included).
    for (const c of n.namedChildren) assert.equal(c.typeId, runtimeNodeGetters.typeId!.call(c), `${label}: child typeId at ${c.startIndex}`);
    for (const c of children.call(n) as Node[]) stack.push(c);
  }
  return count;
}

test('heap-read Node getters equal the runtime getters on every node of fixtures, examples, sources and broken code', async () => {
  const host = await testParsers();
  let total = 0;
  for (const [g, text] of BROKEN) total += (await host.withTree(g, text, (t) => compare(t.rootNode, `${g} broken`)))!;
  const files = [...sourceFilesUnder(path.join(ROOT, 'test/fixtures/security')), ...sourceFilesUnder(path.join(ROOT, 'test/fixtures/review')), ...sourceFilesUnder(path.join(ROOT, 'examples'))];
  for (const f of files) total += (await host.withTree(GRAMMAR_OF[path.extname(f)]!, readFileSync(f, 'utf8'), (t) => compare(t.rootNode, path.relative(ROOT, f))))!;
  assert.ok(total > 30_000, `compared ${total} nodes`);
  for (const k of ['typeId', 'isNamed', 'endIndex'] as const) assert.equal(typeof runtimeNodeGetters[k], 'function', `${k} is replaced`);
});

test('inside withChildrenMemo, namedChildren is listed once per node and equals the runtime list', async () => {
  const host = await testParsers();
  const text = readFileSync(path.join(ROOT, 'test/fixtures/security/python/flask_app.py'), 'utf8');
  await host.withTree('python', text, (tree) => {
    const ids = (ns: Node[]) => ns.map((n) => [n.id, n.startIndex, n.typeId]);
    withChildrenMemo(() => {
      const a = tree.rootNode.namedChildren[0]!;
      const b = tree.rootNode.namedChildren[0]!.parent!.namedChildren[0]!;
      assert.notEqual(a, tree.rootNode.child(0) ?? undefined, 'another Node object for the same node');
      assert.equal(a.namedChildren, b.namedChildren, 'one list for the node');
      assert.deepEqual(ids(a.namedChildren), ids(runtimeNodeGetters.namedChildren!.call(tree.rootNode.child(0)!) as Node[]));
    });
    // Outside the memo each Node object lists its own children.
    const c = tree.rootNode.namedChildren[0]!;
    const d = tree.rootNode.namedChildren[0]!;
    assert.notEqual(c.namedChildren, d.namedChildren);
  });
});
