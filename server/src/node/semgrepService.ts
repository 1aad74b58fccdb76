import * as path from 'node:path';
import type { Finding, RuleInfo } from '../core/model/finding';
import type { LineIndex } from '../core/model/text';
import type { Logger } from '../core/engine';
import { mergeRules, noticesFor, semgrepRules, toFindings, type SemgrepNotice } from '../core/semgrep';
import { checkVersion, locateSemgrep, resolveConfigs, SemgrepRunner, type SemgrepRunResult } from './semgrep';

/** Settings that decide whether and how semgrep runs (from `argus.semgrep.*` or CLI flags). */
export interface SemgrepSettings {
  readonly mode: 'auto' | 'on' | 'off';
  /** Machine-scoped path; never taken from a workspace. */
  readonly path: string | null;
  readonly configs: readonly string[];
}

/** The outcome of one semgrep scan, ready to merge and to show in the status item. */
export interface SemgrepScan {
  /** Findings per scanned path (absolute path or the buffer's `reportAs` key). */
  readonly findings: ReadonlyMap<string, readonly Finding[]>;
  readonly rules: readonly RuleInfo[];
  /** One line for the status item, e.g. `on (1.90.0)` or `error: semgrep timed out …`. */
  readonly state: string;
  readonly notices: readonly SemgrepNotice[];
}

const SCAN_TIMEOUT_MS = 30_000;

/**
 * Decides whether semgrep may run (mode, workspace trust, binary found,
 * version acceptable, a config exists), runs it one scan per key at a time,
 * and maps its output to findings. Shared by the server and the CLI. It
 * never throws: every fault becomes a state line and a log entry, and the
 * built-in findings are unaffected.
 */
export class SemgrepService {
  private readonly runner = new SemgrepRunner();
  private readonly versions = new Map<string, Promise<{ ok: boolean; text: string }>>();

  constructor(private readonly logger: Logger) {}

  /** Scans an in-memory document (saved or not) through a temporary copy. */
  async scanDocument(key: string, filePath: string, text: string, index: LineIndex, root: string, settings: SemgrepSettings, trusted: boolean): Promise<SemgrepScan> {
    const ready = await this.prepare(root, settings, trusted);
    if ('state' in ready) return empty(ready.state);
    const result = await this.runner.scanText(key, { path: ready.binary, configs: ready.configs, text, extension: path.extname(filePath) || '.txt', reportAs: filePath, relativePath: path.relative(root, filePath), cwd: root, timeoutMs: SCAN_TIMEOUT_MS });
    return this.finish(result, new Map([[filePath, { index }]]), ready.version);
  }

  /** Scans files on disk (the CLI, a workspace scan). */
  async scanFiles(root: string, files: ReadonlyMap<string, { index: LineIndex }>, settings: SemgrepSettings, trusted: boolean): Promise<SemgrepScan> {
    const ready = await this.prepare(root, settings, trusted);
    if ('state' in ready) return empty(ready.state);
    const result = await this.runner.run(root, { path: ready.binary, configs: ready.configs, targets: [...files.keys()], cwd: root, timeoutMs: SCAN_TIMEOUT_MS });
    return this.finish(result, files, ready.version);
  }

  cancelAll(): void {
    this.runner.cancelAll();
  }

  private async prepare(root: string, s: SemgrepSettings, trusted: boolean): Promise<{ binary: string; configs: string[]; version: string } | { state: string }> {
    const where = locateSemgrep({ mode: s.mode, configuredPath: s.path, trusted, envPath: process.env.PATH });
    if ('unavailable' in where) {
      // `on` means the user expects semgrep: a missing binary is an error there, a quiet fact under `auto`.
      const loud = s.mode === 'on' && (where.kind === 'not-found' || where.kind === 'bad-path');
      if (loud) this.logger.error('semgrep unavailable', { reason: where.unavailable });
      return { state: `${loud ? 'error' : 'off'}: ${where.unavailable}` };
    }
    let version = this.versions.get(where.path);
    if (!version) {
      version = checkVersion(where.path).then((v) => (v.ok ? { ok: true, text: v.version } : { ok: false, text: v.fault.message }));
      this.versions.set(where.path, version);
    }
    const v = await version;
    if (!v.ok) {
      this.logger.error('semgrep version check failed', { path: where.path, message: v.text });
      return { state: `error: ${v.text}` };
    }
    const { configs, problems } = resolveConfigs(s.configs, root);
    for (const p of problems) this.logger.warn('semgrep config problem', { message: p });
    if (configs.length === 0) return { state: `off: no semgrep config (set argus.semgrep.configs, or add .semgrep.yml or .semgrep/)${problems.length ? `; ${problems.join('; ')}` : ''}` };
    return { binary: where.path, configs: [...configs], version: v.text };
  }

  private finish(result: SemgrepRunResult, docs: ReadonlyMap<string, { index: LineIndex }>, version: string): SemgrepScan {
    const mapped = toFindings(result.output, docs);
    const notices = [...mapped.notices, ...noticesFor(result.output)];
    for (const n of notices) this.logger[n.level === 'error' ? 'error' : n.level === 'warning' ? 'warn' : 'info']('semgrep', { message: n.message });
    const rules = mergeRules(semgrepRules(result.output));
    if (!result.ok) {
      if (result.fault.kind !== 'cancelled') this.logger.error('semgrep run failed', { kind: result.fault.kind, message: result.fault.message, stderr: result.stderrTail });
      return { findings: mapped.findings, rules, notices, state: result.fault.kind === 'cancelled' ? `on (${version})` : `error: ${result.fault.message}` };
    }
    const firstError = notices.find((n) => n.level === 'error');
    return { findings: mapped.findings, rules, notices, state: firstError ? `error: ${firstError.message}` : `on (${version})` };
  }
}

function empty(state: string): SemgrepScan {
  return { findings: new Map(), rules: [], notices: [], state };
}
