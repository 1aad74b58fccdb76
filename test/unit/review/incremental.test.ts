import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Edit, type Point, type Tree } from 'web-tree-sitter';
import { testParsers } from '../../helpers/parsers';
import { languageFromPath, makeDocument, type LanguageId } from '../../../server/src/core/document';
import { DEFAULT_CONFIG } from '../../../server/src/core/config/types';
import { silentLogger, type AnalysisContext, type Parsers } from '../../../server/src/core/engine';
import { grammarFor } from '../../../server/src/core/parsing/grammars';
import { createReviewEngine, ReviewMemo, type MemoWalk } from '../../../server/src/core/review';
import { specFor } from '../../../server/src/core/review/languages';
import { walkTree } from '../../../server/src/core/review/walker';
import { nextEdit, rng } from './incrementalEdits';

// The review engine with a memo re-walks only what an edit touched (core/review/incremental.ts).
// After every edit of many edit scripts on real files, its walk and its whole result (findings with
// ranges, messages and related locations; fileData with functions, score, dimensions, penalties) must
// equal a from-scratch analysis of the same tree. Trees are re-parsed incrementally, as the server does.

const ROOT = path.join(__dirname, '../../..');
/** `ARGUS_REVIEW_STRESS=n` checks n times as many texts, with other seeds (a longer hunt than the suite's). */
const STRESS = Math.max(1, Number(process.env.ARGUS_REVIEW_STRESS ?? 1));
const BENCH = path.join(ROOT, '.bench-cache/corpora');

/** In-repo files (always present) and how many texts to check on each. */
const IN_REPO: readonly [string, number][] = [
  ['test/fixtures/review/complex.ts', 160],
  ['test/fixtures/review/oracle/tricky.js', 160],
  ['test/fixtures/review/oracle/tricky.jsx', 100],
  ['test/fixtures/review/oracle/tricky.ts', 120],
  ['test/fixtures/review/python_sample.py', 160],
  ['test/fixtures/review/Orders.java', 140],
  ['test/fixtures/review/shop.go', 140],
  ['test/fixtures/review/cart.php', 140],
  ['examples/js/render.js', 60],
  ['examples/python/loader.py', 60],
  ['server/src/core/review/walker.ts', 80],
  ['server/src/core/review/naming.ts', 60],
  ['test/fixtures/security/java/ProductController.java', 100],
  ['test/fixtures/security/go/handlers.go', 100],
  ['test/fixtures/security/php/shop.php', 100],
  ['test/fixtures/security/python/flask_app.py', 100],
];

/** Real files of the benchmark corpora (optional: `npm run bench` downloads them). */
const CORPUS: readonly [string, number][] = [
  ['webpack-lib/Compiler.js', 50],
  ['webpack-lib/Compilation.js', 35],
  ['webpack-lib/MultiCompiler.js', 60],
  ['webpack-lib/webpack.js', 60],
  ['webpack-lib/index.js', 40],
  ['python-stdlib/_collections_abc.py', 60],
  ['python-stdlib/cmd.py', 60],
  ['python-stdlib/socketserver.py', 50],
  ['python-stdlib/datetime.py', 30],
];

function pointAt(text: string, offset: number): Point {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}

/** The server's edit between two texts (common prefix and suffix), for `Tree.edit`. */
function editBetween(a: string, b: string): Edit {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return new Edit({ startIndex: p, oldEndIndex: a.length - s, newEndIndex: b.length - s, startPosition: pointAt(a, p), oldEndPosition: pointAt(a, a.length - s), newEndPosition: pointAt(b, b.length - s) });
}

async function checkFile(file: string, texts: number, seed: number, initial?: string): Promise<Record<string, number>> {
  const lang = languageFromPath(file) as LanguageId;
  const spec = specFor(lang)!;
  const grammar = grammarFor(lang)!;
  const host = await testParsers();
  let text = initial ?? readFileSync(file, 'utf8');
  let tree: Tree = (await host.parse(grammar, text))!;
  const parsers: Parsers = { withTree: async (_g, _t, fn) => fn(tree), language: (g) => host.language(g), query: (g, s) => host.query(g, s), parse: (g, t, o) => host.parse(g, t, o) };
  const ctx: AnalysisContext = { config: DEFAULT_CONFIG, parsers, logger: silentLogger };
  const memo = new ReviewMemo({ documents: 2 });
  const incremental = createReviewEngine({ memo: { documents: 2 } });
  const reference = createReviewEngine();
  const uri = `file:///${file}`;
  const rel = path.relative(ROOT, file);
  const modes: Record<string, number> = {};
  const next = rng(seed);
  const history: string[] = [];
  let checked = 0;
  try {
    for (let edit = 0; checked < texts; edit++) {
      for (const after of nextEdit(text, spec.family, next, history).slice(0, texts - checked)) {
        tree.edit(editBetween(text, after));
        const parsed = (await host.parse(grammar, after, tree))!;
        tree.delete();
        tree = parsed;
        history.push(text);
        text = after;
        checked++;
        const where = `${rel}, edit ${edit}, text ${checked}`;
        const got = memo.walk(uri, lang, tree, text)!;
        assert.equal(got.error, undefined, where);
        modes[got.mode] = (modes[got.mode] ?? 0) + 1;
        assert.deepEqual(got.walk, walkTree(tree, spec, text), `walk differs: ${where}`);
        const doc = makeDocument(uri, rel, lang, text);
        assert.deepEqual(await incremental.analyze(doc, ctx), await reference.analyze(doc, ctx), `analysis differs: ${where}`);
      }
    }
  } finally {
    tree.delete();
    memo.clear();
  }
  return modes;
}

