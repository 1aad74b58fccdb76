/**
 * Shared pattern shapes (server/src/core/security/patternShapes.ts): a
 * pattern's shape compiled without predicates, plus its predicates evaluated
 * by `satisfies`, must give exactly the matches web-tree-sitter gives for the
 * pattern as written. Each predicate form web-tree-sitter knows in the eq and
 * match families is compared here, on code where it holds, fails, and has
 * nothing captured (an optional capture), because the built-in rules use
 * only some of them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { QueryCapture } from 'web-tree-sitter';
import { renamed, satisfies, shapeOf } from '../../../server/src/core/security/patternShapes';
import { testParsers } from '../../helpers/parsers';

const CODE = `
eval(a); exec(b); evil(c); eval(); run(run); run(stop);
os.system(x); os.popen(y); sys.system(z); obj.evalx(w);
mix(a, b); both(b, b);
`;

const PATTERNS = [
  '(call_expression function: (identifier) @f (#eq? @f "eval") arguments: (arguments (identifier)? @a)) @call',
  '(call_expression function: (identifier) @f (#not-eq? @f "eval")) @call',
  '(call_expression function: (identifier) @f (#any-eq? @f "exec"))',
  '(call_expression function: (identifier) @f (#any-not-eq? @f "exec"))',
  '(call_expression function: (identifier) @f arguments: (arguments (identifier) @a) (#eq? @f @a))',
  '(call_expression function: (identifier) @f arguments: (arguments (identifier) @a) (#not-eq? @f @a))',
  '(call_expression function: (identifier) @f arguments: (arguments (identifier)? @a) (#match? @a "^[ab]$"))',
  '(call_expression function: (identifier) @f arguments: (arguments (identifier)? @a) (#not-match? @a "^[ab]$"))',
  '(call_expression function: (identifier) @f arguments: (arguments (identifier)? @a) (#any-match? @a "^[ab]$"))',
  '(call_expression function: (identifier) @f arguments: (arguments (identifier)? @a) (#any-not-match? @a "^[ab]$"))',
  '(call_expression function: (member_expression object: (identifier) @o (#eq? @o "os") property: (property_identifier) @p (#match? @p "^(system|popen)$")))',
  '(call_expression function: (member_expression object: (identifier) @x property: (property_identifier) @y (#match? @y "\\\\.|^eval")))',
  // One capture name on two nodes: the all/any difference.
  '(call_expression arguments: (arguments (identifier) @a (identifier) @a) (#eq? @a "b"))',
  '(call_expression arguments: (arguments (identifier) @a (identifier) @a) (#any-eq? @a "b"))',
  '(call_expression arguments: (arguments (identifier) @a (identifier) @a) (#match? @a "b"))',
  '(call_expression arguments: (arguments (identifier) @a (identifier) @a) (#any-not-match? @a "b"))',
];

function keyOf(captures: readonly QueryCapture[]): string {
  return captures.map((c) => `${c.name}=${c.node.text}@${c.node.startIndex}`).join(' ');
}

test('a shape plus its predicates matches exactly what the pattern as written matches, for every eq and match predicate form', async () => {
  const parsers = await testParsers();
  let nonEmpty = 0;
  await parsers.withTree('javascript', CODE, async (tree) => {
    for (const pattern of PATTERNS) {
      const shape = shapeOf(pattern);
      assert.ok(shape, `a shape for ${pattern}`);
      assert.doesNotMatch(shape.text, /#/, 'the shape has no predicates');
      const written = (await parsers.query('javascript', pattern)).matches(tree.rootNode).map((m) => keyOf(m.captures));
      const shaped = (await parsers.query('javascript', shape.text))
        .matches(tree.rootNode)
        .filter((m) => satisfies(shape.predicates, m.captures))
        .map((m) => keyOf(renamed(m.captures, shape.names, 0)));
      assert.deepEqual(shaped, written, pattern);
      if (written.length) nonEmpty++;
    }
  });
  assert.equal(nonEmpty, PATTERNS.length, 'every pattern matches something, so no comparison is vacuous');
});

test('patterns that differ only in predicates and capture names share a shape; others do not', () => {
  const a = shapeOf('(call function: (identifier) @f (#eq? @f "eval")) @m')!;
  const b = shapeOf('(call  function: (identifier) @name (#match? @name "^exec$"))   @whole')!;
  const c = shapeOf('(call function: (attribute) @f (#eq? @f "eval")) @m')!;
  assert.equal(a.key, b.key);
  assert.notEqual(a.key, c.key);
  assert.deepEqual([...b.names.values()], ['name', 'whole']);
  assert.equal(b.text.includes('#'), false);
});

test('a pattern whose predicates cannot be evaluated exactly here is compiled as written', () => {
  for (const p of [
    '((identifier) @x (#any-of? @x "a" "b"))',
    '((identifier) @x (#set! kind "v"))',
    '((identifier) @x (#eq? @x "a\\0"))',
    '((identifier) @x (#match? @x "("))',
    '((identifier) @x (#eq? @y "a"))',
    '((identifier) @x (#eq? @x "a" "b"))',
    '(call (',
  ]) {
    assert.equal(shapeOf(p), undefined, p);
  }
});
