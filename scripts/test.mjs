// Runs the test layers and ends with one "N passed, N failed" line.
//   node scripts/test.mjs all | fast | unit | lsp | cli | grammar | e2e
// "fast" is every layer but e2e; "all" adds the real-VS-Code e2e run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const mode = process.argv[2] ?? 'fast';
const totals = { passed: 0, failed: 0 };

function testFiles(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const e of readdirSync(dir)) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...testFiles(p));
    else if (e.endsWith('.test.ts')) out.push(p);
  }
  return out.sort();
}

function run(label, cmd, args, parse) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(r.stdout ?? '');
  const counts = parse(r.stdout ?? '');
  if (r.status !== 0 && counts.failed === 0) counts.failed = 1; // a crash with no parsed failure still fails
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  console.log(`=== ${label}: ${counts.passed} passed, ${counts.failed} failed`);
}

const nodeTap = (out) => ({ passed: +(/^# pass (\d+)/m.exec(out)?.[1] ?? 0), failed: +(/^# fail (\d+)/m.exec(out)?.[1] ?? 0) });
const plainLine = (out) => {
  const m = [...out.matchAll(/^(?:\w+: )?(\d+) passed, (\d+) failed/gm)].pop();
  return { passed: +(m?.[1] ?? 0), failed: +(m?.[2] ?? 0) };
};

function nodeTests(label, dirs) {
  const files = dirs.flatMap(testFiles);
  if (files.length === 0) return;
  run(label, process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=2', ...files], nodeTap);
}

const layers = {
  deps: () => run('system packages', 'bash', ['scripts/ensure-system-deps.sh'], () => ({ passed: 0, failed: 0 })),
  types: () => run('type-check', 'npm', ['run', '--silent', 'check-types'], (out) => ({ passed: 0, failed: /error TS/.test(out) ? 1 : 0 })),
  lint: () => run('lint', 'npx', ['eslint', '--max-warnings=0', '.'], () => ({ passed: 0, failed: 0 })),
  build: () => run('build', 'npm', ['run', '--silent', 'build'], (out) => ({ passed: 0, failed: /error/i.test(out) ? 1 : 0 })),
  unit: () => nodeTests('unit', ['test/unit', 'test/eval']),
  protocol: () => nodeTests('lsp + cli', ['test/lsp', 'test/cli']),
  grammar: () => run('grammar', process.execPath, ['scripts/grammar-tests.mjs'], plainLine),
  e2e: () => {
    run('e2e install', 'bash', ['test/e2e/install.sh'], () => ({ passed: 0, failed: 0 }));
    run('package', 'npm', ['run', '--silent', 'package'], () => ({ passed: 0, failed: 0 }));
    run('e2e', process.execPath, ['test/e2e/run.mjs'], plainLine);
  },
};

const plan = {
  all: ['deps', 'types', 'lint', 'build', 'unit', 'protocol', 'grammar', 'e2e'],
  fast: ['deps', 'types', 'lint', 'build', 'unit', 'protocol', 'grammar'],
  unit: ['deps', 'build', 'unit'],
  lsp: ['build', 'protocol'],
  cli: ['build', 'protocol'],
  grammar: ['grammar'],
  e2e: ['e2e'],
}[mode];
if (!plan) {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}
for (const step of plan) layers[step]();
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exitCode = totals.failed > 0 ? 1 : 0;
