// Runs vscode-tmgrammar-test over every grammar test file and prints "N passed, N failed".
// The grammars are the ones package.json contributes (so the test checks what ships),
// plus minimal host grammars that the comment-directive injection needs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = process.cwd();
const bin = path.resolve('node_modules/.bin/vscode-tmgrammar-test');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'argus-grammar-'));
const contributed = JSON.parse(readFileSync('package.json', 'utf8')).contributes.grammars;
const hosts = [
  { scopeName: 'source.js', path: 'test/grammar/host-grammars/javascript.tmLanguage.json' },
  { scopeName: 'source.python', path: 'test/grammar/host-grammars/python.tmLanguage.json' },
];
const grammars = [...contributed, ...hosts]
  .filter((g) => existsSync(path.join(root, g.path)))
  .map((g) => ({ ...g, path: path.relative(tmp, path.join(root, g.path)) }));
const config = path.join(tmp, 'package.json');
writeFileSync(config, JSON.stringify({ contributes: { grammars, languages: [{ id: 'dfa', extensions: ['.dfa'] }] } }));

let passed = 0;
let failed = 0;
for (const dir of readdirSync('test/grammar', { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'host-grammars')) {
  const files = readdirSync(path.join('test/grammar', dir.name)).filter((f) => f.includes('.test.')).map((f) => path.join('test/grammar', dir.name, f));
  for (const file of files) {
    const r = spawnSync(bin, ['--config', config, file], { encoding: 'utf8' });
    process.stdout.write(r.stdout + r.stderr);
    if (r.status === 0) passed++;
    else failed++;
  }
}
console.log(`grammar: ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
