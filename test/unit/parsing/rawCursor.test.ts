import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Edit, type Node, type Tree, type TreeCursor } from 'web-tree-sitter';
import { testParsers } from '../../helpers/parsers';
import { GRAMMAR_OF, sourceFilesUnder } from '../../helpers/sourceFiles';
import type { GrammarName } from '../../../server/src/core/parsing/grammars';
import { languageLayout, walksAgree } from '../../../server/src/core/parsing/languageLayout';
import { openCursor, openCursorAt, RawCursor, type WalkCursor } from '../../../server/src/core/parsing/rawCursor';
import { heapViews } from '../../../server/src/core/parsing/wasmHeap';

// The heap-reading cursor (core/parsing/rawCursor.ts) must behave exactly like web-tree-sitter's own
// TreeCursor: the same moves succeed, and every node has the same type id, field, offsets and start
// position. Both cursors walk every node of every file below in pre-order and are compared step by step.

const ROOT = path.join(__dirname, '../../..');
const GRAMMARS: GrammarName[] = ['javascript', 'typescript', 'tsx', 'python', 'java', 'go', 'php'];

/** Text that exercises positions and error recovery: non-ASCII, astral characters, CRLF, tabs, broken code. */
const TRICKY: [GrammarName, string][] = [
  ['javascript', 'const s = "é😀";\r\n\tif (a && b) { f(`x${y}😀`) }\nfunction (\n  ) { return }} ] \n/* ünïcode */ let z = a ?? b?.c?.();\n'],
  ['typescript', 'class A<T> { @dec() m(x?: T): void { if (x!) { for (;;) break } } }\nconst t = <T,>(a: T) => a;\nenum E { A = 1, }\nlet x: = ;\n'],
  ['tsx', 'const C = () => <div a="é">{x && <b>{y ? 1 : 2}</b>}</div>;\nconst D = <\n'],
  ['python', 'def f(a, *, b=1):\n    """dôc"""\n    if a and not b:\n        return [x for x in a if x]\n    match a:\n        case _: pass\n\tprint("😀")\nclass C(:\n  x = lambda: 1\n'],
  ['java', 'class A { void m() { if (a || b) { try { x(); } catch (E e) {} } } int f(int x) { return switch (x) { case 1 -> 2; default -> 3; }; } \n void broken( { }\n'],
  ['go', 'package main\nfunc f(a int) (int, error) {\n\tif a > 0 && a < 9 { return a, nil }\n\tfor i := range a { _ = i }\n\tselect {}\n}\nfunc g( {\n'],
  ['php', '<?php\nfunction f($a) { if ($a and $b) { echo "é"; } elseif ($c) {} else { foreach ($a as $x) {} } }\n$x = $a ?: $b;\nclass { \n'],
];

interface Step { type: number; name: string; named: boolean; id: number; field: number; start: number; end: number; row: number; col: number }

function read(c: WalkCursor | TreeCursor): Step {
  const p = c.startPosition;
  return { type: c.nodeTypeId, name: c.nodeType, named: c.nodeIsNamed, id: c.nodeId, field: c.currentFieldId, start: c.startIndex, end: c.endIndex, row: p.row, col: p.column };
}

/** Walks both cursors in lock step over every node (from `start`, default the root); returns the number of nodes compared. */
function compare(tree: Tree, label: string, start?: Node): number {
  const real = start ? start.walk() : tree.walk();
  const raw = start ? openCursorAt(start) : openCursor(tree);
  assert.ok(raw instanceof RawCursor, `${label}: the heap-reading cursor is used`);
  let nodes = 0;
  try {
    for (;;) {
      assert.deepEqual(read(raw), read(real), `${label}: node ${nodes}`);
      if (nodes % 37 === 0) assert.equal(raw.currentNode.id, real.currentNode.id, `${label}: currentNode ${nodes}`);
      nodes++;
      const down = real.gotoFirstChild();
      assert.equal(raw.gotoFirstChild(), down, `${label}: gotoFirstChild after node ${nodes}`);
      if (down) continue;
      let next = false;
      for (;;) {
        next = real.gotoNextSibling();
        assert.equal(raw.gotoNextSibling(), next, `${label}: gotoNextSibling after node ${nodes}`);
        if (next) break;
        const up = real.gotoParent();
        assert.equal(raw.gotoParent(), up, `${label}: gotoParent after node ${nodes}`);
        if (!up) return nodes;
      }
    }
  } finally {
    real.delete();
    raw.delete();
  }
}

