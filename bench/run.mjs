// `npm run bench`: runs every benchmark, writes bench/results.json and docs/benchmarks.md.
//   1. cold start of the language server          (coldstart.mjs)
//   2. corpora: real code cached in .bench-cache/  (corpus.mjs)
//   3. whole-codebase scan vs peers + scoring overhead (scan.mjs)
//   4. keystroke latency in the language server     (keystroke.mjs)
// Peers run in the same rounds as Argus on the same machine; nothing here is asserted in unit tests.
// BENCH_SCAN_RUNS (default 5), BENCH_EDITS (default 100) and BENCH_COLD_RUNS (default 10) shorten a trial run.
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import { coldStart } from './coldstart.mjs';
import { corpora as loadCorpora } from './corpus.mjs';
import { scan, toolVersions } from './scan.mjs';
import { keystroke } from './keystroke.mjs';
import { warmRescan } from './warm.mjs';
import { serverScan } from './serverScan.mjs';
import { dfaBench } from './dfa.mjs';
import { dfaEdit } from './dfaEdit.mjs';
import { capture, hasGnuTime, loadAverage, ROOT } from './util.mjs';

const SCAN_RUNS = Number(process.env.BENCH_SCAN_RUNS ?? 5);
const EDITS = Number(process.env.BENCH_EDITS ?? 100);
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 10);

async function main() {
  // `node bench/run.mjs --render`: rewrite docs/benchmarks.md from bench/results.json without measuring again.
  if (process.argv.includes('--render')) {
    writeFileSync('docs/benchmarks.md', render(JSON.parse(readFileSync('bench/results.json', 'utf8'))));
    return;
  }
  const t0 = performance.now();
  const step = (name) => process.stderr.write(`bench: ${name} (${((performance.now() - t0) / 1000).toFixed(0)} s)\n`);
  const osRelease = (readFileSync('/etc/os-release', 'utf8').match(/^PRETTY_NAME="?([^"\n]*)/m) ?? [])[1] ?? os.platform();
  const results = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      memory_gb: +(os.totalmem() / 2 ** 30).toFixed(1),
      os: osRelease,
      node: process.version,
      load_average_start: loadAverage(),
    },
    git: { commit: capture('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }), dirty_files: capture('git', ['status', '--porcelain'], { cwd: ROOT }).split('\n').filter(Boolean).length },
    tools: toolVersions(),
    rss_method: hasGnuTime() ? 'GNU time: /usr/bin/time -v (Maximum resident set size)' : '/proc/<pid>/status VmHWM, sampled',
    benchmarks: [],
    corpora: [],
    scans: [],
    keystroke: [],
  };

  step('cold start');
  results.benchmarks.push(await coldStart(COLD_RUNS));
  step('corpora');
  const corpora = await loadCorpora();
  results.corpora = corpora.map((c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== 'absDir')));
  step('scan');
  results.scans = await scan({ runs: SCAN_RUNS, corpora });
  step('warm re-scan');
  // The largest corpus by lines (the issue's "warm re-scan with one file changed ≤ 1 s on the largest corpus").
  const largest = [...corpora].sort((a, b) => b.lines - a.lines)[0];
  results.warm = await warmRescan(largest, Math.min(SCAN_RUNS, 5));
  step('server scan');
  results.serverScans = [];
  for (const c of corpora.filter((c) => c.lines >= 50_000)) results.serverScans.push(await serverScan(c));
  step('keystroke');
  results.keystroke = await keystroke({ edits: EDITS, corpora });
  step('dfa');
  results.dfa = { suite: await dfaBench(3), edit: await dfaEdit(EDITS) };
  results.machine.load_average_end = loadAverage();
  results.total_seconds = Math.round((performance.now() - t0) / 1000);
  step('done');

  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', JSON.stringify(results, null, 2) + '\n');
  writeFileSync('docs/benchmarks.md', render(results));
  console.log(render(results));
  return results;
}

