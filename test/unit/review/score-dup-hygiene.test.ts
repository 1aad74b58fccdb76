import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeScore, gradeOf, type Penalty } from '../../../server/src/core/review/score';
import { type DimensionKey } from '../../../server/src/core/review/rules';
import { DEFAULT_THRESHOLDS } from '../../../server/src/core/config/types';
import { DuplicationIndex, findInFileDuplicates, fingerprintFile } from '../../../server/src/core/review/duplication';
import { findCommentedCode, findTodos, looksLikeCode } from '../../../server/src/core/review/hygiene';
import { skipReason } from '../../../server/src/core/review/generated';
import { walk } from './helpers';

const W: Record<DimensionKey, number> = { complexity: 30, size: 15, duplication: 15, hygiene: 10, security: 20, documentation: 10 };
const pen = (dimension: DimensionKey, points: number, line = 0, ruleId = `review/${dimension}`): Penalty => ({ dimension, ruleId, points, line, character: 0, message: ruleId });

test('score: saturating loss per dimension, exact recoverable points, grade bands', () => {
  assert.deepEqual(computeScore([], W), { score: 100, grade: 'A', dimensions: computeScore([], W).dimensions, recoverable: [], gradeCap: undefined });
  const one = computeScore([pen('complexity', 3)], W);
  assert.equal(one.score, 97.1); // 100 − 30 × (1 − e^(−3/30))
  assert.deepEqual(one.recoverable, [{ ruleId: 'review/complexity', line: 1, message: 'review/complexity', points: 2.9, share: 2.9 }]);
  // A dimension never loses more than its weight, and each extra finding still costs something.
  const many = computeScore(Array.from({ length: 40 }, (_, i) => pen('hygiene', 2, i)), W);
  assert.equal(many.dimensions.find((d) => d.key === 'hygiene')!.lost, 10);
  assert.ok(many.recoverable[0]!.points >= 0);
  assert.equal(many.score, 90);
  assert.deepEqual(['A', 'B', 'C', 'D', 'E'], [95, 80, 65, 45, 10].map(gradeOf));
  assert.equal(gradeOf(90), 'A');
  assert.equal(gradeOf(89.9), 'B');
});

test('score: the weights are documented defaults that sum to 100', () => {
  const sum = Object.entries(DEFAULT_THRESHOLDS).filter(([k]) => k.startsWith('review.weight.')).reduce((s, [, v]) => s + v, 0);
  assert.equal(sum, 100);
});

test('score: security severity caps the grade', () => {
  const s = computeScore([{ ...pen('security', 0.5), severity: 'warning' }], W);
  assert.equal(s.score, 99.5);
  assert.equal(s.grade, 'B');
  assert.equal(s.gradeCap, 'a security finding of severity warning limits the grade to B');
});

test('duplication: a repeated block is found once, at its later copy, with its extent', () => {
  const block = Array.from({ length: 60 }, (_, i) => 1000 + i);
  const tokens = [...block, 7, 8, 9, ...block, 5];
  const lines = tokens.map((_, i) => Math.floor(i / 6));
  const dups = findInFileDuplicates(tokens, lines, 50, 3);
  assert.deepEqual(dups, [{ line: 10, endLine: 20, originalLine: 0, originalEndLine: 9, tokens: 60 }]);
  assert.deepEqual(findInFileDuplicates(tokens, lines, 61, 3), []); // shorter than the window
  assert.deepEqual(findInFileDuplicates(tokens, lines, 50, 12), []); // spans too few lines
});

test('duplication: overlapping repeats and low-variety runs are not duplicates', () => {
  const zeros = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 0 : 44));
  assert.deepEqual(findInFileDuplicates(zeros, zeros.map((_, i) => i), 50, 1), []);
});

