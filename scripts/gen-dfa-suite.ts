/**
 * Generates a deterministic prompt suite in the seed's CSV format
 * (`prompt, category, expected_type, difficulty, must_accept, must_reject,
 * is_contradiction`), with the seed's categories and phrasings and, on
 * purpose, the seed's data flaws, each counted, so that a test can assert
 * `argus dfa verify` flags exactly those. Nothing is copied from the seed.
 *
 *   npx tsx scripts/gen-dfa-suite.ts [--rows 6000] [--seed 42] [--out test/fixtures/dfa-suite] [--with-dfa]
 *
 * `--with-dfa` adds a `dfa` column (a machine per readable row, every 7th one
 * wrong) so that verify also runs exact equivalence; it is for the benchmark
 * and is written as `suite-<rows>-dfa.csv` (several MB: never a fixture).
 *
 * Binary rows without a header rely on `--alphabet "{0,1}"` (the seed's silent default).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { compileSpec, parseSpec, toJson } from '../server/src/core/dfa';
import { csvLine } from '../server/src/node/dfa/csv';
import { type Lang, Rng, countModLang, divisibleLang, parityLang, patternLang, rangeLang, sampleWords, valueMod } from '../test/unit/dfacli/gen/lang';
import { ALPHABETS, type Draw, PATTERN_CATEGORIES, drawAlphabet, drawComposite, drawCount, drawLength, drawNumeric, drawPattern, drawRange } from '../test/unit/dfacli/gen/rows';
import { FLAW_SHARE, type FlawKind, type SuiteTruth, expectFor, summarizeTruth } from '../test/unit/dfacli/gen/truth';

export type { FlawKind, SuiteTruth } from '../test/unit/dfacli/gen/truth';

/** One generated row: the CSV fields, the flaw injected (null: clean) and what Argus must report. */
export interface GeneratedRow {
  readonly prompt: string;
  readonly category: string;
  readonly expected_type: string;
  readonly difficulty: string;
  readonly must_accept: string;
  readonly must_reject: string;
  readonly is_contradiction: 'true' | 'false';
  readonly flaw: FlawKind | null;
  readonly expect: { readonly status: 'PASS' | 'FAIL' | 'INVALID_SPEC'; readonly flags: readonly string[] };
}

/** A row before its expectation: `lang` null means the prompt is unreadable by design. */
export interface Built extends Omit<GeneratedRow, 'expect'> {
  readonly lang: Lang | null;
  readonly alphabet: readonly string[];
  readonly empty: boolean;
}

export const CSV_HEADER = ['prompt', 'category', 'expected_type', 'difficulty', 'must_accept', 'must_reject', 'is_contradiction'];
const NOTHING: Lang = { has: () => false, seeds: () => [], type: 'AND' };
const CLEAN: readonly [string, number][] = [['Composite_OR', 630], ['Atomic_STARTS_WITH', 598], ['Atomic_CONTAINS', 586], ['Atomic_ENDS_WITH', 583], ['Negation_NOT_CONTAINS', 552], ['Composite_AND', 544], ['Negation_NOT_STARTS_WITH', 528], ['Atomic_Count', 518], ['Negation_NOT_ENDS_WITH', 510], ['Atomic_Numeric', 304], ['Atomic_Length', 300], ['Composite_Range', 56]];

function retry<T>(f: () => T | undefined): T {
  for (let i = 0; i < 10_000; i++) {
    const v = f();
    if (v !== undefined) return v;
  }
  throw new Error('generator: no row after 10000 draws');
}

function drawClean(rng: Rng, category: string): Draw {
  if (PATTERN_CATEGORIES[category]) return drawPattern(rng, category);
  if (category === 'Atomic_Count') return drawCount(rng);
  if (category === 'Atomic_Numeric') return drawNumeric(rng);
  if (category === 'Atomic_Length') return drawLength(rng);
  if (category === 'Composite_Range') return drawRange(rng);
  return drawComposite(rng, category === 'Composite_AND' ? 'and' : 'or');
}

