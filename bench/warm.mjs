// Warm re-scan: `argus check --cache` on a copy of a corpus whose cache is already populated, after
// changing one file (a comment line appended), so exactly one file misses. Measured spawn to exit,
// like the cold scans. The copy lives in .bench-cache/warm/ so the corpus itself stays untouched.
import { appendFileSync, cpSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { CACHE, ensureDir, median, round, runTimed } from './util.mjs';

const NODE = process.execPath;
const ARGUS = path.join(import.meta.dirname, '..', 'dist', 'cli.js');

/** Warm re-scans of `corpus` with one file changed each time; returns the median and the cache counts. */
export async function warmRescan(corpus, runs = 5) {
  const dir = path.join(CACHE, 'warm', corpus.name);
  const cacheDir = path.join(CACHE, 'warm', `${corpus.name}.cache`);
  rmSync(dir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
  cpSync(corpus.absDir, dir, { recursive: true });
  const out = ensureDir(path.join(CACHE, 'results'));
  const args = [ARGUS, 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off', '--cache', '--cache-location', cacheDir];
  const files = { stdoutFile: path.join(out, `warm.${corpus.name}.out`), stderrFile: path.join(out, `warm.${corpus.name}.err`), timeFile: path.join(out, `warm.${corpus.name}.time`) };
  const cold = await runTimed(NODE, args, { cwd: dir, ...files });
  const target = path.join(dir, corpus.language === 'python' ? 'json/decoder.py' : firstFile(corpus));
  const samples = [];
  let cache;
  for (let i = 0; i < runs; i++) {
    appendFileSync(target, corpus.language === 'python' ? `\n# warm ${i}\n` : `\n// warm ${i}\n`);
    const r = await runTimed(NODE, args, { cwd: dir, ...files });
    if (r.code !== 0) throw new Error(`warm re-scan of ${corpus.name} exited ${r.code}`);
    cache = JSON.parse(readFileSync(files.stdoutFile, 'utf8')).summary.cache;
    samples.push(r);
    process.stderr.write(`  warm ${corpus.name} #${i + 1}: ${r.wall_ms.toFixed(0)} ms (${cache.hits} hits, ${cache.misses} misses)\n`);
  }
  return {
    corpus: corpus.name,
    changed_file: path.relative(dir, target),
    cold_populate_ms: round(cold.wall_ms, 0),
    runs,
    wall_ms: round(median(samples.map((s) => s.wall_ms)), 0),
    wall_ms_all: samples.map((s) => round(s.wall_ms, 0)),
    maxrss_mb: round(Math.max(...samples.map((s) => s.maxrss_mb ?? 0)), 0),
    cache,
    target_ms: 1000,
    met: median(samples.map((s) => s.wall_ms)) <= 1000,
  };
}

function firstFile(corpus) {
  return corpus.language === 'javascript' ? 'webpack.js' : '';
}
