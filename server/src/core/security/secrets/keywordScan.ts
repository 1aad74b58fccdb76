/**
 * The secret rules' keyword prefilter in one pass over the text.
 *
 * A rule runs only when one of its keywords occurs in the text, compared
 * case-insensitively (`text.toLowerCase().includes(k)`). Asking that per
 * keyword searched a large file once for every keyword it lacks (some
 * forty), and lower-cased it first; here every keyword is looked for in the
 * same pass, starting only where a keyword's first two characters stand.
 * Exact for ASCII keywords: the only characters whose lower case contains
 * ASCII are A–Z, the Kelvin sign (to `k`) and U+0130 (to `i` plus a
 * combining dot), and a text holding U+0130 is searched the old way.
 */

/** The keywords (ASCII, lower case) that occur in `text` ignoring case, exactly as `text.toLowerCase().includes(k)`. */
export function keywordsIn(text: string, keywords: readonly string[]): Set<string> {
  return keywordMatcher(keywords)(text);
}

/**
 * {@link keywordsIn} for a fixed keyword list, with its tables built once:
 * the secret scanner asks the same question of every file.
 */
export function keywordMatcher(keywords: readonly string[]): (text: string) => Set<string> {
  const wanted = [...new Set(keywords)].filter((k) => k.length > 0);
  const slow = wanted.some((k) => /[^ -~]|[A-Z]/.test(k));
  // Keywords by their first two characters (a one-character keyword is found by its first), in a
  // flat table indexed by the pair: a Map lookup at every common letter cost most of the pass.
  const byPair: (string[] | undefined)[] = new Array<string[] | undefined>(128 * 128).fill(undefined);
  // Per pair, how many of its keywords are still to find; each call works on a copy it counts down.
  const pairCounts = new Uint8Array(128 * 128);
  const single = new Uint8Array(128);
  let singles = 0;
  for (const k of wanted) {
    const a = k.charCodeAt(0);
    if (k.length === 1) {
      single[a] = 1;
      singles++;
      continue;
    }
    const key = (a << 7) | k.charCodeAt(1);
    (byPair[key] ??= []).push(k);
    pairCounts[key]!++;
  }
  return (text) => {
    const found = new Set<string>();
    if (wanted.length === 0) return found;
    if (slow || text.includes('\u0130')) {
      const lower = text.toLowerCase();
      for (const k of wanted) if (lower.includes(k)) found.add(k);
      return found;
    }
    let left = wanted.length;
    const todo = pairCounts.slice();
    let next = lowerAt(text, 0);
    for (let i = 0; i < text.length && left > 0; i++) {
      const c = next;
      next = lowerAt(text, i + 1);
      if (c >= 128) continue;
      if (singles && single[c]) {
        const k = String.fromCharCode(c);
        if (!found.has(k)) {
          found.add(k);
          left--;
        }
      }
      if (next >= 128) continue;
      const pair = (c << 7) | next;
      if (!todo[pair]) continue;
      for (const k of byPair[pair]!) {
        if (found.has(k) || !matchesAt(text, i, k)) continue;
        found.add(k);
        todo[pair]!--;
        left--;
      }
    }
    return found;
  };
}

/** The lower case of the character at `i` when it is ASCII (A–Z and the Kelvin sign fold), else a code ≥ 128; 128 past the end. */
function lowerAt(text: string, i: number): number {
  if (i >= text.length) return 128;
  const c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) return c + 32;
  return c === 0x212a ? 107 : c;
}

function matchesAt(text: string, at: number, k: string): boolean {
  if (at + k.length > text.length) return false;
  for (let j = 2; j < k.length; j++) if (lowerAt(text, at + j) !== k.charCodeAt(j)) return false;
  return true;
}
