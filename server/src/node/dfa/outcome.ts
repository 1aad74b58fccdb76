import type { RowFlag, RowVerdict, SuiteStatus } from '../../core/dfa';

/** Statuses of `argus dfa verify`: the core's, plus TIMEOUT (decided by the worker pool). */
export type RowStatus = SuiteStatus | 'TIMEOUT';

/** Every status, in report order. */
export const ROW_STATUSES: readonly RowStatus[] = ['PASS', 'FAIL', 'INVALID_SPEC', 'INVALID_DFA', 'TIMEOUT', 'ERROR'];

/**
 * Whether rerunning could change the outcome. `permanent`: the row itself
 * decides it (a wrong label, an unreadable prompt, a state limit), so it is
 * cached. `transient`: the run decided it (a timeout, a worker that died),
 * so it is never cached and a rerun tries again.
 */
export type ErrorClass = 'transient' | 'permanent';

/**
 * The verdict of one row as the CLI reports and caches it: plain JSON, and
 * independent of the row's position (no index, no duplicate flag), so that
 * a cached outcome is valid for the same inputs anywhere in any suite.
 */
export interface RowOutcome {
  readonly status: RowStatus;
  /** null for PASS. */
  readonly errorClass: ErrorClass | null;
  /** For ERROR and TIMEOUT: the error's name (`StateLimitError`, `WorkerExited`, `Timeout`, …). */
  readonly errorName: string | null;
  readonly reading: string | null;
  readonly alphabet: readonly string[] | null;
  readonly messages: readonly string[];
  readonly counterexample: { readonly word: string; readonly acceptedBy: 'dfa' | 'spec' } | null;
  readonly disagreements: RowVerdict['disagreements'];
  readonly flags: readonly RowFlag[];
}

/**
 * Turns the core's verdict into an outcome. `arrays`: the row's lists were
 * JSON arrays, where "" is unambiguously ε, so the ε-ambiguity flag does not
 * apply and a lone ε (sent as ";" because the core splits on ";") is
 * reported once.
 */
export function toOutcome(v: RowVerdict, arrays: boolean): RowOutcome {
  const seen = new Set<string>();
  const firstTime = (key: string): boolean => !seen.has(key) && seen.add(key) !== undefined;
  const disagreements = arrays ? v.disagreements.filter((d) => firstTime(`${d.labelled}\0${d.word}`)) : v.disagreements;
  const messages = arrays ? [...new Set(v.messages)] : v.messages;
  const flags = v.flags.filter((f) => f.kind !== 'duplicate-prompt' && !(arrays && f.kind === 'epsilon-ambiguous'));
  return {
    status: v.status,
    errorClass: v.status === 'PASS' ? null : 'permanent',
    errorName: v.status === 'ERROR' ? (v.errorClass ?? 'Error') : null,
    reading: v.reading ?? null,
    alphabet: v.alphabet ?? null,
    messages,
    counterexample: v.counterexample ?? null,
    disagreements,
    flags,
  };
}

/** An outcome decided without verifying the row (timeouts, crashes, unreadable records). */
export function errorOutcome(status: 'TIMEOUT' | 'ERROR', errorClass: ErrorClass, errorName: string, message: string): RowOutcome {
  return { status, errorClass, errorName, reading: null, alphabet: null, messages: [message], counterexample: null, disagreements: [], flags: [] };
}
