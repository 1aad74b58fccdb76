/**
 * Reads the output of `git diff --unified=0` into the lines each file gained
 * or changed. Pure text processing; the CLI runs git.
 */
import type { Parsed } from '../baseline/baselineFile';

/** 1-based inclusive line range in the new version of a file. */
export interface LineSpan {
  readonly from: number;
  readonly to: number;
}

/** One file of a diff. Paths are relative to the repository's top level, with `/`. */
export interface ChangedFile {
  /** Path in the working tree. */
  readonly path: string;
  /** Path at the ref (differs on a rename); null when the file did not exist there. */
  readonly oldPath: string | null;
  /** Added or modified lines; a pure deletion changes no line that still exists. */
  readonly lines: readonly LineSpan[];
  /** Every line counts as changed: binary changes, where git shows no hunks. */
  readonly wholeFile: boolean;
}

const HUNK = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * Parses a whole `git diff --unified=0` patch. Deleted files are left out
 * (nothing in them can carry a finding). Never throws: a block it cannot
 * read becomes a problem naming the header line.
 */
export function parseUnifiedDiff(patch: string): Parsed<ChangedFile[]> {
  const files: ChangedFile[] = [];
  const problems: string[] = [];
  const lines = patch.split('\n');
  let i = 0;
  while (i < lines.length) {
    if (!lines[i]!.startsWith('diff --git ')) {
      i++;
      continue;
    }
    const start = i;
    const header = readHeader(lines, i);
    i = header.next;
    const spans: LineSpan[] = [];
    while (i < lines.length && !lines[i]!.startsWith('diff --git ')) {
      const m = HUNK.exec(lines[i]!);
      if (m) {
        const from = Number(m[1]);
        const count = m[2] === undefined ? 1 : Number(m[2]);
        if (count > 0) spans.push({ from, to: from + count - 1 });
      }
      i++;
    }
    const paths = resolvePaths(lines[start]!, header);
    if (typeof paths === 'string') {
      problems.push(`line ${start + 1}: ${paths}`);
      continue;
    }
    if (paths.path === null) continue;
    files.push({ path: paths.path, oldPath: paths.oldPath, lines: spans, wholeFile: header.binary });
  }
  return { value: problems.length > 0 ? undefined : files, problems };
}

interface Header {
  readonly next: number;
  readonly minus?: string;
  readonly plus?: string;
  readonly renameFrom?: string;
  readonly renameTo?: string;
  readonly isNew: boolean;
  readonly isDeleted: boolean;
  readonly binary: boolean;
}

/** Reads the extended header lines up to the first hunk; `---`/`+++` only count here, never in hunk bodies. */
function readHeader(lines: readonly string[], at: number): Header {
  const h: { -readonly [K in keyof Header]: Header[K] } = { next: at + 1, isNew: false, isDeleted: false, binary: false };
  let i = at + 1;
  for (; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('@@') || l.startsWith('diff --git ')) break;
    if (l.startsWith('--- ')) h.minus = l.slice(4);
    else if (l.startsWith('+++ ')) h.plus = l.slice(4);
    else if (l.startsWith('rename from ')) h.renameFrom = l.slice(12);
    else if (l.startsWith('rename to ')) h.renameTo = l.slice(10);
    else if (l.startsWith('new file mode')) h.isNew = true;
    else if (l.startsWith('deleted file mode')) h.isDeleted = true;
    else if (l.startsWith('Binary files ') || l === 'GIT binary patch') h.binary = true;
  }
  h.next = i;
  return h;
}

function resolvePaths(diffLine: string, h: Header): { path: string | null; oldPath: string | null } | string {
  if (h.isDeleted || h.plus === '/dev/null') return { path: null, oldPath: null };
  if (h.renameFrom !== undefined && h.renameTo !== undefined) return { path: unquoteGitPath(h.renameTo), oldPath: unquoteGitPath(h.renameFrom) };
  if (h.plus !== undefined) {
    const path = stripPrefix(unquoteGitPath(h.plus), 'b/');
    const oldPath = h.isNew || h.minus === '/dev/null' || h.minus === undefined ? null : stripPrefix(unquoteGitPath(h.minus), 'a/');
    return path === undefined || oldPath === undefined ? `cannot read the file names of '${diffLine}'` : { path, oldPath };
  }
  // No ---/+++ lines (binary, empty new file, mode change): the header names the same path twice.
  const same = samePathOfHeader(diffLine.slice('diff --git '.length));
  if (same === undefined) return `cannot read the file names of '${diffLine}'`;
  return { path: same, oldPath: h.isNew ? null : same };
}

function stripPrefix(p: string, prefix: string): string | undefined {
  return p.startsWith(prefix) ? p.slice(prefix.length) : undefined;
}

/** `a/P b/P` or `"a/P" "b/P"`: the path P, when both halves agree. */
function samePathOfHeader(rest: string): string | undefined {
  if (rest.startsWith('"')) {
    const end = closingQuote(rest, 0);
    if (end < 0) return undefined;
    const a = stripPrefix(unquoteGitPath(rest.slice(0, end + 1)), 'a/');
    const b = stripPrefix(unquoteGitPath(rest.slice(end + 2)), 'b/');
    return a !== undefined && a === b ? a : undefined;
  }
  const n = (rest.length - 5) / 2;
  if (!Number.isInteger(n) || n <= 0) return undefined;
  const a = rest.slice(2, 2 + n);
  return rest === `a/${a} b/${a}` ? a : undefined;
}

function closingQuote(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/**
 * Undoes git's C-style quoting of unusual file names (`"tab\there"`,
 * octal bytes such as `\303\251` for é). An unquoted name is returned as is.
 */
export function unquoteGitPath(name: string): string {
  if (!(name.length >= 2 && name.startsWith('"') && name.endsWith('"'))) return name;
  const bytes: number[] = [];
  const body = name.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...new TextEncoder().encode(ch));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}
