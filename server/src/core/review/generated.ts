/**
 * Detection of generated and minified files, which are reported as skipped
 * (with the reason) instead of being scored as terrible code.
 */

/** Markers tools put at the top of generated files (Go's convention is a regex in its spec). */
const GENERATED = /@generated\b|\bDO NOT EDIT\b|<auto-?generated|\bauto-?generated (file|code)\b|this file (was|is) (automatically )?generated/i;

/** Why `text` should not be scored, or undefined when it is ordinary source. */
export function skipReason(path: string, text: string): string | undefined {
  if (/\.min\.(js|mjs|cjs)$/i.test(path)) return 'minified file (.min.js)';
  const head = text.slice(0, 2000);
  const marker = GENERATED.exec(head);
  if (marker) return `generated file (header says "${marker[0]}")`;
  if (text.length < 2000) return undefined;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let nl = text.indexOf('\n'); ; nl = text.indexOf('\n', start)) {
    const end = nl < 0 ? text.length : nl;
    longest = Math.max(longest, end - start);
    if (nl < 0) break;
    lines++;
    start = nl + 1;
  }
  const average = text.length / lines;
  if (average > 200) return `minified or generated: average line length ${Math.round(average)} characters`;
  if (longest > 5000 && longest > text.length / 2) return `minified or generated: one line holds ${Math.round((100 * longest) / text.length)}% of the file`;
  return undefined;
}
