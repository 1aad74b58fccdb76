import type { SourceDocument } from './document';
import type { EngineId, Finding, RuleInfo } from './model/finding';
import type { ParserHost } from './parsing/parserHost';
import type { GrammarName } from './parsing/grammars';
import type { TreeChange } from './parsing/documentTrees';

/** What engines may use of the parser host; the analyzer hands them a view that shares one tree per document. */
export type Parsers = Pick<ParserHost, 'withTree' | 'language' | 'query' | 'parse'> & {
  /**
   * Where the shared tree of the document's `text` comes from: its number and
   * how it was re-parsed from the document's previous tree (server only, when
   * trees are retained); undefined when unknown. Lets engines redo only what changed.
   */
  changeOf?(grammar: GrammarName, text: string): TreeChange | undefined;
};
import type { ResolvedConfig } from './config/types';

/** Structured log sink injected into the core; implementations add timestamps and correlation ids. */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Everything an engine may use while analysing one document. */
export interface AnalysisContext {
  readonly config: ResolvedConfig;
  readonly parsers: Parsers;
  readonly logger: Logger;
  /** Aborted when a newer version of the document supersedes this analysis. */
  readonly signal?: AbortSignal;
}

/** What one engine returns for one document. */
export interface EngineResult {
  readonly findings: readonly Finding[];
  /** Per-file data for the JSON report (scores, metrics, DFA verdicts); engine-defined, serialisable. */
  readonly fileData?: Readonly<Record<string, unknown>>;
}

/**
 * An analysis engine. Engines are pure: they read the document and the
 * context, never the file system or the network, and never throw on bad input
 * (bad input becomes findings).
 */
export interface Engine {
  readonly id: EngineId;
  /** Static descriptions of every rule this engine can report. */
  rules(): readonly RuleInfo[];
  /** Whether the engine has anything to say about this document's language. */
  supports(doc: SourceDocument): boolean;
  analyze(doc: SourceDocument, ctx: AnalysisContext): Promise<EngineResult>;
  /** Frees anything kept between analyses of a document (it was closed). */
  forget?(uri: string): void;
}