// ---- docs/benchmarks.md -------------------------------------------------------------------

function table(headers, rows) {
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map((c) => (c === null || c === undefined ? '–' : String(c))).join(' | ')} |`)].join('\n');
}

const n = (x) => (x === null || x === undefined ? '–' : x.toLocaleString('en-US'));
const met = (ok) => (ok === null || ok === undefined ? 'n/a' : ok ? '**met**' : '**missed**');
const ratio = (x) => (x === null || x === undefined ? '–' : `${x.toFixed(2)}×`);
const kb = (b) => (b < 1024 * 1024 ? `${(b / 1024).toFixed(1)} KB` : `${(b / 1024 / 1024).toFixed(1)} MB`);

function render(r) {
  const m = r.machine;
  const cold = r.benchmarks[0];
  const js = r.scans.find((s) => s.corpus.name === 'webpack-lib');
  const py = r.scans.find((s) => s.corpus.name === 'python-stdlib');
  const ks = r.keystroke;
  const targetRows = [];
  targetRows.push(['Cold start p95 ≤ 600 ms', `${cold.p95_ms} ms`, met(cold.p95_ms <= cold.target_ms)]);
  for (const s of [js, py].filter(Boolean)) {
    const t = s.targets;
    const peer = s.peers.find((p) => p.tool === t.speed.peer);
    targetRows.push([`${s.corpus.name}: Argus ≥ ${t.speed.min_ratio}× faster than ${peer.label} (wall)`, `${ratio(t.speed.ratio)} (CPU time: ${ratio(peer.ratio_cpu)})`, met(t.speed.met)]);
    // The peers are security linters: the same comparison with Argus's security engine only (review + DFA off).
    const secOnly = ratio(peer.wall_ms / s.argus_scoring_off.wall_ms);
    targetRows.push([`${s.corpus.name}: Argus security engine only (the peer's scope) ≥ ${t.speed.min_ratio}× faster than ${peer.label} (wall)`, `${secOnly} (${n(s.argus_scoring_off.rules)} rules vs ${n(peer.rules)})`, met(peer.wall_ms / s.argus_scoring_off.wall_ms >= t.speed.min_ratio)]);
    targetRows.push([`${s.corpus.name}: Argus runs far more rules than ${peer.label}`, `${t.rules.argus} vs ${t.rules.peer}`, met(t.rules.met)]);
    targetRows.push([`${s.corpus.name}: Argus peak RSS ≤ 200 MB`, `${t.rss.argus_mb} MB${s.argus_jobs1 ? ` (one thread, \`--jobs 1\`: ${n(s.argus_jobs1.maxrss_mb)} MB at ${n(s.argus_jobs1.wall_ms)} ms)` : ''}`, met(t.rss.met)]);
    targetRows.push([`${s.corpus.name}: scoring overhead ≤ 25 % (wall)`, `${t.scoring_overhead.wall_pct} % (CPU time: ${t.scoring_overhead.cpu_pct} %)`, met(t.scoring_overhead.met)]);
  }
  if (r.warm) targetRows.push([`Warm re-scan of \`${r.warm.corpus}\` (largest corpus) with one file changed ≤ 1 s (\`--cache\`)`, `${n(r.warm.wall_ms)} ms (${r.warm.cache.hits} hits, ${r.warm.cache.misses} miss)`, met(r.warm.met)]);
  for (const s of r.serverScans ?? []) targetRows.push([`Language server RSS ≤ 200 MB after scanning \`${s.corpus}\` (Scan Workspace)`, `${s.rss_after_mb} MB (peak during the scan, workers included: ${s.peak_mb} MB)`, met(s.met)]);
  if (r.dfa) {
    targetRows.push([`DFA: ${n(r.dfa.suite.rows)} suite rows ≤ 3 s on 2 cores`, `${n(r.dfa.suite.wall_ms)} ms`, met(r.dfa.suite.wall_ms <= r.dfa.suite.target_ms)]);
    targetRows.push(['DFA: a single .dfa edit re-validates ≤ 10 ms p95 (server analysis)', `${r.dfa.edit.analysis_p95_ms} ms`, met(r.dfa.edit.analysis_p95_ms <= r.dfa.edit.target_ms)]);
  }
  const typed = (k) =>
    ({
      paced: `typed as in VS Code at a fast typist's pace (${k.pace_ms?.join('/')} ms between keys)`,
      editor: 'typed as in VS Code, each key as soon as the last diagnostics arrive',
      raw: 'raw characters, no auto-closing, each key as soon as the last diagnostics arrive',
    })[k.run ?? k.typing];
  for (const k of ks) {
    targetRows.push([`Keystroke ${k.language} ${n(k.file.lines)} lines, ${typed(k)}: p95 ≤ 15 ms (didChange → diagnostics)`, `${k.latency_p95_ms} ms`, met(k.met_raw)]);
    targetRows.push([`Keystroke ${k.language}, ${typed(k)}: server analysis p95 ≤ 15 ms (without the typing delay)`, `${k.analysis_p95_ms} ms`, met(k.met_analysis)]);
  }

  const corpusRows = r.corpora.map((c) => [
    `\`${c.name}\``,
    c.source,
    n(c.files),
    n(c.lines),
    kb(c.bytes),
    `\`${c.sha256}\``,
    c.skipped.length ? c.skipped.map((s) => `\`${s.path}\`${s.bytes ? ` (${kb(s.bytes)}, ${n(s.lines)} lines)` : ''}: ${s.reason}`).join('; ') : 'none',
  ]);

  const scanTables = r.scans
    .map((s) => {
      const rows = [s.argus, s.argus_scoring_off, ...(s.argus_jobs1 ? [s.argus_jobs1] : []), ...s.peers].map((t) => [
        t.label,
        n(t.rules),
        n(t.wall_ms),
        t.wall_ms_all.map(n).join(' / '),
        t.cpu_s,
        t.tool.startsWith('argus') ? (t.tool === 'argus' ? '1 (reference)' : ratio(t.wall_ms / s.argus.wall_ms)) : ratio(t.ratio_wall),
        t.tool.startsWith('argus') ? (t.tool === 'argus' ? '1 (reference)' : ratio(t.cpu_s / s.argus.cpu_s)) : ratio(t.ratio_cpu),
        n(t.maxrss_mb),
        t.tool.startsWith('argus') ? `${n(t.findings)} (security ${n(t.byEngine?.security ?? 0)}, review ${n(t.byEngine?.review ?? 0)})` : n(t.findings),
      ]);
      const note = s.targets ? '' : '\n\nA handful of small files: every number here is process start-up, so no target applies.';
      return `### \`${s.corpus.name}\` (${n(s.corpus.files)} files, ${n(s.corpus.lines)} lines, ${kb(s.corpus.bytes)})

${table(['Tool', 'Rules run', `Wall ms (median of ${s.runs})`, 'Wall ms, each run', 'CPU s (user+sys)', 'Time ratio peer / Argus (wall)', 'Ratio (CPU)', 'Peak RSS MB', 'Findings'], rows)}

Argus's own \`summary.millis\` (first round; from the file walk to the report, without process start-up and rule compilation):
${n(s.argus.check_millis)} ms with all engines, ${n(s.argus_scoring_off.check_millis)} ms with review + DFA off. Peak RSS per round, Argus: ${s.argus.maxrss_mb_all?.join(' / ') ?? '–'} MB.
Load average (1/5/15 min) before and after these rounds: ${s.load_average.map((l) => l.join(' / ')).join(' → ')}.${note}`;
    })
    .join('\n\n');

  const overheadRows = r.scans.map((s) => [
    `\`${s.corpus.name}\``,
    n(s.overhead.enabled_wall_ms),
    n(s.overhead.disabled_wall_ms),
    `${s.overhead.wall_pct} %`,
    s.overhead.enabled_cpu_s,
    s.overhead.disabled_cpu_s,
    `${s.overhead.cpu_pct} %`,
    `${s.argus.maxrss_mb} → ${s.overhead.disabled_rss_mb}`,
    s.targets ? met(s.targets.scoring_overhead.met) : 'n/a',
  ]);

  const ksRows = ks.map((k) => [
    `${k.language}, ${typed(k)}: \`${k.file.path}\` (${n(k.file.lines)} lines, ${kb(k.file.bytes)}; ${k.file.from})`,
    k.edits,
    k.latency_p50_ms,
    k.latency_p95_ms,
    k.latency_max_ms,
    k.server_delay_p50_ms === null ? '–' : `${k.server_delay_p50_ms} (${k.server_delay_range_ms[0]}–${k.server_delay_range_ms[1]})`,
    `${k.latency_minus_delay_p50_ms} / ${k.latency_minus_delay_p95_ms}`,
    `${k.analysis_p50_ms} / ${k.analysis_p95_ms}`,
    k.server_cpu_ms_per_edit,
    k.server_peak_rss_mb,
    `${met(k.met_raw)} (analysis alone: ${met(k.met_analysis)})`,
  ]);

  const scanCmds = [...new Map(r.scans.flatMap((s) => [s.argus, s.argus_scoring_off, ...(s.argus_jobs1 ? [s.argus_jobs1] : []), ...s.peers]).map((t) => [t.tool, `- ${t.label}: \`${t.command}\``])).values()].join('\n');
  const tools = Object.entries(r.tools)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

  return `# Benchmarks

Generated by \`npm run bench\` on ${r.date.slice(0, 10)} (${r.date.slice(11, 16)} UTC) in ${Math.floor(r.total_seconds / 60)} min ${r.total_seconds % 60} s.
Machine: ${m.cpus} cores (${m.model}), ${m.memory_gb} GB RAM, ${m.os}, Node ${m.node}.
Load average (1/5/15 min) at start ${m.load_average_start.join(' / ')}, at end ${m.load_average_end.join(' / ')}: on a machine shared with other work, wall times
are inflated and noisy, so CPU times (user + sys, from GNU time) are shown next to them; the targets are judged on wall time.
Code measured: git \`${r.git.commit}\`${r.git.dirty_files ? ` plus ${r.git.dirty_files} uncommitted changes in the working tree` : ''}, built by \`npm run build\`.
Tools: ${tools}. Peak RSS: ${r.rss_method}.
Raw numbers: \`bench/results.json\`. Peers run in the same rounds as Argus, interleaved, on the same corpora; nothing here is asserted in unit tests.

## Targets

${table(['Target', 'Measured', 'Result'], targetRows)}

## Corpora

Real code, cached in \`.bench-cache/corpora/\` (not in git). Files longer than 1,000,000 characters are left out of every corpus,
because Argus skips them by default (\`thresholds.security.maxFileBytes\`) and a peer would otherwise scan code Argus never reads.

${table(['Corpus', 'Source', 'Files', 'Lines', 'Size', 'Content hash', 'Left out'], corpusRows)}

${r.dfa ? `## DFA validation

- \`argus dfa verify\` on a generated 6000-row suite in the seed's CSV format, each row with a machine
  (spec → DFA, exact equivalence, test vectors), cold cache, \`--jobs 2\`, spawn to exit, median of ${r.dfa.suite.runs}:
  **${n(r.dfa.suite.wall_ms)} ms** (${n(r.dfa.suite.rows_per_s)} rows/s; samples ${r.dfa.suite.samples_ms.join(' / ')} ms; labels only:
  ${n(r.dfa.suite.labels_only_wall_ms)} ms). The seed system's published figure for its 6000 rows: ${r.dfa.suite.seed_published}.
- One \`.dfa\` edit (5 machines) re-validated by the language server, ${r.dfa.edit.edits} edits: analysis p50
  **${r.dfa.edit.analysis_p50_ms} ms**, p95 **${r.dfa.edit.analysis_p95_ms} ms**; didChange → diagnostics p50 ${r.dfa.edit.latency_p50_ms} ms,
  p95 ${r.dfa.edit.latency_p95_ms} ms (includes the server's typing delay, \`server/src/lsp/typingDelay.ts\`).
- Reproduce: \`node bench/dfa.mjs 3\`, \`node bench/dfaEdit.mjs 100\`.

` : ''}${r.serverScans?.length ? `## Scan Workspace in the language server

One \`argus server --stdio\` process per corpus, \`initialize\` with the corpus as the workspace folder, then the
\`argus.server.scanWorkspace\` command (what "Argus: Scan Workspace" sends), which publishes diagnostics for every file;
large folders are analysed on the scan-worker pool, which ends with the scan. RSS from \`/proc/<pid>/status\`.

${table(['Corpus', 'Files', 'Findings published', 'Wall ms', 'Server RSS after the scan MB', 'Peak RSS during the scan MB (VmHWM)'], r.serverScans.map((s) => [`\`${s.corpus}\``, n(s.files), n(s.findings), n(s.wall_ms), s.rss_after_mb, s.peak_mb]))}

