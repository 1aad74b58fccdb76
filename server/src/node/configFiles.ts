import * as path from 'node:path';
import { readFileSync, statSync } from 'node:fs';
import { parseConfig, type ConfigLayer, type ConfigProblem } from '../core/config/parseConfig';
import type { LocatedLayer } from '../core/config/resolve';

/** Name of the configuration file looked up at the root and in every folder. */
export const CONFIG_FILE = '.argus.yml';

/** A parsed config file with its problems, for diagnostics on the file itself. */
export interface LoadedConfigFile {
  readonly file: string;
  readonly layer: ConfigLayer;
  readonly problems: readonly ConfigProblem[];
}

/**
 * Finds and parses `.argus.yml` files from a root folder down to a file's
 * folder. Parsed files are cached by path and modification time, so a scan
 * of thousands of files reads each config once.
 */
export class ConfigFiles {
  private readonly cache = new Map<string, { mtimeMs: number; loaded: LoadedConfigFile } | null>();

  /** Forgets every cached file (on a watched-file change). */
  clear(): void {
    this.cache.clear();
  }

  /** Loads one file; undefined when it does not exist. Unreadable files become a problem. */
  load(file: string, textOverride?: string): LoadedConfigFile | undefined {
    if (textOverride !== undefined) return { file, ...split(parseConfig(textOverride)) };
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return undefined;
    }
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit.loaded;
    let loaded: LoadedConfigFile;
    try {
      loaded = { file, ...split(parseConfig(readFileSync(file, 'utf8'))) };
    } catch (err) {
      const at = { line: 0, character: 0 };
      loaded = { file, layer: { rules: [], exclude: [], thresholds: {} }, problems: [{ range: { start: at, end: at }, message: `cannot read ${file}: ${(err as Error).message}`, severity: 'error' }] };
    }
    this.cache.set(file, { mtimeMs, loaded });
    return loaded;
  }

  /** Layers that apply to `file` under `root`, outermost first, with the files they came from. */
  layersFor(root: string, file: string): { layers: LocatedLayer[]; files: LoadedConfigFile[] } {
    // No root (an untitled buffer): no config file applies, only the editor's settings.
    if (!root) return { layers: [], files: [] };
    const rel = path.relative(root, path.dirname(file));
    const dirs = [''];
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) {
      const parts = rel.split(path.sep);
      for (let i = 1; i <= parts.length; i++) dirs.push(parts.slice(0, i).join('/'));
    }
    const layers: LocatedLayer[] = [];
    const files: LoadedConfigFile[] = [];
    for (const dir of dirs) {
      const loaded = this.load(path.join(root, dir, CONFIG_FILE));
      if (!loaded) continue;
      layers.push({ dir, layer: loaded.layer });
      files.push(loaded);
    }
    return { layers, files };
  }
}

function split(p: { value: ConfigLayer; problems: readonly ConfigProblem[] }): { layer: ConfigLayer; problems: readonly ConfigProblem[] } {
  return { layer: p.value, problems: p.problems };
}

/**
 * Config files frozen for one headless run: each folder's layers are looked
 * up once (no `stat` per file per call). The language server, whose config
 * files change while it runs, uses {@link ConfigFiles} instead.
 */
export class SnapshotConfigFiles extends ConfigFiles {
  private readonly byFolder = new Map<string, { layers: LocatedLayer[]; files: LoadedConfigFile[] }>();

  override layersFor(root: string, file: string): { layers: LocatedLayer[]; files: LoadedConfigFile[] } {
    const key = `${root}\0${path.dirname(file)}`;
    let hit = this.byFolder.get(key);
    if (!hit) this.byFolder.set(key, (hit = super.layersFor(root, file)));
    return hit;
  }
}
