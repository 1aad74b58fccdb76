/**
 * `argus baseline create`: runs a check and records every finding it shows
 * as accepted, in `.argus/baseline.json` unless told otherwise.
 */
import * as path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../node/atomicWrite';
import { baselineEntries, parseBaseline, serializeBaseline } from '../core/baseline/baselineFile';
import type { BaselineCreateOptions } from './args';
import type { CheckReport } from './check';
import { fileFindings } from './ciContext';
import { InputError } from './cliError';
import { summarise } from './baselineFilter';
import { ARGUS_VERSION } from './version';

/**
 * Refuses to replace a file that is not a valid baseline unless `--force`:
 * it may be a hand-edited baseline with a typo, and overwriting it would
 * silently accept every finding it did not hold.
 */
export function assertReplaceable(root: string, opts: BaselineCreateOptions): void {
  const abs = path.resolve(root, opts.baseline);
  if (!existsSync(abs) || opts.force) return;
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (err) {
    throw new InputError(`baseline ${opts.baseline} exists but cannot be read (${(err as Error).message}); not overwriting it`);
  }
  const parsed = parseBaseline(text);
  if (!parsed.value) throw new InputError(`refusing to overwrite ${opts.baseline}: it is not a valid baseline (${summarise(parsed.problems)}); fix or remove it, or pass --force`);
}

/** Writes the baseline atomically and returns the line to print. Config problems are never baselined. */
export function writeBaseline(root: string, opts: BaselineCreateOptions, report: CheckReport): string {
  const findings = fileFindings(report);
  writeFileAtomic(path.resolve(root, opts.baseline), serializeBaseline(baselineEntries(findings), ARGUS_VERSION));
  const files = new Set(findings.map((f) => f.path)).size;
  return `argus: baseline ${opts.baseline}: ${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} accepted\n`;
}

/**
 * Writes through a temporary file in the same folder and a rename, so an
 * interrupted run leaves either the old file or the new one, never half of one.
 */
export { writeFileAtomic };
