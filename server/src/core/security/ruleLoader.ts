/**
 * Loads a rule pack: YAML files → validated rules and sets → one compiled
 * query per grammar. Never throws on bad input: every problem is returned
 * with its file, line and column, and the good rules still load.
 */
import type { Node } from 'yaml';
import { comparePositions } from '../model/text';
import type { GrammarName } from '../parsing/grammars';
import type { ParserHost } from '../parsing/parserHost';
import { PARAMETER_SOURCE_SET } from './matcher';
import { checkQueryText, compileCombined, type QueryItem } from './queryCompiler';
import { readRule, readSet, type RuleDraft, type SetDraft } from './ruleSchema';
import { GRAMMARS_OF, type CombinedQuery, type CompiledRules, type GrammarQuery, type RuleChannel, type RuleProblem, type SecurityRule } from './types';
import { readMap, readSeq, YamlFile } from './yamlSource';

/** A rule file's path (for messages) and text. */
export interface RuleFile {
  readonly path: string;
  readonly text: string;
}

/** Upper-case `$NAME` placeholders in a message or fix template. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\$([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!);
}

/** Placeholders every rule of a kind may use without a capture of that name. */
const BUILTIN_PLACEHOLDERS: Readonly<Record<SecurityRule['kind'], readonly string[]>> = {
  query: [],
  taint: ['SOURCE', 'SINK'],
  secret: ['SECRET'],
};

function readFileDrafts(file: YamlFile, rules: RuleDraft[], sets: SetDraft[]): void {
  if (!file.root) return;
  const top = readMap(file, file.root, 'a rule file', ['rules', 'sets']);
  if (!top) return;
  const ruleNodes = top.has('rules') ? readSeq(file, top.get('rules')?.value, 'rules') : [];
  const setNodes = top.has('sets') ? readSeq(file, top.get('sets')?.value, 'sets') : [];
  for (const n of setNodes ?? []) {
    const s = readSet(file, n);
    if (s) sets.push(s);
  }
  for (const n of ruleNodes ?? []) {
    const r = readRule(file, n);
    if (r) rules.push(r);
  }
}

function ruleItem(file: YamlFile, draft: RuleDraft, setsByLang: Map<string, Set<string>>): QueryItem | undefined {
  const { rule, query } = draft;
  if (!query) return undefined;
  const grammars = rule.languages.flatMap((l) => GRAMMARS_OF[l]);
  const builtin = BUILTIN_PLACEHOLDERS[rule.kind];
  const fromMessage = placeholders(rule.message).filter((p) => !builtin.includes(p)).map((p) => p.toLowerCase());
  // Every capture a fix edits or interpolates must exist somewhere in the query (a typo would silently disable the fix).
  const required = new Set([rule.report, ...fromMessage, ...rule.fixes.flatMap((f) => f.captures)]);
  for (const w of [...rule.where, ...rule.fixes.flatMap((f) => f.where)]) if (w.kind === 'not-constant' || w.kind === 'constant-string') required.add(w.capture);
  if (rule.taint) {
    for (const ref of [...rule.taint.sources.filter((x) => x !== PARAMETER_SOURCE_SET), ...rule.taint.sanitizers]) {
      const missing = rule.languages.filter((l) => !setsByLang.get(l)?.has(ref));
      if (missing.length) file.report(draft.node, `rule ${rule.id}: set '${ref}' is not defined for ${missing.join(', ')}`);
    }
  }
  return { role: { kind: rule.kind === 'taint' ? 'sink' : 'rule', rule }, source: query, file, grammars, requiredCaptures: [...required], label: `rule ${rule.id}` };
}

/** How a rule pack is loaded. */
export interface LoadOptions {
  /**
   * Compile each grammar's queries on first use instead of up front. The
   * language server uses this: compiling all 7 grammars takes 0.5–2 s and would
   * delay the first diagnostics, while a file needs only its own grammar.
   * Problems found by a late compile go to `onLateProblems`.
   */
  readonly lazy?: boolean;
  readonly onLateProblems?: (problems: RuleProblem[]) => void;
  /**
   * Keyword-gated matching (queryGating.ts); on by default. Off compiles each
   * role group into one whole-tree query, the reference the tests compare with.
   */
  readonly gating?: boolean;
  /**
   * Patterns that differ only in text predicates compile once (patternShapes.ts); on by
   * default. Off compiles every pattern as written, the reference the tests compare with.
   */
  readonly dedupe?: boolean;
}

/**
 * Parses and validates YAML rule files and compiles their queries once per
 * grammar. A broken rule (bad query, unknown field, wrong type, unsafe regex)
 * becomes a problem naming file, line, column and reason; the other rules
 * still load.
 */
