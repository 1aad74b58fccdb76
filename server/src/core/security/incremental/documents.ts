/**
 * The security engine's memory of open documents (language server only):
 * per document, the per-statement tree results and the secret matches of
 * its last analysis, so the next version only redoes what its edit touched.
 * Bounded like the document trees; a closed document is forgotten.
 */
import type { TreeChange, TreeEdit } from '../../parsing/documentTrees';
import { diffSpan } from '../../model/textDiff';
import type { SecretState, TextEdit } from '../secrets/incremental';
import type { TreeState } from './treeHits';

/** What is kept for one document. */
export interface DocumentState {
  readonly tree?: TreeState;
  readonly secrets?: SecretState;
}

/** Per-document states, least recently used beyond `capacity` dropped. */
export class DocumentStates {
  private readonly docs = new Map<string, DocumentState>();

  constructor(private readonly capacity = 32) {}

  get(uri: string): DocumentState | undefined {
    return this.docs.get(uri);
  }

  set(uri: string, state: DocumentState): void {
    this.docs.delete(uri);
    this.docs.set(uri, state);
    while (this.docs.size > this.capacity) this.docs.delete(this.docs.keys().next().value!);
  }

  forget(uri: string): void {
    this.docs.delete(uri);
  }
}

/**
 * The edit from `previous` to `text`: the tree's change when it starts from
 * the same text (no second diff of a large file), else a fresh diff.
 */
export function editFrom(previous: string, text: string, change: TreeEdit | undefined): TextEdit {
  if (change && change.previousText === previous) return { start: change.startIndex, oldEnd: change.oldEndIndex, newEnd: change.newEndIndex };
  const d = diffSpan(previous, text);
  return { start: d.start, oldEnd: d.oldEnd, newEnd: d.newEnd };
}

/** An edit that changes nothing, for a re-analysis of the very same tree. */
export function unchanged(text: string, generation: number): TreeEdit {
  const end = text.length + 1;
  return { previousGeneration: generation, previousText: text, startIndex: end, oldEndIndex: end, newEndIndex: end, changed: [] };
}

/**
 * The edit from the tree an analysis saw (`generation`) to the current one
 * (`now`): none when it is the same tree, the tree's own edit when it was
 * re-parsed from that tree, else undefined (a re-parse from scratch, or
 * trees skipped in between: nothing can be reused).
 */
export function treeEditSince(generation: number | undefined, now: TreeChange | undefined, text: string): TreeEdit | undefined {
  if (generation === undefined || !now) return undefined;
  if (now.generation === generation) return unchanged(text, generation);
  return now.from?.previousGeneration === generation ? now.from : undefined;
}
