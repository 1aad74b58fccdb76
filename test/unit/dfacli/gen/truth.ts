/**
 * Ground truth of the generated suite: which flaws are injected and how
 * often, and what `argus dfa verify` must report for each row, derived from
 * the row's fields and its true language by the documented rules (docs/dfa.md,
 * "Command line"), not by running Argus.
 */
import type { Lang } from './lang';

/** The seed's data flaws the generator injects (`null` on a row: clean). */
export type FlawKind =
  | 'duplicate-prompt'
  | 'patternless'
  | 'mislabelled-range'
  | 'count-mod-as-divisibility'
  | 'count-as-value'
  | 'malformed-header'
  | 'pattern-outside-alphabet'
  | 'foreign-in-reject'
  | 'foreign-in-accept'
  | 'vacuous'
  | 'epsilon-only'
  | 'undetected-contradiction'
  | 'base10-divisibility';

/** Share of rows per flaw, after the seed's measured figures (665 duplicates, 50 patternless, 57 bad ranges, 148 "count mod" rows, …). */
export const FLAW_SHARE: Readonly<Record<FlawKind, number>> = {
  'duplicate-prompt': 600 / 6000,
  patternless: 50 / 6000,
  'mislabelled-range': 57 / 6000,
  'count-mod-as-divisibility': 148 / 6000,
  'count-as-value': 30 / 6000,
  'malformed-header': 40 / 6000,
  'pattern-outside-alphabet': 60 / 6000,
  'foreign-in-reject': 150 / 6000,
  'foreign-in-accept': 100 / 6000,
  vacuous: 120 / 6000,
  'epsilon-only': 100 / 6000,
  'undetected-contradiction': 30 / 6000,
  'base10-divisibility': 40 / 6000,
};

/** What a row must come out as. */
export interface Expectation {
  readonly status: 'PASS' | 'FAIL' | 'INVALID_SPEC';
  /** Flag kinds in the order Argus reports them. */
  readonly flags: readonly string[];
}

interface RowFields {
  readonly must_accept: string;
  readonly must_reject: string;
  readonly is_contradiction: string;
  readonly expected_type: string;
  readonly lang: Lang | null;
  readonly alphabet: readonly string[];
  readonly empty: boolean;
}

const items = (field: string): string[] => (field === '' ? [] : field.split(';'));

/**
 * The expected status and flags (all but duplicate-prompt, which depends on
 * the row's position). An empty field or item is ambiguous (ε or nothing);
 * a word with a symbol outside the alphabet is never accepted, so labelling
 * it "accept" is wrong; a row without one non-empty word over the alphabet
 * tests nothing (vacuous).
 */
export function expectFor(row: RowFields): Expectation {
  const flags: string[] = [];
  const accept = items(row.must_accept);
  const reject = items(row.must_reject);
  if (row.must_accept === '' || row.must_reject === '' || accept.includes('') || reject.includes('')) flags.push('epsilon-ambiguous');
  if (!row.lang) return { status: 'INVALID_SPEC', flags };
  let foreign = 0;
  let usable = 0;
  let wrong = 0;
  for (const [w, acc] of [...accept.map((w) => [w, true] as const), ...reject.map((w) => [w, false] as const)]) {
    if ([...w].some((c) => !row.alphabet.includes(c))) {
      foreign++;
      if (acc) wrong++;
      continue;
    }
    if (w !== '') usable++;
    if (row.lang.has(w) !== acc) wrong++;
  }
  if (foreign > 0) flags.push('foreign-symbol');
  if (usable === 0) flags.push('vacuous');
  const claimed = row.is_contradiction === 'true';
  if (row.empty && !claimed) flags.push('undetected-contradiction');
  if (!row.empty && claimed) flags.push('false-contradiction');
  if (row.expected_type !== row.lang.type && !(row.expected_type === 'COMPOSITE_RANGE' && row.lang.type === 'AND')) flags.push('type-mismatch');
  return { status: wrong > 0 ? 'FAIL' : 'PASS', flags };
}

/** The ground-truth file next to the suite (`suite-6000.truth.json`). */
export interface SuiteTruth {
  readonly rows: number;
  readonly seed: number;
  /** Run verify with this `--alphabet` (binary prompts without a header). */
  readonly alphabet_option: string;
  readonly statuses: Record<string, number>;
  readonly flags: Record<string, number>;
  readonly injected: Record<string, number>;
  /** 1-based row numbers per injected flaw. */
  readonly flawed_rows: Record<string, number[]>;
}

/** Counts per expected status, expected flag and injected flaw. */
export function summarizeTruth(rows: readonly { readonly flaw: FlawKind | null; readonly expect: Expectation }[], seed: number): SuiteTruth {
  const statuses: Record<string, number> = { PASS: 0, FAIL: 0, INVALID_SPEC: 0, INVALID_DFA: 0, TIMEOUT: 0, ERROR: 0 };
  const flags: Record<string, number> = {};
  const injected: Record<string, number> = {};
  const flawedRows: Record<string, number[]> = {};
  rows.forEach((r, i) => {
    statuses[r.expect.status]!++;
    for (const f of r.expect.flags) flags[f] = (flags[f] ?? 0) + 1;
    if (r.flaw) {
      injected[r.flaw] = (injected[r.flaw] ?? 0) + 1;
      (flawedRows[r.flaw] ??= []).push(i + 1);
    }
  });
  const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  return { rows: rows.length, seed, alphabet_option: '{0,1}', statuses, flags: sorted(flags), injected: sorted(injected), flawed_rows: sorted(flawedRows) };
}