test('duplication index: cross-file blocks are reported with the other path, never all pairs', () => {
  const shared = Array.from({ length: 150 }, (_, i) => (i * 7919) % 1009);
  const a = [...Array.from({ length: 30 }, (_, i) => 5000 + i), ...shared];
  const b = [...shared, ...Array.from({ length: 30 }, (_, i) => 9000 + i)];
  const c = Array.from({ length: 300 }, (_, i) => 20000 + i);
  const lineOf = (xs: number[]): number[] => xs.map((_, i) => Math.floor(i / 10));
  const index = new DuplicationIndex();
  index.add(fingerprintFile('a.ts', a, lineOf(a), 50));
  index.add(fingerprintFile('b.ts', b, lineOf(b), 50));
  index.add(fingerprintFile('c.ts', c, lineOf(c), 50));
  const dupA = index.duplicatesOf('a.ts');
  assert.equal(dupA.length, 1);
  assert.equal(dupA[0]!.otherPath, 'b.ts');
  assert.ok(dupA[0]!.line >= 3 && dupA[0]!.endLine <= 17);
  assert.ok(dupA[0]!.endLine - dupA[0]!.line >= 8);
  assert.deepEqual(index.duplicatesOf('c.ts'), []);
  index.remove('b.ts');
  assert.deepEqual(index.duplicatesOf('a.ts'), []);
  assert.equal(index.size, 2);
  // Re-indexing (the editor does it on every edit): a file added later that shares the block is
  // found from both sides, and a file that first shared nothing finds it once it does.
  index.add(fingerprintFile('c.ts', [...c.slice(0, 100), ...shared], lineOf([...c.slice(0, 100), ...shared]), 50));
  const dupC = index.duplicatesOf('c.ts');
  assert.equal(dupC.length, 1);
  assert.equal(dupC[0]!.otherPath, 'a.ts');
  assert.deepEqual(index.duplicatesOf('a.ts').map((d) => d.otherPath), ['c.ts']);
  index.add(fingerprintFile('c.ts', c, lineOf(c), 50));
  assert.deepEqual(index.duplicatesOf('a.ts'), []);
  assert.deepEqual(index.duplicatesOf('c.ts'), []);
  // A file indexed before any other shared its block learns of the later copy.
  const fresh = new DuplicationIndex();
  fresh.add(fingerprintFile('x.ts', a, lineOf(a), 50));
  fresh.add(fingerprintFile('y.ts', c, lineOf(c), 50));
  fresh.add(fingerprintFile('z.ts', b, lineOf(b), 50));
  assert.deepEqual(fresh.duplicatesOf('x.ts').map((d) => d.otherPath), ['z.ts']);
  assert.deepEqual(fresh.duplicatesOf('y.ts'), []);
});

test('hygiene: TODO markers and commented-out code vs prose', async () => {
  const w = await walk(
    'typescript',
    `// TODO: handle retries
/* FIXME(ana) overflow */
// if there's a replacement, enable it instead of the original
// const old = compute(a, b);
// return old;
// eslint-disable-next-line no-console
/** @example foo(1); */
function f() { return 1; } // see https://example.com/x?y=1;
`,
  );
  assert.deepEqual(
    findTodos(w.comments).map((t) => [t.tag, t.text]),
    [
      ['TODO', 'handle retries'],
      ['FIXME', 'overflow'],
    ],
  );
  assert.deepEqual(
    findCommentedCode(w.comments, 'js').map((c) => [c.line, c.endLine, c.lines]),
    [[2, 5, 2]],
  );
  assert.equal(looksLikeCode(' x = compute(y);', 'js'), true);
  assert.equal(looksLikeCode(' for each item in the list', 'python'), false);
  assert.equal(looksLikeCode(' result = fetch(url)', 'python'), true);
});

test('hygiene: printing in main is output, not debugging', async () => {
  const py = await walk('python', `def f():\n    print("debug")\n\nif __name__ == "__main__":\n    print("usage")\n    breakpoint()\n`);
  assert.deepEqual(py.hygiene.map((h) => h.detail), ['print()', 'breakpoint()']);
  const go = await walk('go', `package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hi"); println("dbg") }\n`);
  assert.deepEqual(go.hygiene.map((h) => h.detail), ['println()']);
  const js = await walk('javascript', `function g(x) { console.error(x); console.log(x); debugger; }`);
  assert.deepEqual(js.hygiene.map((h) => h.detail), ['console.log()', 'debugger statement']);
  const bare = await walk('python', `try:\n    x()\nexcept:\n    log()\ntry:\n    y()\nexcept ValueError:\n    pass\ntry:\n    z()\nexcept KeyError:\n    pass  # expected\n`);
  assert.deepEqual(bare.hygiene.map((h) => h.detail), ['bare except: catches SystemExit and KeyboardInterrupt too', 'except block only passes: the error is silently ignored']);
});

test('generated-file detection', () => {
  assert.equal(skipReason('a.ts', 'export const a = 1;\n'), undefined);
  assert.equal(skipReason('vendor/jquery.min.js', 'x'), 'minified file (.min.js)');
  assert.equal(skipReason('gen.py', '# @generated by tool\nx = 1\n'), 'generated file (header says "@generated")');
  assert.match(skipReason('a.js', 'x'.repeat(9000) + '\n' + 'y\n'.repeat(3))!, /^minified or generated: average line length 1801 characters$/);
});
