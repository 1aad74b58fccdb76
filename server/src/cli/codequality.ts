/**
 * `--format codequality`: GitLab's Code Quality report (a subset of the Code
 * Climate issue format) for `artifacts:reports:codequality`, which GitLab
 * shows in the merge request widget and diff.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../core/model/finding';
import { allFindings, type CheckReport } from './check';

/** GitLab's five levels; Argus has four, and `blocker` is left for nothing Argus can know. */
const LEVEL: Record<Severity, 'critical' | 'major' | 'minor' | 'info'> = { error: 'critical', warning: 'major', info: 'minor', hint: 'info' };

/**
 * One issue per finding. GitLab matches issues between the source and target
 * branch by `fingerprint`, which must be unique in the report: the finding's
 * content fingerprint does not include the path, so the path is hashed in.
 */
export function renderCodeQuality(report: CheckReport): string {
  const issues = allFindings(report).map(({ path, finding: f }) => ({
    description: `${f.ruleId}: ${f.message}`,
    check_name: f.ruleId,
    fingerprint: createHash('sha256').update(`${path}\0${f.fingerprint}`).digest('hex').slice(0, 32),
    severity: LEVEL[f.severity],
    location: { path, lines: { begin: f.range.start.line + 1, end: f.range.end.line + 1 } },
  }));
  return JSON.stringify(issues, null, 2) + '\n';
}
