import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fn, incs, metrics } from './helpers';

// Expected numbers follow the SonarSource whitepaper; where it is silent, eslint-plugin-sonarjs
// 1.0.4 (the pinned oracle) decides. Fixtures are written fresh for Argus.

test('logical operator sequences (whitepaper B1)', async () => {
  const code = `
function a(x, y) { if (x || y) return 1; }
function b(x, y, z) { if (x && y || z) return 1; }
function c(x, y, z, w) { if (x && y && z && w) return 1; }
function d(x, y, z, w) { if (x || y && z || w) return 1; }
function e(x, y, z) { if (x && !(y && z)) return 1; }
function f(x, y, z) { if ((x && y) && z) return 1; }
`;
  assert.equal((await fn('javascript', code, 'a')).cognitiveComplexity, 2);
  assert.equal((await fn('javascript', code, 'b')).cognitiveComplexity, 3);
  assert.equal((await fn('javascript', code, 'c')).cognitiveComplexity, 2);
  assert.equal((await fn('javascript', code, 'd')).cognitiveComplexity, 4);
  assert.equal((await fn('javascript', code, 'e')).cognitiveComplexity, 3);
  // Parentheses do not break a sequence (ESTree has none).
  assert.equal((await fn('javascript', code, 'f')).cognitiveComplexity, 2);
});

test('switch counts once; cyclomatic counts each case (whitepaper example)', async () => {
  const code = `function words(n) {
  switch (n) {
    case 1: return 'one';
    case 2: return 'a couple';
    case 3: return 'a few';
    default: return 'lots';
  }
}`;
  const f = await fn('javascript', code, 'words');
  assert.equal(f.cognitiveComplexity, 1);
  assert.equal(f.cyclomaticComplexity, 4);
  assert.deepEqual(incs(f), ['2:+1 switch']);
});

test('nested loops with a labelled continue: cognitive 7, cyclomatic 4 (whitepaper example)', async () => {
  const code = `function primeSum(max) {
  let total = 0;
  outer: for (let i = 1; i <= max; ++i) {
    for (let j = 2; j < i; ++j) {
      if (i % j === 0) {
        continue outer;
      }
    }
    total += i;
  }
  return total;
}`;
  const f = await fn('javascript', code, 'primeSum');
  assert.equal(f.cognitiveComplexity, 7);
  assert.equal(f.cyclomaticComplexity, 4);
  assert.equal(f.maxNesting, 3);
  assert.deepEqual(incs(f), ['3:+1 for', '4:+2 nested for', '5:+3 nested if', '6:+1 continue label']);
});

test('else-if and else are hybrid: +1, no nesting penalty, but they nest their bodies', async () => {
  const code = `function pick(xs, k) {
  for (const x of xs) {
    if (x.ok && x.k === k) {
      return x;
    } else if (x.retry) {
      try { x.fix(); } catch (e) {
        log(e?.message);
      }
    } else {
      while (x.busy) x.wait();
    }
  }
  return undefined;
}`;
  const f = await fn('javascript', code, 'pick');
  assert.deepEqual(incs(f), ['2:+1 for', '3:+2 nested if', '3:+1 &&', '5:+1 else if', '6:+3 nested catch', '9:+1 else', '10:+3 nested while']);
  assert.equal(f.cognitiveComplexity, 12);
  // 1 + for + if + && + else-if + catch + ?. + while
  assert.equal(f.cyclomaticComplexity, 8);
  assert.equal(f.maxNesting, 3);
});

test('`??` counts like a logical operator (sonarjs 1.0.4); optional chaining does not', async () => {
  const f = await fn('typescript', `function g(o?: { a?: number }) { return o?.a ?? 0; }`, 'g');
  assert.deepEqual(incs(f), ['1:+1 ??']);
  assert.equal(f.cyclomaticComplexity, 3); // 1 + `?.` + `??` (ESLint complexity)
});

test('nested functions and callbacks are scored on their own, starting at nesting 0', async () => {
  const code = `function outer(list) {
  if (list) {
    list.forEach((item) => {
      if (item) {
        console.info(item);
      }
    });
  }
}`;
  const all = await metrics('javascript', code);
  assert.deepEqual(
    all.map((f) => [f.name, f.cognitiveComplexity, f.startLine]),
    [
      ['outer', 1, 1],
      ['list.forEach() callback', 1, 3],
    ],
  );
});

test('a function used as a ternary branch raises the rest of the enclosing function (sonarjs quirk)', async () => {
  const code = `function f(a) {
  const g = a ? () => 1 : null;
  if (a) {}
}`;
  const f = await fn('javascript', code, 'f');
  assert.deepEqual(incs(f), ['2:+1 ternary', '3:+2 nested if']);
});

test('default values and JSX short-circuits are exempt (sonarjs)', async () => {
  const code = `function h(o, a) {
  const name = o.a || 'anon';
  const list = o.b ?? [];
  a = a || {};
  const mixed = o.a || o.b;
  return <div>{o.x && o.y && <b/>}{o.x && o.y || <i/>}</div>;
}`;
  const f = await fn('javascriptreact', code, 'h');
  assert.deepEqual(incs(f), ['5:+1 ||', '6:+1 &&', '6:+1 ||']);
});

test('direct recursion adds +1 once (whitepaper; sonarjs 1.0.4 does not count it)', async () => {
  const code = `function fact(n) { return n <= 1 ? 1 : n * fact(n - 1) + fact(0); }
class T { walk(n) { if (n) this.walk(n.next); } }`;
  assert.deepEqual(incs(await fn('javascript', code, 'fact')), ['1:+1 ternary', '1:+1 recursion']);
  assert.deepEqual(incs(await fn('javascript', code, 'T.walk')), ['2:+1 if', '2:+1 recursion']);
});

test('cyclomatic follows ESLint complexity: defaults, logical assignment, optional calls', async () => {
  const code = `function k(a = 1, { b = 2 } = {}, c) {
  c ||= a;
  c?.();
  return a?.[b] && c;
}`;
  // 1 + 3 defaults + ||= + ?.() + ?.[ + &&
  assert.equal((await fn('javascript', code, 'k')).cyclomaticComplexity, 8);
});

test('TypeScript: parameters, names, anchors and the `this` parameter', async () => {
  const code = `export class Box<T> {
  private items: T[] = [];
  /** Adds one item. */
  add(this: Box<T>, item: T, at?: number): void {
    if (at !== undefined) this.items.splice(at, 0, item);
  }
}
export const size = (b: Box<unknown>): number => 0;
const cb = [1].map(function (x: number) { return x; });`;
  const all = await metrics('typescript', code);
  const add = all.find((f) => f.name === 'Box.add')!;
  assert.equal(add.params, 2);
  assert.equal(add.isPublic, true);
  assert.equal(add.documented, true);
  assert.deepEqual(add.nameRange, { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } });
  const size = all.find((f) => f.name === 'size')!;
  assert.equal(size.isPublic, true);
  assert.equal(size.documented, false);
  assert.deepEqual(size.anchor, { line: 7, character: 46 }); // the `=>` token, as SonarJS reports it
  assert.ok(all.some((f) => f.name === '[1].map() callback' && f.params === 1));
});

test('tree-sitter-typescript mis-parse of `a && b!.c` still yields one sequence', async () => {
  const f = await fn('typescript', `function m(a: any, b: any, c: any) { return a && b!.c && c; }`, 'm');
  assert.deepEqual(incs(f), ['1:+1 &&']);
});
