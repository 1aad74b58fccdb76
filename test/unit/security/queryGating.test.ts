/**
 * Keyword-gated matching must return exactly what one whole-tree query
 * returns. The equivalence test runs both on real code: the security
 * fixtures and examples, the JavaScript of some installed npm packages and
 * (when present, as on Debian CI machines) part of Python's standard library.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadRulePack, type CompiledRules } from '../../../server/src/core/security';
import { matchParts, keywordRanges, keywordRegex, type RoleMatch } from '../../../server/src/core/security/queryGating';
import { prefixGate, regexLiterals, splitPatterns } from '../../../server/src/core/security/queryPatterns';
import type { GrammarName } from '../../../server/src/core/parsing/grammars';
import type { CombinedQuery, GrammarQuery, PatternRole } from '../../../server/src/core/security/types';
import { testParsers } from '../../helpers/parsers';
import { builtinRuleFiles, ROOT } from './helpers';

test('splitPatterns: one entry per top-level pattern, gated by the most selective literal on a capture every match binds', () => {
  const q = [
    '(call function: (identifier) @f (#eq? @f "eval")) @m',
    '(call function: (attribute object: (identifier) @m (#eq? @m "os") attribute: (identifier) @f (#match? @f "^(system|popen)$")))',
    '(call function: (identifier)? @f (#eq? @f "optional_only"))',
    '(call function: [(identifier) @f (attribute attribute: (identifier) @f)] (#match? @f "^(urlopen|Request)$"))',
    '(call function: [(identifier) @f (attribute)] (#eq? @f "one_branch_only"))',
    '((string) @s (#any-eq? @s "any_ok"))',
    '(call function: (_) @f (#match? @f "etree$"))',
    '(pair key: (_) @k (#match? @k "^[a-z]+$"))',
  ].join('\n');
  const patterns = splitPatterns(q);
  assert.ok(patterns);
  assert.deepEqual(patterns.map((p) => p.keywords ?? null), [
    [{ text: 'eval', word: true }],
    [{ text: 'system', word: true }, { text: 'popen', word: true }],
    null,
    [{ text: 'urlopen', word: true }, { text: 'Request', word: true }],
    null,
    [{ text: 'any_ok', word: false }],
    [{ text: 'etree', word: false }],
    null,
  ]);
  assert.equal(patterns[1]!.offset, q.indexOf('(call function: (attribute'));
  assert.equal(splitPatterns('(call ('), undefined, 'unreadable text is reported as such, never guessed');
});

test('regexLiterals: the strings every match contains, exact sets for ^…$ regexes', () => {
  assert.deepEqual(regexLiterals('^(a1|b_2|\\$raw)$'), { literals: ['a1', 'b_2', '$raw'], anchored: true });
  assert.deepEqual(regexLiterals('md5'), { literals: ['md5'], anchored: false });
  assert.deepEqual(regexLiterals('^(?:x(y|z))$'), { literals: ['xy', 'xz'], anchored: true });
  assert.deepEqual(regexLiterals('^(hashes\\.(MD5|SHA1)|(MD2|MD5)\\.new)$'), { literals: ['hashes.MD5', 'hashes.SHA1', 'MD2.new', 'MD5.new'], anchored: true });
  assert.deepEqual(regexLiterals('^telnetlib\\b'), { literals: ['telnetlib'], anchored: false });
  assert.deepEqual(regexLiterals('^(ab)?c$'), { literals: ['c', 'abc'], anchored: true }, 'an optional group is tried with and without');
  assert.deepEqual(regexLiterals('^(a|b.*)$'), { literals: ['a', 'b'], anchored: false }, 'a wildcard ends what is certain');
  assert.deepEqual(regexLiterals('has_perms?\\(|\\.permissions\\b'), { literals: ['has_perm(', 'has_perms(', '.permissions'], anchored: false });
  assert.deepEqual(regexLiterals('(^|\\.)(verify|verify_\\w+|check)'), { literals: ['verify', 'verify_', 'check'], anchored: false });
  assert.deepEqual(regexLiterals('^[\'"]?on[\'"]?$')?.literals.sort(), ['"on', '"on"', '"on\'', "'on", '\'on"', "'on'", 'on', 'on"', "on'"].sort());
  assert.equal(regexLiterals('^\\w+$'), undefined);
  assert.equal(regexLiterals('(?=x)y'), undefined, 'lookarounds are not read');
  assert.equal(regexLiterals('a{2}'), undefined, 'counted repetition is not read');
});

test('prefixGate: a start-anchored regex without literals gates by itself, unless it could look past the text it consumes', () => {
  assert.equal(prefixGate('^(/[^/]|https?://[^/{]+/)'), '(/[^/]|https?://[^/{]+/)');
  assert.equal(prefixGate('^/[^/]|^x'), undefined, 'a second anchor');
  assert.equal(prefixGate('^[a-z]+$'), undefined, '`$` depends on where the text ends');
  assert.equal(prefixGate('^ab\\b'), undefined, 'a word boundary looks at the next character');
  assert.equal(prefixGate('^a(?=b)'), undefined, 'a look-ahead looks past the match');
  assert.equal(prefixGate('^(a|)'), undefined, 'an alternative that can be empty');
  assert.equal(prefixGate('^[ab]c'), undefined, 'a first character from a class is not selective enough to be worth it');
  assert.equal(prefixGate('^a?b'), undefined, 'an optional first character');
  assert.equal(prefixGate('^\\.x'), '\\.x');
  assert.equal(prefixGate('http'), undefined, 'not anchored');
  // The gate finds every place the predicate can hold: the regex matches the document where the capture starts.
  const gate = new RegExp(prefixGate('^(/[^/]|https?://[^/{]+/)')!, 'g');
  const text = 'u = "/api/x" + q; v = "https://h.example/p"; w = "//cdn"';
  const at = [...text.matchAll(gate)].map((m) => m.index);
  for (const literal of ['/api/x', 'https://h.example/p']) assert.ok(at.includes(text.indexOf(literal)), literal);
});

test('splitPatterns gates a pattern with a start-anchored regex and no literal by that regex', () => {
  const [p] = splitPatterns('(string (string_start) . (string_content) @c (#match? @c "^(/[^/]|https?://[^/{]+/)")) @s')!;
  assert.deepEqual(p!.keywords, [{ text: '(/[^/]|https?://[^/{]+/)', word: false, regex: true }]);
  const [q] = splitPatterns('(call function: (identifier)? @f (#match? @f "^/x"))')!;
  assert.equal(q!.keywords, undefined, 'an optional capture gates nothing');
});

test('splitPatterns drops substring keywords that contain another one', () => {
  const [p] = splitPatterns('(pair key: [(property_identifier) (string)] @k (#match? @k "^[\'\\"]?autoescape[\'\\"]?$") value: (false)) @m')!;
  assert.deepEqual(p!.keywords, [{ text: 'autoescape', word: false }]);
});

test('keyword ranges: whole words do not match inside longer words; close occurrences merge', () => {
  const re = keywordRegex([{ text: 'res', word: true }, { text: 'etree', word: false }]);
  const text = 'result = resolve(res); lxml.etree';
  assert.deepEqual(keywordRanges(re, text).map(([s, e]) => text.slice(s, e)), ['res); lxml.etree']);
  const far = `res${' '.repeat(400)}res`;
  assert.deepEqual(keywordRanges(re, far), [[0, 3], [403, 406]]);
});

const EXT: Record<string, GrammarName> = { '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.ts': 'typescript', '.tsx': 'tsx', '.py': 'python', '.java': 'java', '.go': 'go', '.php': 'php' };

function filesUnder(dir: string, limit: number, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir).sort()) {
    if (out.length >= limit) break;
    const p = path.join(dir, e);
    const s = statSync(p);
    if (s.isDirectory()) filesUnder(p, limit, out);
    else if (EXT[path.extname(e)] && s.size < 300_000) out.push(p);
  }
  return out;
}

function roleKey(r: PatternRole): string {
  return r.kind === 'rule' || r.kind === 'sink' ? `${r.kind}:${r.rule.id}` : `${r.kind}:${r.set}`;
}

function keys(matches: readonly RoleMatch[]): string[] {
  return matches.map((m) => `${roleKey(m.role)} ${m.captures.map((c) => `${c.name}@${c.node.startIndex}-${c.node.endIndex}`).join(' ')}`);
}

test('gated matching of shared shapes returns exactly the matches of one whole-tree query of every pattern as written, in the same order, on real code', async () => {
  const parsers = await testParsers();
  const gated: CompiledRules = (await loadRulePack(builtinRuleFiles(), parsers)).value;
  // The reference: no keyword gating, and every pattern compiled with its predicates, which web-tree-sitter evaluates itself.
  const whole: CompiledRules = (await loadRulePack(builtinRuleFiles(), parsers, { gating: false, dedupe: false })).value;
  const files = [
    ...filesUnder(path.join(ROOT, 'test/fixtures/security'), 200),
    ...filesUnder(path.join(ROOT, 'examples'), 100),
    ...filesUnder(path.join(ROOT, 'node_modules/yaml/dist'), 60),
    ...filesUnder(path.join(ROOT, 'node_modules/vscode-languageserver/lib'), 40),
    ...filesUnder('/usr/lib/python3.11/email', 40),
    ...filesUnder('/usr/lib/python3.11/http', 10),
  ];
  let compared = 0;
  let gatedPatterns = 0;
  let compiled = 0;
  let written = 0;
  for (const file of files) {
    const grammar = EXT[path.extname(file)]!;
    const g: GrammarQuery | undefined = await gated.queriesFor(grammar);
    const w: GrammarQuery | undefined = await whole.queriesFor(grammar);
    if (!g || !w) continue;
    const text = readFileSync(file, 'utf8');
    const pairs: Record<'main' | 'taint', [CombinedQuery | undefined, CombinedQuery | undefined]> = { main: [g.main, w.main], taint: [await g.taint(), await w.taint()] };
    await parsers.withTree(grammar, text, (tree) => {
      for (const which of ['main', 'taint'] as const) {
        const [gq, wq] = pairs[which];
        if (!gq || !wq) continue;
        gatedPatterns += gq.parts.filter((p) => p.keywords).reduce((n, p) => n + p.query.patternCount(), 0);
        compiled += gq.parts.reduce((n, p) => n + p.query.patternCount(), 0);
        written += wq.parts.reduce((n, p) => n + p.query.patternCount(), 0);
        assert.deepEqual(keys(matchParts(gq.parts, tree.rootNode, text)), keys(matchParts(wq.parts, tree.rootNode, text)), `${which} query on ${file}`);
        compared++;
      }
    });
  }
  assert.ok(files.length >= 100 && compared >= 150, `compared ${compared} query runs on ${files.length} files`);
  assert.ok(gatedPatterns > 0, 'some patterns are gated, so the comparison is not trivial');
  assert.ok(compiled < 0.8 * written, `shared shapes compile fewer patterns (${compiled} vs ${written}), so the comparison is not trivial`);
});
