/**
 * The rule statistics of a file whose editor closes (`server/src/lsp/closedFiles.ts`),
 * with a fake server: the races the protocol tests cannot time (reopened or
 * closed again while the text on disk is re-analysed, a failing analysis), and
 * statistics requests waiting for that re-analysis.
 */
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnalysisOutcome } from '../../../server/src/core/analyze';
import type { Finding } from '../../../server/src/core/model/finding';
import { ClosedFiles } from '../../../server/src/lsp/closedFiles';
import { RuleStatsTracker } from '../../../server/src/lsp/ruleStatistics';
import type { ScannedFile } from '../../../server/src/lsp/workspaceScan';

const RULE = 'security/py-weak-hash';
const at = { line: 0, character: 0 };
const f = (n: number): Finding => ({ ruleId: RULE, engine: 'security', category: 'x', severity: 'warning', range: { start: at, end: at }, message: 'm', fingerprint: `fp${n}` });
/** An outcome with `n` shown findings of RULE. */
const outcome = (n: number): AnalysisOutcome => ({ findings: Array.from({ length: n }, (_, i) => f(i)), suppressed: [], shadow: [], fileData: {}, timings: {} });

let dir: string;
let file: ScannedFile;
let stats: RuleStatsTracker;
let closedFiles: ClosedFiles;
let open: Set<string>;
let published: [string, number][];
let errors: string[];
/** Analyses in flight, resolved by the test: the text each was given, and how to finish it. */
let analyses: { text: string; finish: (o: AnalysisOutcome | Error) => void }[];

const shown = () => stats.counts().get(RULE)?.findings ?? 0;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'argus-closed-'));
  const absolutePath = path.join(dir, 'a.py');
  writeFileSync(absolutePath, 'on disk');
  file = { uri: pathToFileURL(absolutePath).href, root: dir, absolutePath, languageId: 'python' };
  stats = new RuleStatsTracker();
  open = new Set();
  published = [];
  errors = [];
  analyses = [];
  closedFiles = new ClosedFiles({
    stats,
    isOpen: (uri) => open.has(uri),
    analyseAsScanned: (_f, text) => new Promise((resolve, reject) => analyses.push({ text, finish: (o) => (o instanceof Error ? reject(o) : resolve(o)) })),
    publish: async (uri, findings) => void published.push([uri, findings.length]),
    logger: { debug() {}, info() {}, warn() {}, error: (msg) => void errors.push(msg) },
  });
  stats.scanned(file, outcome(3));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('closed with unsaved edits: the text on disk is analysed, and statistics wait for it', async () => {
  stats.record(file.uri, outcome(1));
  closedFiles.closed({ uri: file.uri, text: 'edited', analysed: true });
  assert.deepEqual(analyses.map((a) => a.text), ['on disk']);
  let answered = false;
  const request = stats.settled().then(() => (answered = true));
  await new Promise((r) => setImmediate(r));
  assert.equal(answered, false, 'a statistics request waits for the re-analysis');
  analyses[0]!.finish(outcome(2));
  await request;
  assert.equal(shown(), 2);
  assert.deepEqual(published, [[file.uri, 2]]);
});

test('closed unchanged and analysed: the last analysis stays, with no re-analysis', async () => {
  stats.record(file.uri, outcome(4));
  closedFiles.closed({ uri: file.uri, text: 'on disk', analysed: true });
  await stats.settled();
  assert.deepEqual([analyses.length, shown(), published], [0, 4, [[file.uri, 4]]]);
});

test('closed before the editor text was analysed: the text on disk is analysed even when it is the same', async () => {
  closedFiles.closed({ uri: file.uri, text: 'on disk', analysed: false });
  analyses[0]!.finish(outcome(5));
  await stats.settled();
  assert.deepEqual([analyses.length, shown()], [1, 5]);
});

test('reopened while the text on disk is analysed: the result is dropped, the editor owns the file', async () => {
  closedFiles.closed({ uri: file.uri, text: 'edited', analysed: true });
  open.add(file.uri);
  stats.record(file.uri, outcome(7));
  analyses[0]!.finish(outcome(2));
  await stats.settled();
  assert.deepEqual([shown(), published], [7, []]);
});

test('closed again while an earlier re-analysis runs: only the latest close counts', async () => {
  closedFiles.closed({ uri: file.uri, text: 'edited', analysed: true });
  open.add(file.uri);
  stats.record(file.uri, outcome(6));
  open.delete(file.uri);
  closedFiles.closed({ uri: file.uri, text: 'on disk', analysed: true });
  analyses[0]!.finish(outcome(2));
  await stats.settled();
  assert.deepEqual([analyses.length, shown(), published], [1, 6, [[file.uri, 6]]]);
});

test('a failing re-analysis drops the discarded edits and logs why', async () => {
  stats.record(file.uri, outcome(1));
  closedFiles.closed({ uri: file.uri, text: 'edited', analysed: true });
  analyses[0]!.finish(new Error('config exploded'));
  await stats.settled();
  assert.deepEqual([stats.files, stats.counts().size, errors], [0, 0, ['analysis of a closed file failed']]);
});

test('deleted on disk: the file leaves the statistics and is no longer a scanned file', async () => {
  rmSync(file.absolutePath);
  closedFiles.closed({ uri: file.uri, text: 'on disk', analysed: true });
  await stats.settled();
  assert.deepEqual([stats.files, stats.scannedFile(file.uri), analyses.length, published], [0, undefined, 0, [[file.uri, 0]]]);
});

test('a file no scan covered leaves the statistics and Problems, as before', async () => {
  const other = pathToFileURL(path.join(dir, 'b.py')).href;
  stats.record(other, outcome(2));
  assert.equal(shown(), 5);
  closedFiles.closed({ uri: other, text: 'x', analysed: true });
  await stats.settled();
  assert.deepEqual([stats.files, shown(), analyses.length, published], [1, 3, 0, [[other, 0]]]);
});
