/**
 * Scans text that is not on disk (an unsaved or untitled buffer). semgrep
 * only reads files (its LSP lists in-memory scanning as outstanding, semgrep
 * PR #5378), so the text goes to a file with the same extension in a private
 * temporary folder, and every path in the output is mapped back to the
 * buffer's name before anyone sees it. The folder is always deleted.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { EMPTY_OUTPUT, renamePaths } from '../../core/semgrep';
import { runSemgrep, type SemgrepRunOptions, type SemgrepRunResult } from './run';

/** What to scan and how; the run options are those of `runSemgrep` without targets. */
export interface ScanTextOptions extends Omit<SemgrepRunOptions, 'targets' | 'cwd' | 'batchSize'> {
  readonly text: string;
  /** Extension with its dot (`.py`, `.tsx`); semgrep chooses the language by it. */
  readonly extension: string;
  /** The name results are reported under (the document's path or URI); the temp path never leaks. */
  readonly reportAs: string;
  /**
   * The buffer's workspace-relative path, when it has one. The temp file is
   * placed at the same relative path so rules with `paths: include/exclude`
   * see a familiar path; this is best effort, semgrep decides how to match.
   */
  readonly relativePath?: string;
  /** Folder that relative configs resolve against; default the process's cwd. */
  readonly cwd?: string;
  /** Parent of the private temp folder; default `os.tmpdir()`. */
  readonly tempRoot?: string;
}

const EXTENSION = /^(?:\.[A-Za-z0-9_+-]{1,16}){1,2}$/;

/**
 * Writes `text` (as UTF-8, so semgrep's byte offsets match the text) to a
 * temp file, scans it, and maps paths back to `reportAs`. Map the result with
 * `toFindings(result.output, new Map([[reportAs, doc]]))`.
 * @throws TypeError when `extension` is not an extension like `.py`.
 */
export async function scanText(opts: ScanTextOptions): Promise<SemgrepRunResult> {
  if (!EXTENSION.test(opts.extension)) throw new TypeError(`scanText: "${opts.extension}" is not a file extension like ".py"`);
  const configs = opts.configs.map((c) => path.resolve(opts.cwd ?? process.cwd(), c));
  let dir: string | undefined;
  try {
    // mkdtemp creates the folder with mode 0700: other users cannot read the buffer or swap the file.
    dir = await mkdtemp(path.join(opts.tempRoot ?? os.tmpdir(), 'argus-semgrep-'));
    const file = path.join(dir, tempName(opts.relativePath, opts.extension));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, opts.text, { encoding: 'utf8', mode: 0o600 });
    const result = await runSemgrep({ ...opts, configs, targets: [file], cwd: dir });
    const inTemp = await tempMatcher(dir);
    const output = renamePaths(result.output, (p) => (inTemp(p) ? opts.reportAs : p));
    return { ...result, output };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return { ok: false, fault: { kind: 'temp-file', message: `Argus could not write a temporary copy of the buffer for semgrep (${code}).` }, output: EMPTY_OUTPUT, stderrTail: '' };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** The relative path when it is a plain path inside the folder with the right extension, else `buffer<ext>`. */
function tempName(relativePath: string | undefined, extension: string): string {
  const rel = relativePath ? path.posix.normalize(relativePath.replace(/\\/g, '/')) : '';
  const safe = rel && !path.posix.isAbsolute(rel) && !/^[A-Za-z]:/.test(rel) && !rel.split('/').some((s) => s === '..' || s === '' || s === '.');
  if (!safe) return `buffer${extension}`;
  return rel.endsWith(extension) ? rel : `${rel}${extension}`;
}

/**
 * Whether semgrep's path is inside the temp folder: semgrep echoes the target
 * as given, but a resolved form (macOS `/private/var/…`) is recognised too.
 */
async function tempMatcher(dir: string): Promise<(p: string) => boolean> {
  const real = await realpath(dir).catch(() => dir);
  const roots = [...new Set([dir, real])];
  return (p) => roots.some((r) => p === r || p.startsWith(r + path.sep) || p.startsWith(`${r}/`));
}
