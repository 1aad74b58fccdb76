/**
 * Shared fixtures for the semgrep adapter tests.
 *
 * semgrep cannot be installed on the build machines (no PyPI, no GitHub
 * downloads, no Debian package), so every test that runs a process runs a
 * STAND-IN: `test/fixtures/semgrep/bin/semgrep`, a small Node script that
 * prints semgrep's documented `--json` output and exits with its documented
 * codes. Its case is chosen by the `--config` file name. A user's real
 * semgrep goes through exactly the same code.
 */
import * as path from 'node:path';
import { chmodSync, readFileSync } from 'node:fs';
import { LineIndex } from '../../../server/src/core/model/text';
import type { Position } from '../../../server/src/core/model/finding';

/** test/fixtures/semgrep. */
export const FIXTURES = path.resolve(__dirname, '../../fixtures/semgrep');

/** The stand-in executable, made executable (a checkout may have lost the bit). */
export const STANDIN = path.join(FIXTURES, 'bin', 'semgrep');
chmodSync(STANDIN, 0o755);

/** The stand-in is a shebang script; Windows cannot start it without a shell. */
export const NO_STANDIN = process.platform === 'win32' ? 'the stand-in semgrep is a #! script' : false;

/** A config file whose name selects a stand-in case (`rules`, `hang`, …). */
export function config(kase: string): string {
  return path.join(FIXTURES, 'configs', `${kase}.yml`);
}

/** Absolute path of a target fixture. */
export function target(name: string): string {
  return path.join(FIXTURES, 'targets', name);
}

/** The text of a target, indexed as the mapper needs it. */
export function scanned(file: string): { index: LineIndex } {
  return { index: new LineIndex(readFileSync(file, 'utf8')) };
}

/**
 * Position of the `nth` occurrence of `needle` in `text` (plus `delta`
 * UTF-16 units), found by search rather than by hand-counted columns.
 */
export function at(text: string, needle: string, delta = 0, nth = 0): Position {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" not found`);
  }
  return new LineIndex(text).positionAt(i + delta);
}

/** Waits until `check` is true, polling; fails after a generous deadline rather than sleeping a fixed time. */
export async function eventually(check: () => boolean, what: string, deadlineMs = 10_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
