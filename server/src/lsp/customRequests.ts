import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Analyzer } from '../core/analyze';
import { normaliseLanguageId } from '../core/document';
import { LineIndex } from '../core/model/text';
import { dfaDiagram, dfaGenerate, dfaTestString } from '../core/dfa/editorTools';
import { collectTargets } from '../node/files';
import { headText } from '../node/git';
import type { WorkspaceAnalysis } from '../node/workspaceAnalysis';
import type { EditorOverrides } from '../core/config/resolve';
import type { DfaDiagramParams, DfaGenerateParams, DfaTestStringParams, FileReportResult, WorkspaceReportResult, WorkspaceReportRow } from '../../../protocol/protocol';

/** What the custom requests need from the server, injected so this file holds no server state. */
export interface RequestContext {
  /** Current text of an open document, else the file on disk. */
  textOf(uri: string): string | undefined;
  /** The review data of the document's last analysis, if it is open and analysed. */
  reviewOf(uri: string): unknown;
  workspaceFor(filePath: string): Promise<WorkspaceAnalysis>;
  folders(): Promise<WorkspaceAnalysis[]>;
  overridesFor(uri: string): Promise<EditorOverrides>;
  readonly analyzer: Promise<Analyzer>;
  readonly trusted: () => boolean;
}

function dfaKind(uri: string): 'dfa' | 'dfa-json' {
  return uri.toLowerCase().endsWith('.dfa.json') ? 'dfa-json' : 'dfa';
}

function offsetOf(text: string, p?: { line: number; character: number }): number | undefined {
  return p ? new LineIndex(text).offsetAt(p) : undefined;
}

/** `argus/dfaDiagram`. */
export function handleDfaDiagram(ctx: RequestContext, p: DfaDiagramParams) {
  const text = ctx.textOf(p.uri);
  if (text === undefined) return { error: `cannot read ${p.uri}` };
  return dfaDiagram(text, dfaKind(p.uri), { name: p.machine, offset: offsetOf(text, p.position) });
}

/** `argus/dfaTestString`. */
export function handleDfaTestString(ctx: RequestContext, p: DfaTestStringParams) {
  const text = ctx.textOf(p.uri);
  if (text === undefined) return { machine: '', steps: [], accepted: false, error: `cannot read ${p.uri}` };
  return dfaTestString(text, dfaKind(p.uri), { name: p.machine, offset: offsetOf(text, p.position) }, p.input);
}

/** `argus/dfaGenerate`. */
export function handleDfaGenerate(p: DfaGenerateParams) {
  return dfaGenerate(p.spec, p.alphabet, p.name);
}

/**
 * `argus/fileReport`: the file's review data, and its score at git HEAD from
 * the same analyzer (so the delta compares like with like). Git runs only in
 * trusted workspaces.
 */
export async function handleFileReport(ctx: RequestContext, uri: string): Promise<FileReportResult> {
  let review = ctx.reviewOf(uri);
  const filePath = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  const languageId = filePath ? normaliseLanguageId('', filePath) : undefined;
  if (!filePath || !languageId) return { uri, review: review ?? null, head: null, headUnavailable: 'not a file Argus scores' };
  const ws = await ctx.workspaceFor(filePath);
  const overrides = await ctx.overridesFor(uri);
  if (review === undefined) {
    const text = ctx.textOf(uri);
    if (text !== undefined) review = (await ws.analyzeText(filePath, uri, languageId, text, overrides)).outcome.fileData.review;
  }
  if (!ctx.trusted()) return { uri, review: review ?? null, head: null, headUnavailable: 'the workspace is not trusted, so Argus does not run git' };
  const head = await headText(filePath);
  if ('unavailable' in head) return { uri, review: review ?? null, head: null, headUnavailable: head.unavailable };
  const headReview = (await ws.analyzeText(filePath, `${uri}#HEAD`, languageId, head.text, overrides)).outcome.fileData.review as { score: number | null; grade: string | null } | undefined;
  return { uri, review: review ?? null, head: headReview ? { score: headReview.score, grade: headReview.grade } : null, ...(headReview ? {} : { headUnavailable: 'the review engine is disabled' }) };
}

/** `argus/workspaceReport`: every analysable file's score, worst first. */
export async function handleWorkspaceReport(ctx: RequestContext): Promise<WorkspaceReportResult> {
  const rows: WorkspaceReportRow[] = [];
  for (const ws of await ctx.folders()) {
    const rootUri = pathToFileURL(ws.root).href;
    const exclude = ws.configFor(`${ws.root}/.argus-probe`, await ctx.overridesFor(rootUri)).config.exclude;
    for (const t of collectTargets(ws.root, ['.'], exclude)) {
      if (t.languageId === 'dfa' || t.languageId === 'dfa-json') continue;
      const uri = pathToFileURL(t.absolutePath).href;
      let text: string;
      try {
        text = ctx.textOf(uri) ?? readFileSync(t.absolutePath, 'utf8');
      } catch {
        continue;
      }
      const { outcome } = await ws.analyzeText(t.absolutePath, uri, t.languageId, text, await ctx.overridesFor(uri));
      const r = outcome.fileData.review as { score: number | null; grade: string | null; skipped?: string; file: { loc: number; functions: number } | null; functions: { name: string; startLine: number; cognitiveComplexity: number }[] } | undefined;
      if (!r) continue;
      const worst = [...r.functions].sort((a, b) => b.cognitiveComplexity - a.cognitiveComplexity)[0];
      rows.push({
        uri,
        path: t.relativePath,
        score: r.score,
        grade: r.grade,
        lines: r.file?.loc ?? 0,
        functions: r.file?.functions ?? r.functions.length,
        ...(worst ? { worst: { name: worst.name, line: worst.startLine, cognitiveComplexity: worst.cognitiveComplexity } } : {}),
        ...(r.skipped ? { skipped: r.skipped } : {}),
      });
    }
  }
  rows.sort((a, b) => (a.score ?? 101) - (b.score ?? 101));
  return { rows };
}
