// Whole-codebase scan: wall time, CPU time and peak RSS of `argus check` on each corpus versus
// peers run in the same rounds (interleaved, so machine noise hits every tool alike):
//   JS:     eslint 9 + eslint-plugin-security (recommended), @ast-grep/cli (one pattern: speed floor),
//           secretlint (preset-recommend: secrets only)
//   Python: bandit (Debian python3-bandit, every plugin)
// plus the scoring overhead: the same Argus scan with the review and DFA engines off.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { corpora as loadCorpora } from './corpus.mjs';
import { CACHE, ROOT, capture, ensureDir, hasGnuTime, loadAverage, median, round, runTimed } from './util.mjs';

const OUT = path.join(CACHE, 'out');
const NODE = process.execPath;
const ARGUS = path.join(ROOT, 'dist', 'cli.js');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const AST_GREP = path.join(ROOT, 'node_modules', '.bin', 'ast-grep');
const PARSE_FLOOR = path.join(ROOT, 'bench', 'parseFloor.mjs');
const SECRETLINT = path.join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
const BANDIT = '/usr/bin/bandit';

/** Config files the peers and the overhead run need, written into .bench-cache/. */
function writeConfigs() {
  const dir = ensureDir(path.join(CACHE, 'config'));
  const files = {
    eslint: path.join(dir, 'eslint.config.mjs'),
    secretlint: path.join(dir, 'secretlintrc.json'),
    scoringOff: path.join(dir, 'scoring-off', '.argus.yml'),
  };
  writeFileSync(
    files.eslint,
    `// eslint-plugin-security's recommended config on every JS file; the corpora are CommonJS.
import security from 'eslint-plugin-security';
export default [
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], languageOptions: { ecmaVersion: 'latest', sourceType: 'commonjs' }, linterOptions: { reportUnusedDisableDirectives: 'off' } },
  security.configs.recommended,
];
`,
  );
  writeFileSync(files.secretlint, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }, null, 2) + '\n');
  ensureDir(path.dirname(files.scoringOff));
  writeFileSync(files.scoringOff, '# Argus with the scoring (review) and DFA engines off: security rules and secrets only.\nengines:\n  review: false\n  dfa: false\n');
  return files;
}

/**
 * Rules Argus runs on a language: its security rules, the generic (secret) rules, and the review rules.
 * Counted from the YAML sources in rules/ (the shipped packs in dist/rules are built from them).
 */
function argusRules(language) {
  let security = 0;
  let secrets = 0;
  const rulesDir = path.join(ROOT, 'rules');
  for (const f of readdirSync(rulesDir).filter((x) => /\.ya?ml$/.test(x))) {
    const doc = YAML.parse(readFileSync(path.join(rulesDir, f), 'utf8'));
    for (const r of doc.rules ?? []) {
      if (r.languages?.includes('generic')) secrets++;
      else if (r.languages?.includes(language)) security++;
    }
  }
  const review = JSON.parse(
    capture(NODE, ['--import', 'tsx', '--input-type=module', '-e', "const m = await import('./server/src/core/review/rules.ts'); console.log(JSON.stringify((m.reviewRules ?? m.default.reviewRules)().map((r) => r.id)))"], { cwd: ROOT }) || '[]',
  ).length;
  return { total: security + secrets + review, security, secrets, review };
}

async function eslintRuleCount(config, sampleFile) {
  const { ESLint } = await import(pathToFileURL(path.join(ROOT, 'node_modules', 'eslint', 'lib', 'api.js')).href);
  const eslint = new ESLint({ overrideConfigFile: config, cwd: path.dirname(sampleFile) });
  const computed = await eslint.calculateConfigForFile(sampleFile);
  return Object.values(computed.rules ?? {}).filter((v) => (Array.isArray(v) ? v[0] : v) !== 0 && (Array.isArray(v) ? v[0] : v) !== 'off').length;
}

function banditRuleCount() {
  const r = spawnSync(BANDIT, ['-h'], { encoding: 'utf8' });
  return (`${r.stdout}${r.stderr}`.match(/^\s+B\d{3}\s/gm) ?? []).length;
}

function secretlintRuleCount() {
  const preset = JSON.parse(capture(NODE, ['-e', "console.log(JSON.stringify(require('@secretlint/secretlint-rule-preset-recommend').creator.rules.map((r) => r.meta.id)))"], { cwd: ROOT }) || '[]');
  return preset.length;
}

/** Tool versions, for the report. */
export function toolVersions() {
  const pkg = (name) => JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  return {
    argus: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
    eslint: pkg('eslint'),
    'eslint-plugin-security': pkg('eslint-plugin-security'),
    '@ast-grep/cli': pkg('@ast-grep/cli'),
    secretlint: pkg('secretlint'),
    '@secretlint/secretlint-rule-preset-recommend': pkg('@secretlint/secretlint-rule-preset-recommend'),
    bandit: (capture(BANDIT, ['--version']).match(/bandit (\S+)/) ?? [])[1] ?? null,
    python3: capture('/usr/bin/python3', ['--version']).replace('Python ', ''),
  };
}

