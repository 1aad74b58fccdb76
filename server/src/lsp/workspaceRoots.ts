/**
 * The workspace folders the server serves, as file paths, and which of them
 * holds a given file. Folders that are not `file:` URIs are not served.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The served workspace folders. */
export class WorkspaceRoots {
  private list: string[] = [];

  /** Folder paths, in the order the editor gave them. */
  get all(): readonly string[] {
    return this.list;
  }

  /** Sets the folders from the editor's folder URIs. */
  reset(uris: readonly string[]): void {
    this.list = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  }

  /** Applies the editor's change of folders. */
  change(added: readonly string[], removed: readonly string[]): void {
    const toPath = (u: string) => (u.startsWith('file:') ? fileURLToPath(u) : u);
    const gone = new Set(removed.map(toPath));
    this.list = [...this.list.filter((r) => !gone.has(r)), ...added.filter((u) => u.startsWith('file:')).map(toPath)];
  }

  /** The workspace folder holding a file (the deepest one), else the file's own folder. */
  rootFor(filePath: string): string {
    const hits = this.list.filter((r) => filePath === r || filePath.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
    return hits.sort((a, b) => b.length - a.length)[0] ?? path.dirname(filePath);
  }

  /** The folder holding a file and the file's path relative to it, with `/` separators. */
  locate(filePath: string): { root: string; relativePath: string } {
    const root = this.rootFor(filePath);
    return { root, relativePath: relativePath(root, filePath) };
  }
}

/** `filePath` relative to `root`, with `/` separators on every platform. */
export function relativePath(root: string, filePath: string): string {
  return path.relative(root, filePath).split(path.sep).join('/');
}
