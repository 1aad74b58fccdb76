/**
 * Browser-side helpers shared by Argus's webview scripts: the VS Code webview
 * API, a tiny DOM builder, and the state machine every panel follows (empty,
 * loading, error, data) so that no panel is ever blank.
 */
import type { FromWebview, ToWebview } from '../../../client/src/webviews/messages';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** The webview API; `acquireVsCodeApi` may be called only once per page. */
export const vscode: VsCodeApi = acquireVsCodeApi();

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | undefined | ((e: Event) => void)>;

function applyAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

/** Creates an HTML element; `on*` attributes are event listeners. Text is always set as text, never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Creates an SVG element (charts are drawn by hand: no chart library). */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

/** A number with one decimal, without a trailing ".0" for whole numbers. */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

/** Makes an element act as a button for mouse and keyboard (Enter/Space). */
export function clickable<E extends HTMLElement>(el: E, action: () => void, label?: string): E {
  el.tabIndex = 0;
  el.setAttribute('role', 'button');
  el.classList.add('clickable');
  if (label) el.title = label;
  el.addEventListener('click', action);
  el.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      action();
    }
  });
  return el;
}

function stateBox(kind: 'empty' | 'loading' | 'error', message: string, detail?: string): HTMLElement {
  return h('section', { class: `state ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('p', { class: 'state-message' }, message),
    detail ? h('p', { class: 'state-detail' }, detail) : null,
    kind === 'error' ? h('button', { type: 'button', onclick: () => vscode.postMessage({ type: 'refresh' }) }, 'Retry') : null);
}

/**
 * Wires a panel: renders each state the extension posts into `#app`, shows
 * script errors in the panel instead of leaving it blank, and says `ready`.
 * `render` may be async (the DFA diagram waits for WebAssembly).
 */
export function mount<T>(render: (data: T) => Node | Promise<Node>): void {
  const app = document.getElementById('app')!;
  let generation = 0;
  const show = (node: Node): void => {
    app.replaceChildren(node);
  };
  const fail = (err: unknown): void => show(stateBox('error', `This panel failed: ${err instanceof Error ? err.message : String(err)}`));
  window.addEventListener('error', (e) => fail(e.error ?? e.message));
  window.addEventListener('unhandledrejection', (e) => fail(e.reason));
  window.addEventListener('message', (e: MessageEvent<ToWebview<T>>) => {
    const m = e.data;
    if (typeof m !== 'object' || m === null || typeof m.type !== 'string') return; // not from the extension
    const gen = ++generation;
    if (m.type === 'data') {
      // A slow render (first viz-js load) must not overwrite a newer state.
      Promise.resolve()
        .then(() => render(m.data))
        .then((node) => gen === generation && show(node), (err) => gen === generation && fail(err));
    } else {
      show(stateBox(m.type, m.message, m.type === 'error' ? m.detail : undefined));
    }
  });
  vscode.postMessage({ type: 'ready' });
}
