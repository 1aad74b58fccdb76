/**
 * Files no engine should analyse, whatever their extension says: binary
 * content and minified code. Both are reported as skipped with the reason
 * (in the editor's status, `argus check` output and SARIF notifications)
 * instead of producing noise or scoring as terrible code.
 */

/** How much of the start of a file is searched for a NUL byte (git's heuristic looks at 8000 bytes). */
const BINARY_PROBE = 8000;

/** Why `text` is binary rather than source, or undefined. */
export function binaryReason(text: string): string | undefined {
  return text.slice(0, BINARY_PROBE).includes('\u0000') ? 'binary file (contains NUL bytes)' : undefined;
}

/** The text of the last {@link minifiedReason} scan (compared by identity first, so a repeat is O(1)). */
let last: { text: string | undefined; reason: string | undefined } = { text: undefined, reason: undefined };

/** Why `text` (at `path`) is minified, or undefined: a `.min.js` name, or lines far longer than people write. */
export function minifiedReason(path: string, text: string): string | undefined {
  if (/\.min\.(js|mjs|cjs)$/i.test(path)) return 'minified file (.min.js)';
  if (text.length < 2000) return undefined;
  // The analyzer and then the review engine ask about the same text object: answer the second from the first.
  if (text === last.text) return last.reason;
  const reason = lineShapeReason(text);
  last = { text, reason };
  return reason;
}

/**
 * The two line-shape tests, without measuring every line: the average is over
 * 200 only while fewer than length / 200 lines have been counted, so counting
 * stops there; and a line longer than half the file must hold its middle
 * character, so only that line is measured.
 */
function lineShapeReason(text: string): string | undefined {
  const enough = Math.ceil(text.length / 200);
  let lines = 1;
  for (let nl = text.indexOf('\n'); nl >= 0 && lines < enough; nl = text.indexOf('\n', nl + 1)) lines++;
  if (lines < enough) return `minified or generated: average line length ${Math.round(text.length / lines)} characters`;
  const mid = text.length >> 1;
  if (text.charCodeAt(mid) === 10) return undefined;
  const start = text.lastIndexOf('\n', mid) + 1;
  const nl = text.indexOf('\n', mid);
  const longest = (nl < 0 ? text.length : nl) - start;
  if (longest > 5000 && longest > text.length / 2) return `minified or generated: one line holds ${Math.round((100 * longest) / text.length)}% of the file`;
  return undefined;
}

/** Why no engine analyses the file, or undefined. */
export function fileSkipReason(path: string, text: string): string | undefined {
  return binaryReason(text) ?? minifiedReason(path, text);
}
