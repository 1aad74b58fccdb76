// Real-code corpora for the benchmarks, cached under .bench-cache/corpora/ (never in git):
//  - webpack-lib:    `lib/**/*.js` of webpack@5.112.2 (npm pack + tar)
//  - typescript-lib: `lib/*.js` of typescript@5.9.3 (npm pack + tar)
//  - python-stdlib:  Debian's /usr/lib/python3.11/**/*.py without test/, site-packages/, dist-packages/
// Every corpus drops files that Argus would skip as too large (more than
// thresholds.security.maxFileBytes = 1,000,000 characters), so every tool scans the same code;
// what was dropped is reported. File lists are sorted, so a corpus is the same on every machine.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CACHE, ensureDir } from './util.mjs';

/** Argus's default `thresholds.security.maxFileBytes` (characters): larger files are skipped, not analysed. */
export const MAX_FILE_CHARS = 1_000_000;
const PYTHON_LIB = '/usr/lib/python3.11';
const CORPORA_DIR = path.join(CACHE, 'corpora');

/** Corpus definitions; `select` gets a path relative to the source root and says whether it belongs. */
export const CORPUS_SPECS = [
  { name: 'webpack-lib', language: 'javascript', npm: 'webpack@5.112.2', root: 'package/lib', select: (rel) => rel.endsWith('.js') },
  { name: 'typescript-lib', language: 'javascript', npm: 'typescript@5.9.3', root: 'package/lib', select: (rel) => !rel.includes('/') && rel.endsWith('.js') },
  {
    name: 'python-stdlib',
    language: 'python',
    dir: PYTHON_LIB,
    select: (rel) => rel.endsWith('.py') && !/^(test|site-packages|dist-packages)\//.test(rel) && !rel.split('/').includes('__pycache__'),
  },
];

/** Regular files under `dir` (symlinks are listed separately), relative paths with `/`, sorted. */
function listFiles(dir) {
  const files = [];
  const links = [];
  const walk = (abs, rel) => {
    for (const name of readdirSync(abs).sort()) {
      const a = path.join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(a);
      if (st.isSymbolicLink()) links.push(r);
      else if (st.isDirectory()) walk(a, r);
      else if (st.isFile()) files.push(r);
    }
  };
  walk(dir, '');
  return { files, links };
}

function countLines(text) {
  if (text.length === 0) return 0;
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n : n + 1;
}

/** Fetches an npm package tarball (`npm pack`, cached) and extracts it; returns the extraction folder. */
function fetchNpm(spec) {
  const packs = ensureDir(path.join(CACHE, 'packs'));
  const [name, version] = [spec.slice(0, spec.lastIndexOf('@')), spec.slice(spec.lastIndexOf('@') + 1)];
  const tgz = path.join(packs, `${name.replace('@', '').replace('/', '-')}-${version}.tgz`);
  if (!existsSync(tgz)) {
    const r = spawnSync('npm', ['pack', spec, '--pack-destination', packs, '--silent'], { encoding: 'utf8' });
    if (r.status !== 0 || !existsSync(tgz)) throw new Error(`npm pack ${spec} failed: ${r.stderr || r.stdout}`);
  }
  const out = path.join(CACHE, 'extract', path.basename(tgz, '.tgz'));
  if (!existsSync(path.join(out, 'package'))) {
    rmSync(out, { recursive: true, force: true });
    ensureDir(out);
    const r = spawnSync('tar', ['-xzf', tgz, '-C', out], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`tar -xzf ${tgz} failed: ${r.stderr}`);
  }
  return { dir: out, tarball: path.relative(CACHE, tgz) };
}

/** Builds one corpus folder from its source (once) and returns its description. */
function build(spec) {
  let sourceDir;
  let source;
  if (spec.npm) {
    const fetched = fetchNpm(spec.npm);
    sourceDir = path.join(fetched.dir, spec.root);
    source = `npm pack ${spec.npm} → ${spec.root}/`;
  } else {
    if (!existsSync(spec.dir)) throw new Error(`${spec.dir} is missing (Debian's python3.11 provides it)`);
    sourceDir = spec.dir;
    source = `${spec.dir}/ (Debian python3.11 ${pythonVersion()})`;
  }
  const { files: all, links } = listFiles(sourceDir);
  const dir = path.join(CORPORA_DIR, spec.name);
  rmSync(dir, { recursive: true, force: true });
  const files = [];
  const skipped = links.filter(spec.select).map((rel) => ({ path: rel, reason: 'symbolic link (an alias of another stdlib file, or a file outside the tree)' }));
  const hash = createHash('sha256');
  let lines = 0;
  let bytes = 0;
  for (const rel of all.filter(spec.select)) {
    const from = path.join(sourceDir, rel);
    const text = readFileSync(from, 'utf8');
    if (text.length > MAX_FILE_CHARS) {
      skipped.push({ path: rel, bytes: lstatSync(from).size, lines: countLines(text), reason: `over ${MAX_FILE_CHARS.toLocaleString('en-US')} characters, so Argus skips it` });
      continue;
    }
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    copyFileSync(from, path.join(dir, rel));
    const size = lstatSync(from).size;
    const n = countLines(text);
    files.push(rel);
    lines += n;
    bytes += size;
    hash.update(`${rel}\0${size}\0`).update(text);
  }
  const info = { name: spec.name, language: spec.language, source, dir: path.relative(CACHE, dir), files: files.length, lines, bytes, sha256: hash.digest('hex').slice(0, 16), skipped };
  writeFileSync(path.join(CORPORA_DIR, `${spec.name}.json`), JSON.stringify({ ...info, fileList: files }, null, 2) + '\n');
  return info;
}

function pythonVersion() {
  const r = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'libpython3.11-stdlib'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown version';
}

/** Reuses a cached corpus when its manifest and every listed file are still there. */
function cached(spec) {
  const manifest = path.join(CORPORA_DIR, `${spec.name}.json`);
  if (!existsSync(manifest)) return undefined;
  const m = JSON.parse(readFileSync(manifest, 'utf8'));
  const dir = path.join(CACHE, m.dir);
  if (!m.fileList?.every((f) => existsSync(path.join(dir, f)))) return undefined;
  const info = { ...m };
  delete info.fileList;
  return info;
}

/**
 * Ensures every corpus exists under .bench-cache/corpora/ and returns, per
 * corpus: name, language, source, folder (`dir`, relative to .bench-cache/,
 * `absDir` absolute), files, lines, bytes, a content hash, and the files
 * left out with the reason.
 */
export async function corpora({ rebuild = false } = {}) {
  ensureDir(CORPORA_DIR);
  return CORPUS_SPECS.map((spec) => {
    const info = (!rebuild && cached(spec)) || build(spec);
    return { ...info, absDir: path.join(CACHE, info.dir) };
  });
}

/** The sorted file list of a corpus (relative to its folder). */
export function corpusFiles(corpus) {
  return JSON.parse(readFileSync(path.join(CORPORA_DIR, `${corpus.name}.json`), 'utf8')).fileList;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const list = await corpora({ rebuild: process.argv.includes('--rebuild') });
  console.log(JSON.stringify(list, null, 2));
}
