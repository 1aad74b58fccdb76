/**
 * `findDirectives` re-reads only the lines an edit touched when it is given
 * the next version of the text it scanned last. After every one of many
 * random edits (typing, deleting, new and removed lines, directives written
 * and broken), the result must equal a scan from scratch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDirectives } from '../../../server/src/core/suppression/directives';
import { LineIndex } from '../../../server/src/core/model/text';

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A scan that cannot reuse anything: the previous text is unrelated. */
function fromScratch(text: string): ReturnType<typeof findDirectives> {
  findDirectives(new LineIndex('\u0000 unrelated'));
  return findDirectives(new LineIndex(text));
}

const LINES = [
  'const a = eval(x);',
  '// argus-ignore-next-line security/js-eval -- reviewed',
  'eval(y); // nosemgrep: js-eval',
  '/* eslint-disable-next-line no-eval */',
  'doIt(); // eslint-disable-line',
  'const key = "AKIAxxxx"; // gitleaks:allow',
  'legacy(); //NOSONAR',
  '# argus-ignore-file security/py-eval',
  'function f() {',
  '  return 1;',
  '}',
  '',
];
const SNIPPETS = ['\n', '\n\n', 'x', ' ', '// ', 'argus-ignore-next-line ', 'nosem', 'eslint-disable-line', 'NOSONAR', 'gitleaks:allow', '-- why', '*/', '#'];

test('findDirectives after an edit equals a scan from scratch (2,000 random edits)', () => {
  const rand = rng(20261124);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  let text = Array.from({ length: 300 }, () => pick(LINES)).join('\n');
  let reused = 0;
  findDirectives(new LineIndex(text));
  for (let i = 0; i < 2000; i++) {
    const at = Math.floor(rand() * (text.length + 1));
    const r = rand();
    if (r < 0.5) text = text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
    else if (r < 0.85) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 3));
    else {
      // Whole lines: a directive line copied elsewhere, or a run of lines removed.
      const lines = text.split('\n');
      const k = Math.floor(rand() * lines.length);
      if (rand() < 0.5) lines.splice(k, 0, pick(LINES));
      else lines.splice(k, 1 + Math.floor(rand() * 4));
      text = lines.join('\n');
    }
    const incremental = findDirectives(new LineIndex(text));
    const expected = fromScratch(text);
    assert.deepEqual(incremental, expected, `edit ${i}`);
    if (expected.length) reused++;
    findDirectives(new LineIndex(text)); // the next edit starts from this text again
  }
  assert.ok(reused > 1500, `texts with directives: ${reused}`);
});

test('findDirectives: CR line breaks near an edit are scanned from scratch, with the same result', () => {
  const base = 'a();\r\n// argus-ignore-next-line x\r\neval(z);\r// nosemgrep\rq();\n';
  findDirectives(new LineIndex(base));
  const edited = base.replace('a();', 'a();\r\n');
  assert.deepEqual(findDirectives(new LineIndex(edited)), fromScratch(edited));
  const lines = findDirectives(new LineIndex(edited)).map((d) => [d.kind, d.range.start.line]);
  assert.deepEqual(lines, [['argus-next-line', 2], ['nosemgrep', 4]]);
});
