/**
 * Which functions the taint walk may skip. A function is analysed to find
 * flows from a source to one of its sinks; when no source lies inside it, no
 * variable it could read is tainted where it is defined, and no same-file
 * helper it could call (directly or through other helpers) holds a source,
 * nothing can reach its sinks and the analysis would report nothing. It runs
 * on a fork of the state, so skipping it changes nothing after it either.
 *
 * "Could read" and "could call" are decided on words: a state key is read
 * through a node whose text starts with the key's first word, and a helper is
 * called by a name that is a word of the caller's text. Both are
 * over-approximations, so a skip is always safe; most functions with a sink
 * in real code (an `open()`, a `subprocess` call) have no source anywhere
 * near them, and analysing them was most of the taint walk's time.
 */
import type { Node } from 'web-tree-sitter';
import type { HelperIndex } from '../matcher';
import type { State } from './state';

/** Identifier-like words; the same pattern reads state keys and function texts, so the two agree. */
const WORD = /[\p{L}\p{Nl}$_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}$]*/gu;

function wordsIn(text: string): Set<string> {
  return new Set(text.match(WORD) ?? []);
}

/** The first word of a state key (`self.data` → `self`), or undefined when the key does not start with one. */
function leadingWord(key: string): string | undefined {
  WORD.lastIndex = 0;
  const m = WORD.exec(key);
  return m && m.index === 0 ? m[0] : undefined;
}

/** Decides, per function, whether its analysis could report a flow (see the file comment). */
export class Reach {
  /** Start offsets of the sources, sorted; undefined when unknown (nothing is skipped). */
  private readonly starts: number[] | undefined;
  private readonly words = new Map<number, Set<string>>();

  /**
   * `parameterSinks`: ids of the nodes enclosing a sink of a rule whose
   * sources include the parameter set; such a function's own parameters are
   * sources for it (matcher.ts PARAMETER_SOURCE_SET).
   */
  constructor(
    sourceStarts: readonly number[] | undefined,
    private readonly helpers: HelperIndex['helpers'],
    private readonly parameterSinks: ReadonlySet<number> = new Set(),
  ) {
    this.starts = sourceStarts ? [...sourceStarts].sort((a, b) => a - b) : undefined;
  }

  /** False only when analysing `fn` at state `st` can report nothing. */
  mayReport(fn: Node, st: State): boolean {
    if (!this.starts || this.parameterSinks.has(fn.id) || this.holdsSource(fn)) return true;
    const words = this.wordsOf(fn);
    for (const key of st.taintedNames()) {
      const w = leadingWord(key);
      if (w === undefined || words.has(w)) return true;
    }
    return this.reachesTaintingHelper(words);
  }

  private holdsSource(n: Node): boolean {
    const starts = this.starts!;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < n.startIndex) lo = mid + 1;
      else hi = mid;
    }
    return lo < starts.length && starts[lo]! < n.endIndex;
  }

  private wordsOf(n: Node): Set<string> {
    let w = this.words.get(n.id);
    if (!w) this.words.set(n.id, (w = wordsIn(n.text)));
    return w;
  }

  /** Whether a helper named in `words`, or one those helpers name in turn, holds a source. */
  private reachesTaintingHelper(words: ReadonlySet<string>): boolean {
    const seen = new Set<number>();
    const queue = [words];
    while (queue.length) {
      for (const w of queue.pop()!) {
        const h = this.helpers.get(w);
        if (!h || seen.has(h.id)) continue;
        seen.add(h.id);
        if (this.holdsSource(h)) return true;
        queue.push(this.wordsOf(h));
      }
    }
    return false;
  }
}
