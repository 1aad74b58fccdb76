import * as vscode from 'vscode';
import {
  DFA_GENERATE_REQUEST, DFA_TEST_STRING_REQUEST,
  type DfaGenerateParams, type DfaGenerateResult, type DfaTestStringParams, type DfaTestStringResult,
} from '../../protocol/protocol';
import type { ClientContext } from './clientContext';
import { isDfaDocument } from './webviews/dfaDiagram';
import { argusRequest, errorText } from './webviews/request';

const NOT_MINIMAL = 'dfa/not-minimal';

async function report(what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const { message, detail } = errorText(err);
    void vscode.window.showErrorMessage(`Argus: ${what}: ${message}${detail ? ` ${detail}` : ''}`);
  }
}

function activeDfaEditor(command: string): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && isDfaDocument(editor.document)) return editor;
  void vscode.window.showWarningMessage(`Argus: "${command}" works on a .dfa file: open one and put the cursor in a machine.`);
  return undefined;
}

/**
 * "Argus: Generate DFA from Spec": asks for a spec and an alphabet, and
 * inserts the minimal machine at the cursor of a `.dfa` editor, or opens it
 * in a new untitled `.dfa` document.
 */
export async function generateDfa(ctx: ClientContext): Promise<void> {
  const spec = await vscode.window.showInputBox({ title: 'Generate DFA (1/2): spec', prompt: 'What the machine should accept', placeHolder: 'e.g. no two consecutive 1s', ignoreFocusOut: true });
  if (!spec?.trim()) return;
  const alphabet = await vscode.window.showInputBox({
    title: 'Generate DFA (2/2): alphabet',
    prompt: 'The input symbols (Argus never guesses an alphabet)',
    placeHolder: '{0, 1}',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'An alphabet is required, e.g. {0, 1}'),
  });
  if (!alphabet?.trim()) return;
  await report('could not generate a DFA', async () => {
    const r = await argusRequest<DfaGenerateResult>(ctx, DFA_GENERATE_REQUEST, { spec: spec.trim(), alphabet: alphabet.trim() } satisfies DfaGenerateParams);
    if ('error' in r) throw new Error(r.error);
    const editor = vscode.window.activeTextEditor;
    if (editor && isDfaDocument(editor.document)) {
      // Keep the new machine off the lines around it: machines are separated by blank lines.
      const at = editor.selection.active;
      const lineText = editor.document.lineAt(at.line).text;
      const before = lineText.trim() && at.character > 0 ? '\n\n' : '';
      const after = lineText.slice(at.character).trim() ? '\n' : '';
      await editor.edit((b) => b.insert(at, `${before}${r.text}${after}`));
    } else {
      const doc = await vscode.workspace.openTextDocument({ language: 'dfa', content: r.text });
      await vscode.window.showTextDocument(doc);
    }
  });
}

function shown(word: string): string {
  return word === '' ? 'ε' : JSON.stringify(word);
}

/**
 * "Argus: Test String Against DFA": runs a string through the machine under
 * the cursor and lists the run state by state in a quick pick, with the
 * verdict and what the spec says.
 */