/** A row labelled by `labels` (default: its true language); undefined when a list came out empty. */
function label(rng: Rng, d: Draw, flaw: FlawKind | null, lang: Lang | null = d.lang, labels: Lang = d.lang): Built | undefined {
  const { accept, reject } = sampleWords(rng, d.alphabet, labels);
  if (accept.length === 0 || reject.length === 0) return undefined;
  return { prompt: d.prompt, category: d.category, expected_type: d.type, difficulty: d.difficulty, must_accept: accept.join(';'), must_reject: reject.join(';'), is_contradiction: 'false', flaw, lang, alphabet: d.alphabet, empty: false };
}

/** Whether some label disagrees with the truth (mislabelled rows must really be wrong). */
const wrong = (b: Built, truth: Lang): boolean => b.must_accept.split(';').some((w) => !truth.has(w)) || b.must_reject.split(';').some((w) => truth.has(w));

/** A word with a symbol outside the alphabet, like the seed's raw patterns ("460" in binary). */
function foreignWord(rng: Rng, a: readonly string[]): string {
  const outside = [...'456789xyz'].filter((c) => !a.includes(c));
  const w = rng.word(a, 0, 4);
  const at = rng.int(0, w.length);
  return w.slice(0, at) + rng.pick(outside) + w.slice(at);
}

const atomic = ['Atomic_STARTS_WITH', 'Atomic_ENDS_WITH', 'Atomic_CONTAINS', 'Negation_NOT_CONTAINS', 'Atomic_Count', 'Atomic_Numeric', 'Atomic_Length'];