for (const [rel, texts] of IN_REPO) {
  test(`incremental review equals a full analysis after every edit: ${rel}`, async () => {
    const modes = await checkFile(path.join(ROOT, rel), texts * STRESS, 7 + rel.length + 1000 * (STRESS - 1));
    assert.ok((modes.incremental ?? 0) > texts / 2, `mostly incremental: ${JSON.stringify(modes)}`);
  });
}

for (const [rel, texts] of CORPUS) {
  test(`incremental review equals a full analysis after every edit: corpora/${rel}`, async (t) => {
    const file = path.join(BENCH, rel);
    if (!existsSync(file)) return t.skip(`${file} is absent (.bench-cache is filled by \`npm run bench\`)`);
    const modes = await checkFile(file, texts * STRESS, 11 + rel.length + 1000 * (STRESS - 1));
    assert.ok((modes.incremental ?? 0) > texts / 2, `mostly incremental: ${JSON.stringify(modes)}`);
  });
}

/** Walks `texts` in order as one document, re-parsing incrementally; each walk must equal a full one. */
async function walkSeries(lang: LanguageId, texts: readonly string[]): Promise<MemoWalk[]> {
  const host = await testParsers();
  const grammar = grammarFor(lang)!;
  const memo = new ReviewMemo({ documents: 1 });
  let tree: Tree = (await host.parse(grammar, texts[0]!))!;
  const out: MemoWalk[] = [];
  try {
    for (let i = 0; i < texts.length; i++) {
      if (i > 0) {
        tree.edit(editBetween(texts[i - 1]!, texts[i]!));
        const parsed = (await host.parse(grammar, texts[i]!, tree))!;
        tree.delete();
        tree = parsed;
      }
      const r = memo.walk('doc', lang, tree, texts[i]!)!;
      assert.deepEqual(r.walk, walkTree(tree, specFor(lang)!, texts[i]!), `text ${i}`);
      out.push(r);
    }
  } finally {
    tree.delete();
    memo.clear();
  }
  return out;
}

/** `text` with `insert` typed after the first occurrence of `anchor`, one text per character. */
function typing(text: string, anchor: string, insert: string): string[] {
  const at = text.indexOf(anchor) + anchor.length;
  assert.ok(at >= anchor.length, `anchor ${anchor}`);
  return [text, ...[...insert].map((_, k) => text.slice(0, at) + insert.slice(0, k + 1) + text.slice(at))];
}

test('incremental review: an edit inside one method re-walks that method and its class header, not the class', async () => {
  const text = readFileSync(path.join(ROOT, 'server/src/core/review/walker.ts'), 'utf8');
  const walks = await walkSeries('typescript', typing(text, 'private visitLoop(type: string): void {\n', '    if (a && b) return;\n'));
  for (const w of walks.slice(1)) {
    assert.equal(w.mode, 'incremental');
    assert.ok(w.walked < text.length * 0.1, `walked ${w.walked} of ${text.length}`);
  }
});

test('incremental review: typing a call at the top level of a Python module, through the parse errors of its open parenthesis', async () => {
  const text = readFileSync(path.join(ROOT, 'test/fixtures/review/python_sample.py'), 'utf8');
  const walks = await walkSeries('python', typing(text, 'if total else []\n', '\nsetup = configure(items, limit)\n'));
  const last = walks[walks.length - 1]!;
  assert.equal(last.mode, 'incremental', 'once it parses again, the last walk without errors is reused');
  assert.ok(last.walked < text.length * 0.2, `walked ${last.walked} of ${text.length}`);
});

test('incremental review: CRLF and lone CR line breaks', async () => {
  for (const rel of ['test/fixtures/review/complex.ts', 'test/fixtures/review/python_sample.py']) {
    const text = readFileSync(path.join(ROOT, rel), 'utf8').replace(/\n/g, '\r\n').replace('\r\n\r\n', '\r\r\n');
    await checkFile(path.join(ROOT, rel), 120, 3, text);
  }
});

test('incremental review: the first analysis records, the same text is reused, forget and the LRU drop documents', async () => {
  const text = readFileSync(path.join(ROOT, 'test/fixtures/review/complex.ts'), 'utf8');
  const host = await testParsers();
  const tree = (await host.parse('typescript', text))!;
  const jsTree = (await host.parse('javascript', text))!;
  try {
    const memo = new ReviewMemo({ documents: 1 });
    assert.equal(memo.walk('a', 'typescript', tree, text)!.mode, 'full');
    const again = memo.walk('a', 'typescript', tree, text)!;
    assert.equal(again.mode, 'unchanged');
    assert.deepEqual(again.walk, walkTree(tree, specFor('typescript')!, text));
    assert.equal(memo.walk('a', 'javascript', jsTree, text)!.mode, 'full', 'another grammar walks everything');
    memo.walk('b', 'typescript', tree, text);
    assert.equal(memo.size, 1, 'least recently used documents are dropped');
    assert.equal(memo.walk('a', 'typescript', tree, text)!.mode, 'full');
    memo.forget('a');
    assert.equal(memo.size, 0);
    const engine = createReviewEngine({ memo: { documents: 4 } });
    engine.forget('never-seen');
  } finally {
    tree.delete();
    jsTree.delete();
  }
});
