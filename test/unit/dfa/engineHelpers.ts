/**
 * Helpers for engine-level DFA tests: run the engine on a text, describe
 * findings as readable data, and apply quick fixes.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CONFIG, type ResolvedConfig } from '../../../server/src/core/config/types';
import { makeDocument, type LanguageId } from '../../../server/src/core/document';
import { silentLogger } from '../../../server/src/core/engine';
import type { Finding, TextEdit } from '../../../server/src/core/model/finding';
import { LineIndex } from '../../../server/src/core/model/text';
import type { ParserHost } from '../../../server/src/core/parsing/parserHost';
import { createDfaEngine } from '../../../server/src/core/dfa';
import { rangeOf } from './helpers';

/** Reads a fixture from test/fixtures/dfa. */
export function fixture(name: string): string {
  return readFileSync(path.join(__dirname, '../../fixtures/dfa', name), 'utf8');
}

/** Runs the DFA engine on a text; the DFA engine never touches tree-sitter, so no parser host is needed. */
export async function analyze(text: string, languageId: LanguageId = 'dfa', config: ResolvedConfig = DEFAULT_CONFIG) {
  const doc = makeDocument('file:///t.dfa', 't.dfa', languageId, text);
  const ctx = { config, parsers: undefined as unknown as ParserHost, logger: silentLogger };
  return createDfaEngine().analyze(doc, ctx);
}

/**
 * An expected finding: rule, severity, the marker text its range covers
 * (the `nth` occurrence inside the first occurrence of `in`, when given), message.
 */
export interface Expected {
  readonly rule: string;
  readonly severity: string;
  readonly at: string;
  readonly in?: string;
  readonly nth?: number;
  readonly message: string;
}

/** The range of a marker, optionally searched inside a larger context string. */
export function locate(text: string, at: string, context?: string, nth = 0): ReturnType<typeof rangeOf> {
  if (context === undefined) return rangeOf(text, at, nth);
  const base = text.indexOf(context);
  assert.ok(base >= 0, `context ${JSON.stringify(context)} not found`);
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = context.indexOf(at, offset + 1);
  assert.ok(offset >= 0, `marker ${JSON.stringify(at)} #${nth} not in ${JSON.stringify(context)}`);
  const start = rangeOf(text.slice(0, base + offset) + '\u0000', '\u0000').start;
  const end = rangeOf(text.slice(0, base + offset + at.length) + '\u0000', '\u0000').start;
  return { start, end };
}

/** Asserts the exact list of findings (in document order), ranges located by marker text. */
export function assertFindings(text: string, findings: readonly Finding[], expected: readonly Expected[]): void {
  const actual = findings.map((f) => ({ rule: f.ruleId, severity: f.severity, range: f.range, message: f.message }));
  const wanted = expected.map((e) => ({ rule: e.rule, severity: e.severity, range: locate(text, e.at, e.in, e.nth ?? 0), message: e.message }));
  assert.deepEqual(actual, wanted);
}

/** Applies text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  return [...edits]
    .map((e) => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

/** The one finding with a rule id (asserting there is exactly one). */
export function only(findings: readonly Finding[], rule: string, nth = 0): Finding {
  const list = findings.filter((f) => f.ruleId === rule);
  assert.ok(list.length > nth, `no finding ${rule} #${nth}`);
  return list[nth]!;
}

/** The fix of a finding with the given title. */
export function fixOf(f: Finding, titleStart: string): readonly TextEdit[] {
  const fix = f.fixes?.find((x) => x.title.startsWith(titleStart));
  assert.ok(fix, `no fix "${titleStart}" on ${f.ruleId}; have ${JSON.stringify(f.fixes?.map((x) => x.title))}`);
  return fix.edits;
}