const FLAWS: Record<Exclude<FlawKind, 'duplicate-prompt'>, (rng: Rng) => Built | undefined> = {
  // "doesnt contain" with its pattern lost, labelled as if it were there.
  patternless: (rng) => {
    const d = drawPattern(rng, rng.pick(Object.keys(PATTERN_CATEGORIES)), true);
    return label(rng, d, 'patternless', null);
  },
  // Length bounds compared as strings ("7" > "11": nothing accepted), or a count range labelled with the other symbol.
  'mislabelled-range': (rng) => {
    if (rng.chance(0.5)) {
      const d = drawRange(rng, rng.int(2, 9), rng.int(10, 19), false);
      const reject = [d.lo, d.lo + 1, d.hi, d.hi + 1].map((n) => '0'.repeat(n)).join(';');
      return { prompt: d.prompt, category: d.category, expected_type: d.type, difficulty: d.difficulty, must_accept: '', must_reject: reject, is_contradiction: 'false', flaw: 'mislabelled-range', lang: d.lang, alphabet: d.alphabet, empty: false };
    }
    const d = drawRange(rng, undefined, undefined, true);
    const b = label(rng, d, 'mislabelled-range', d.lang, rangeLang(d.alphabet, d.lo, d.hi, d.sym === '1' ? '0' : '1'));
    return b && wrong(b, d.lang) ? b : undefined;
  },
  // "count mod N is 0" labelled DIVISIBLE_BY with value labels; Argus asks "count of which symbol?".
  'count-mod-as-divisibility': (rng) => {
    const { a, header } = drawAlphabet(rng, ['binary', 'binary', 'binary', 'decimal']);
    const k = rng.int(2, 50);
    const d: Draw = { prompt: `${header}count mod ${k} is 0`, category: 'Atomic_Numeric', type: 'DIVISIBLE_BY', difficulty: k < 10 ? 'medium' : 'hard', alphabet: a, lang: divisibleLang(a, k), header };
    return label(rng, d, 'count-mod-as-divisibility', null);
  },
  // "number of 1s is divisible by k" is a count; the seed labelled (and checked) it as the value.
  'count-as-value': (rng) => {
    const { a, header } = drawAlphabet(rng, ['binary']);
    const [k, sym] = [rng.int(2, 9), rng.pick(a)];
    const text = rng.pick([`number of ${sym}s is divisible by ${k}`, `count of ${sym} is divisible by ${k}`, `number of ${sym}s is a multiple of ${k}`]);
    const d: Draw = { prompt: header + text, category: 'Atomic_Numeric', type: 'DIVISIBLE_BY', difficulty: 'medium', alphabet: a, lang: countModLang(a, sym, k), header };
    const b = label(rng, d, 'count-as-value', d.lang, divisibleLang(a, k));
    return b && wrong(b, d.lang) ? b : undefined;
  },
  'malformed-header': (rng) => {
    const [header, name] = rng.pick([['In the in binary, ', 'binary'], ['For in decimal, ', 'decimal'], ['In the in ternary, ', 'ternary'], ['For in binary, ', 'binary']] as const);
    const d = retry(() => ((c) => (c.alphabet === ALPHABETS[name] ? c : undefined))(drawPattern(rng, rng.pick(Object.keys(PATTERN_CATEGORIES)))));
    return label(rng, { ...d, prompt: header + d.prompt.slice(d.header.length) }, 'malformed-header', null);
  },
  // The seed derived the alphabet from the pattern; Argus keeps the declared one and reports the symbol.
  'pattern-outside-alphabet': (rng) => {
    const sym = rng.pick([...'abcdef']);
    const ext = ['0', '1', sym];
    const p = sym + rng.word(['0', '1'], 0, 2);
    const r = rng.int(0, 2);
    const [text, category, type, lang] =
      r === 0 ? [`even number of ${sym}s`, 'Atomic_Count', 'EVEN_COUNT', parityLang(ext, sym, false)] : r === 1 ? [`contains '${p}'`, 'Atomic_CONTAINS', 'CONTAINS', patternLang(ext, 'contains', p, false)] : [`ends with '${p}'`, 'Atomic_ENDS_WITH', 'ENDS_WITH', patternLang(ext, 'endsWith', p, false)];
    const header = rng.pick(['', 'In the binary system, ', 'In binary, ']);
    return label(rng, { prompt: header + text, category, type, difficulty: 'easy', alphabet: ext, lang, header }, 'pattern-outside-alphabet', null);
  },
  'foreign-in-reject': (rng) => withForeign(rng, 'reject'),
  'foreign-in-accept': (rng) => withForeign(rng, 'accept'),
  vacuous: (rng) => {
    const b = label(rng, drawClean(rng, rng.pick(atomic)), 'vacuous');
    if (!b) return undefined;
    return { ...b, must_accept: '', must_reject: rng.chance(0.5) ? '' : [foreignWord(rng, b.alphabet), foreignWord(rng, b.alphabet)].join(';') };
  },
  'epsilon-only': (rng) => {
    const b = label(rng, drawClean(rng, rng.pick(atomic)), 'epsilon-only');
    if (!b) return undefined;
    const inL = b.lang!.has('');
    if (rng.chance(0.5)) return inL ? { ...b, must_accept: '' } : { ...b, must_reject: '' };
    return inL ? { ...b, must_accept: `;${b.must_accept}` } : { ...b, must_reject: `;${b.must_reject}` };
  },
  // Empty languages the seed's contradiction detector missed (it only compared prefixes and exact lengths).
  'undetected-contradiction': (rng) => {
    const { a, header } = drawAlphabet(rng, ['binary']);
    const x = rng.word(a, 1, 3);
    const y = rng.word(a, 1, 3);
    const [kind, ...phrases] = rng.pick([['ends', 'ends with', 'terminates with', 'has suffix'], ['starts', 'starts with', 'begins with', 'has prefix']] as const);
    if ((kind === 'ends' ? x.endsWith(y) || y.endsWith(x) : x.startsWith(y) || y.startsWith(x))) return undefined;
    const prompt = `${header}${rng.pick(phrases)} '${x}' and ${rng.pick(phrases)} '${y}'`;
    const reject = [x, y, x + y, y + x].join(';');
    return { prompt, category: 'Composite_AND', expected_type: 'AND', difficulty: 'hard', must_accept: '', must_reject: reject, is_contradiction: 'false', flaw: 'undetected-contradiction', lang: NOTHING, alphabet: a, empty: true };
  },
  // Ternary divisibility labelled by reading the digits in base 10 (the seed's validator).
  'base10-divisibility': (rng) => {
    const a = ALPHABETS.ternary;
    const k = rng.int(2, 40);
    const header = rng.pick(['In the ternary system, ', 'In ternary, ', 'For the ternary system, ']);
    const d: Draw = { prompt: `${header}divisible by ${k}`, category: 'Atomic_Numeric', type: 'DIVISIBLE_BY', difficulty: 'hard', alphabet: a, lang: divisibleLang(a, k), header };
    const b = label(rng, d, 'base10-divisibility', d.lang, { has: (w) => valueMod(w, ALPHABETS.decimal, k) === 0, seeds: d.lang.seeds, type: '' });
    return b && wrong(b, d.lang) ? b : undefined;
  },
};

