/**
 * LSP protocol tests: the real bundle (`dist/cli.js server --stdio`, as a
 * non-VS Code editor starts it) driven over stdio by a real JSON-RPC client.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, applyEdits, rangeOf, tempWorkspace } from '../helpers/workspace';
import { StdioLspClient } from '../helpers/lspClient';

let ws: string;
let client: StdioLspClient;
const uriOf = (rel: string) => pathToFileURL(path.join(ws, rel)).href;
const read = (rel: string) => readFileSync(path.join(ws, rel), 'utf8');
const RULE = 'security/js-dom-xss-innerhtml';

before(async () => {
  ws = tempWorkspace('platform/workspace');
  client = new StdioLspClient([path.join(DIST, 'cli.js'), 'server', '--stdio']);
  const init = await client.initialize(pathToFileURL(ws).href);
  assert.deepEqual(init.capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.argus']);
});

after(() => client.shutdown());

test('diagnostics for an opened file: exact rule, range, source, docs link', async () => {
  const text = read('app/render.js');
  await client.open(uriOf('app/render.js'), 'javascript', text);
  const diags = await client.waitForDiagnostics(uriOf('app/render.js'), (p) => p.version === 1);
  assert.deepEqual(
    diags.map((d) => ({ code: d.code, source: d.source, range: d.range, severity: d.severity })),
    [{ code: RULE, source: 'Argus', range: rangeOf(text, 'innerHTML'), severity: 2 }],
  );
  assert.match(diags[0]!.message, /innerHTML/);
  assert.match(diags[0]!.codeDescription!.href, /^https:\/\//);
});

test('the preferred quick fix replaces innerHTML with textContent; re-analysis is clean', async () => {
  const uri = uriOf('app/render.js');
  const text = read('app/render.js');
  const diags = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const actions: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diags[0]!.range, context: { diagnostics: diags } });
  assert.deepEqual(
    actions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
    [
      ['Use textContent instead of innerHTML', 'quickfix', true],
      [`Disable ${RULE} for this line`, 'quickfix', false],
      [`Disable ${RULE} for the entire file`, 'quickfix', false],
      ['Argus: mark as false positive', 'quickfix', false],
    ],
  );
  const edit = actions[0].edit.documentChanges[0];
  assert.deepEqual(edit.textDocument, { uri, version: 1 }, 'edits are versioned so a stale fix is refused');
  const fixed = applyEdits(text, edit.edits);
  assert.equal(fixed, text.replace('.innerHTML =', '.textContent ='));
  await client.change(uri, 2, fixed);
  assert.deepEqual(await client.waitForDiagnostics(uri, (p) => p.version === 2), []);
});

test('"disable for this line" inserts a directive that silences exactly that finding', async () => {
  const uri = uriOf('app/render.js');
  const text = read('app/render.js');
  await client.change(uri, 3, text);
  const diags = await client.waitForDiagnostics(uri, (p) => p.version === 3 && p.diagnostics.length === 1);
  const actions: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diags[0]!.range, context: { diagnostics: diags, only: ['quickfix'] } });
  const disable = actions.find((a) => a.title === `Disable ${RULE} for this line`);
  const disabled = applyEdits(text, disable.edit.documentChanges[0].edits);
  assert.equal(disabled.split('\n')[2], `// argus-ignore-next-line ${RULE}`);
  await client.change(uri, 4, disabled);
  assert.deepEqual(await client.waitForDiagnostics(uri, (p) => p.version === 4), [], 'no finding and no unused-suppression hint');
});

test('a burst of edits publishes the latest version last, never a version after a newer one arrived', async () => {
  const uri = uriOf('app/render.js');
  const text = read('app/render.js');
  const before = client.published.length;
  for (let v = 5; v <= 12; v++) await client.change(uri, v, `${text}\n// edit ${v}\n`);
  await client.waitForDiagnostics(uri, (p) => p.version === 12);
  const versions = client.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version);
  // The first keystroke after a quiet spell is analysed at once; the rest of the burst waits for the typing gap and is
  // analysed together (normally [5, 12] or [12]; a client stalled longer than the gap mid-burst could add one between).
  // Never a version after a newer one, and never one publish per edit.
  assert.equal(versions.at(-1), 12, versions.join(', '));
  assert.ok(versions.every((v, i) => i === 0 || v! > versions[i - 1]!), `in order: ${versions.join(', ')}`);
  assert.ok(versions.length < 8, `the burst is analysed together, not edit by edit: ${versions.join(', ')}`);
});

/** The `analysed` log line of a typed version of `uri`: its analysis time, delay and gap. */
async function typedAnalysis(uri: string, v: number): Promise<{ millis: number; delay: number; gap: number }> {
  const deadline = Date.now() + 5000;
  let line: string | undefined;
  while (!(line = client.logs.find((l) => l.startsWith('analysed ') && l.includes(`uri=${uri} `) && l.includes(` version=${v} `))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const m = /\bmillis=(\d+)\b.*\bdelay=(\d+)\b.*\bgap=(\d+)\b/.exec(line ?? '');
  assert.ok(m, `no analysed line with a delay and gap for version ${v}: ${line}`);
  return { millis: Number(m[1]), delay: Number(m[2]), gap: Number(m[3]) };
}

test('the gap between analyses while typing follows the document\'s analysis times, from the analysis on open', async () => {
  const uri = uriOf('app/suppressed.js');
  const text = read('app/suppressed.js');
  await client.open(uri, 'javascript', text);
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const typed: { millis: number; delay: number; gap: number }[] = [];
  for (let v = 2; v <= 6; v++) {
    // Each keystroke is sent as soon as the previous diagnostics arrive: typing faster than the gap.
    await client.change(uri, v, `${text}\n// typed ${v}\n`);
    await client.waitForDiagnostics(uri, (p) => p.version === v);
    typed.push(await typedAnalysis(uri, v));
  }
  // A small file analyses in milliseconds: the gap is twice the average, at least 20 ms, and a keystroke waits at most the gap.
  assert.ok(typed.every((t) => t.gap >= 20 && t.gap < 120 && t.delay <= t.gap), JSON.stringify(typed));
  // The first gap is twice the time of the last untyped analysis (the one on open); the first typed analysis then replaces it.
  const logged = client.logs.filter((l) => l.startsWith('analysed ') && l.includes(`uri=${uri} `)).map((l) => ({ millis: Number(/\bmillis=(\d+)/.exec(l)![1]), typed: /\bdelay=/.test(l) }));
  const firstTyped = logged.findIndex((x) => x.typed);
  const clamp = (ms: number) => Math.min(120, Math.max(20, 2 * ms));
  assert.equal(typed[0]!.gap, clamp(logged[firstTyped - 1]!.millis), JSON.stringify(logged));
  assert.equal(typed[1]!.gap, clamp(logged[firstTyped]!.millis), JSON.stringify(logged));
  // After a quiet spell longer than the longest gap, a keystroke is analysed at once. (Time has to pass here: the quiet spell is what is tested.)
  await new Promise((r) => setTimeout(r, 150));
  await client.change(uri, 7, `${text}\n// typed after a pause\n`);
  await client.waitForDiagnostics(uri, (p) => p.version === 7);
  assert.equal((await typedAnalysis(uri, 7)).delay, 0);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
});

test('hover shows the rule description and docs link', async () => {
  const uri = uriOf('app/render.js');
  const text = read('app/render.js');
  const hover: any = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: rangeOf(text, 'innerHTML').start });
  assert.match(hover.contents.value, new RegExp(`\\*\\*Argus\\*\\* \`${RULE}\``));
  assert.match(hover.contents.value, /CWE-79/);
  assert.match(hover.contents.value, /\[Documentation for security\/js-dom-xss-innerhtml\]\(https:\/\//);
});

test('fix-all applies every non-overlapping preferred fix', async () => {
  const uri = uriOf('app/loader.py');
  const text = read('app/loader.py');
  await client.open(uri, 'python', text);
  await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length === 2);
  const actions: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.argus'] } });
  assert.equal(actions.length, 1);
  assert.equal(actions[0].kind, 'source.fixAll.argus');
  const fixed = applyEdits(text, actions[0].edit.documentChanges[0].edits);
  assert.equal(fixed, text.replace('yaml.load(', 'yaml.safe_load(').replace('hashlib.md5(', 'hashlib.sha256('));
  await client.change(uri, 2, fixed);
  assert.deepEqual(await client.waitForDiagnostics(uri, (p) => p.version === 2), []);
});

test('a suppression that suppresses nothing is an unnecessary hint with a removal fix', async () => {
  const uri = uriOf('app/suppressed.js');
  const text = read('app/suppressed.js');
  await client.open(uri, 'javascript', text);
  const diags = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.deepEqual(
    diags.map((d) => ({ code: d.code, severity: d.severity, tags: d.tags, range: d.range })),
    [{ code: 'suppression/unused', severity: 4, tags: [1], range: { start: rangeOf(text, 'argus-ignore-next-line security/js-eval').start, end: rangeOf(text, 'argus-ignore-next-line security/js-eval').end } }],
  );
});

test('.argus.yml problems are diagnostics on the config file at the right line', async () => {
  const uri = uriOf('.argus.yml');
  const text = 'engines:\n  review: false\n  dfa: false\nexlude:\n  - vendor/**\n';
  await client.open(uri, 'yaml', text);
  const diags = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.deepEqual(
    diags.map((d) => ({ code: d.code, range: d.range, message: d.message })),
    [{ code: 'config/invalid', range: rangeOf(text, 'exlude'), message: "unknown key 'exlude'; expected one of engines, rules, exclude, thresholds, overrides (did you mean 'exclude'?)" }],
  );
});

test('workspace scan reports $/progress and publishes closed files, skipping ignored and excluded ones', async () => {
  const summary: any = await client.connection.sendRequest('workspace/executeCommand', { command: 'argus.server.scanWorkspace', arguments: [] });
  assert.equal(summary.cancelled, false);
  const kinds = client.progress.map((p: any) => p.value.kind);
  assert.equal(kinds[0], 'begin');
  assert.equal(kinds.at(-1), 'end');
  const scanned = new Set(client.published.map((p) => p.uri));
  assert.equal(scanned.has(uriOf('ignored/bad.js')), false, '.gitignore is respected');
  assert.equal(scanned.has(uriOf('vendor/lib.js')), false, 'exclude globs are respected');
});

test('bad input never kills the server', async () => {
  const uri = uriOf('app/garbage.js');
  await client.open(uri, 'javascript', '\u0000\uFFFF'.repeat(1000) + '<<<<>>>>(((('.repeat(5000) + 'el.innerHTML = x');
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  assert.equal(client.exited, false);
  const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: uriOf('app/loader.py') }, position: { line: 0, character: 0 } });
  assert.equal(hover, null, 'still answering requests');
});

test('an untitled buffer is analysed with the editor settings only', async () => {
  const uri = 'untitled:Untitled-1';
  const text = "const q = new URLSearchParams(location.search).get('q');\ndocument.body.innerHTML = q;\n";
  await client.open(uri, 'javascript', text);
  const diags = await client.waitForDiagnostics(uri, (p) => p.version === 1 && p.diagnostics.length > 0);
  assert.deepEqual(diags.filter((d) => d.code === RULE).map((d) => d.range), [rangeOf(text, 'innerHTML')]);
});
