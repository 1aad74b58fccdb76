/**
 * Chooses the semgrep rule configs for a workspace. Argus runs semgrep
 * offline, so only local files and folders are accepted: `auto`, registry
 * ids and URLs need the network (and `auto` needs metrics, semgrep #11649).
 */
import * as path from 'node:path';
import { statSync } from 'node:fs';

/** Configs to pass to semgrep, and one sentence per entry that was left out. */
export interface ResolvedConfigs {
  /** Absolute paths of existing files or folders. */
  readonly configs: readonly string[];
  readonly problems: readonly string[];
}

/**
 * The workspace's own semgrep config, as semgrep itself picks it when run
 * without `--config`: `.semgrep.yml` if it is a file, else the `.semgrep/`
 * folder. The semgrep extension ignored these (semgrep-vscode #165).
 */
export function defaultConfigs(workspaceRoot: string): string[] {
  const file = path.join(workspaceRoot, '.semgrep.yml');
  if (kindOf(file) === 'file') return [file];
  const dir = path.join(workspaceRoot, '.semgrep');
  if (kindOf(dir) === 'dir') return [dir];
  return [];
}

/**
 * Resolves `argus.semgrep.configs` against the workspace root; an empty
 * setting means `defaultConfigs`. Entries that are remote or missing are
 * dropped with a problem, because one missing config makes semgrep fail the
 * whole run (exit 7).
 */
export function resolveConfigs(configured: readonly string[], workspaceRoot: string): ResolvedConfigs {
  if (configured.length === 0) return { configs: defaultConfigs(workspaceRoot), problems: [] };
  const configs: string[] = [];
  const problems: string[] = [];
  for (const raw of configured) {
    const entry = raw.trim();
    if (!entry) continue;
    // A local file or folder wins; passed as an absolute path it cannot be read as a registry id.
    const abs = path.resolve(workspaceRoot, entry);
    if (entry !== 'auto' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(entry) && kindOf(abs)) {
      if (!configs.includes(abs)) configs.push(abs);
      continue;
    }
    problems.push(isRemote(entry) ? `argus.semgrep.configs: "${entry}" needs the network; Argus runs semgrep offline with local files or folders only.` : `argus.semgrep.configs: ${entry} does not exist.`);
  }
  return { configs, problems };
}

/** `auto`, registry ids (`p/ci`, `r/python.lang…`, `s/…`, `tr/…`) and URLs. */
function isRemote(entry: string): boolean {
  return entry === 'auto' || /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^(?:p|r|s|tr|policy|supply-chain)\/[^/]/.test(entry);
}

function kindOf(p: string): 'file' | 'dir' | undefined {
  try {
    const st = statSync(p);
    return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : undefined;
  } catch {
    return undefined;
  }
}