/** Counters read from each tool's output (findings; for Argus split by engine). */
const readers = {
  argus(file) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const byEngine = {};
    for (const f of r.files) for (const x of f.findings) byEngine[x.engine] = (byEngine[x.engine] ?? 0) + 1;
    return { files: r.summary.files, skippedFiles: r.summary.skipped, findings: r.summary.findings, byEngine, check_millis: r.summary.millis };
  },
  eslint(file) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const msgs = r.flatMap((f) => f.messages);
    return { files: r.length, findings: msgs.filter((m) => m.ruleId?.startsWith('security/')).length, parseErrors: msgs.filter((m) => m.fatal).length };
  },
  parseFloor(file) {
    return { files: JSON.parse(readFileSync(file, 'utf8')).files, findings: 0 };
  },
  astGrep(file) {
    return { findings: readFileSync(file, 'utf8').split('\n').filter((l) => l.trim().startsWith('{')).length };
  },
  secretlint(file) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return { files: r.length, findings: r.reduce((n, f) => n + f.messages.length, 0) };
  },
  bandit(file) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    return { files: Object.keys(r.metrics).filter((k) => k !== '_totals').length, findings: r.results.length, errors: r.errors.length };
  },
};

/** The tools run on a corpus of `language`; `okCodes` are exit codes that mean "ran fine". */
function toolsFor(language, cfg, rules) {
  const argus = { id: 'argus', label: 'Argus', cmd: NODE, args: [ARGUS, 'check', '.', '--format', 'json', '--fail-on', 'none', '--semgrep', 'off'], okCodes: [0], read: readers.argus, rules: rules.argus[language].total, display: 'node dist/cli.js check <corpus> --format json --fail-on none --semgrep off' };
  const scoringOff = {
    ...argus,
    id: 'argus-scoring-off',
    label: 'Argus, review + DFA engines off',
    args: [...argus.args, '--config', cfg.scoringOff],
    rules: rules.argus[language].total - rules.argus[language].review,
    display: `${argus.display} --config .bench-cache/config/scoring-off/.argus.yml`,
  };
  // The same scan on this thread alone: one wasm heap and one set of compiled rules instead of one per thread.
  const oneThread = { ...argus, id: 'argus-jobs1', label: 'Argus, one thread (`--jobs 1`)', args: [...argus.args, '--jobs', '1'], display: `${argus.display} --jobs 1` };
  // Parsing alone, on as many threads as Argus uses: no tool built on web-tree-sitter can go below it.
  const floor = { id: 'parse-floor', label: 'web-tree-sitter parse only (the floor under Argus)', peer: true, cmd: NODE, args: [PARSE_FLOOR, '.'], okCodes: [0], read: readers.parseFloor, rules: 0, display: 'node bench/parseFloor.mjs <corpus>' };
  if (language === 'python') {
    return [argus, scoringOff, oneThread, floor, { id: 'bandit', label: 'bandit', peer: true, cmd: BANDIT, args: ['-r', '-q', '-f', 'json', '.'], okCodes: [0, 1], read: readers.bandit, rules: rules.bandit, display: 'bandit -r -q -f json <corpus>' }];
  }
  return [
    argus,
    scoringOff,
    oneThread,
    floor,
    { id: 'eslint-security', label: 'eslint + eslint-plugin-security', peer: true, cmd: NODE, args: [ESLINT, '--no-config-lookup', '-c', cfg.eslint, '-f', 'json', '.'], okCodes: [0, 1], read: readers.eslint, rules: rules.eslint, display: 'node node_modules/eslint/bin/eslint.js --no-config-lookup -c .bench-cache/config/eslint.config.mjs -f json <corpus>' },
    { id: 'ast-grep', label: 'ast-grep (1 pattern, speed floor)', peer: true, cmd: AST_GREP, args: ['run', '-p', 'eval($A)', '-l', 'js', '--json=stream', '.'], okCodes: [0, 1], read: readers.astGrep, rules: 1, display: "node_modules/.bin/ast-grep run -p 'eval($A)' -l js --json=stream <corpus>" },
    { id: 'secretlint', label: 'secretlint (secrets only)', peer: true, cmd: NODE, args: [SECRETLINT, '--secretlintrc', cfg.secretlint, '--format', 'json', '--no-gitignore', '**/*'], okCodes: [0, 1], read: readers.secretlint, rules: rules.secretlint, display: 'node node_modules/secretlint/bin/secretlint.js --secretlintrc .bench-cache/config/secretlintrc.json --format json --no-gitignore "**/*" (in <corpus>)' },
  ];
}

/**
 * Runs every tool `runs` times on every corpus (round-robin) and returns one
 * result per corpus: per tool the median wall time, CPU time, peak RSS, rules
 * run, findings and the peer/Argus ratios; plus the scoring overhead.
 */
