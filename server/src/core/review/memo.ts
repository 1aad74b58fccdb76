/**
 * The review engine's per-document memory (language server only): the last
 * walk of each of a few recently analysed documents, so the next analysis
 * of the same document walks only what the edit changed
 * (`incremental.ts`). Bounded (least recently used documents are dropped)
 * and keyed by URI; the CLI never creates one.
 */
import type { Tree } from 'web-tree-sitter';
import type { LanguageId } from '../document';
import type { FileWalk } from './types';
import { specFor } from './languages';
import { fullWalk, incrementalWalk, releaseMemo, type WalkMemo, type WalkMode } from './incremental';
import { findingCaches, type FindingCaches } from './findings';

/** Options of the memo: how many documents to remember (at least 1). */
export interface ReviewMemoOptions {
  readonly documents: number;
}

/** A walk and how it was obtained. */
export interface MemoWalk {
  readonly walk: FileWalk;
  /** Caches for building the document's findings (kept while its language stays the same). */
  readonly caches: FindingCaches;
  readonly mode: WalkMode;
  /** Characters of the text walked again (0 when unchanged, all for a full walk). */
  readonly walked: number;
  /** Why an incremental walk was not possible, when it failed unexpectedly (worth a log line). */
  readonly error?: string;
}

/**
 * One document's memory: its last walk and, while that walk's text has
 * syntax errors, the last walk without any. Typing often breaks the file
 * for a few keystrokes (an open parenthesis swallows the rest of it);
 * once it parses again, its tree is close to that last good one.
 */
interface Entry {
  readonly memo: WalkMemo;
  readonly good: WalkMemo | undefined;
  readonly caches: FindingCaches;
}

/** Remembers the last walk per document URI (see the module comment). */
export class ReviewMemo {
  private readonly docs = new Map<string, Entry>();
  private readonly capacity: number;

  constructor(options: ReviewMemoOptions) {
    this.capacity = Math.max(1, Math.floor(options.documents));
  }

  /** Number of documents remembered. */
  get size(): number {
    return this.docs.size;
  }

  /**
   * The walk of `tree` (parsed from `text`), reusing the last walk of `uri`
   * when it was of the same language; undefined for unsupported languages.
   * Synchronous, so two analyses of one document cannot interleave here.
   */
  walk(uri: string, languageId: LanguageId, tree: Tree, text: string): MemoWalk | undefined {
    const spec = specFor(languageId);
    if (!spec) return undefined;
    const kept = this.docs.get(uri);
    const fits = (m: WalkMemo | undefined): m is WalkMemo => m !== undefined && m.spec === spec && m.language === tree.language;
    const prev = fits(kept?.memo) ? kept!.memo : undefined;
    let next: WalkMemo | undefined;
    let mode: WalkMode = 'incremental';
    let error: string | undefined;
    if (prev && prev.text === text) {
      next = prev;
      mode = 'unchanged';
    } else if (prev) {
      try {
        next = incrementalWalk(fits(kept?.good) ? [prev, kept!.good] : [prev], tree, text);
      } catch (e) {
        // A bug here must not cost the user the analysis: walk everything instead.
        error = e instanceof Error ? e.message : String(e);
      }
    }
    // Drop the old entry first: a throwing walk must not leave it to be diffed against later.
    this.docs.delete(uri);
    if (!next) {
      try {
        next = fullWalk(tree, spec, text);
      } catch (e) {
        if (kept) release(kept);
        throw e;
      }
      mode = 'full';
    }
    const caches = prev && kept ? kept.caches : findingCaches();
    const good = !next.walk.hasParseErrors ? undefined : prev && !prev.walk.hasParseErrors ? prev : prev ? kept!.good : undefined;
    const entry: Entry = { memo: next, good, caches };
    if (kept) release(kept, entry);
    this.docs.set(uri, entry);
    for (const [key, e] of this.docs) {
      if (this.docs.size <= this.capacity) break;
      this.docs.delete(key);
      release(e);
    }
    const walked = mode === 'unchanged' ? 0 : next.walked;
    return error === undefined ? { walk: next.walk, caches, mode, walked } : { walk: next.walk, caches, mode, walked, error };
  }

  /** Forgets a document (it was closed). */
  forget(uri: string): void {
    const e = this.docs.get(uri);
    this.docs.delete(uri);
    if (e) release(e);
  }

  /** Forgets every document. */
  clear(): void {
    for (const e of this.docs.values()) release(e);
    this.docs.clear();
  }
}

/** Frees the memos of `old` that `now` (its replacement, if any) no longer holds. */
function release(old: Entry, now?: Entry): void {
  for (const m of new Set([old.memo, old.good])) if (m && m !== now?.memo && m !== now?.good) releaseMemo(m);
}
