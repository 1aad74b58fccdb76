/**
 * Editor settings shared by the client (which contributes them in
 * package.json) and the server (which reads them per resource through
 * `workspace/configuration`). Checklist for a new setting: package.json
 * schema → this type and DEFAULT_SETTINGS → server use → test.
 */
export type RuleLevelSetting = 'off' | 'error' | 'warning' | 'info' | 'hint';

export interface ArgusSettings {
  readonly enable: boolean;
  /** `onType`: analyse as you type (debounced); `onSave`: only when the file is saved or opened. */
  readonly run: 'onType' | 'onSave';
  readonly security: { readonly enable: boolean };
  readonly review: { readonly enable: boolean };
  readonly dfa: { readonly enable: boolean };
  readonly semgrep: {
    readonly mode: 'auto' | 'on' | 'off';
    /** Machine-scoped: a workspace can never point Argus at a binary. */
    readonly path: string | null;
    readonly configs: readonly string[];
  };
  /** Globs of workspace-relative paths never analysed. */
  readonly exclude: readonly string[];
  /** Severity overrides by rule id or glob, e.g. { "security/*": "error", "review/todo": "off" }. */
  readonly rules: Readonly<Record<string, RuleLevelSetting>>;
  /**
   * `argus.rules.experimental`: `show` shows findings of experimental rules;
   * `hide` keeps them in shadow. VS Code nests a dotted setting inside its
   * parent object, so it arrives as `rules.experimental` and is taken out of
   * the rule levels here.
   */
  readonly experimental: 'show' | 'hide';
}

export const DEFAULT_SETTINGS: ArgusSettings = {
  enable: true,
  run: 'onType',
  security: { enable: true },
  review: { enable: true },
  dfa: { enable: true },
  semgrep: { mode: 'auto', path: null, configs: [] },
  exclude: [],
  rules: {},
  experimental: 'hide',
};

/** Fills missing or mistyped fields of a settings object from the defaults. */
export function normaliseSettings(raw: unknown): ArgusSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, any>;
  const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
  const d = DEFAULT_SETTINGS;
  return {
    enable: bool(r.enable, d.enable),
    run: r.run === 'onSave' ? 'onSave' : 'onType',
    security: { enable: bool(r.security?.enable, true) },
    review: { enable: bool(r.review?.enable, true) },
    dfa: { enable: bool(r.dfa?.enable, true) },
    semgrep: {
      mode: ['auto', 'on', 'off'].includes(r.semgrep?.mode) ? r.semgrep.mode : 'auto',
      path: typeof r.semgrep?.path === 'string' && r.semgrep.path ? r.semgrep.path : null,
      configs: Array.isArray(r.semgrep?.configs) ? r.semgrep.configs.filter((x: unknown) => typeof x === 'string') : [],
    },
    exclude: Array.isArray(r.exclude) ? r.exclude.filter((x: unknown) => typeof x === 'string') : [],
    rules: r.rules && typeof r.rules === 'object' ? Object.fromEntries(Object.entries(r.rules).filter(([k, v]) => k !== 'experimental' && ['off', 'error', 'warning', 'info', 'hint'].includes(v as string))) as Record<string, RuleLevelSetting> : {},
    experimental: r.rules?.experimental === 'show' ? 'show' : 'hide',
  };
}