export async function scan({ runs = 3, corpora } = {}) {
  const list = corpora ?? (await loadCorpora());
  const cfg = writeConfigs();
  ensureDir(OUT);
  const js = list.find((c) => c.language === 'javascript');
  const sample = path.join(js.absDir, readdirFirstJs(js));
  const rules = {
    argus: { javascript: argusRules('javascript'), python: argusRules('python') },
    eslint: await eslintRuleCount(cfg.eslint, sample),
    bandit: banditRuleCount(),
    secretlint: secretlintRuleCount(),
  };
  const results = [];
  for (const corpus of list) {
    const tools = toolsFor(corpus.language, cfg, rules);
    const samples = Object.fromEntries(tools.map((t) => [t.id, []]));
    const counts = {};
    const load = [loadAverage()];
    for (let round_ = 0; round_ < runs; round_++) {
      for (const t of tools) {
        const base = path.join(OUT, `${corpus.name}.${t.id}`);
        const r = await runTimed(t.cmd, t.args, { cwd: corpus.absDir, stdoutFile: `${base}.out`, stderrFile: `${base}.err`, timeFile: `${base}.time` });
        if (!t.okCodes.includes(r.code)) throw new Error(`${t.label} on ${corpus.name} exited ${r.code}; see ${base}.err`);
        samples[t.id].push(r);
        if (round_ === 0) counts[t.id] = t.read(`${base}.out`);
        process.stderr.write(`  scan ${corpus.name} ${t.id} #${round_ + 1}: ${r.wall_ms.toFixed(0)} ms, ${r.maxrss_mb?.toFixed(0)} MB\n`);
      }
    }
    load.push(loadAverage());
    const summary = (t) => {
      const s = samples[t.id];
      return {
        tool: t.id,
        label: t.label,
        command: t.display,
        runs: s.length,
        wall_ms: round(median(s.map((x) => x.wall_ms)), 0),
        wall_ms_min: round(Math.min(...s.map((x) => x.wall_ms)), 0),
        wall_ms_all: s.map((x) => round(x.wall_ms, 0)),
        cpu_s: s[0].cpu_s === null ? null : round(median(s.map((x) => x.cpu_s)), 2),
        maxrss_mb: round(Math.max(...s.map((x) => x.maxrss_mb)), 0),
        maxrss_mb_all: s.map((x) => round(x.maxrss_mb, 0)),
        rules: t.rules,
        ...counts[t.id],
      };
    };
    const argus = summary(tools[0]);
    const off = summary(tools[1]);
    const oneThread = summary(tools[2]);
    const peers = tools.filter((t) => t.peer).map(summary);
    for (const p of peers) {
      p.ratio_wall = round(p.wall_ms / argus.wall_ms, 2);
      p.ratio_cpu = p.cpu_s === null ? null : round(p.cpu_s / argus.cpu_s, 2);
    }
    const overhead = {
      enabled_wall_ms: argus.wall_ms,
      disabled_wall_ms: off.wall_ms,
      wall_pct: round(((argus.wall_ms - off.wall_ms) / off.wall_ms) * 100, 1),
      enabled_cpu_s: argus.cpu_s,
      disabled_cpu_s: off.cpu_s,
      cpu_pct: argus.cpu_s === null ? null : round(((argus.cpu_s - off.cpu_s) / off.cpu_s) * 100, 1),
      disabled_rss_mb: off.maxrss_mb,
      target_pct: 25,
    };
    overhead.met = overhead.wall_pct <= overhead.target_pct;
    const target = corpus.language === 'python' ? { peer: 'bandit', min_ratio: 10 } : { peer: 'eslint-security', min_ratio: 5 };
    const peer = peers.find((p) => p.tool === target.peer);
    // A corpus of a few small files measures process start-up, not scanning: no targets there.
    const targeted = corpus.lines >= 50_000;
    results.push({
      name: `scan: ${corpus.name}`,
      corpus: { name: corpus.name, files: corpus.files, lines: corpus.lines, bytes: corpus.bytes },
      runs,
      rss_method: hasGnuTime() ? '/usr/bin/time -v (max RSS of the largest process)' : '/proc/<pid>/status VmHWM sampled every 10 ms',
      load_average: load,
      argus,
      argus_scoring_off: off,
      argus_jobs1: oneThread,
      peers,
      overhead,
      targets: targeted
        ? {
            speed: { ...target, ratio: peer.ratio_wall, met: peer.ratio_wall >= target.min_ratio },
            rules: { argus: argus.rules, peer: peer.rules, met: argus.rules > peer.rules },
            rss: { max_mb: 200, argus_mb: argus.maxrss_mb, met: argus.maxrss_mb <= 200 },
            scoring_overhead: { max_pct: 25, wall_pct: overhead.wall_pct, cpu_pct: overhead.cpu_pct, met: overhead.met },
          }
        : null,
      rules_detail: { argus: rules.argus[corpus.language] },
    });
  }
  return results;
}

function readdirFirstJs(corpus) {
  const manifest = JSON.parse(readFileSync(path.join(CACHE, 'corpora', `${corpus.name}.json`), 'utf8'));
  return manifest.fileList[0];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const runs = Number(process.argv[2] ?? 3);
  console.log(JSON.stringify(await scan({ runs }), null, 2));
}
