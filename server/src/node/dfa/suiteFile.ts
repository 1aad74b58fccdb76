import { readFileSync } from 'node:fs';
import type { SuiteRow } from '../../core/dfa';
import { parseCsv } from './csv';

/** One row of a suite file as read, before verification. */
export interface SuiteInput {
  /** 1-based row number among the data rows (the header is not a row). */
  readonly row: number;
  /** 1-based line of the file the row starts on. */
  readonly line: number;
  readonly suiteRow: SuiteRow;
  readonly difficulty?: string;
  /**
   * The lists came as JSON arrays (JSONL), where ε is unambiguous; the core
   * takes `;`-joined strings, so its ε-ambiguity flag is dropped for them.
   */
  readonly arrays: boolean;
  /** Why the row itself could not be read; such a row is an ERROR, the rest of the suite still runs. */
  readonly readError?: string;
}

/** The suite file cannot be used at all (missing, unknown format, no prompt column): exit 2. */
export class SuiteFileError extends Error {}

const COLUMNS = ['prompt', 'category', 'expected_type', 'difficulty', 'must_accept', 'must_reject', 'is_contradiction', 'dfa'] as const;

/** Reads a `.csv` (the seed's columns, plus an optional `dfa` column of JSON) or `.jsonl` suite. */
export function readSuite(file: string): { rows: SuiteInput[]; format: 'csv' | 'jsonl' } {
  const lower = file.toLowerCase();
  const format = lower.endsWith('.csv') ? 'csv' : lower.endsWith('.jsonl') || lower.endsWith('.ndjson') ? 'jsonl' : undefined;
  if (!format) throw new SuiteFileError(`${file}: a suite must be a .csv or .jsonl file`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SuiteFileError(`${file}: ${(err as Error).message}`);
  }
  return { rows: format === 'csv' ? csvRows(file, text) : jsonlRows(text), format };
}

function csvRows(file: string, text: string): SuiteInput[] {
  const [header, ...records] = parseCsv(text);
  if (!header) throw new SuiteFileError(`${file}: the file is empty`);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const at = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  if (at.prompt < 0) throw new SuiteFileError(`${file}: no "prompt" column (columns: ${names.join(', ')})`);
  return records.map((r, i): SuiteInput => {
    const get = (c: (typeof COLUMNS)[number]): string | undefined => (at[c] >= 0 ? r.fields[at[c]] : undefined);
    const suiteRow = compact({ prompt: get('prompt') ?? '', category: get('category'), expectedType: get('expected_type'), mustAccept: get('must_accept'), mustReject: get('must_reject'), isContradiction: get('is_contradiction'), dfa: get('dfa') || undefined });
    const readError = r.problem ?? (r.fields.length !== names.length ? `the record has ${r.fields.length} fields, the header has ${names.length}` : undefined);
    const base = { row: i + 1, line: r.line, suiteRow, arrays: false, ...(get('difficulty') !== undefined ? { difficulty: get('difficulty') } : {}) };
    return readError ? { ...base, readError: `malformed CSV record: ${readError}` } : base;
  });
}

/** Drops undefined fields so that rows compare and hash the same however they were read. */
function compact(row: { prompt: string } & Partial<Record<keyof SuiteRow, string | undefined>>): SuiteRow {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined)) as unknown as SuiteRow;
}

function jsonlRows(text: string): SuiteInput[] {
  const out: SuiteInput[] = [];
  text.split('\n').forEach((raw, i) => {
    const lineText = raw.replace(/\r$/, '');
    if (lineText.trim() === '') return;
    const row = out.length + 1;
    const line = i + 1;
    try {
      const { suiteRow, arrays, difficulty } = fromJson(JSON.parse(lineText));
      out.push({ row, line, suiteRow, arrays, ...(difficulty !== undefined ? { difficulty } : {}) });
    } catch (err) {
      out.push({ row, line, suiteRow: { prompt: '' }, arrays: false, readError: `malformed JSONL line: ${(err as Error).message}` });
    }
  });
  return out;
}

type Json = Record<string, unknown>;

function pick(o: Json, ...names: string[]): unknown {
  for (const n of names) if (o[n] !== undefined && o[n] !== null) return o[n];
  return undefined;
}

function str(v: unknown, what: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  throw new Error(`${what} must be a string`);
}

/** A list field: a `;`-joined string (the seed's format) or an array of words (ε is ""). */
function list(v: unknown, what: string): { text: string | undefined; array: boolean } {
  if (!Array.isArray(v)) return { text: str(v, what), array: false };
  const words = v.map((w) => {
    if (typeof w !== 'string') throw new Error(`every item of ${what} must be a string`);
    if (w.includes(';')) throw new Error(`an item of ${what} contains ";", which the suite format cannot carry`);
    return w;
  });
  // The core splits on ";": [""] alone must still reach it as one ε, hence ";" (ε twice, deduplicated after).
  return { text: words.length === 0 ? undefined : words.length === 1 && words[0] === '' ? ';' : words.join(';'), array: true };
}

function fromJson(v: unknown): { suiteRow: SuiteRow; arrays: boolean; difficulty: string | undefined } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('each line must be a JSON object');
  const o = v as Json;
  const prompt = pick(o, 'prompt', 'spec');
  if (typeof prompt !== 'string') throw new Error('"prompt" must be a string');
  const accept = list(pick(o, 'must_accept', 'mustAccept', 'accepts'), 'must_accept');
  const reject = list(pick(o, 'must_reject', 'mustReject', 'rejects'), 'must_reject');
  const dfa = pick(o, 'dfa');
  const suiteRow = compact({
    prompt,
    category: str(pick(o, 'category'), 'category'),
    expectedType: str(pick(o, 'expected_type', 'expectedType'), 'expected_type'),
    mustAccept: accept.text,
    mustReject: reject.text,
    isContradiction: str(pick(o, 'is_contradiction', 'isContradiction'), 'is_contradiction'),
    dfa: dfa === undefined ? undefined : typeof dfa === 'string' ? dfa : JSON.stringify(dfa),
  });
  // Only when no list is a ";"-string is every empty item known to be ε.
  const arrays = (accept.array || reject.array) && (accept.array || accept.text === undefined) && (reject.array || reject.text === undefined);
  return { suiteRow, arrays, difficulty: str(pick(o, 'difficulty'), 'difficulty') };
}
