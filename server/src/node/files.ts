import * as path from 'node:path';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import ignore, { type Ignore } from 'ignore';
import { languageFromPath, type LanguageId } from '../core/document';
import { globMatch } from '../core/config/resolve';

/** A file chosen for analysis, with its path relative to the scan root. */
export interface ScanTarget {
  readonly absolutePath: string;
  readonly relativePath: string;
  readonly languageId: LanguageId;
}

/** Folders never entered, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn', '.argus']);

/**
 * Expands paths (files or folders) into analysable files, honouring every
 * `.gitignore` from the root down and the `exclude` globs. Explicitly named
 * files are analysed even when ignored, like other linters do.
 */
export function collectTargets(root: string, inputs: readonly string[], exclude: readonly string[]): ScanTarget[] {
  const out = new Map<string, ScanTarget>();
  const add = (abs: string) => {
    const languageId = languageFromPath(abs);
    if (!languageId) return;
    const relativePath = toRelative(root, abs);
    if (exclude.some((g) => globMatch(g, relativePath))) return;
    out.set(abs, { absolutePath: abs, relativePath, languageId });
  };
  for (const input of inputs) {
    const abs = path.resolve(root, input);
    const st = statSync(abs);
    if (st.isFile()) add(abs);
    else if (st.isDirectory()) walk(root, abs, ignoreChain(root, abs), exclude, add);
  }
  return [...out.values()].sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}

interface IgnoreLevel {
  readonly dir: string;
  readonly ig: Ignore;
}

function walk(root: string, dir: string, chain: IgnoreLevel[], exclude: readonly string[], add: (abs: string) => void): void {
  const own = readIgnore(dir);
  const levels = own ? [...chain, { dir, ig: own }] : chain;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (ALWAYS_SKIPPED.has(e.name)) continue;
    const abs = path.join(dir, e.name);
    const isDir = e.isDirectory();
    if (!isDir && !e.isFile()) continue;
    if (ignored(levels, abs, isDir)) continue;
    const rel = toRelative(root, abs);
    if (exclude.some((g) => globMatch(g, rel))) continue;
    if (isDir) walk(root, abs, levels, exclude, add);
    else add(abs);
  }
}

function ignored(levels: readonly IgnoreLevel[], abs: string, isDir: boolean): boolean {
  for (const { dir, ig } of levels) {
    const rel = path.relative(dir, abs).split(path.sep).join('/');
    if (ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** The .gitignore files above the starting folder (up to the root) also apply. */
function ignoreChain(root: string, start: string): IgnoreLevel[] {
  const chain: IgnoreLevel[] = [];
  let dir = path.dirname(start);
  const dirs: string[] = [];
  while (dir.startsWith(root) && dir !== path.dirname(dir)) {
    dirs.unshift(dir);
    if (dir === root) break;
    dir = path.dirname(dir);
  }
  for (const d of dirs) {
    const ig = readIgnore(d);
    if (ig) chain.push({ dir: d, ig });
  }
  return chain;
}

function readIgnore(dir: string): Ignore | undefined {
  try {
    return ignore().add(readFileSync(path.join(dir, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Workspace-relative path with `/` separators. */
export function toRelative(root: string, abs: string): string {
  return path.relative(root, abs).split(path.sep).join('/');
}