test('the heap layout checks out for every grammar, and a wrong layout is refused', async () => {
  const host = await testParsers();
  const heap = heapViews()!;
  for (const g of GRAMMARS) {
    const language = await host.language(g);
    const layout = languageLayout(language);
    assert.notEqual(layout, null, g);
    assert.equal(walksAgree(language, layout!, heap), true, `${g}: the sample walk agrees`);
    // Tables read two bytes off: the sample walk must notice (types or aliases differ).
    assert.equal(walksAgree(language, { ...layout!, publicSymbolMap: layout!.publicSymbolMap + 2 }, heap), false, `${g}: a shifted symbol map is refused`);
  }
});

test('the heap-reading cursor walks tricky and broken code exactly like the runtime cursor', async () => {
  const host = await testParsers();
  for (const [g, text] of TRICKY) {
    const nodes = await host.withTree(g, text, (tree) => compare(tree, `${g} snippet`));
    assert.ok(nodes! > 20, `${g}: walked ${nodes} nodes`);
  }
});

test('the heap-reading cursor walks every fixture, example and source file exactly like the runtime cursor', async () => {
  const host = await testParsers();
  const files = [...sourceFilesUnder(path.join(ROOT, 'test/fixtures')), ...sourceFilesUnder(path.join(ROOT, 'examples')), ...sourceFilesUnder(path.join(ROOT, 'server/src/core/review'))];
  const seen = new Set<GrammarName>();
  let total = 0;
  for (const f of files) {
    const g = GRAMMAR_OF[path.extname(f)]!;
    seen.add(g);
    total += (await host.withTree(g, readFileSync(f, 'utf8'), (tree) => compare(tree, path.relative(ROOT, f))))!;
  }
  for (const g of GRAMMARS) assert.ok(seen.has(g), `a ${g} file was walked`);
  assert.ok(total > 50_000, `walked ${total} nodes`);
});

test('the heap-reading cursor agrees on re-parsed trees and after the heap grows', async () => {
  const host = await testParsers();
  const text = readFileSync(path.join(ROOT, 'server/src/core/review/walker.ts'), 'utf8');
  const parser = await host.parser('typescript');
  const first = parser.parse(text)!;
  const edited = text.replace('walkTree(', 'walkTree2(');
  const at = text.indexOf('walkTree(');
  const before = text.slice(0, at);
  const point = { row: before.split('\n').length - 1, column: at - (before.lastIndexOf('\n') + 1) };
  first.edit(new Edit({ startIndex: at, oldEndIndex: at + 8, newEndIndex: at + 9, startPosition: point, oldEndPosition: { ...point, column: point.column + 8 }, newEndPosition: { ...point, column: point.column + 9 } }));
  const second = parser.parse(edited, first)!;
  // Many live trees force the wasm memory to grow while a raw cursor is open.
  const raw = openCursor(second);
  raw.gotoFirstChild();
  const held: Tree[] = [];
  for (let i = 0; i < 60; i++) held.push(parser.parse(edited)!);
  try {
    const real = second.walk();
    real.gotoFirstChild();
    assert.deepEqual(read(raw), read(real));
    real.delete();
    raw.delete();
    assert.ok(compare(second, 'edited') > 1000);
  } finally {
    for (const t of held) t.delete();
    first.delete();
    second.delete();
  }
});

test('a heap-reading cursor started at an inner node walks its subtree like node.walk()', async () => {
  const host = await testParsers();
  for (const [g, text] of TRICKY) {
    await host.withTree(g, text, (tree) => {
      // Every named node of the first levels, including aliased and error nodes.
      const starts = tree.rootNode.namedChildren.flatMap((n) => [n, ...n.namedChildren]);
      assert.ok(starts.length > 2, g);
      for (const n of starts) compare(tree, `${g} from ${n.type}@${n.startIndex}`, n);
    });
  }
});
