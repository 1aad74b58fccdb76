/**
 * Editor features over the real stdio server: review code lenses, DFA state
 * hovers, the DFA custom requests, and the score report against git HEAD
 * (a real repository made with the real git binary).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, rangeOf, tempWorkspace } from '../helpers/workspace';
import { StdioLspClient } from '../helpers/lspClient';

let ws: string;
let client: StdioLspClient;
const uriOf = (rel: string) => pathToFileURL(path.join(ws, rel)).href;
const read = (rel: string) => readFileSync(path.join(ws, rel), 'utf8');

before(async () => {
  ws = tempWorkspace('editor');
  const git = (...args: string[]) => execFileSync('git', ['-C', ws, ...args], { stdio: 'pipe' });
  git('init', '-q');
  git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'add', '.');
  git('-c', 'user.email=t@example.invalid', '-c', 'user.name=t', 'commit', '-qm', 'base');
  client = new StdioLspClient([path.join(DIST, 'cli.js'), 'server', '--stdio']);
  await client.initialize(pathToFileURL(ws).href, { trusted: true });
});
after(() => client.shutdown());

test('code lenses: the file score on line 1 and each function\'s complexity', async () => {
  const uri = uriOf('complex.js');
  const text = read('complex.js');
  await client.open(uri, 'javascript', text);
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const lenses: any[] = await client.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  assert.match(lenses[0].command.title, /^Argus score \d+ \([A-E]\)/);
  const fn = lenses.find((l) => l.range.start.line === rangeOf(text, 'export function pick').start.line);
  // for +1, if (nesting 1) +2, && +1, else-if +1, catch (nesting 2) +3 = 8; cyclomatic: 1 + for + if + && + else-if + catch = 6
  assert.equal(fn.command.title, 'cognitive 8 · cyclomatic 6');
  assert.equal(fn.command.command, 'argus.showScorePanel');
});

test('hover on a DFA state shows the shortest string reaching it', async () => {
  const uri = uriOf('mistakes.dfa');
  const text = read('mistakes.dfa');
  await client.open(uri, 'dfa', text);
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const hover: any = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: rangeOf(text, 'saw1 -0-> dead').start });
  assert.equal(hover.contents.value, 'Shortest string reaching `saw1`: `1`');
});

test('DFA diagram, test string and generate requests', async () => {
  const uri = uriOf('mistakes.dfa');
  const text = read('mistakes.dfa');
  const diagram: any = await client.connection.sendRequest('argus/dfaDiagram', { uri, position: rangeOf(text, 'spec: no two').start });
  assert.deepEqual([diagram.machine, diagram.machines, diagram.verdict, diagram.counterexample], ['no_11', ['no_11', 'ends_with_a'], 'different', '10']);
  assert.match(diagram.dot, /^digraph/);
  const run: any = await client.connection.sendRequest('argus/dfaTestString', { uri, machine: 'no_11', input: '10' });
  assert.deepEqual(run.steps.map((s: any) => `${s.symbol ?? '·'}→${s.state}`), ['·→start', '1→saw1', '0→dead']);
  assert.deepEqual([run.accepted, run.specAccepts], [false, true]);
  const gen: any = await client.connection.sendRequest('argus/dfaGenerate', { spec: 'ends with 01', alphabet: '{0,1}', name: 'e01' });
  assert.ok(gen.text.startsWith("machine e01\n  spec: ends with 01\n  alphabet: {0, 1}\n"), gen.text);
  const bad: any = await client.connection.sendRequest('argus/dfaGenerate', { spec: 'ends with 01', alphabet: '' });
  assert.match(bad.error, /alphabet must list single symbols/);
});

test('file report: the score at git HEAD next to the working copy', async () => {
  const uri = uriOf('complex.js');
  const text = read('complex.js');
  const worse = text.replace('report(e);', 'console.log(e); // TODO handle');
  writeFileSync(path.join(ws, 'complex.js'), worse);
  await client.change(uri, 2, worse);
  await client.waitForDiagnostics(uri, (p) => p.version === 2);
  const report: any = await client.connection.sendRequest('argus/fileReport', { uri });
  assert.equal(typeof report.review.score, 'number');
  assert.equal(typeof report.head.score, 'number');
  assert.ok(report.head.score > report.review.score, `HEAD ${report.head.score} should beat the worse working copy ${report.review.score}`);
  const ws2: any = await client.connection.sendRequest('argus/workspaceReport', {});
  assert.deepEqual(ws2.rows.map((r: any) => r.path), ['complex.js']);
  assert.deepEqual(ws2.rows[0].worst, { name: 'pick', line: 2, cognitiveComplexity: 8 });
});
