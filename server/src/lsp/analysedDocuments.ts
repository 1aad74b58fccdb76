/**
 * What the server knows about each open document it has analysed: the
 * findings and engine data (review score, DFA states) of the latest analysed
 * version, and the editor features that read them: code actions, hover and
 * code lenses. Every reader answers only for the document's current version:
 * results of an older version would put edits and lenses at stale offsets.
 */
import type { CodeAction, CodeActionParams, CodeLens, Hover, HoverParams } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../core/analyze';
import { comparePositions } from '../core/model/text';
import { rescoreReview, type ReviewFileData } from '../core/review';
import { toHover } from './convert';
import { codeActionsFor, type AnalysedDocument } from './codeActions';
import { reviewLenses } from './reviewLens';
import { stateHover } from './dfaHover';

/** Engine data of one analysed version (`AnalysisOutcome.fileData`). */
interface VersionedData {
  readonly version: number;
  readonly data: Readonly<Record<string, unknown>>;
}

/** Per-document results of the latest analysis, and the editor features built on them. */
export class AnalysedDocuments {
  private readonly results = new Map<string, AnalysedDocument>();
  private readonly fileData = new Map<string, VersionedData>();
  /** The rule catalog, for hovers (set once the analyzer has loaded). */
  catalog: Analyzer['catalog'] | undefined;

  /** The findings of the latest analysed version of `uri`, whatever the document's version now. */
  get(uri: string): AnalysedDocument | undefined {
    return this.results.get(uri);
  }

  /** Records an analysis of `doc.version`. */
  set(doc: AnalysedDocument, data: Readonly<Record<string, unknown>>): void {
    this.results.set(doc.uri, doc);
    this.fileData.set(doc.uri, { version: doc.version, data });
  }

  /** Replaces the findings of an analysed version by merged ones (semgrep's added), re-scoring its review. */
  merge(doc: AnalysedDocument): void {
    this.results.set(doc.uri, doc);
    const fd = this.fileData.get(doc.uri);
    if (fd?.version === doc.version && fd.data.review) this.fileData.set(doc.uri, { version: doc.version, data: { ...fd.data, review: rescoreReview(fd.data.review as ReviewFileData, doc.findings) } });
  }

  /** Forgets a closed (or no longer analysed) document. */
  delete(uri: string): void {
    this.results.delete(uri);
    this.fileData.delete(uri);
  }

  codeActions(params: CodeActionParams, doc: TextDocument | undefined, versioned: boolean): CodeAction[] {
    const analysed = this.results.get(params.textDocument.uri);
    if (!doc || !analysed || analysed.version !== doc.version) return [];
    return codeActionsFor(params, analysed, { versioned });
  }

  /** The findings under the cursor, or else the DFA state there. */
  hover(params: HoverParams, doc: TextDocument | undefined): Hover | null {
    const analysed = this.results.get(params.textDocument.uri);
    if (!analysed || !doc || analysed.version !== doc.version) return null;
    const at = params.position;
    const hits = analysed.findings.filter((f) => comparePositions(f.range.start, at) <= 0 && comparePositions(at, f.range.end) <= 0);
    if (hits.length === 0) return stateHover(doc.getText(), analysed.index.offsetAt(at), this.fileData.get(params.textDocument.uri)?.data.dfa);
    return toHover(hits.map((finding) => ({ finding, rule: this.catalog?.get(finding.ruleId) })));
  }

  /** Code lenses with the review score (file) and per-function complexity and cost. */
  codeLenses(doc: TextDocument | undefined): CodeLens[] {
    const review = this.reviewOf(doc);
    return review === undefined ? [] : reviewLenses(review);
  }

  /** The lens titles of `doc`, to tell whether an analysis changed them. */
  lensTitles(doc: TextDocument | undefined): string {
    return this.codeLenses(doc)
      .map((l) => l.command?.title ?? '')
      .join('\n');
  }

  /** The review data of the document's current version, if analysed. */
  reviewOf(doc: TextDocument | undefined): unknown {
    const fd = doc ? this.fileData.get(doc.uri) : undefined;
    return doc && fd && fd.version === doc.version ? fd.data.review : undefined;
  }
}
