import type { RuleInfo } from './model/finding';
import { UNUSED_SUPPRESSION_RULE } from './suppression/apply';

/** Docs base for rule pages; every rule's `helpUri` points below it. */
export const DOCS_BASE = 'https://argus.invalid/docs/rules';

/** Rules that belong to the platform itself rather than to an engine. */
export const PLATFORM_RULES: readonly RuleInfo[] = [
  {
    id: UNUSED_SUPPRESSION_RULE,
    engine: 'suppression',
    name: 'UnusedSuppression',
    shortDescription: 'An argus-ignore directive that suppresses nothing.',
    fullDescription: 'An `argus-ignore-next-line` or `argus-ignore-file` comment that matched no finding. Stale suppressions hide future findings; remove them.',
    helpUri: `${DOCS_BASE}/suppression-unused`,
    category: 'suppression',
    defaultSeverity: 'hint',
  },
  {
    id: 'config/invalid',
    engine: 'config',
    name: 'InvalidConfiguration',
    shortDescription: 'A wrong key or value in .argus.yml.',
    fullDescription: 'A key Argus does not know, or a value of the wrong type, in an `.argus.yml` file. The rest of the file still applies.',
    helpUri: `${DOCS_BASE}/config-invalid`,
    category: 'configuration',
    defaultSeverity: 'error',
  },
  {
    id: 'argus/internal-error',
    engine: 'config',
    name: 'InternalError',
    shortDescription: 'An engine failed on this file.',
    fullDescription: 'An engine threw while analysing this file. Other engines still ran. Please report it with the log from "Argus: Show Output".',
    helpUri: `${DOCS_BASE}/internal-error`,
    category: 'internal',
    defaultSeverity: 'warning',
  },
];

/** Looks rules up by id across the platform and every engine. */
export class RuleCatalog {
  private readonly byId = new Map<string, RuleInfo>();

  constructor(rules: Iterable<RuleInfo>) {
    for (const r of PLATFORM_RULES) this.byId.set(r.id, r);
    for (const r of rules) this.byId.set(r.id, r);
  }

  get(id: string): RuleInfo | undefined {
    return this.byId.get(id);
  }

  all(): RuleInfo[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}
