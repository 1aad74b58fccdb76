/** Escaping for GitHub workflow commands and JUnit XML. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeData, escapeProperty } from '../../../server/src/cli/github';
import { escapeXml, junitClassName } from '../../../server/src/cli/junit';

test('GitHub: data escapes %, CR, LF (percent first); properties also : and ,', () => {
  assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
  assert.equal(escapeProperty('dir,1/a:b%.js\n'), 'dir%2C1/a%3Ab%25.js%0A');
  assert.equal(escapeData('%0A'), '%250A', 'an already-escaped-looking text stays literal');
});

test('XML: markup characters, line breaks, and characters XML 1.0 cannot hold', () => {
  assert.equal(escapeXml(`a<b>&"c"'d'`), 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;');
  assert.equal(escapeXml('x\ny\tz\r'), 'x&#10;y&#9;z&#13;');
  assert.equal(escapeXml('bell\x07 nul\0 \uD800 ok\uD83D\uDE00'), 'bell\uFFFD nul\uFFFD \uFFFD ok\uD83D\uDE00');
  assert.equal(junitClassName('app/v1.2/render.js'), 'app/v1_2/render_js');
});
