import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fn, incs, walk } from './helpers';

const fixture = (name: string): string => readFileSync(path.join(__dirname, '../../fixtures/review', name), 'utf8');
const JAVA = fixture('Orders.java');
const GO = fixture('shop.go');
const PHP = fixture('cart.php');

test('java: else-if chain, nested ternary, switch once, multi-catch', async () => {
  const f = await fn('java', JAVA, 'Orders.total');
  assert.deepEqual(incs(f), ['9:+1 for', '10:+2 nested if', '12:+1 else if', '12:+1 &&', '14:+1 else', '15:+3 nested ternary', '18:+1 switch', '25:+1 catch']);
  assert.equal(f.cognitiveComplexity, 11);
  // 1 + for + if + else-if + && + ?: + three `case` labels + catch
  assert.equal(f.cyclomaticComplexity, 10);
  assert.equal(f.maxNesting, 3);
  assert.deepEqual([f.params, f.isPublic, f.documented], [2, true, true]);
});

test('java: recursion, lambdas with labelled break, switch expressions, interfaces', async () => {
  assert.deepEqual(incs(await fn('java', JAVA, 'Orders.fib')), ['31:+1 ternary', '31:+1 recursion']);
  const lambda = await fn('java', JAVA, 'r');
  assert.deepEqual(incs(lambda), ['34:+1 for', '34:+2 nested for', '34:+1 break label']);
  const name = await fn('java', JAVA, 'Orders.name');
  assert.deepEqual([name.cognitiveComplexity, name.cyclomaticComplexity], [1, 3]);
  // @Override methods inherit their documentation; interface methods are public API.
  assert.equal((await fn('java', JAVA, 'Orders.toString')).isPublic, false);
  const area = await fn('java', JAVA, 'Shape.area');
  assert.deepEqual([area.isPublic, area.documented], [true, false]);
  assert.equal((await fn('java', JAVA, 'Shape.label')).documented, true);
});

test('java: hygiene hits for empty catch and System.out', async () => {
  const w = await walk('java', JAVA);
  assert.deepEqual(
    w.hygiene.map((h) => [h.rule, h.detail]),
    [
      ['empty-catch', 'empty catch block: the error is silently ignored'],
      ['debug-output', 'System.out.println()'],
    ],
  );
});

test('go: mixed logical sequence through parentheses, expression switch, doc comment', async () => {
  const f = await fn('go', GO, 'Total');
  assert.deepEqual(incs(f), ['8:+1 for', '9:+2 nested if', '9:+1 ||', '9:+1 &&', '11:+1 else if', '16:+1 switch']);
  assert.equal(f.cyclomaticComplexity, 8); // 1 + for + if + || + && + else-if + 2 cases
  assert.deepEqual([f.params, f.isPublic, f.documented, f.maxNesting], [2, true, true, 2]);
});

test('go: receiver recursion, select, goto, func literals, println', async () => {
  const f = await fn('go', GO, 'Tree.Walk');
  assert.deepEqual(incs(f), ['26:+1 if', '29:+1 recursion', '33:+1 select', '37:+1 for', '38:+2 nested if', '39:+1 goto']);
  assert.equal(f.cyclomaticComplexity, 5); // 1 + if + one non-default select case + for + if
  assert.equal(f.params, 3);
  assert.equal((await fn('go', GO, 'notify')).cognitiveComplexity, 0);
  const w = await walk('go', GO);
  assert.deepEqual(w.hygiene.map((h) => h.detail), ['println()']);
});

test('go: fmt.Println and fmt.Printf alone are found (the prefilter once needed another print in the file)', async () => {
  for (const call of ['fmt.Println("debug", x)', 'fmt.Printf("%v", x)', 'fmt.Print(x)']) {
    const w = await walk('go', `package shop\n\nimport "fmt"\n\nfunc f(x int) {\n\t${call}\n}\n`);
    assert.deepEqual(w.hygiene.map((h) => h.detail), [`${call.slice(0, call.indexOf('('))}()`], call);
  }
  const main = await walk('go', 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("output")\n}\n');
  assert.deepEqual(main.hygiene, [], 'a main package prints its output');
});

test('php: elseif, `and`, short ternary free, match once', async () => {
  const f = await fn('php', PHP, 'Cart.total');
  assert.deepEqual(incs(f), ['6:+1 foreach', '7:+2 nested if', '9:+1 else if', '9:+1 and', '11:+1 else', '15:+1 match', '16:+1 ternary']);
  // 1 + foreach + if + elseif + and + `?:` + one match arm + ternary
  assert.equal(f.cyclomaticComplexity, 8);
  assert.deepEqual([f.params, f.isPublic, f.documented], [2, true, true]);
});

test('php: $this recursion, private methods, arrow functions named after the call', async () => {
  const helper = await fn('php', PHP, 'Cart.helper');
  assert.deepEqual(incs(helper), ['21:+1 recursion', '22:+1 catch']);
  assert.equal(helper.isPublic, false);
  assert.deepEqual(incs(await fn('php', PHP, 'array_map() callback')), ['29:+1 ternary']);
  const top = await fn('php', PHP, 'top_level');
  assert.deepEqual([top.isPublic, top.documented], [true, false]);
  const w = await walk('php', PHP);
  assert.deepEqual(w.hygiene.map((h) => [h.rule, h.detail]), [
    ['empty-catch', 'empty catch block: the error is silently ignored'],
    ['debug-output', 'var_dump()'],
  ]);
});
