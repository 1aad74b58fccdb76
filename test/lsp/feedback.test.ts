/**
 * Noise control over the real server (`dist/cli.js server --stdio`): the
 * "mark as false positive" code action and command, `.argus/feedback.json`,
 * hiding after line moves, a corrupt feedback file, rule statistics and the
 * "disable this rule" plan.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, rangeOf, tempWorkspace } from '../helpers/workspace';
import { StdioLspClient } from '../helpers/lspClient';

const RULE = 'security/py-weak-hash';
let ws: string;
let client: StdioLspClient;
const shown: { type: number; message: string }[] = [];
const file = () => path.join(ws, 'app', 'hashes.py');
const uri = () => pathToFileURL(file()).href;
const feedbackFile = () => path.join(ws, '.argus', 'feedback.json');
const weak = <D extends { code?: unknown }>(ds: D[]): D[] => ds.filter((d) => d.code === RULE);

before(async () => {
  ws = tempWorkspace('feedback/workspace');
  client = new StdioLspClient([path.join(DIST, 'cli.js'), 'server', '--stdio']);
  client.connection.onNotification('window/showMessage', (p: { type: number; message: string }) => shown.push(p));
  const init = await client.initialize(pathToFileURL(ws).href);
  assert.ok(init.capabilities.executeCommandProvider.commands.includes('argus.server.markFalsePositive'));
});

after(() => client.shutdown());

test('every finding offers "Argus: mark as false positive"; running it stores the mark and hides the finding', async () => {
  const text = readFileSync(file(), 'utf8');
  await client.open(uri(), 'python', text);
  const diags = weak(await client.waitForDiagnostics(uri(), (p) => p.version === 1 && weak(p.diagnostics).length === 2));
  assert.deepEqual(diags.map((d) => d.range), [rangeOf(text, 'hashlib.md5(body)'), rangeOf(text, 'hashlib.md5(data)')]);
  const actions: any[] = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri: uri() }, range: diags[0]!.range, context: { diagnostics: [diags[0]] } });
  const mark = actions.find((a) => a.title === 'Argus: mark as false positive');
  assert.ok(mark, `actions: ${actions.map((a) => a.title).join(', ')}`);
  assert.equal(mark.command.command, 'argus.server.markFalsePositive');
  assert.deepEqual(mark.command.arguments, [{ uri: uri(), fingerprint: (diags[0]!.data as { fingerprint: string }).fingerprint, ruleId: RULE }]);

  const result = await client.connection.sendRequest('workspace/executeCommand', { command: mark.command.command, arguments: [{ ...mark.command.arguments[0], reason: 'cache key, not a signature' }] });
  assert.deepEqual(result, { ok: true, message: `Marked ${RULE} in app/hashes.py as a false positive.` });
  const stored = JSON.parse(readFileSync(feedbackFile(), 'utf8'));
  assert.equal(stored.version, 1);
  assert.deepEqual(stored.marks.map((m: any) => [m.ruleId, m.path, m.reason, m.fingerprint]), [[RULE, 'app/hashes.py', 'cache key, not a signature', mark.command.arguments[0].fingerprint]]);
  assert.match(stored.marks[0].createdAt, /^\d{4}-\d\d-\d\dT/);
  assert.deepEqual(readdirSync(path.join(ws, '.argus')), ['feedback.json'], 'no temporary file is left behind');
  const after = weak(await client.waitForDiagnostics(uri(), (p) => weak(p.diagnostics).length === 1));
  assert.deepEqual(after.map((d) => d.range), [rangeOf(text, 'hashlib.md5(data)')]);
});

test('the marked finding stays hidden after lines are inserted above it; the other one moves with them', async () => {
  const text = `# -*- coding: utf-8 -*-\n# header added later\n${readFileSync(file(), 'utf8')}`;
  await client.change(uri(), 2, text);
  const diags = weak(await client.waitForDiagnostics(uri(), (p) => p.version === 2));
  assert.deepEqual(diags.map((d) => d.range), [rangeOf(text, 'hashlib.md5(data)')]);
});

test('rule statistics count the shown finding and the mark; the disable plan is an exact edit', async () => {
  const stats: any = await client.connection.sendRequest('argus/ruleStatistics', {});
  const row = stats.rows.find((r: any) => r.ruleId === RULE);
  assert.deepEqual(row, { ruleId: RULE, channel: 'stable', findings: 1, suppressed: 0, shadow: 0, marks: 1, precision: null, suggestDisable: false });
  assert.equal(stats.files, 1);
  assert.equal(stats.minSample, 5);
  const plan: any = await client.connection.sendRequest('argus/ruleDisablePlan', { ruleId: RULE });
  assert.deepEqual(plan.plans, [{ kind: 'edit', folderUri: pathToFileURL(ws).href, fileUri: pathToFileURL(path.join(ws, '.argus.yml')).href, newText: `rules:\n  ${RULE}: off\n`, created: true }]);
  assert.equal(existsSync(path.join(ws, '.argus.yml')), false, 'the server only plans; the client applies');
});

test('a corrupt feedback file: a diagnostic on it, a log line, and marking refuses without touching it', async () => {
  const corrupt = '{\n  "version": 1,\n  "marks": [\n';
  writeFileSync(feedbackFile(), corrupt);
  const text = readFileSync(file(), 'utf8');
  await client.change(uri(), 3, text);
  const fbUri = pathToFileURL(feedbackFile()).href;
  const fbDiags = await client.waitForDiagnostics(fbUri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(fbDiags.map((d) => [d.code, d.severity, d.range.start.line, d.message]), [['feedback/invalid', 1, 3, 'invalid JSON: unexpected end of the document (Argus will not write to feedback.json until this is fixed.)']]);
  assert.ok(client.logs.some((l) => l.includes('feedback file is invalid') && l.includes('invalid JSON')), client.logs.slice(-5).join('\n'));
  // Without readable marks, both findings show again.
  const diags = weak(await client.waitForDiagnostics(uri(), (p) => p.version === 3));
  assert.equal(diags.length, 2);
  const result: any = await client.connection.sendRequest('workspace/executeCommand', { command: 'argus.server.markFalsePositive', arguments: [{ uri: uri(), fingerprint: (diags[1]!.data as { fingerprint: string }).fingerprint, ruleId: RULE }] });
  assert.equal(result.ok, false);
  assert.match(result.message, /^\.argus\/feedback\.json is invalid \(line 4: invalid JSON: unexpected end of the document\)\. Fix or delete it first/);
  assert.equal(readFileSync(feedbackFile(), 'utf8'), corrupt, 'never overwritten');
  const deadline = Date.now() + 5000;
  while (!shown.some((m) => m.type === 1 && m.message.includes('is invalid')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(shown.some((m) => m.type === 1 && m.message.startsWith('Argus: .argus/feedback.json is invalid')), JSON.stringify(shown));
  assert.equal(client.exited, false);
});

test('fixing the file clears its diagnostic; unmark removes the mark and the finding shows again', async () => {
  // The user repairs the file by hand: a valid file holding one mark for the first finding.
  const text = readFileSync(file(), 'utf8');
  await client.change(uri(), 4, text);
  const diags = weak(await client.waitForDiagnostics(uri(), (p) => p.version === 4));
  const first = (diags[0]!.data as { fingerprint: string }).fingerprint;
  writeFileSync(feedbackFile(), JSON.stringify({ version: 1, marks: [{ fingerprint: first, ruleId: RULE, path: 'app/hashes.py', createdAt: '2025-01-01T00:00:00.000Z' }] }));
  await client.change(uri(), 5, text);
  assert.equal(weak(await client.waitForDiagnostics(uri(), (p) => p.version === 5)).length, 1);
  assert.deepEqual(await client.waitForDiagnostics(pathToFileURL(feedbackFile()).href, (p) => p.diagnostics.length === 0), []);
  const listing: any = await client.connection.sendRequest('argus/feedbackMarks', {});
  assert.deepEqual(listing.folders.map((f: any) => [f.marks.length, f.problems]), [[1, []]]);
  const result = await client.connection.sendRequest('workspace/executeCommand', { command: 'argus.server.unmarkFalsePositive', arguments: [{ folderUri: pathToFileURL(ws).href, marks: [{ path: 'app/hashes.py', ruleId: RULE, fingerprint: first }] }] });
  assert.deepEqual(result, { ok: true, message: 'Removed 1 false-positive mark.' });
  assert.deepEqual(JSON.parse(readFileSync(feedbackFile(), 'utf8')), { version: 1, marks: [] });
  assert.equal(weak(await client.waitForDiagnostics(uri(), (p) => weak(p.diagnostics).length === 2)).length, 2);
});
