import * as path from 'node:path';
import type { Analyzer, AnalysisOutcome } from '../core/analyze';
import { makeDocument, type LanguageId } from '../core/document';
import { resolveConfig, type EditorOverrides } from '../core/config/resolve';
import type { ResolvedConfig } from '../core/config/types';
import { ConfigFiles, type LoadedConfigFile } from './configFiles';
import { toRelative } from './files';

/**
 * Analysis of files inside one root folder: resolves the layered
 * configuration for each file and runs the shared Analyzer. Used by both
 * the CLI and the language server, so both give the same results.
 */
export class WorkspaceAnalysis {
  constructor(
    readonly root: string,
    readonly analyzer: Analyzer,
    readonly configFiles: ConfigFiles = new ConfigFiles(),
    /** A config file given explicitly (`--config`); replaces discovery. */
    private readonly explicitConfig?: LoadedConfigFile,
    /** Overrides applied to every file (the CLI's `--experimental` and false-positive marks); per-call ones win. */
    private readonly defaults: EditorOverrides = {},
  ) {}

  /** The configuration for a file, and the config files it came from. */
  configFor(absolutePath: string, perCall: EditorOverrides = {}): { config: ResolvedConfig; files: LoadedConfigFile[] } {
    const editor = { ...this.defaults, ...perCall };
    if (this.explicitConfig) return { config: resolveConfig([{ dir: '', layer: this.explicitConfig.layer }], editor), files: [this.explicitConfig] };
    const { layers, files } = this.configFiles.layersFor(this.root, absolutePath);
    return { config: resolveConfig(layers, editor), files };
  }

  /** Analyses a text as the file at `absolutePath`. */
  async analyzeText(absolutePath: string, uri: string, languageId: LanguageId, text: string, editor: EditorOverrides = {}, signal?: AbortSignal, version?: number): Promise<{ outcome: AnalysisOutcome; relativePath: string; config: ResolvedConfig }> {
    const relativePath = this.relativePath(absolutePath);
    const { config } = this.configFor(absolutePath, editor);
    const doc = makeDocument(uri, relativePath, languageId, text, version);
    return { outcome: await this.analyzer.analyze(doc, config, signal), relativePath, config };
  }

  /** Path relative to the root with `/`; a file outside the root keeps its base name. */
  relativePath(absolutePath: string): string {
    if (!this.root) return path.basename(absolutePath);
    const rel = toRelative(this.root, absolutePath);
    return rel.startsWith('..') || path.isAbsolute(rel) ? path.basename(absolutePath) : rel;
  }
}
