/**
 * "Did you mean" support: edit distance between what the user wrote and the
 * known phrases. Suggestions are offered as fixes, never applied silently.
 */

/**
 * Edit distance with adjacent transpositions (optimal string alignment):
 * "strat" is 1 away from "start". With `cap`, returns early (some value >
 * cap) as soon as the distance must exceed it, which keeps suggestions cheap.
 */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (a === b) return 0;
  const n = b.length;
  let before = new Int32Array(n + 1);
  let prev = Int32Array.from({ length: n + 1 }, (_, j) => j);
  let row = new Int32Array(n + 1);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let best = i;
    for (let j = 1; j <= n; j++) {
      let d = Math.min(prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j]! + 1, row[j - 1]! + 1);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
      if (d < best) best = d;
    }
    if (best > cap) return best;
    [before, prev, row] = [prev, row, before];
  }
  return prev[n]!;
}

/** A phrase close to some text, with the distance that made it win. */
export interface Suggestion {
  readonly phrase: string;
  readonly distance: number;
  /** How many of the candidate word sequences it replaces (see {@link closestPhrase}). */
  readonly words: number;
}

/**
 * The known phrase closest to one of `candidates` (the text after the error
 * position, 1, 2, … words long). A phrase qualifies when the distance is at
 * most a third of its length (at least 1), so short phrases need a near
 * match. The smallest distance relative to the longer of the two texts wins (so a
 * long near-match beats a short coincidence), then the longer candidate,
 * then the alphabetically first phrase, so the result is deterministic.
 */
export function closestPhrase(candidates: readonly string[], phrases: Iterable<string>): Suggestion | undefined {
  let best: (Suggestion & { score: number }) | undefined;
  const list = [...new Set(phrases)].sort();
  candidates.forEach((text, i) => {
    for (const phrase of list) {
      const allowed = Math.max(1, Math.floor(phrase.length / 3));
      if (Math.abs(phrase.length - text.length) > allowed) continue;
      const d = editDistance(text, phrase, allowed);
      if (d === 0 || d > allowed) continue;
      const words = i + 1;
      const score = d / Math.max(phrase.length, text.length);
      if (!best || score < best.score || (score === best.score && words > best.words)) best = { phrase, distance: d, words, score };
    }
  });
  return best && { phrase: best.phrase, distance: best.distance, words: best.words };
}
