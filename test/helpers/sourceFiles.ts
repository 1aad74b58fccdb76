import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { GrammarName } from '../../server/src/core/parsing/grammars';

/** The grammar of each source extension the parser tests walk. */
export const GRAMMAR_OF: Readonly<Record<string, GrammarName>> = {
  '.js': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript', '.jsx': 'javascript',
  '.ts': 'typescript', '.tsx': 'tsx', '.py': 'python', '.java': 'java', '.go': 'go', '.php': 'php',
};

/** Source files under `dir` (recursively) with a known grammar and under 400 KB; none when `dir` is missing. */
export function sourceFilesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFilesUnder(p, out);
    else if (GRAMMAR_OF[path.extname(e.name)] && statSync(p).size < 400_000) out.push(p);
  }
  return out;
}
