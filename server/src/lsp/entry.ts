import { startServer } from './start';

// dist/server.js entry, started by the VS Code client over IPC. The bundle folder holds the wasm and rules.
startServer(__dirname);
