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

/** The outcome of a git command: its stdout, or why it failed (git's own stderr, trimmed). */
export type GitResult = { readonly ok: true; readonly stdout: string } | { readonly ok: false; readonly error: string; readonly missing: boolean };

/**
 * Runs the real `git` in `dir`. `core.quotePath=false` keeps non-ASCII names
 * readable; only truly unusual names are still C-quoted (see unquoteGitPath).
 */
export function runGit(dir: string, args: readonly string[], timeoutMs = 60_000): Promise<GitResult> {
  return new Promise((resolve) => {
    execFile('git', ['-C', dir, '-c', 'core.quotePath=false', ...args], { timeout: timeoutMs, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (!err) return resolve({ ok: true, stdout });
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      resolve({ ok: false, missing, error: missing ? 'git is not installed (not on PATH)' : (stderr.trim() || err.message).split('\n')[0]! });
    });
  });
}

/** The repository's top-level folder for `dir`, or why there is none. */
export async function gitTopLevel(dir: string): Promise<GitResult> {
  const r = await runGit(dir, ['rev-parse', '--show-toplevel']);
  return r.ok ? { ok: true, stdout: r.stdout.trim() } : r;
}

/** The full commit id a ref names. Refs starting with `-` are refused: git would read them as options. */
export async function resolveCommit(top: string, ref: string): Promise<GitResult> {
  if (ref.startsWith('-')) return { ok: false, missing: false, error: `'${ref}' looks like an option, not a ref` };
  const r = await runGit(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return r.ok ? { ok: true, stdout: r.stdout.trim() } : { ok: false, missing: r.missing, error: r.missing ? r.error : `'${ref}' is not a commit in this repository` };
}

/**
 * The zero-context patch from `commit` to the working tree (staged and
 * unstaged changes of tracked files), with renames detected and prefixes,
 * external diff drivers and textconv filters forced off so the output parses
 * the same whatever the user's git config says.
 */
export function diffSince(top: string, commit: string): Promise<GitResult> {
  return runGit(top, ['diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--find-renames', '--src-prefix=a/', '--dst-prefix=b/', '--no-relative', commit, '--']);
}

/** Untracked files that are not ignored, relative to the top level (NUL-separated by git, so any name is safe). */
export async function untrackedFiles(top: string): Promise<string[] | { error: string }> {
  const r = await runGit(top, ['ls-files', '--others', '--exclude-standard', '-z']);
  return r.ok ? r.stdout.split('\0').filter((p) => p !== '') : { error: r.error };
}

/** A file's text at a commit (`git show <commit>:<path>`), or undefined when it did not exist there. */
export async function textAtCommit(top: string, commit: string, repoPath: string): Promise<string | undefined> {
  const r = await runGit(top, ['show', `${commit}:${repoPath}`]);
  return r.ok ? r.stdout : undefined;
}
