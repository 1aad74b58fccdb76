import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fn, incs, metrics, walk } from './helpers';

const SAMPLE = readFileSync(path.join(__dirname, '../../fixtures/review/python_sample.py'), 'utf8');

test('python: elif/else hybrids, loop else, except, comprehension, conditional expression', async () => {
  const f = await fn('python', SAMPLE, 'classify');
  assert.deepEqual(incs(f), ['4:+1 for', '5:+2 nested if', '5:+1 and', '7:+1 else if', '9:+1 else', '11:+1 else', '15:+1 except', '17:+1 ternary']);
  assert.equal(f.cognitiveComplexity, 9);
  assert.equal(f.cyclomaticComplexity, 10); // radon cc: 10
  assert.equal(f.maxNesting, 2);
  assert.equal(f.lines, 16); // the docstring is documentation, not code
  assert.equal(f.params, 2);
  assert.equal(f.isPublic, true);
  assert.equal(f.documented, true);
});

test('python: methods exclude self; lambdas are their own functions but count for radon cyclomatic', async () => {
  const price = await fn('python', SAMPLE, 'Shop.price');
  assert.equal(price.params, 2); // item, discount (self and the `*` marker are not parameters)
  assert.equal(price.cognitiveComplexity, 0);
  assert.equal(price.cyclomaticComplexity, 2); // radon cc: 2 (the lambda's conditional counts here)
  assert.equal(price.isPublic, true);
  assert.equal(price.documented, false);
  const key = await fn('python', SAMPLE, 'key');
  assert.deepEqual([key.cognitiveComplexity, key.cyclomaticComplexity, key.params], [1, 2, 1]);
});

test('python: try/except/else/finally and assert follow radon; assert contents still count for cognitive', async () => {
  const f = await fn('python', SAMPLE, 'Shop._helper');
  assert.equal(f.cyclomaticComplexity, 6); // radon cc: 6
  assert.deepEqual(incs(f), ['28:+1 except', '30:+1 except', '36:+1 and', '36:+1 ternary', '37:+1 while']);
  assert.equal(f.isPublic, false);
});

test('python: match counts once for cognitive; cases and guards are cyclomatic decisions', async () => {
  const code = `def kind(v):
    match v:
        case 1:
            return 'one'
        case str(s) if s:
            return s
        case _:
            return 'other'
`;
  const f = await fn('python', code, 'kind');
  assert.deepEqual(incs(f), ['2:+1 match']);
  assert.equal(f.cyclomaticComplexity, 4); // deliberate deviation: radon 5.1 says 1
});

test('python: recursion through the name or self', async () => {
  const code = `def walk(node):
    if node:
        walk(node.left)

class Tree:
    def size(self, n):
        return 0 if n is None else 1 + self.size(n.left) + self.size(n.right)
`;
  assert.deepEqual(incs(await fn('python', code, 'walk')), ['2:+1 if', '3:+1 recursion']);
  assert.deepEqual(incs(await fn('python', code, 'Tree.size')), ['7:+1 ternary', '7:+1 recursion']);
});

test('python: nested def and decorated functions', async () => {
  const code = `import functools

def retry(times):
    def wrap(fn):
        @functools.wraps(fn)
        def inner(*args):
            for _ in range(times):
                if fn(*args):
                    return True
            return False
        return inner
    return wrap
`;
  const all = await metrics('python', code);
  assert.deepEqual(
    all.map((f) => [f.name, f.startLine, f.cognitiveComplexity, f.cyclomaticComplexity, f.maxNesting]),
    [
      ['retry', 3, 0, 1, 0],
      ['wrap', 4, 0, 1, 0],
      ['inner', 6, 3, 3, 2],
    ],
  );
});

test('python: line kinds count docstrings and comments as non-code', async () => {
  const w = await walk('python', `"""Module doc."""\n\n# comment\nx = 1  # trailing\n`);
  assert.deepEqual([...w.lineKinds], [2, 0, 2, 1, 0]);
  assert.equal(w.comments.length, 2);
});
