// First, so that it runs before any other module of the bundle allocates (see heapTuning.ts).
import '../node/heapTuning';
import { main } from './main';

// dist/cli.js entry: the bundle folder holds the wasm files and rule packs.
void main(process.argv.slice(2), __dirname).then((code) => {
  // -1 means a long-running mode (the language server) that exits by itself.
  if (code >= 0) process.exitCode = code;
});
