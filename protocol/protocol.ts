/**
 * Argus's custom LSP messages, typed and documented by direction. Both the
 * client and the server import this file; it has no runtime dependencies.
 */

/** Options the client sends in `initialize`. */
export interface InitializationOptions {
  /** Whether VS Code trusts the workspace; untrusted means no external process is ever spawned. */
  readonly trusted: boolean;
}

/** Server → client after each analysis and on engine state changes; drives the language status item. */
export const STATUS_NOTIFICATION = 'argus/status';
export interface StatusParams {
  readonly state: 'ready' | 'analyzing' | 'error';
  /** One line per engine, e.g. { security: 'on', semgrep: 'off: workspace is not trusted' }. */
  readonly engines: Readonly<Record<string, string>>;
  /** The last completed analysis. */
  readonly last?: { readonly uri: string; readonly millis: number; readonly at: string };
  readonly message?: string;
}

/** Client → server when the user grants workspace trust (trust can only be granted, never revoked, in a session). */
export const TRUST_GRANTED_NOTIFICATION = 'argus/trustGranted';

/** Commands the server executes through `workspace/executeCommand`. */
export const SERVER_COMMANDS = {
  scanWorkspace: 'argus.server.scanWorkspace',
} as const;

/** Result of a workspace scan, returned by the scanWorkspace command. */
export interface ScanSummary {
  readonly files: number;
  readonly findings: number;
  readonly millis: number;
  readonly cancelled: boolean;
}