` : ''}${r.warm ? `## Warm re-scan

\`argus check --cache\` on a copy of \`${r.warm.corpus}\` whose cache was populated by one cold run (${n(r.warm.cold_populate_ms)} ms), after
appending a comment line to \`${r.warm.changed_file}\` before each run, so exactly one file is analysed and the rest come from
\`.argus/cache\` (cross-file duplication, scores and the JSON report are still rebuilt). Spawn to exit, median of ${r.warm.runs}:
**${n(r.warm.wall_ms)} ms** (each run: ${r.warm.wall_ms_all.map(n).join(' / ')} ms; peak RSS ${n(r.warm.maxrss_mb)} MB). Measured by \`bench/warm.mjs\` within \`npm run bench\`.

` : ''}## Cold start of the language server

From sending \`initialize\` to the first publishDiagnostics of \`examples/js/render.js\`, over ${cold.runs} fresh \`argus server --stdio\` processes.

${table(['Benchmark', 'Runs', 'p50 ms', 'p95 ms', 'Spawn → diagnostics p50 ms', 'Target ms', 'Target'], [[cold.name, cold.runs, cold.p50_ms, cold.p95_ms, cold.spawn_p50_ms, cold.target_ms, met(cold.p95_ms <= cold.target_ms)]])}

## Whole-codebase scan

Each tool scans the corpus folder as its working directory, ${r.scans[0]?.runs} round${r.scans[0]?.runs === 1 ? '' : 's'}, tools interleaved within a round. Wall time is measured
from spawn to exit (process start-up included for every tool). "Rules run": Argus counts the security rules for the language,
the secret rules and the review rules (\`rules/*.yml\`, \`reviewRules()\`); eslint counts the enabled rules of the computed config;
bandit counts the tests listed by \`bandit -h\`; secretlint counts the rules of preset-recommend. Argus, eslint, secretlint and bandit
analyse on one thread and ast-grep uses both cores; Argus analyses on worker threads, one per core (\`--jobs\`; its CPU time
includes every worker, and each worker loads the wasm and compiles the rules once). "web-tree-sitter parse only" parses every
file with the same runtime and grammars on as many threads as Argus, and does nothing else (\`bench/parseFloor.mjs\`): it is the
floor under any scan built on web-tree-sitter, so a target below it cannot be met by faster rules alone.

${scanTables}

### Scoring overhead

The same Argus scan with the review (scoring) and DFA engines off, via \`--config .bench-cache/config/scoring-off/.argus.yml\`
(\`engines: { review: false, dfa: false }\`), against the default run (all engines). Extra = (all − off) / off.

${table(['Corpus', 'All engines wall ms', 'Review + DFA off wall ms', 'Extra (wall)', 'All engines CPU s', 'Off CPU s', 'Extra (CPU)', 'Peak RSS MB (all → off)', 'Target ≤ 25 %'], overheadRows)}

## Keystroke latency

A fresh \`argus server --stdio\` process per file and typing model, and a real LSP client (vscode-jsonrpc). Each file is opened and analysed, the server is left until
its CPU use settles (its background compile of the other grammars' rules waits for a quiet second, \`server/src/lsp/idleGate.ts\`, so it runs
after the typing, as it would for a user who starts typing at once), then ${ks[0]?.warm_up_edits ?? 0} unmeasured edits and ${ks[0]?.edits ?? 0} measured edits are typed, one keystroke each, on a new line before a
top-level declaration in the middle of the file (\`didChange\` with an incremental range; realistic half-typed statements). Each
edit waits for the publishDiagnostics of its version. Each file is typed three times, each time in a new server. "Typed as in VS Code" follows the editor's defaults
(\`editor.autoClosingBrackets\` and \`autoClosingQuotes\`: an opening bracket or quote also inserts its closer, and typing the
closer later moves over it without a change). "Raw characters" inserts every character as it is, so a bracket stays open
until its closer is typed; tree-sitter then re-reads the rest of the file as one unfinished expression on every keystroke
(about 20–30 ms for the 10k-line Python file in web-tree-sitter alone), a worst case kept for comparison. "At a fast typist's pace"
presses a key every 60–140 ms (a mean of 100 ms, about 120 words a minute), or as soon as the previous diagnostics arrive if
they are later; the other two runs press each key as soon as the previous diagnostics arrive, faster than anyone types.
"Latency" is didChange sent → diagnostics received; it includes the server's typing delay: analyses of a document are spaced
by a gap of twice its recent average analysis time (at least 20 ms, at most 120 ms, and 120 ms until a first time is known),
counted from the end of the previous analysis, so a keystroke after a quiet spell is analysed at once and a keystroke
sooner waits for the rest of the gap (\`server/src/lsp/typingDelay.ts\`). "Analysis" is the server's own
\`analysed … millis=N\` log line (from the end of the delay to the publish); the server logs the delay it waited
(\`delay=N\`) too.

${table(['File', 'Edits', 'Latency p50 ms', 'Latency p95 ms', 'Latency max ms', 'Typing delay p50 ms (range)', 'Latency − delay p50 / p95 ms', 'Analysis p50 / p95 ms', 'Server CPU ms per edit', 'Server peak RSS MB', 'Target p95 ≤ 15 ms'], ksRows)}

## Commands

- Cold start: \`node bench/coldstart.mjs 10\`
- Corpora: \`node bench/corpus.mjs\` (\`--rebuild\` to rebuild); npm tarballs come from \`npm pack <pkg>@<version>\` and \`tar -xzf\`
${scanCmds}
- Every command above runs as \`/usr/bin/time -v -o <file> <command>\` with the corpus folder as working directory.
- Scan only: \`node bench/scan.mjs 5\`; keystroke only: \`node bench/keystroke.mjs 100\`

## How to reproduce

On Debian 12 with Node 20: \`npm ci\`, \`apt-get install python3-bandit time\` (GNU time for CPU and RSS; without it RSS is sampled from
\`/proc\`), then \`npm run bench\` (it builds first). The first run fetches the two npm tarballs into \`.bench-cache/\` (git-ignored) and copies
Python's standard library from \`/usr/lib/python3.11/\`; later runs reuse the cache if every listed file is still there. The run takes
about ${Math.max(1, Math.round(r.total_seconds / 60))} min on 2 cores and rewrites this file and \`bench/results.json\`. Compare ratios, not absolute times, across machines:
peers are measured in the same run for that reason.
`;
}

// `--render-only` re-renders docs/benchmarks.md from the last bench/results.json without measuring.
if (process.argv.includes('--render-only')) writeFileSync('docs/benchmarks.md', render(JSON.parse(readFileSync('bench/results.json', 'utf8'))));
else await main();