export async function testString(ctx: ClientContext): Promise<void> {
  const editor = activeDfaEditor('Test String Against DFA');
  if (!editor) return;
  const input = await vscode.window.showInputBox({ title: 'Test String Against DFA', prompt: 'The string to run through the machine under the cursor (empty for ε)', ignoreFocusOut: true });
  if (input === undefined) return;
  await report('could not run the string', async () => {
    const pos = editor.selection.active;
    const r = await argusRequest<DfaTestStringResult>(ctx, DFA_TEST_STRING_REQUEST, {
      uri: editor.document.uri.toString(),
      position: { line: pos.line, character: pos.character },
      input,
    } satisfies DfaTestStringParams);
    const verdict = r.accepted ? 'accepted' : 'rejected';
    const spec = r.specAccepts === undefined ? 'no readable spec to compare with' : r.specAccepts === r.accepted ? `the spec agrees (${r.specAccepts ? 'accepts' : 'rejects'})` : `the spec ${r.specAccepts ? 'accepts' : 'rejects'} it: the machine is wrong here`;
    const items: vscode.QuickPickItem[] = [
      { label: `${r.accepted ? '$(pass)' : '$(error)'} ${shown(input)} is ${verdict} by ${r.machine}`, detail: spec },
      ...(r.error ? [{ label: `$(warning) ${r.error}` }] : []),
      { label: 'Run', kind: vscode.QuickPickItemKind.Separator },
      ...r.steps.map((s, i) => ({
        label: i === 0 ? `$(debug-start) ${s.state}` : `$(arrow-right) ${s.state}`,
        description: i === 0 ? 'start' : `on ${JSON.stringify(s.symbol ?? '')}`,
      })),
    ];
    // A quick pick shows every step at once; nothing happens on pick: it is a read-only list.
    await vscode.window.showQuickPick(items, { title: `${r.machine}: ${shown(input)} → ${verdict}`, placeHolder: `${verdict}; ${spec}`, matchOnDescription: true });
  });
}

function diagnosticCode(d: vscode.Diagnostic): string | undefined {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : c === undefined ? undefined : String(c);
}

/** The provider command returns CodeActions and bare Commands mixed; a Command's `command` is its id string. */
function isCodeAction(a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction {
  return typeof (a as vscode.Command).command !== 'string';
}

/**
 * Lines [start, end) of the machine block around `line`, from its `machine`
 * header to the next one. Above the first machine (comments at the top of the
 * file), the first machine: the server's own rule for "the machine under the cursor".
 */
function machineBlock(doc: vscode.TextDocument, line: number): { start: number; end: number; name: string } | undefined {
  const header = /^\s*machine\s+(\S+)/;
  const isHeader = (l: number): boolean => header.test(doc.lineAt(l).text);
  let start = line;
  while (start >= 0 && !isHeader(start)) start--;
  if (start < 0) {
    start = line;
    while (start < doc.lineCount && !isHeader(start)) start++;
    if (start >= doc.lineCount) return undefined;
  }
  let end = start + 1;
  while (end < doc.lineCount && !isHeader(end)) end++;
  return { start, end, name: header.exec(doc.lineAt(start).text)![1]! };
}

/**
 * "Argus: Minimise DFA": applies the server's "Minimise the machine" quick
 * fix for the machine under the cursor. The fix hangs on the `dfa/not-minimal`
 * diagnostic (on the machine's name), so the code actions are asked for that
 * diagnostic's range rather than the cursor's.
 */
export async function minimiseDfa(): Promise<void> {
  const editor = activeDfaEditor('Minimise DFA');
  if (!editor) return;
  await report('could not minimise', async () => {
    const doc = editor.document;
    const block = machineBlock(doc, editor.selection.active.line);
    if (!block) {
      void vscode.window.showWarningMessage('Argus: this file has no machine to minimise.');
      return;
    }
    const diagnostic = vscode.languages.getDiagnostics(doc.uri).find((d) => diagnosticCode(d) === NOT_MINIMAL && d.range.start.line >= block.start && d.range.start.line < block.end);
    // No not-minimal diagnostic (or the server has not analysed the latest text yet): ask for the header line anyway.
    const range = diagnostic?.range ?? doc.lineAt(block.start).range;
    const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', doc.uri, range)) ?? [];
    const fix = actions.filter(isCodeAction).find((a) => a.title.startsWith('Minimise'));
    if (!fix) {
      void vscode.window.showInformationMessage(`Argus: ${block.name} is already minimal.`);
      return;
    }
    if (fix.edit && !(await vscode.workspace.applyEdit(fix.edit))) throw new Error('the editor refused the edit (the file changed meanwhile?)');
    if (fix.command) await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    void vscode.window.showInformationMessage(`Argus: minimised ${block.name}.`);
  });
}
