import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../../server/src/core/analyze';
import { makeDocument } from '../../../server/src/core/document';
import { silentLogger, type Engine } from '../../../server/src/core/engine';
import { resolveConfig } from '../../../server/src/core/config/resolve';
import { parseConfig } from '../../../server/src/core/config/parseConfig';
import { contentFingerprint } from '../../../server/src/core/model/fingerprint';
import { testParsers } from '../../helpers/parsers';

/** An engine that reports every `eval(` occurrence: a minimal real implementation of the Engine interface. */
const evalEngine: Engine = {
  id: 'security',
  rules: () => [],
  supports: (doc) => doc.languageId === 'javascript',
  analyze: async (doc) => {
    const findings = [];
    for (let o = doc.text.indexOf('eval('); o >= 0; o = doc.text.indexOf('eval(', o + 1)) {
      const range = doc.index.rangeOf(o, o + 4);
      findings.push({ ruleId: 'security/js-eval', engine: 'security' as const, category: 'code-injection', severity: 'error' as const, range, message: 'eval', fingerprint: contentFingerprint('security/js-eval', doc.index, range) });
    }
    return { findings };
  },
};

const failing: Engine = { id: 'review', rules: () => [], supports: () => true, analyze: async () => Promise.reject(new Error('boom')) };

test('a failing engine becomes one internal-error finding; the other engines still report', async () => {
  const a = new Analyzer([evalEngine, failing], await testParsers(), silentLogger);
  const out = await a.analyze(makeDocument('file:///a.js', 'a.js', 'javascript', 'eval(x)\n'), resolveConfig([]));
  assert.deepEqual(out.findings.map((f) => [f.ruleId, f.severity]), [['argus/internal-error', 'warning'], ['security/js-eval', 'error']]);
  assert.match(out.findings[0]!.message, /The review engine failed on this file: boom/);
});

test('identical lines keep distinct fingerprints', async () => {
  const a = new Analyzer([evalEngine], await testParsers(), silentLogger);
  const out = await a.analyze(makeDocument('file:///a.js', 'a.js', 'javascript', 'eval(x)\neval(x)\neval(x)\n'), resolveConfig([]));
  assert.equal(new Set(out.findings.map((f) => f.fingerprint)).size, 3);
});

test('rule overrides re-grade or drop findings per file; excluded files are skipped with a reason', async () => {
  const a = new Analyzer([evalEngine], await testParsers(), silentLogger);
  const layer = parseConfig('rules:\n  security/js-eval: info\noverrides:\n  - files: ["test/**"]\n    rules:\n      "security/*": off\nexclude:\n  - gen/**\n').value;
  const config = resolveConfig([{ dir: '', layer }]);
  const text = 'eval(x)\n';
  assert.deepEqual((await a.analyze(makeDocument('u', 'src/a.js', 'javascript', text), config)).findings.map((f) => f.severity), ['info']);
  assert.deepEqual((await a.analyze(makeDocument('u', 'test/a.js', 'javascript', text), config)).findings, []);
  const skipped = await a.analyze(makeDocument('u', 'gen/a.js', 'javascript', text), config);
  assert.equal(skipped.skipped, 'excluded by configuration');
  const off = await a.analyze(makeDocument('u', 'src/a.js', 'javascript', text), resolveConfig([], { engines: { security: false } }));
  assert.deepEqual(off.findings, [], 'a disabled engine does not run');
});

test('engines see a change view (changeOf) only when trees are retained (the server); the CLI keeps nothing per document', async () => {
  const seen: { retained: boolean; change: string }[] = [];
  for (const retainTrees of [false, true]) {
    const probe: Engine = {
      id: 'security',
      rules: () => [],
      supports: () => true,
      analyze: async (doc, ctx) => {
        await ctx.parsers.withTree('javascript', doc.text, () => undefined);
        const change = ctx.parsers.changeOf?.('javascript', doc.text);
        seen.push({ retained: retainTrees, change: ctx.parsers.changeOf === undefined ? 'no changeOf' : change?.from ? 'edit' : 'first parse' });
        return { findings: [] };
      },
    };
    const a = new Analyzer([probe], await testParsers(), silentLogger, { retainTrees });
    await a.analyze(makeDocument('file:///a.js', 'a.js', 'javascript', 'let a = 1;\n', 1), resolveConfig([]));
    await a.analyze(makeDocument('file:///a.js', 'a.js', 'javascript', 'let a = 12;\n', 2), resolveConfig([]));
  }
  assert.deepEqual(seen, [
    { retained: false, change: 'no changeOf' },
    { retained: false, change: 'no changeOf' },
    { retained: true, change: 'first parse' },
    { retained: true, change: 'edit' },
  ]);
});
