/**
 * The Node half of the semgrep adapter: find the binary, check its version,
 * choose configs, run it over files or a buffer, one run per key at a time.
 * Reading and mapping the output is in `server/src/core/semgrep`.
 */
export { checkVersion, compareVersions, locateSemgrep, MIN_SEMGREP_VERSION, searchPath, UNTRUSTED_REASON, type LocateOptions, type SemgrepLocation, type UnavailableKind, type VersionCheck, type VersionCheckOptions } from './locate';
export { defaultConfigs, resolveConfigs, type ResolvedConfigs } from './configs';
export { batches, DEFAULT_BATCH_SIZE, DEFAULT_MAX_OUTPUT_BYTES, runSemgrep, scanArgs, semgrepEnv, type SemgrepLimits, type SemgrepRunOptions, type SemgrepRunResult } from './run';
export { scanText, type ScanTextOptions } from './scanText';
export { SemgrepRunner, type RunnerBackend } from './runner';
export { CANCELLED, NO_CONFIG, type SemgrepFault, type SemgrepFaultKind } from './faults';
export { runProcess, type ProcessOptions, type ProcessOutcome } from './process';
