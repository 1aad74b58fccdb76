import { cpSync, mkdtempSync, renameSync, existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LineIndex } from '../../server/src/core/model/text';
import type { Range } from '../../server/src/core/model/finding';

/** Repository root, from this file's location. */
export const REPO = path.resolve(__dirname, '..', '..');
export const DIST = path.join(REPO, 'dist');

/**
 * Copies a fixture folder to a fresh temporary workspace. A `gitignore.txt`
 * becomes `.gitignore` there (a real .gitignore inside test/fixtures would
 * hide the fixture's own files from git).
 */
export function tempWorkspace(fixture: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'argus-ws-'));
  cpSync(path.join(REPO, 'test', 'fixtures', fixture), dir, { recursive: true });
  const gi = path.join(dir, 'gitignore.txt');
  if (existsSync(gi)) renameSync(gi, path.join(dir, '.gitignore'));
  return dir;
}

/** The 0-based UTF-16 range of the n-th occurrence of `marker` in `text`. */
export function rangeOf(text: string, marker: string, nth = 0): Range {
  let o = -1;
  for (let i = 0; i <= nth; i++) {
    o = text.indexOf(marker, o + 1);
    if (o < 0) throw new Error(`marker '${marker}' (#${nth}) not found`);
  }
  return new LineIndex(text).rangeOf(o, o + marker.length);
}

/** Applies LSP-style text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly { range: Range; newText: string }[]): string {
  const idx = new LineIndex(text);
  const sorted = [...edits].sort((a, b) => idx.offsetAt(b.range.start) - idx.offsetAt(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, idx.offsetAt(e.range.start)) + e.newText + out.slice(idx.offsetAt(e.range.end));
  return out;
}
