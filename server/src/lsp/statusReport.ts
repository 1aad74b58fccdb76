/**
 * The `argus/status` notification the client shows in its status item: which
 * engines run, whether external tools may be spawned, semgrep's state and the
 * last analysis.
 */
import type { StatusParams } from '../../../protocol/protocol';

/** What the status is built from. */
export interface StatusInputs {
  readonly engines: { readonly security: boolean; readonly review: boolean; readonly dfa: boolean };
  readonly trusted: boolean;
  readonly semgrepState: string;
  readonly last: StatusParams['last'];
}

/** The status notification's parameters. */
export function statusParams(s: StatusInputs): StatusParams {
  return {
    state: 'ready',
    engines: {
      security: onOff(s.engines.security),
      review: onOff(s.engines.review),
      dfa: onOff(s.engines.dfa),
      externalTools: s.trusted ? 'allowed' : 'off: the workspace is not trusted, so Argus spawns no external process (semgrep)',
      semgrep: s.semgrepState,
    },
    last: s.last,
  };
}

function onOff(enabled: boolean): string {
  return enabled ? 'on' : 'off (argus.*.enable or .argus.yml engines)';
}
