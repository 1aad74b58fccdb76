/** Reading `git diff --unified=0` output (real git output shapes) and the changed-line test. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseUnifiedDiff, unquoteGitPath } from '../../../server/src/core/ci/diffHunks';
import { touchesChangedLines } from '../../../server/src/core/ci/changedLines';

const PATCH = [
  'diff --git a/app/a.js b/app/a.js',
  'index 1111111..2222222 100644',
  '--- a/app/a.js',
  '+++ b/app/a.js',
  '@@ -2,0 +3,2 @@ function f() {',
  '+++ this added line starts with two pluses',
  '+--- and this one looks like a header',
  '@@ -10 +12 @@',
  '-old',
  '+new',
  '@@ -20,3 +23,0 @@',
  '-gone',
  '-gone',
  '-gone',
  'diff --git a/new.py b/new.py',
  'new file mode 100644',
  'index 0000000..3333333',
  '--- /dev/null',
  '+++ b/new.py',
  '@@ -0,0 +1,4 @@',
  '+a',
  '+b',
  '+c',
  '+d',
  'diff --git a/dead.js b/dead.js',
  'deleted file mode 100644',
  'index 4444444..0000000',
  '--- a/dead.js',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-x',
  '-y',
  'diff --git a/old name.js b/src/new name.js',
  'similarity index 91%',
  'rename from old name.js',
  'rename to src/new name.js',
  'index 5555555..6666666 100644',
  '--- a/old name.js',
  '+++ b/src/new name.js',
  '@@ -7 +7 @@',
  '-a',
  '+b',
  'diff --git a/moved.js b/lib/moved.js',
  'similarity index 100%',
  'rename from moved.js',
  'rename to lib/moved.js',
  'diff --git a/img.png b/img.png',
  'index 7777777..8888888 100644',
  'Binary files a/img.png and b/img.png differ',
  'diff --git "a/tab\\there.js" "b/tab\\there.js"',
  'index 9999999..aaaaaaa 100644',
  '--- "a/tab\\there.js"',
  '+++ "b/tab\\there.js"',
  '@@ -1 +1 @@',
  '-q',
  '+r',
  '',
].join('\n');

test('parses modifications, new, deleted, renamed, binary and quoted files', () => {
  const { value, problems } = parseUnifiedDiff(PATCH);
  assert.deepEqual(problems, []);
  assert.deepEqual(value, [
    { path: 'app/a.js', oldPath: 'app/a.js', lines: [{ from: 3, to: 4 }, { from: 12, to: 12 }], wholeFile: false },
    { path: 'new.py', oldPath: null, lines: [{ from: 1, to: 4 }], wholeFile: false },
    { path: 'src/new name.js', oldPath: 'old name.js', lines: [{ from: 7, to: 7 }], wholeFile: false },
    { path: 'lib/moved.js', oldPath: 'moved.js', lines: [], wholeFile: false },
    { path: 'img.png', oldPath: 'img.png', lines: [], wholeFile: true },
    { path: 'tab\there.js', oldPath: 'tab\there.js', lines: [{ from: 1, to: 1 }], wholeFile: false },
  ]);
});

test('an empty patch is no change; an unreadable header is a problem, not a guess', () => {
  assert.deepEqual(parseUnifiedDiff(''), { value: [], problems: [] });
  const bad = parseUnifiedDiff('diff --git a/x b/y\nindex 1..2 100644\nBinary files differ\n');
  assert.equal(bad.value, undefined);
  assert.deepEqual(bad.problems, ["line 1: cannot read the file names of 'diff --git a/x b/y'"]);
});

test('unquotes C-style names, octal UTF-8 bytes included', () => {
  assert.equal(unquoteGitPath('"caf\\303\\251 \\"q\\".js"'), 'café "q".js');
  assert.equal(unquoteGitPath('plain name.js'), 'plain name.js');
});

test('a finding counts when any of its lines changed; a range ending at column 0 does not reach that line', () => {
  const r = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
  const change = { oldPath: 'a', lines: [{ from: 5, to: 6 }] };
  assert.equal(touchesChangedLines(r(4, 0, 4, 3), change), true, 'line 5 (0-based 4)');
  assert.equal(touchesChangedLines(r(6, 0, 6, 3), change), false, 'line 7');
  assert.equal(touchesChangedLines(r(1, 0, 9, 0), change), true, 'a function spanning the change');
  assert.equal(touchesChangedLines(r(2, 0, 4, 0), change), false, 'ends at column 0 of line 5');
  assert.equal(touchesChangedLines(r(2, 0, 2, 1), { oldPath: null, lines: 'all' }), true);
  assert.equal(touchesChangedLines(r(2, 0, 2, 1), undefined), false, 'unchanged file');
});
