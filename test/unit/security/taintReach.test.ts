/**
 * Which functions the taint walk skips (taint/reach.ts). A skipped function
 * must be one whose analysis could report nothing, so every way taint can
 * enter a function is checked twice: the flow is still reported end to end,
 * and `Reach` says the function may report. Functions that nothing tainted
 * can reach are asserted to be skipped, so the check can fail both ways.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Node } from 'web-tree-sitter';
import { testParsers } from '../../helpers/parsers';
import { langSpec } from '../../../server/src/core/security/taint/languages';
import { collectHelpers } from '../../../server/src/core/security/taint/syntax';
import { Reach } from '../../../server/src/core/security/taint/reach';
import { CLEAN, State, sourceFact } from '../../../server/src/core/security/taint/state';
import { rangeOf, scanRule } from './helpers';

const CMD = 'security/py-command-injection';

/** Asserts the rule reports exactly at the `at` markers, in order. */
async function expectAt(code: string, at: string[]): Promise<void> {
  const found = await scanRule(CMD, code, 'python');
  assert.deepEqual(found.map((f) => f.range), at.map((a) => rangeOf(code, a)), found.map((f) => f.message).join('\n'));
}

/** `Reach` over a parsed Python file whose sources start at the given marker texts. */
async function reachOf(code: string, sources: string[]): Promise<{ reach: Reach; fn: (name: string) => Node }> {
  const tree = (await (await testParsers()).parse('python', code))!;
  const helpers = new Map<string, Node | null>();
  collectHelpers(langSpec('python'), tree.rootNode, helpers, new Set());
  const fns = new Map<string, Node>();
  const visit = (n: Node): void => {
    if (n.type === 'function_definition') fns.set(n.childForFieldName('name')!.text, n);
    n.namedChildren.forEach(visit);
  };
  visit(tree.rootNode);
  const starts = sources.map((s) => code.indexOf(s));
  assert.ok(starts.every((s) => s >= 0));
  return { reach: new Reach(starts, helpers), fn: (name) => fns.get(name)! };
}

test('taint reach: a module-level tainted variable still reaches a function that reads it', async () => {
  await expectAt(
    `
import os, sys
TARGET = sys.argv[1]
def run():
    os.system("ping " + TARGET)
def other():
    os.system("ls")
`,
    ['"ping " + TARGET'],
  );
});

test('taint reach: a source inside a helper reaches its callers, also through another helper', async () => {
  await expectAt(
    `
import os
def read():
    return input()
def relay():
    return read().strip()
def run():
    os.system("echo " + relay())
def quiet():
    os.system("echo " + "x")
`,
    ['"echo " + relay()'],
  );
});

test('taint reach: functions nothing tainted can reach are skipped; the others are not', async () => {
  const code = `
import os, sys
def read():
    return input()
def relay():
    return read()
def uses_relay():
    os.system(relay())
def uses_global():
    os.system(TARGET)
def own_source():
    os.system(sys.argv[1])
def constant():
    os.system("ls")
def reads_self(self):
    os.system(self.cmd)
`;
  const { reach, fn } = await reachOf(code, ['input()', 'sys.argv[1]']);
  const clean = new State();
  assert.equal(reach.mayReport(fn('constant'), clean), false);
  assert.equal(reach.mayReport(fn('uses_global'), clean), false);
  assert.equal(reach.mayReport(fn('reads_self'), clean), false);
  assert.equal(reach.mayReport(fn('uses_relay'), clean), true, 'calls a helper that calls a helper holding a source');
  assert.equal(reach.mayReport(fn('own_source'), clean), true, 'holds a source');

  // The same functions after module code tainted some names.
  const tree = (await (await testParsers()).parse('python', 'x = input()'))!;
  const fact = sourceFact(tree.rootNode, 'user-input');
  const tainted = new State();
  tainted.set('TARGET', [fact]);
  tainted.set('self.cmd', [fact]);
  tainted.set('unrelated', CLEAN);
  assert.equal(reach.mayReport(fn('uses_global'), tainted), true, 'reads a tainted global');
  assert.equal(reach.mayReport(fn('reads_self'), tainted), true, 'reads a tainted member through its first word');
  assert.equal(reach.mayReport(fn('constant'), tainted), false, 'reads none of the tainted names');
  // A collection whose elements are tracked counts as tainted when any element is.
  const shaped = new State();
  shaped.setShape('TARGET', { kind: 'list', items: [CLEAN, [fact]] });
  assert.equal(reach.mayReport(fn('uses_global'), shaped), true);
});

test('taint reach: without source positions nothing is skipped', async () => {
  const { fn } = await reachOf('import os\ndef constant():\n    os.system("ls")\n', []);
  assert.equal(new Reach(undefined, new Map()).mayReport(fn('constant'), new State()), true);
});
