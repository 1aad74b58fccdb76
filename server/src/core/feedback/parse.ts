/**
 * Reads `.argus/feedback.json`. Never throws: every problem is returned with
 * its span, and whatever is valid is still returned (good marks keep hiding
 * their findings). A file with any problem is never rewritten by Argus, since
 * rewriting would silently drop what it could not read.
 */
import { parseJsonTree, type JsonNode } from '../dfa/file/jsonTree';
import { LineIndex } from '../model/text';
import { FEEDBACK_VERSION, type FeedbackFile, type FeedbackMark, type FeedbackProblem } from './types';

/** The parse result: the readable part of the file (undefined when nothing is usable) and every problem. */
export interface ParsedFeedback {
  readonly value: FeedbackFile | undefined;
  readonly problems: readonly FeedbackProblem[];
}

const TOP_KEYS = ['version', 'marks'];
const MARK_KEYS = ['fingerprint', 'lineKey', 'ruleId', 'path', 'reason', 'createdAt'];
const REQUIRED_MARK_KEYS = ['fingerprint', 'ruleId', 'path', 'createdAt'];
const EXAMPLE = `{ "version": ${FEEDBACK_VERSION}, "marks": [] }`;

/** Parses the text of a feedback file. */
export function parseFeedback(text: string): ParsedFeedback {
  const index = new LineIndex(text);
  const problems: FeedbackProblem[] = [];
  const report = (span: { start: number; end: number }, message: string) => problems.push({ range: index.rangeOf(span.start, span.end), message });
  if (text.trim() === '') {
    report({ start: 0, end: 0 }, `the feedback file is empty; expected ${EXAMPLE}`);
    return { value: undefined, problems };
  }
  const tree = parseJsonTree(text);
  for (const p of tree.problems) report(p.span, p.message);
  const root = tree.value;
  if (!root) return { value: undefined, problems };
  if (root.kind !== 'object') {
    report(root.span, `the feedback file must be a JSON object such as ${EXAMPLE}`);
    return { value: undefined, problems };
  }
  for (const e of root.entries) if (!TOP_KEYS.includes(e.key)) report(e.keySpan, `unknown key '${e.key}'; expected version, marks`);
  const version = root.entries.find((e) => e.key === 'version')?.value;
  if (!version) {
    report({ start: root.span.start, end: root.span.start + 1 }, `missing "version"; this Argus reads version ${FEEDBACK_VERSION}`);
    return { value: undefined, problems };
  }
  if (version.kind !== 'number' || version.value !== FEEDBACK_VERSION) {
    const got = text.slice(version.span.start, version.span.end);
    report(version.span, `unsupported feedback file version ${got}; this Argus reads version ${FEEDBACK_VERSION}`);
    return { value: undefined, problems };
  }
  const marksNode = root.entries.find((e) => e.key === 'marks')?.value;
  const marks: FeedbackMark[] = [];
  if (!marksNode) report(version.span, 'missing "marks" (a list, possibly empty)');
  else if (marksNode.kind !== 'array') report(marksNode.span, '"marks" must be a list');
  else for (const item of marksNode.items) {
    const mark = readMark(item, report);
    if (mark) marks.push(mark);
  }
  return { value: { version: FEEDBACK_VERSION, marks }, problems };
}

type Report = (span: { start: number; end: number }, message: string) => void;

function readMark(node: JsonNode, report: Report): FeedbackMark | undefined {
  if (node.kind !== 'object') {
    report(node.span, 'each mark must be an object with fingerprint, ruleId, path and createdAt');
    return undefined;
  }
  let ok = true;
  const fields: Record<string, string> = {};
  for (const e of node.entries) {
    if (!MARK_KEYS.includes(e.key)) {
      report(e.keySpan, `unknown mark field '${e.key}'; expected ${MARK_KEYS.join(', ')}`);
      ok = false;
    } else if (e.value.kind !== 'string' || (e.key !== 'reason' && e.value.value === '')) {
      report(e.value.span, `mark field '${e.key}' must be a ${e.key === 'reason' ? '' : 'non-empty '}string`);
      ok = false;
    } else fields[e.key] = e.value.value;
  }
  const missing = REQUIRED_MARK_KEYS.filter((k) => !node.entries.some((e) => e.key === k));
  if (missing.length > 0) {
    report({ start: node.span.start, end: node.span.start + 1 }, `mark is missing ${missing.join(', ')}`);
    ok = false;
  }
  if (!ok) return undefined;
  return {
    fingerprint: fields.fingerprint!,
    ...(fields.lineKey !== undefined ? { lineKey: fields.lineKey } : {}),
    ruleId: fields.ruleId!,
    path: fields.path!,
    ...(fields.reason ? { reason: fields.reason } : {}),
    createdAt: fields.createdAt!,
  };
}

/** The canonical text of a feedback file: stable key order, two-space indentation, a final newline. */
export function serializeFeedback(file: FeedbackFile): string {
  const marks = file.marks.map((m) => ({
    fingerprint: m.fingerprint,
    ...(m.lineKey !== undefined ? { lineKey: m.lineKey } : {}),
    ruleId: m.ruleId,
    path: m.path,
    ...(m.reason ? { reason: m.reason } : {}),
    createdAt: m.createdAt,
  }));
  return `${JSON.stringify({ version: file.version, marks }, null, 2)}\n`;
}