function withForeign(rng: Rng, side: 'accept' | 'reject'): Built | undefined {
  const b = label(rng, drawClean(rng, rng.pick(atomic)), side === 'accept' ? 'foreign-in-accept' : 'foreign-in-reject');
  if (!b || b.alphabet.length > 3) return undefined;
  const add = (list: string): string => rng.shuffle([...list.split(';'), foreignWord(rng, b.alphabet)]).join(';');
  return side === 'accept' ? { ...b, must_accept: add(b.must_accept) } : { ...b, must_reject: add(b.must_reject) };
}

/** Contradictions the seed did mark (Composite_Contradiction, Composite_Clash): empty language, accept list necessarily empty. */
function contradiction(rng: Rng, clash: boolean): Built {
  const [name, header] = clash ? rng.pick([['ab', 'For strings over alphabet {a, b}, '], ['decimal', 'For decimal system, ']] as const) : (['binary', drawAlphabet(rng, ['binary']).header] as const);
  const a = ALPHABETS[name];
  const m = rng.int(1, 12);
  const n = retry(() => ((v) => (v === m ? undefined : v))(rng.int(1, 12)));
  const prompt = clash && name === 'decimal' ? `length is ${m} and ${header}length is ${n}` : `${header}length is ${m} and length is ${n}`;
  const reject = [rng.word(a, m, m), rng.word(a, n, n), rng.word(a, 1, 3)].join(';');
  return { prompt, category: clash ? 'Composite_Clash' : 'Composite_Contradiction', expected_type: 'AND', difficulty: 'hard', must_accept: '', must_reject: reject, is_contradiction: 'true', flaw: null, lang: NOTHING, alphabet: a, empty: true };
}

/** Generates the suite: rows in order, the CSV text and the ground truth. Deterministic for (rows, seed). */
export function generateSuite(options: { rows?: number; seed?: number } = {}): { rows: GeneratedRow[]; csv: string; truth: SuiteTruth } {
  const total = options.rows ?? 6000;
  const seed = options.seed ?? 42;
  const rng = new Rng(seed);
  const seen = new Set<string>();
  const norm = (p: string): string => p.trim().replace(/\s+/g, ' ').toLowerCase();
  const unique = (f: () => Built | undefined): Built => retry(() => {
    const b = f();
    if (!b || seen.has(norm(b.prompt))) return undefined;
    seen.add(norm(b.prompt));
    return b;
  });
  const scaled = (share: number): number => Math.round(share * total);
  const built: Built[] = [];
  for (const [kind, share] of Object.entries(FLAW_SHARE)) if (kind !== 'duplicate-prompt') for (let i = scaled(share); i > 0; i--) built.push(unique(() => FLAWS[kind as Exclude<FlawKind, 'duplicate-prompt'>](rng)));
  for (let i = scaled(34 / 6000); i > 0; i--) built.push(unique(() => contradiction(rng, false)));
  for (let i = scaled(22 / 6000); i > 0; i--) built.push(unique(() => contradiction(rng, true)));
  const duplicates = scaled(FLAW_SHARE['duplicate-prompt']);
  const weight = CLEAN.reduce((s, [, w]) => s + w, 0);
  while (built.length < total - duplicates) {
    let r = rng.next() * weight;
    const category = CLEAN.find(([, w]) => (r -= w) < 0)?.[0] ?? 'Composite_OR';
    built.push(unique(() => label(rng, drawClean(rng, category), null)));
  }
  const rows = rng.shuffle(built);
  // Duplicates: the seed's dedup-and-refill left repeated prompts with freshly drawn strings.
  for (let i = 0; i < duplicates; i++) {
    const src = retry(() => ((s) => (rows[s]!.flaw === null && !rows[s]!.empty ? s : undefined))(rng.int(0, rows.length - 1)));
    const orig = rows[src]!;
    // Same prompt up to the first letter's case and spacing (patterns are case-sensitive, so nothing else changes).
    const flip = (p: string): string => (p[0] === p[0]!.toLowerCase() ? p[0]!.toUpperCase() : p[0]!.toLowerCase()) + p.slice(1);
    const prompt = rng.chance(0.3) ? flip(orig.prompt) : rng.chance(0.3) ? orig.prompt.replace(' ', '  ') : orig.prompt;
    const copy = retry(() => label(rng, { prompt, category: orig.category, type: orig.expected_type, difficulty: orig.difficulty as Draw['difficulty'], alphabet: orig.alphabet, lang: orig.lang!, header: '' }, 'duplicate-prompt'));
    rows.splice(rng.int(src + 1, rows.length), 0, copy);
  }
  const firstSeen = new Set<string>();
  const out = rows.map((b): GeneratedRow => {
    const dup = firstSeen.has(norm(b.prompt));
    firstSeen.add(norm(b.prompt));
    const e = expectFor(b);
    const { lang: _l, alphabet: _a, empty: _e, ...fields } = b;
    return { ...fields, expect: { status: e.status, flags: dup ? ['duplicate-prompt', ...e.flags] : e.flags } };
  });
  const csv = [csvLine(CSV_HEADER), ...out.map((r) => csvLine(CSV_HEADER.map((c) => r[c as keyof GeneratedRow] as string)))].join('');
  return { rows: out, csv, truth: summarizeTruth(out, seed) };
}