export async function loadRulePack(files: readonly RuleFile[], parsers: ParserHost, opts: LoadOptions = {}): Promise<{ value: CompiledRules; problems: RuleProblem[] }> {
  const yamlFiles = files.map((f) => new YamlFile(f.path, f.text));
  const drafts: { file: YamlFile; draft: RuleDraft }[] = [];
  const sets: { file: YamlFile; set: SetDraft }[] = [];
  const seen = new Map<string, string>();
  for (const file of yamlFiles) {
    const fr: RuleDraft[] = [];
    const fs: SetDraft[] = [];
    readFileDrafts(file, fr, fs);
    for (const d of fr) {
      const prev = seen.get(d.rule.id);
      if (prev !== undefined) file.report(d.node, `duplicate rule id ${d.rule.id} (first defined in ${prev})`);
      else {
        seen.set(d.rule.id, file.path);
        drafts.push({ file, draft: d });
      }
    }
    for (const s of fs) sets.push({ file, set: s });
  }

  const setsByLang = new Map<string, Set<string>>();
  const items: QueryItem[] = [];
  for (const { file, set } of sets) {
    for (const l of set.languages) {
      const ids = setsByLang.get(l) ?? new Set<string>();
      if (ids.has(set.id)) file.report(set.node as Node, `set '${set.id}' is defined twice for ${l}`);
      ids.add(set.id);
      setsByLang.set(l, ids);
    }
    const item: QueryItem = {
      role: set.kind === 'source' ? { kind: 'source', set: set.id } : { kind: 'sanitizer', set: set.id },
      source: set.query, file, grammars: set.languages.flatMap((l) => GRAMMARS_OF[l]),
      requiredCaptures: [set.kind === 'source' ? 'source' : 'sanitized'], label: `set ${set.id}`,
    };
    if (checkQueryText(item)) items.push(item);
  }
  const usable = new Set<SecurityRule>();
  const channels = new Map<string, RuleChannel>(drafts.map(({ draft }) => [draft.rule.id, draft.rule.channel]));
  for (const { file, draft } of drafts) {
    // A quarantined rule is validated as YAML but never compiled or run, so a broken query cannot hurt.
    if (draft.rule.channel === 'quarantined') continue;
    const before = file.problems.length;
    if (draft.rule.kind === 'secret') {
      const bad = placeholders(draft.rule.message).filter((p) => p !== 'SECRET');
      if (bad.length) file.report(draft.node, `rule ${draft.rule.id}: message placeholders ${bad.map((b) => `$${b}`).join(', ')} are unknown (secret rules have $SECRET)`);
      else usable.add(draft.rule);
      continue;
    }
    const item = ruleItem(file, draft, setsByLang);
    if (item && checkQueryText(item) && file.problems.length === before) items.push(item);
  }

  const grammars = new Set<GrammarName>(items.flatMap((i) => i.grammars));
  const allProblems = () => yamlFiles.flatMap((f) => [...f.problems].sort((a, b) => comparePositions(a.range.start, b.range.start)));
  const compiled = new Map<GrammarName, Promise<GrammarQuery | undefined>>();
  const compileGrammar = (g: GrammarName): Promise<GrammarQuery | undefined> => {
    let p = compiled.get(g);
    if (!p) {
      p = (async () => {
        // Problems found by a compile after loading (lazy packs) are reported when they appear.
        const compileReporting = async (group: QueryItem[]) => {
          const before = allProblems().length;
          const q = await compileCombined(parsers, g, group, opts.gating ?? true, opts.dedupe ?? true);
          const late = allProblems().slice(before);
          if (opts.lazy && late.length) opts.onLateProblems?.(late);
          return q;
        };
        const main = await compileReporting(items.filter((i) => i.role.kind === 'rule' || i.role.kind === 'sink'));
        const taintItems = items.filter((i) => i.role.kind === 'source' || i.role.kind === 'sanitizer');
        // Sources and sanitizers only matter in files with a sink: compiled on first need (eagerly for eager packs).
        let taint: Promise<CombinedQuery | undefined> | undefined = opts.lazy ? undefined : compileReporting(taintItems);
        if (taint) await taint;
        if (!main) return undefined;
        for (const role of main.roles) if (role.kind === 'rule' || role.kind === 'sink') usable.add(role.rule);
        return { grammar: g, main, taint: () => (taint ??= compileReporting(taintItems)) };
      })();
      compiled.set(g, p);
    }
    return p;
  };
  if (!opts.lazy) for (const g of grammars) await compileGrammar(g);
  // Lazily loaded rules are listed when their YAML and query text passed the up-front checks;
  // eagerly loaded ones only when their query also compiled.
  const listed = opts.lazy ? new Set([...usable, ...items.flatMap((i) => (i.role.kind === 'rule' || i.role.kind === 'sink' ? [i.role.rule] : []))]) : usable;
  const rules = drafts.map((d) => d.draft.rule).filter((r) => listed.has(r));
  return {
    value: { rules, secretRules: rules.filter((r) => r.kind === 'secret'), channels, queriesFor: (g) => (grammars.has(g) ? compileGrammar(g) : Promise.resolve(undefined)) },
    problems: allProblems(),
  };
}
