import picomatch from 'picomatch';
import type { ConfigLayer } from './parseConfig';
import { DEFAULT_CONFIG, type ExperimentalMode, type ResolvedConfig, type RuleLevel, type RuleOverride } from './types';
import type { FeedbackMark } from '../feedback/types';

/** A parsed `.argus.yml` and the folder it sits in, relative to the root (`''` for the root). */
export interface LocatedLayer {
  readonly dir: string;
  readonly layer: ConfigLayer;
}

/** Editor-side settings that refine the file configuration. */
export interface EditorOverrides {
  readonly engines?: Partial<ResolvedConfig['engines']>;
  readonly rules?: Readonly<Record<string, RuleLevel>>;
  readonly exclude?: readonly string[];
  /** `argus.rules.experimental` (editor) or `--experimental` (CLI); absent keeps the base's mode. */
  readonly experimental?: ExperimentalMode;
  /** The folder's false-positive marks, read by the caller from `.argus/feedback.json`. */
  readonly feedback?: readonly FeedbackMark[];
}

/**
 * Merges configuration layers, outermost first: defaults, then each
 * `.argus.yml` from the root folder down to the file's folder, then the
 * editor's settings. Globs in a nested file are relative to its folder, so
 * they are re-rooted here. An engine runs only if every layer allows it.
 */
export function resolveConfig(layers: readonly LocatedLayer[], editor: EditorOverrides = {}, base: ResolvedConfig = DEFAULT_CONFIG): ResolvedConfig {
  const engines = { ...base.engines };
  const rules: RuleOverride[] = [...base.rules];
  const exclude: string[] = [...base.exclude];
  const thresholds: Record<string, number> = { ...base.thresholds };
  for (const { dir, layer } of layers) {
    if (layer.engines) Object.assign(engines, layer.engines);
    for (const r of layer.rules) rules.push({ ...r, files: r.files ? r.files.map((g) => reroot(dir, g)) : dir ? [`${dir}/**`] : undefined });
    exclude.push(...layer.exclude.map((g) => reroot(dir, g)));
    Object.assign(thresholds, layer.thresholds);
  }
  for (const key of ['security', 'review', 'dfa'] as const) if (editor.engines?.[key] === false) engines[key] = false;
  for (const [pattern, level] of Object.entries(editor.rules ?? {})) rules.push({ pattern, level });
  exclude.push(...(editor.exclude ?? []));
  const experimental = editor.experimental ?? base.experimental ?? 'hide';
  return { engines, rules, exclude, thresholds, experimental, feedback: editor.feedback ?? base.feedback ?? [] };
}

function reroot(dir: string, glob: string): string {
  if (!dir) return glob;
  // A glob without a slash matches at any depth below its folder, as in .gitignore.
  return glob.includes('/') ? `${dir}/${glob.replace(/^\//, '')}` : `${dir}/**/${glob}`;
}

const matchers = new Map<string, (s: string) => boolean>();

/** Cached glob matcher; `dot: true` so dot-folders are matched like other folders. */
export function globMatch(glob: string, value: string): boolean {
  let m = matchers.get(glob);
  if (!m) {
    // A bare name (no slash) matches at any depth, like .gitignore entries.
    const g = glob.includes('/') || glob.startsWith('**') ? glob.replace(/^\.\//, '') : `**/${glob}`;
    m = picomatch(g, { dot: true });
    matchers.set(glob, m);
  }
  return m(value) || m(`${value}/`) || (glob.endsWith('/**') && m(`${value}/x`));
}

/** Whether a relative path is excluded by the configuration (or sits in an excluded folder). */
export function isExcluded(config: ResolvedConfig, relativePath: string): boolean {
  return config.exclude.some((g) => globMatch(g, relativePath) || globMatch(g.replace(/\/$/, '') + '/**', relativePath));
}

/**
 * The level a rule has for a file: the last matching override wins;
 * undefined means "use the rule's default severity".
 */
export function ruleLevel(config: ResolvedConfig, ruleId: string, relativePath: string): RuleLevel | undefined {
  let level: RuleLevel | undefined;
  for (const r of config.rules) {
    if (r.pattern !== ruleId && !picomatchRule(r.pattern, ruleId)) continue;
    if (r.files && !r.files.some((g) => globMatch(g, relativePath))) continue;
    level = r.level;
  }
  return level;
}

function picomatchRule(pattern: string, ruleId: string): boolean {
  if (!/[*?[{]/.test(pattern)) return false;
  let m = matchers.get(`rule:${pattern}`);
  if (!m) {
    // Rule ids contain '/', so a trailing '*' must cross it: 'security/*' matches 'security/js/x' too.
    m = picomatch(pattern.replace(/\*$/, '**'), { dot: true });
    matchers.set(`rule:${pattern}`, m);
  }
  return m(ruleId);
}