/**
 * The suite with a `dfa` column: the core's minimal DFA of each readable
 * prompt (binary when it declares no alphabet), with the start state's
 * acceptance flipped on every 7th row so that some machines are wrong.
 * Built with the core, so it tests throughput, not correctness.
 */
export function withMachines(rows: readonly GeneratedRow[]): string {
  const lines = [csvLine([...CSV_HEADER, 'dfa'])];
  rows.forEach((r, i) => {
    const spec = parseSpec(r.prompt).value;
    let dfa = '';
    if (spec && r.expect.status !== 'INVALID_SPEC') {
      const json = toJson(compileSpec(spec, spec.alphabet?.symbols ?? ['0', '1']));
      const flip = i % 7 === 0;
      const accept = flip ? (json.accept.includes(json.start) ? json.accept.filter((s) => s !== json.start) : [...json.accept, json.start]) : json.accept;
      dfa = JSON.stringify({ ...json, accept });
    }
    lines.push(csvLine([...CSV_HEADER.map((c) => r[c as keyof GeneratedRow] as string), dfa]));
  });
  return lines.join('');
}

/** Above this the suite is generated at test/bench time instead of being committed. */
export const MAX_FIXTURE_BYTES = 1.5 * 1024 * 1024;

if (require.main === module) {
  const arg = (name: string, fallback: string): string => ((i) => (i >= 0 ? process.argv[i + 1]! : fallback))(process.argv.indexOf(name));
  const rows = Number(arg('--rows', '6000'));
  const out = arg('--out', path.join('test', 'fixtures', 'dfa-suite'));
  const generated = generateSuite({ rows, seed: Number(arg('--seed', '42')) });
  const { truth } = generated;
  if (process.argv.includes('--with-dfa')) {
    mkdirSync(out, { recursive: true });
    const file = path.join(out, `suite-${rows}-dfa.csv`);
    writeFileSync(file, withMachines(generated.rows));
    console.log(`wrote ${file}`);
    process.exit(0);
  }
  const { csv } = generated;
  const bytes = Buffer.byteLength(csv);
  if (bytes >= MAX_FIXTURE_BYTES && path.resolve(out).includes(path.join('test', 'fixtures'))) {
    console.error(`suite is ${bytes} bytes (≥ 1.5 MB): generate it into a temporary folder instead (--out)`);
    process.exit(1);
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(path.join(out, `suite-${rows}.csv`), csv);
  writeFileSync(path.join(out, `suite-${rows}.truth.json`), JSON.stringify(truth, null, 2) + '\n');
  console.log(`wrote ${path.join(out, `suite-${rows}.csv`)} (${rows} rows, ${bytes} bytes) and its truth file`);
}
