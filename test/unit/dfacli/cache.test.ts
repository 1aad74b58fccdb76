import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DfaCache, cacheKey } from '../../../server/src/node/dfa/cache';
import { errorOutcome, type RowOutcome } from '../../../server/src/node/dfa/outcome';

const tmp = (): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'argus-cache-')), 'cache');
const pass = (reading: string): RowOutcome => ({ status: 'PASS', errorClass: null, errorName: null, reading, alphabet: ['0', '1'], messages: [], counterexample: null, disagreements: [], flags: [] });
const segments = (dir: string): string[] => readdirSync(dir).filter((n) => n.startsWith('seg-')).sort();

function fill(dir: string, n: number, from = 0): void {
  const c = new DfaCache(dir);
  for (let i = from; i < from + n; i++) c.put(cacheKey(['row', i]), pass(`r${i}`));
  c.close();
}

describe('DfaCache', () => {
  it('keys change with every input and stay stable for equal inputs', () => {
    assert.equal(cacheKey(['0.1.0', 'ends with 1', null]), cacheKey(['0.1.0', 'ends with 1', null]));
    assert.notEqual(cacheKey(['0.1.0', 'ends with 1', null]), cacheKey(['0.2.0', 'ends with 1', null]));
    assert.notEqual(cacheKey(['a', 'b']), cacheKey(['a,b']));
    assert.match(cacheKey([]), /^[0-9a-f]{64}$/);
  });

  it('a missing folder is an empty cache; entries survive a reopen; hits and misses are counted', () => {
    const dir = tmp();
    const c = new DfaCache(dir);
    assert.equal(c.get(cacheKey(['x'])), undefined);
    c.put(cacheKey(['x']), pass('x'));
    c.close();
    const again = new DfaCache(dir);
    assert.deepEqual(again.get(cacheKey(['x'])), pass('x'));
    assert.equal(again.get(cacheKey(['y'])), undefined);
    assert.deepEqual(again.stats, { hits: 1, misses: 1, corruptLines: 0, loaded: 1, written: 0 });
  });

  it('writes one line per entry, "<checksum> <json>", to a new segment per run', () => {
    const dir = tmp();
    fill(dir, 3);
    fill(dir, 2, 3);
    const texts = segments(dir).map((s) => readFileSync(path.join(dir, s), 'utf8'));
    assert.deepEqual(texts.map((t) => t.split('\n').length - 1).sort(), [2, 3]);
    for (const l of texts.join('').trimEnd().split('\n')) assert.match(l, /^[0-9a-f]{16} \["[0-9a-f]{64}",\{"status":"PASS",/);
  });

  it('ignores a torn last line, a bad checksum and garbage; the rest still hits; corrupt segments are rewritten', () => {
    const dir = tmp();
    fill(dir, 4);
    const seg = path.join(dir, segments(dir)[0]!);
    const lines = readFileSync(seg, 'utf8').split('\n');
    // Entry 1: checksum no longer matches (an edited line); entry 3: torn mid-line by a crash.
    lines[1] = lines[1]!.replace('"r1"', '"rX"');
    writeFileSync(seg, [lines[0], lines[1], 'garbage', lines[2], lines[3]!.slice(0, 30)].join('\n'));
    const c = new DfaCache(dir);
    assert.equal(c.stats.corruptLines, 3);
    assert.deepEqual(c.get(cacheKey(['row', 0])), pass('r0'));
    assert.equal(c.get(cacheKey(['row', 1])), undefined);
    assert.deepEqual(c.get(cacheKey(['row', 2])), pass('r2'));
    assert.equal(c.get(cacheKey(['row', 3])), undefined);
    // Rebuilt: the recomputed rows are written again and the corrupt lines disappear with the merge.
    c.put(cacheKey(['row', 1]), pass('r1'));
    c.put(cacheKey(['row', 3]), pass('r3'));
    c.close();
    assert.equal(segments(dir).length, 1);
    const fresh = new DfaCache(dir);
    assert.equal(fresh.stats.corruptLines, 0);
    assert.equal(fresh.stats.loaded, 4);
  });

  it('a line appended after a torn one is still read (each run starts its own segment, but be lenient)', () => {
    const dir = tmp();
    fill(dir, 1);
    const seg = path.join(dir, segments(dir)[0]!);
    const good = readFileSync(seg, 'utf8');
    appendFileSync(seg, '0123456789abcdef ["tor');
    appendFileSync(seg, '\n' + good);
    const c = new DfaCache(dir);
    assert.equal(c.stats.corruptLines, 1);
    assert.equal(c.stats.loaded, 1);
  });

  it('merges segments past eight into one, through a temporary file, keeping every entry', () => {
    const dir = tmp();
    for (let run = 0; run < 9; run++) fill(dir, 2, run * 2);
    assert.equal(segments(dir).length, 1);
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
    const c = new DfaCache(dir);
    assert.equal(c.stats.loaded, 18);
    for (let i = 0; i < 18; i++) assert.deepEqual(c.get(cacheKey(['row', i])), pass(`r${i}`));
  });

  it('flushes in batches without waiting for close', () => {
    const dir = tmp();
    const c = new DfaCache(dir);
    for (let i = 0; i < 300; i++) c.put(cacheKey(['row', i]), errorOutcome('ERROR', 'permanent', 'StateLimitError', 'too big'));
    // 256 lines were written on the spot; the rest wait for the timer or close().
    assert.equal(readFileSync(path.join(dir, segments(dir)[0]!), 'utf8').split('\n').length - 1, 256);
    c.close();
    assert.equal(new DfaCache(dir).stats.loaded, 300);
  });
});
