/**
 * The per-function cost shown in the review code lenses: the sorted lookup of
 * `functionCosts` must give exactly (to the last bit) the costs of the plain
 * definition, which compares every pair of functions: a finding belongs to
 * the innermost function around its line, and two functions on the same
 * lines both contain each other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { functionCosts, reviewLenses } from '../../server/src/lsp/reviewLens';

type Fn = { name: string; startLine: number; endLine: number; cognitiveComplexity: number; cyclomaticComplexity: number };
type Rec = { line: number; share: number };

/** The definition, pair by pair (what the lenses computed before). */
function plainCosts(functions: readonly Fn[], recoverable: readonly Rec[]): number[] {
  return functions.map((f) => {
    const inner = functions.filter((g) => g !== f && g.startLine >= f.startLine && g.endLine <= f.endLine);
    return recoverable.filter((x) => x.line >= f.startLine && x.line <= f.endLine && !inner.some((g) => x.line >= g.startLine && x.line <= g.endLine)).reduce((n, x) => n + x.share, 0);
  });
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

test('function costs equal the pairwise definition on random nested functions', () => {
  const next = rng(7);
  let withCost = 0;
  for (let round = 0; round < 300; round++) {
    const functions: Fn[] = [];
    const n = Math.floor(next() * 30);
    for (let i = 0; i < n; i++) {
      // Nested, sibling and same-line functions, in no particular order.
      const start = 1 + Math.floor(next() * 60);
      const end = start + Math.floor(next() * (next() < 0.3 ? 1 : 25));
      functions.push({ name: `f${i}`, startLine: start, endLine: end, cognitiveComplexity: 1, cyclomaticComplexity: 1 });
      if (next() < 0.1) functions.push({ ...functions.at(-1)!, name: `twin${i}` });
    }
    const recoverable = Array.from({ length: Math.floor(next() * 40) }, () => ({ line: 1 + Math.floor(next() * 90), share: next() * 3 }));
    const want = plainCosts(functions, recoverable);
    assert.deepEqual(functionCosts(functions, recoverable), want, `round ${round}`);
    withCost += want.filter((c) => c > 0).length;
  }
  assert.ok(withCost > 500, `only ${withCost} functions had a cost`);
});

test('lens titles show the cost of the innermost function only', () => {
  const fn = (name: string, startLine: number, endLine: number): Fn => ({ name, startLine, endLine, cognitiveComplexity: 2, cyclomaticComplexity: 3 });
  const lenses = reviewLenses({
    score: 90,
    grade: 'A',
    dimensions: [],
    functions: [fn('outer', 1, 10), fn('inner', 3, 5)],
    recoverable: [{ line: 2, share: 1.25 }, { line: 4, share: 0.5 }, { line: 20, share: 9 }],
  });
  assert.deepEqual(lenses.map((l) => l.command?.title), ['Argus score 90 (A)', 'cognitive 2 · cyclomatic 3 · costs 1.3 pts', 'cognitive 2 · cyclomatic 3 · costs 0.5 pts']);
});
