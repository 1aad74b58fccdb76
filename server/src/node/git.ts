import { execFile } from 'node:child_process';
import * as path from 'node:path';

/** The committed text of a file at `HEAD`, or why there is none. */
export type HeadText = { readonly text: string } | { readonly unavailable: string };

/**
 * Reads a file as committed at HEAD with the real `git` binary. Callers must
 * only use it in trusted workspaces: a repository's own config can make git
 * run commands (core.fsmonitor, for one).
 */
export function headText(filePath: string, timeoutMs = 5000): Promise<HeadText> {
  const dir = path.dirname(filePath);
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, 'rev-parse', '--show-prefix'], { timeout: timeoutMs }, (err, prefix) => {
      if (err) return resolve({ unavailable: (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : 'not inside a git repository' });
      const rel = `${prefix.trim()}${path.basename(filePath)}`;
      execFile('git', ['-C', dir, 'show', `HEAD:${rel}`], { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err2, text) => {
        if (err2) return resolve({ unavailable: 'the file is not in HEAD (new, or no commits yet)' });
        resolve({ text });
      });
    });
  });
}
