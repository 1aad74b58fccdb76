/**
 * `--format junit`: JUnit XML for GitLab's unit test report and Jenkins'
 * junit step. One <testsuite> per analysed file, one failing <testcase> per
 * finding, and one passing <testcase> for a file without findings, so the
 * test count is stable and a fixed file shows up as a pass.
 */
import type { Finding } from '../core/model/finding';
import type { CheckReport, FileReport } from './check';
import type { CiContext } from './ciContext';
import { ciSummaryLines } from './ciText';

/**
 * Escapes text for XML 1.0 content and attribute values. Characters XML 1.0
 * cannot carry at all (most C0 controls, lone surrogates) become U+FFFD, so
 * a finding message can never make the report unreadable. Line breaks and
 * tabs in attributes are written as references so parsers keep them.
 */
export function escapeXml(s: string): string {
  return s
    // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these characters; finding them is the point.
    .replace(/[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/**
 * Jenkins splits `classname` at its last dot into package and class, so the
 * dots of a file name are replaced (`app/render.js` → `app/render_js`);
 * GitLab shows the value as is.
 */
export function junitClassName(path: string): string {
  return path.replace(/\./g, '_');
}

/** Renders the JUnit XML report; findings are failures, skipped files are skipped tests. */
export function renderJunit(report: CheckReport, ci: CiContext): string {
  const configByPath = new Map(report.configFindings.map((c) => [c.path, c.findings]));
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const suite = (path: string, cases: string[], counts: { failures: number; errors: number; skipped: number }) => {
    tests += cases.length;
    failures += counts.failures;
    errors += counts.errors;
    skipped += counts.skipped;
    suites.push(`  <testsuite name="${escapeXml(path)}" tests="${cases.length}" failures="${counts.failures}" errors="${counts.errors}" skipped="${counts.skipped}" time="0">\n${cases.join('\n')}\n  </testsuite>`);
  };
  for (const [path, findings] of configByPath) suite(path, findings.map((f) => failureCase(path, f)), { failures: findings.length, errors: 0, skipped: 0 });
  for (const f of report.files) {
    const { cases, counts } = fileCases(f);
    suite(f.path, cases, counts);
  }
  const summary = ciSummaryLines(ci);
  // <testsuites> has no <properties> in the JUnit schema Jenkins reads, so the CI counts go in a comment.
  const comment = summary.length > 0 ? `  <!-- ${summary.map((l) => escapeXml(l).replace(/-(?=-)/g, '- ')).join('; ')} -->\n` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="argus" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(report.millis / 1000).toFixed(3)}">\n${comment}${suites.join('\n')}\n</testsuites>\n`;
}

function fileCases(f: FileReport): { cases: string[]; counts: { failures: number; errors: number; skipped: number } } {
  const cls = escapeXml(junitClassName(f.path));
  if (f.error) return { cases: [`    <testcase name="${escapeXml(f.path)}" classname="${cls}" time="0">\n      <error message="${escapeXml(`not analysed: ${f.error}`)}"/>\n    </testcase>`], counts: { failures: 0, errors: 1, skipped: 0 } };
  if (f.findings.length === 0) {
    const skip = f.skipped ? `\n      <skipped message="${escapeXml(f.skipped)}"/>\n    ` : '';
    return { cases: [`    <testcase name="${escapeXml(f.path)}" classname="${cls}" time="0">${skip}</testcase>`], counts: { failures: 0, errors: 0, skipped: f.skipped ? 1 : 0 } };
  }
  return { cases: f.findings.map((x) => failureCase(f.path, x)), counts: { failures: f.findings.length, errors: 0, skipped: 0 } };
}

/** `<testcase name="<rule> at <line>:<col>">` with a `<failure>` holding `path:line:col severity rule message`. */
function failureCase(path: string, f: Finding): string {
  const at = `${f.range.start.line + 1}:${f.range.start.character + 1}`;
  return [
    `    <testcase name="${escapeXml(`${f.ruleId} at ${at}`)}" classname="${escapeXml(junitClassName(path))}" time="0">`,
    `      <failure message="${escapeXml(f.message)}" type="${escapeXml(f.ruleId)}">${escapeXml(`${path}:${at} ${f.severity} ${f.ruleId} ${f.message}`)}</failure>`,
    `    </testcase>`,
  ].join('\n');
}
