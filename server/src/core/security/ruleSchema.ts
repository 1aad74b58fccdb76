/**
 * The rule-file schema: turns one YAML rule mapping into a draft whose
 * metadata is validated and whose queries are still source text (the loader
 * compiles them per grammar). Documented in docs/rules.md.
 */
import { isScalar, type Node, type Scalar } from 'yaml';
import type { Severity } from '../model/finding';
import { DOCS_BASE } from '../rulesCatalog';
import { compileRuleRegex } from './regexSafety';
import { readFix, readWhere } from './fixSchema';
import { RULE_CHANNELS, RULE_LANGUAGES, type Confidence, type RuleExample, type RuleLanguage, type SecretSpec, type SecurityRule } from './types';
import { readBoolean, readMap, readNumber, readSeq, readString, readStringList, type YamlFile } from './yamlSource';

/** Query text together with the scalar it came from, to locate errors inside it. */
export interface QuerySource {
  readonly text: string;
  readonly node: Scalar;
}

/** A rule whose metadata is valid; `query`/`sink` still need compiling. */
export interface RuleDraft {
  readonly rule: SecurityRule;
  readonly node: Node;
  readonly query?: QuerySource;
}

/** A named source or sanitizer set (`sets:` in a rule file). */
export interface SetDraft {
  readonly id: string;
  readonly kind: 'source' | 'sanitizer';
  readonly languages: readonly RuleLanguage[];
  readonly query: QuerySource;
  readonly node: Node;
}

