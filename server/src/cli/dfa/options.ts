import { readFileSync } from 'node:fs';
import { DEFAULT_PATTERNS, NAMED_ALPHABETS, mergePatterns, type PhraseKind, type SpecPatterns } from '../../core/dfa';
import { UsageError } from '../args';

/** How each option of a `dfa` subcommand is read: a flag, or an option taking a value. */
export type OptionSpec = Readonly<Record<string, 'flag' | 'value'>>;

/** Positional arguments and options, as given (`--name value` or `--name=value`). */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Map<string, string>;
  readonly flags: Set<string>;
}

/** Parses arguments against `spec`; anything unknown is a usage error (exit 2). */
export function parseOptions(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const positionals: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    if (raw === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    // A lone "-" or a negative-looking spec ("-" is not an option) stays positional.
    if (!raw.startsWith('--')) {
      positionals.push(raw);
      continue;
    }
    const eq = raw.indexOf('=');
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const kind = spec[name];
    if (!kind) throw new UsageError(`unknown option '${name}'`);
    if (kind === 'flag') {
      if (eq > 0) throw new UsageError(`${name} takes no value`);
      flags.add(name);
      continue;
    }
    const value = eq > 0 ? raw.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    values.set(name, value);
  }
  return { positionals, values, flags };
}

/** An integer option within bounds, or `fallback` when absent. */
export function intOption(args: ParsedArgs, name: string, fallback: number, min: number): number {
  const v = args.values.get(name);
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) throw new UsageError(`${name} must be an integer ≥ ${min} (got '${v}')`);
  return Number(v);
}

/** A choice among fixed values. */
export function choiceOption<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const v = args.values.get(name);
  if (v === undefined) return fallback;
  if (!choices.includes(v as T)) throw new UsageError(`${name} must be one of ${choices.join(', ')} (got '${v}')`);
  return v as T;
}

/**
 * Reads `--alphabet`: a name (`binary`, `ternary`, `decimal`, `hex`) or a
 * set such as `{0,1}`, `{a, b}`, `0 1`, `{0-9}`. Every symbol is one
 * character, listed once; the order given is kept (it defines digit values).
 */
export function parseAlphabet(text: string): string[] {
  const named = NAMED_ALPHABETS[text.trim().toLowerCase()];
  if (named) return [...named];
  const inner = text.trim().replace(/^\{/, '').replace(/\}$/, '');
  const items = inner.split(/[\s,]+/).filter((s) => s.length > 0);
  const symbols: string[] = [];
  for (const item of items) {
    const range = /^(.)-(.)$/u.exec(item);
    const expanded: string[] = [];
    if (range) for (let c = range[1]!.codePointAt(0)!; c <= range[2]!.codePointAt(0)!; c++) expanded.push(String.fromCodePoint(c));
    else expanded.push(item);
    for (const s of expanded) {
      if (Array.from(s).length !== 1) throw new UsageError(`--alphabet: symbols are single characters; '${s}' is not one (separate symbols with commas: {a, b})`);
      if (symbols.includes(s)) throw new UsageError(`--alphabet: symbol '${s}' is listed twice`);
      symbols.push(s);
    }
  }
  if (symbols.length === 0) throw new UsageError(`--alphabet: the alphabet '${text}' is empty`);
  return symbols;
}

/**
 * Reads `--patterns FILE`: JSON `{ "<phrase kind>": ["extra phrase", …] }`
 * added to the built-in synonym table (the kinds are those of
 * `DEFAULT_PATTERNS`, e.g. `startsWith`, `notContains`).
 */
export function loadPatterns(file: string | undefined): SpecPatterns | undefined {
  if (file === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--patterns ${file}: ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`--patterns ${file}: expected an object of phrase lists`);
  const kinds = Object.keys(DEFAULT_PATTERNS);
  for (const [k, v] of Object.entries(data)) {
    if (!kinds.includes(k)) throw new UsageError(`--patterns ${file}: unknown phrase kind '${k}' (kinds: ${kinds.join(', ')})`);
    if (!Array.isArray(v) || v.some((p) => typeof p !== 'string')) throw new UsageError(`--patterns ${file}: '${k}' must be an array of strings`);
  }
  return mergePatterns(DEFAULT_PATTERNS, data as Partial<Record<PhraseKind, readonly string[]>>);
}
