/**
 * Detection of generated and minified files, which are reported as skipped
 * (with the reason) instead of being scored as terrible code.
 */

import { minifiedReason } from '../fileSkip';

/** Markers tools put at the top of generated files (Go's convention is a regex in its spec). */
const GENERATED = /@generated\b|\bDO NOT EDIT\b|<auto-?generated|\bauto-?generated (file|code)\b|this file (was|is) (automatically )?generated/i;

/** Why `text` should not be scored, or undefined when it is ordinary source. */
export function skipReason(path: string, text: string): string | undefined {
  if (/\.min\.(js|mjs|cjs)$/i.test(path)) return minifiedReason(path, text);
  const marker = GENERATED.exec(text.slice(0, 2000));
  if (marker) return `generated file (header says "${marker[0]}")`;
  return minifiedReason(path, text);
}
