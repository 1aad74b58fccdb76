/**
 * Literal data the taint walk skips (taint/inert.ts): only subtrees made of
 * literals, containers and string pieces, with no source or sanitizer node,
 * count as inert; anything the analyser gives a meaning to (a name, a call,
 * an operator, an interpolation, a comprehension, a ternary) does not. And
 * flows through the elements of literal collections are still found.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { InertNodes } from '../../../server/src/core/security/taint/inert';
import { langSpec } from '../../../server/src/core/security/taint/languages';
import { testParsers } from '../../helpers/parsers';
import { rangeOf, scanRule } from './helpers';

/** The value of the first assignment in `code` and whether it is inert, with `sources` marking nodes of the given texts as sources. */
async function inertValue(code: string, sources: readonly string[] = []): Promise<boolean> {
  const parsers = await testParsers();
  const out = await parsers.withTree('python', code, (tree) => {
    const marked = new Map<number, string[]>();
    const visit = (n: Node): void => {
      if (sources.includes(n.text)) marked.set(n.id, ['user-input']);
      n.namedChildren.forEach(visit);
    };
    visit(tree.rootNode);
    const value = tree.rootNode.descendantsOfType('assignment')[0]!.childForFieldName('right')!;
    return new InertNodes(langSpec('python'), marked, new Map()).has(value, value.type);
  });
  return out!;
}

test('literal tables are inert; names, calls, operators, interpolations and comprehensions are not', async () => {
  assert.equal(await inertValue(`T = {'a': 1, ('b', 2.5): [None, True, "x\\n"], 'c': {'d': ()}}`), true);
  assert.equal(await inertValue(`T = ('a' 'b', "c")`), true);
  for (const code of [`T = {'a': x}`, `T = [f()]`, `T = (1, -2)`, `T = [1 + 2]`, `T = f"{x}"`, `T = [a for a in b]`, `T = ['a' if c else 'b']`, `T = {**base}`, `T = [x.y]`, `T = [x[0]]`]) {
    assert.equal(await inertValue(code), false, code);
  }
  // A source node inside (whatever its type) makes the whole value count.
  assert.equal(await inertValue(`T = {'a': 'secret'}`, [`'secret'`]), false);
});

test('flows through literal collections are still found next to inert tables', async () => {
  const code = `import os, subprocess
from flask import request
MODES = {'fast': ['-q', '-x'], 'slow': ('-v',)}
def run():
    name = request.args.get('name')
    subprocess.call(['ls', '-l', name], shell=True)
    os.system(' '.join(['echo', 'ok']))
    os.system('ls ' + name)
`;
  const found = await scanRule('security/py-command-injection', code, 'python');
  // The list holding `name` is tainted; the one of constants only is clean (no finding on the `join`).
  assert.deepEqual(found.map((f) => f.range), [rangeOf(code, `['ls', '-l', name]`), rangeOf(code, `'ls ' + name`)], found.map((f) => f.message).join('\n'));
});