const RULE_FIELDS = ['id', 'name', 'languages', 'category', 'cwe', 'owasp', 'severity', 'confidence', 'channel', 'security-severity', 'message',
  'description', 'docs', 'query', 'taint', 'secret', 'report', 'where', 'yields-to', 'fix', 'valid', 'invalid'] as const;
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];
const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];
/** Default SARIF `security-severity` by severity: error ≈ high, warning ≈ medium. */
const DEFAULT_SECURITY_SEVERITY: Readonly<Record<Severity, number>> = { error: 8.0, warning: 5.5, info: 3.0, hint: 1.0 };
const ID_RE = /^[a-z][a-z0-9]*\/[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Documentation link of a rule when the rule file gives none: the platform's docs base plus the rule id. */
export function defaultDocsUrl(id: string): string {
  return `${DOCS_BASE}/${id}`;
}

function oneOf<T extends string>(file: YamlFile, node: Node | null | undefined, what: string, options: readonly T[]): T | undefined {
  const s = readString(file, node, what);
  if (s === undefined) return undefined;
  if ((options as readonly string[]).includes(s)) return s as T;
  file.report(node, `${what} must be one of ${options.join(', ')}; got '${s}'`);
  return undefined;
}

function readLanguages(file: YamlFile, node: Node | null | undefined): RuleLanguage[] | undefined {
  const list = readStringList(file, node, 'languages');
  if (!list) return undefined;
  const bad = list.filter((l) => !(RULE_LANGUAGES as readonly string[]).includes(l));
  if (bad.length || list.length === 0) {
    file.report(node, `languages must list some of ${RULE_LANGUAGES.join(', ')}${bad.length ? `; unknown: ${bad.join(', ')}` : ''}`);
    return undefined;
  }
  return list as RuleLanguage[];
}

function readQuery(file: YamlFile, node: Node | null | undefined, what: string): QuerySource | undefined {
  const text = readString(file, node, what);
  return text === undefined ? undefined : { text, node: node as Scalar };
}

function readExamples(file: YamlFile, node: Node | null | undefined, what: string, fallback: RuleLanguage): RuleExample[] | undefined {
  const items = readSeq(file, node, what);
  if (!items) return undefined;
  const out: RuleExample[] = [];
  for (const item of items) {
    if (isScalar(item)) {
      const code = readString(file, item, `each entry of ${what}`);
      if (code !== undefined) out.push({ code, language: fallback, line: file.lineOf(item) });
      continue;
    }
    const m = readMap(file, item, `an entry of ${what}`, ['code', 'language']);
    const code = m && readString(file, m.get('code')?.value, `${what}[].code`);
    const lang = m?.get('language') ? readLanguages(file, m.get('language')?.value)?.[0] : fallback;
    if (code !== undefined && lang) out.push({ code, language: lang, line: file.lineOf(item) });
  }
  return out;
}

function readSecret(file: YamlFile, node: Node | null | undefined): SecretSpec | undefined {
  const m = readMap(file, node, 'secret', ['regex', 'group', 'keywords', 'entropy', 'allow-list', 'case-insensitive']);
  if (!m) return undefined;
  const src = readString(file, m.get('regex')?.value, 'secret.regex');
  if (src === undefined) return undefined;
  const ci = m.get('case-insensitive') ? readBoolean(file, m.get('case-insensitive')?.value, 'secret.case-insensitive') : false;
  const { regex, problem } = compileRuleRegex(src, ci ? 'gid' : 'gd');
  if (!regex) {
    const scalar = m.get('regex')!.value as Scalar;
    file.reportAt({ start: file.positionInScalar(scalar, problem!.index), end: file.rangeOf(scalar).end }, `secret.regex: ${problem!.message}`);
    return undefined;
  }
  const group = m.get('group') ? readNumber(file, m.get('group')?.value, 'secret.group') : 0;
  const keywords = m.get('keywords') ? readStringList(file, m.get('keywords')?.value, 'secret.keywords') : [];
  const entropy = m.get('entropy') ? readNumber(file, m.get('entropy')?.value, 'secret.entropy') : 0;
  const allowList = m.get('allow-list') ? readBoolean(file, m.get('allow-list')?.value, 'secret.allow-list') : true;
  if (group === undefined || keywords === undefined || entropy === undefined || allowList === undefined) return undefined;
  return { regex, group, keywords: keywords.map((k) => k.toLowerCase()), entropy, allowList };
}

/**
 * Validates one rule mapping. Returns undefined (after reporting) when the
 * rule cannot be used; the loader then skips it and keeps the others.
 */
export function readRule(file: YamlFile, node: Node | null): RuleDraft | undefined {
  const before = file.problems.length;
  const m = readMap(file, node, 'a rule', RULE_FIELDS);
  if (!m || !node) return undefined;
  const get = (k: (typeof RULE_FIELDS)[number]): Node | null | undefined => m.get(k)?.value;
  for (const k of ['id', 'languages', 'category', 'severity', 'message'] as const) if (!m.has(k)) file.report(node, `a rule needs '${k}'`);
  const id = m.has('id') ? readString(file, get('id'), 'id') : undefined;
  if (id !== undefined && !ID_RE.test(id)) file.report(get('id'), `id '${id}' must look like 'security/lang-kebab-name'`);
  const languages = m.has('languages') ? readLanguages(file, get('languages')) : undefined;
  const category = m.has('category') ? readString(file, get('category'), 'category') : undefined;
  const severity = m.has('severity') ? oneOf(file, get('severity'), 'severity', SEVERITIES) : undefined;
  const message = m.has('message') ? readString(file, get('message'), 'message') : undefined;
  const confidence = m.has('confidence') ? oneOf(file, get('confidence'), 'confidence', CONFIDENCES) : 'medium';
  const channel = m.has('channel') ? oneOf(file, get('channel'), 'channel', RULE_CHANNELS) : 'stable';
  const cwe = m.has('cwe') ? readStringList(file, get('cwe'), 'cwe') : [];
  for (const c of cwe ?? []) if (!/^CWE-\d+$/.test(c)) file.report(get('cwe'), `cwe entries look like 'CWE-89'; got '${c}'`);
  const owasp = m.has('owasp') ? readStringList(file, get('owasp'), 'owasp') : [];
  for (const o of owasp ?? []) if (!/^A\d\d:20\d\d$/.test(o)) file.report(get('owasp'), `owasp entries look like 'A03:2021'; got '${o}'`);
  const secSev = m.has('security-severity') ? readNumber(file, get('security-severity'), 'security-severity') : undefined;
  if (secSev !== undefined && (secSev < 0 || secSev > 10)) file.report(get('security-severity'), 'security-severity must be between 0.0 and 10.0');
  const kinds = (['query', 'taint', 'secret'] as const).filter((k) => m.has(k));
  if (kinds.length !== 1) file.report(node, `a rule needs exactly one of query, taint, secret${kinds.length ? ` (has ${kinds.join(', ')})` : ''}`);
  const kind = kinds[0];
  const report = m.has('report') ? readString(file, get('report'), 'report') : kind === 'taint' ? 'sink' : 'match';
  const where = m.has('where') ? readWhere(file, get('where'), 'where') : [];
  const yieldsTo = m.has('yields-to') ? readStringList(file, get('yields-to'), 'yields-to') : [];
  for (const y of yieldsTo ?? []) if (!ID_RE.test(y)) file.report(get('yields-to'), `yields-to lists rule ids such as 'security/js-code-injection'; got '${y}'`);
  const fix = m.has('fix') && report !== undefined ? readFix(file, get('fix'), report) : undefined;
  const name = m.has('name') ? readString(file, get('name'), 'name') : undefined;
  const description = m.has('description') ? readString(file, get('description'), 'description') : undefined;
  const docs = m.has('docs') ? readString(file, get('docs'), 'docs') : undefined;
  const first = languages?.[0] ?? 'generic';
  const valid = m.has('valid') ? readExamples(file, get('valid'), 'valid', first) : [];
  const invalid = m.has('invalid') ? readExamples(file, get('invalid'), 'invalid', first) : [];

  let query: QuerySource | undefined;
  let taint: SecurityRule['taint'];
  let secret: SecretSpec | undefined;
  if (kind === 'query') query = readQuery(file, get('query'), 'query');
  if (kind === 'secret') secret = readSecret(file, get('secret'));
  if (kind === 'taint') {
    const t = readMap(file, get('taint'), 'taint', ['sources', 'sanitizers', 'sink']);
    const sources = t && readStringList(file, t.get('sources')?.value, 'taint.sources');
    const sanitizers = t && (t.has('sanitizers') ? readStringList(file, t.get('sanitizers')?.value, 'taint.sanitizers') : []);
    query = t && readQuery(file, t.get('sink')?.value, 'taint.sink');
    if (sources && sanitizers) taint = { sources, sanitizers };
  }
  if (kind === 'secret' && languages && !(languages.length === 1 && languages[0] === 'generic')) file.report(get('languages'), "secret rules use languages: [generic]");
  if (kind !== 'query' && m.has('where')) file.report(m.get('where')?.key as Node, "'where' applies to query rules only");
  if (kind === 'secret' && (m.has('fix') || m.has('report'))) file.report(node, "secret rules take no 'fix' or 'report'");
  if (kind !== 'secret' && languages?.includes('generic')) file.report(get('languages'), "only secret rules may use the 'generic' language");
  if (file.problems.length > before || !id || !languages || !category || !severity || !message || !confidence || !channel || !cwe || !owasp || !kind) return undefined;
  if (report === undefined || !where || !yieldsTo || !valid || !invalid || (m.has('fix') && !fix)) return undefined;
  const rule: SecurityRule = {
    id, name: name ?? id.slice(id.indexOf('/') + 1), languages, category, cwe, owasp, severity, confidence, channel,
    securitySeverity: secSev ?? DEFAULT_SECURITY_SEVERITY[severity], message, description: description?.trim() ?? message,
    docsUrl: docs ?? defaultDocsUrl(id), kind, report, where, yieldsTo, fixes: fix ?? [], taint, secret, examples: { valid, invalid }, path: file.path,
  };
  return { rule, node, query };
}

/** Validates one `sets:` entry (a named source or sanitizer query). */
export function readSet(file: YamlFile, node: Node | null): SetDraft | undefined {
  const before = file.problems.length;
  const m = readMap(file, node, 'a set', ['id', 'kind', 'languages', 'query', 'description']);
  if (!m || !node) return undefined;
  const id = readString(file, m.get('id')?.value ?? node, 'set id');
  const kind = oneOf(file, m.get('kind')?.value ?? node, 'set kind', ['source', 'sanitizer'] as const);
  const languages = readLanguages(file, m.get('languages')?.value ?? node);
  const query = readQuery(file, m.get('query')?.value ?? node, 'set query');
  if (m.has('description')) readString(file, m.get('description')?.value, 'description');
  if (file.problems.length > before || !id || !kind || !languages || !query) return undefined;
  return { id, kind, languages, query, node };
}
