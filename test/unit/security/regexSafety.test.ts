/** The load-time regex safety check (notes/tree-sitter.md §8). */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkRegexSafety } from '../../../server/src/core/security';

test('rejects lookarounds, backreferences and nested quantifiers', () => {
  const bad: [string, RegExp][] = [
    ['(?=a)b', /lookaround '\(\?='/],
    ['a(?!b)', /lookaround '\(\?!'/],
    ['(?<=a)b', /lookaround '\(\?<='/],
    ['(?<!a)b', /lookaround '\(\?<!'/],
    ['(a)\\1', /backreference \\1/],
    ['(?<q>a)\\k<q>', /named backreference/],
    ['^(a+)+$', /nested quantifier/],
    ['(a*)*', /nested quantifier/],
    ['(?:\\w+\\s?)*$', /nested quantifier/],
    ['((ab)+c)+', /nested quantifier/],
    ['(x{2,})+', /nested quantifier/],
    ['(a+){2,10}', /nested quantifier/],
  ];
  for (const [src, why] of bad) assert.match(checkRegexSafety(src)?.message ?? 'accepted', why, src);
});

test('accepts the shapes used by the built-in rules', () => {
  for (const src of ['^(query|execute)$', '\\b((?:AKIA|ASIA)[A-Z2-7]{16})\\b', '[(+)*]+', '(?:ab){2}', '(a|b)+', '\\(a+\\)+', '(?<name>x)+', 'a{2}(b{3})+']) {
    assert.equal(checkRegexSafety(src), undefined, src);
  }
});

test('property: a repeated group is rejected exactly when it contains a variable-count repetition', () => {
  const atom = fc.constantFrom('a', '\\w', '[ab]', '.', '\\d');
  const quant = fc.constantFrom('', '+', '*', '?', '{2}', '{1,3}');
  const piece = fc.tuple(atom, quant).map(([a, q]) => a + q);
  fc.assert(fc.property(fc.array(piece, { minLength: 1, maxLength: 5 }), fc.constantFrom('+', '*', '{2,}'), (pieces, outer) => {
    const src = `(${pieces.join('')})${outer}`;
    const nested = pieces.some((p) => /[+*]$|\{1,3\}$/.test(p));
    assert.equal(checkRegexSafety(src) !== undefined, nested, src);
  }));
});
