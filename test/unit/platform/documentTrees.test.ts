import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DocumentTrees, editBetween } from '../../../server/src/core/parsing/documentTrees';
import { LineIndex } from '../../../server/src/core/model/text';
import { testParsers } from '../../helpers/parsers';

const BASE = `function f(a, b) {\n  if (a && b) { return "é😀" + a; }\n  for (const x of b) console.log(x);\n}\nconst y = f(1, [2]);\n`;

test('incremental re-parsing gives exactly the tree of a fresh parse whenever the text is valid, over random edits', async () => {
  const host = await testParsers();
  // On broken text tree-sitter's error recovery may legitimately differ between an
  // incremental and a fresh parse; valid text must give identical trees.
  let compared = 0;
  let steps = 0;
  // Random replace-a-slice edits, including non-ASCII text and newlines, applied in sequence.
  const edit = fc.record({ at: fc.nat(), del: fc.constantFrom(0, 0, 0, 1, 3), ins: fc.constantFrom('', 'x', 'x', ' ', ' ', '\n', '\n', 'é', '😀', '(', ')', '{', '}', ';', '"s"') });
  await fc.assert(
    fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 8 }), async (edits) => {
      const trees = new DocumentTrees(host);
      let text = BASE;
      await trees.treeFor('u', 'javascript', text);
      for (const e of edits) {
        let at = e.at % (text.length + 1);
        // Never split a surrogate pair: editors do not produce such texts.
        if (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]!)) at--;
        let end = Math.min(text.length, at + e.del);
        if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end]!)) end++;
        text = text.slice(0, at) + e.ins + text.slice(end);
        const incremental = (await trees.treeFor('u', 'javascript', text))!.rootNode.toString();
        const fresh = await host.withTree('javascript', text, (t) => (t.rootNode.hasError ? undefined : t.rootNode.toString()));
        steps++;
        if (fresh === undefined) continue;
        compared++;
        assert.equal(incremental, fresh);
      }
      trees.release('u');
    }),
    { numRuns: 300 },
  );
  assert.ok(compared >= 100, `only ${compared} of ${steps} edited texts were valid; the property would be vacuous`);
});

test('the same text returns the same tree; a closed document frees it', async () => {
  const host = await testParsers();
  const trees = new DocumentTrees(host, 2);
  const a = await trees.treeFor('a', 'javascript', BASE);
  assert.equal(await trees.treeFor('a', 'javascript', BASE), a);
  await trees.treeFor('b', 'javascript', BASE);
  await trees.treeFor('c', 'javascript', BASE);
  // Capacity 2: 'a' was the least recently used and was freed, so asking again parses anew.
  assert.notEqual(await trees.treeFor('a', 'javascript', BASE), a);
});

test('an edit located with the line index equals one located by counting line breaks (LF-only texts)', () => {
  const edit = fc.record({ at: fc.nat(), del: fc.constantFrom(0, 1, 3, 12), ins: fc.constantFrom('', 'x', '\n', 'é😀', '\n\n  ', ';') });
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      let text = BASE.repeat(3);
      for (const e of edits) {
        const at = e.at % (text.length + 1);
        const next = text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
        const index = new LineIndex(next);
        assert.ok(index.lfOnly);
        const viaIndex = editBetween(text, next, (o) => ({ row: index.positionAt(o).line, column: index.positionAt(o).character }));
        assert.deepEqual({ ...viaIndex }, { ...editBetween(text, next) });
        text = next;
      }
    }),
    { numRuns: 300 },
  );
  assert.equal(new LineIndex('a\r\nb').lfOnly, false);
});
