// The floor under any scan built on web-tree-sitter: parse every file of a corpus and free the
// tree, nothing else, on as many threads as Argus uses (each thread loads the runtime and the
// grammar itself, as Argus's scan workers do). Files are shared through one atomic counter.
// Run as a tool by bench/scan.mjs:  node bench/parseFloor.mjs <corpus dir> [--jobs N]
// Prints {"files", "bytes"} as JSON when done.
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, Worker, workerData, parentPort } from 'node:worker_threads';
import { Language, Parser } from 'web-tree-sitter';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GRAMMARS = path.join(HERE, '..', 'dist', 'grammars');
const GRAMMAR_OF = { '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.py': 'python', '.ts': 'typescript' };

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && GRAMMAR_OF[path.extname(e.name)]) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

async function parseShare(files, claims) {
  await Parser.init();
  const parsers = new Map();
  let bytes = 0;
  let count = 0;
  for (let i = Atomics.add(claims, 0, 1); i < files.length; i = Atomics.add(claims, 0, 1)) {
    const grammar = GRAMMAR_OF[path.extname(files[i])];
    let parser = parsers.get(grammar);
    if (!parser) {
      parser = new Parser();
      parser.setLanguage(await Language.load(path.join(GRAMMARS, `tree-sitter-${grammar}.wasm`)));
      parsers.set(grammar, parser);
    }
    const text = readFileSync(files[i], 'utf8');
    parser.parse(text)?.delete();
    bytes += text.length;
    count++;
  }
  return { files: count, bytes };
}

if (isMainThread) {
  const dir = path.resolve(process.argv[2] ?? '.');
  const jobsAt = process.argv.indexOf('--jobs');
  const jobs = jobsAt > 0 ? Number(process.argv[jobsAt + 1]) : availableParallelism();
  // Argus leaves out files over 1,000,000 characters; so does the floor.
  const files = listFiles(dir).filter((f) => readFileSync(f, 'utf8').length <= 1_000_000);
  const claims = new Int32Array(new SharedArrayBuffer(4));
  const workers = Array.from({ length: jobs - 1 }, () => new Promise((resolve, reject) => {
    const w = new Worker(fileURLToPath(import.meta.url), { workerData: { files, claims } });
    w.once('message', resolve);
    w.once('error', reject);
  }));
  const mine = await parseShare(files, claims);
  const all = [mine, ...(await Promise.all(workers))];
  process.stdout.write(JSON.stringify({ files: all.reduce((n, r) => n + r.files, 0), bytes: all.reduce((n, r) => n + r.bytes, 0), threads: jobs }) + '\n');
} else {
  parentPort.postMessage(await parseShare(workerData.files, workerData.claims));
}
