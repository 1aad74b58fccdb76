/**
 * DFA diagram webview: draws the server's Graphviz DOT with viz-js (Graphviz
 * compiled to WebAssembly, bundled into this script: no network), marks the
 * counterexample's run, and offers a machine picker. Colours come from the
 * theme: dfa.css recolours the SVG's strokes and fills.
 */
import type { Viz } from '@viz-js/viz' with { 'resolution-mode': 'import' };
import type { DfaView } from '../../client/src/webviews/messages';
import { h, mount, vscode } from './lib/view';

/** `toDot` in the server draws the counterexample's states and edges with `color=red`. */
const HOT = /^(red|#ff0000)$/i;

let vizLoad: Promise<Viz> | undefined;
/** Compiles Graphviz once per page (about 1 MB of wasm), on the first diagram. */
function viz(): Promise<Viz> {
  // A dynamic import keeps this file a CommonJS-typed module while viz-js is ESM-only; esbuild inlines it.
  vizLoad ??= import('@viz-js/viz').then((m) => m.instance());
  return vizLoad;
}

const word = (w: string): string => (w === '' ? 'ε' : w);

function picker(v: DfaView): HTMLElement {
  if (v.machines.length <= 1) return h('span', { class: 'machine-name', id: 'machine' }, v.machine);
  const select = h('select', { id: 'machine', 'aria-label': 'Machine' },
    ...v.machines.map((m) => h('option', { value: m, selected: m === v.machine }, m)));
  select.addEventListener('change', () => vscode.postMessage({ type: 'machine', name: select.value }));
  return h('label', { class: 'machine-picker' }, 'Machine ', select);
}

function verdict(v: DfaView): HTMLElement {
  const text = {
    equivalent: 'matches its spec',
    different: 'differs from its spec',
    unknown: 'not compared (no readable spec, or the check gave up)',
  }[v.verdict];
  return h('span', { class: `verdict verdict-${v.verdict}`, id: 'verdict' }, text);
}

function counterexample(v: DfaView): HTMLElement | null {
  if (v.counterexample === undefined) return null;
  return h('p', { class: 'counterexample', id: 'counterexample' },
    'Counterexample: ', h('code', {}, word(v.counterexample)),
    ' — the shortest input on which the machine and its spec disagree; its run is drawn ', h('span', { class: 'hot-swatch' }, 'highlighted'), '.');
}

/**
 * Tags the parts of the drawing so the stylesheet can theme them: `hot` on
 * the counterexample's states and edges (Graphviz wrote them red), `start`
 * on the invisible start node's arrow.
 */
function tag(svg: SVGSVGElement): number {
  let hot = 0;
  // Graphviz's width/height (in pt) stay: the natural size, shrunk by CSS when the panel is narrower.
  svg.classList.add('dfa');
  for (const g of svg.querySelectorAll<SVGGElement>('g.node, g.edge')) {
    const painted = [...g.querySelectorAll('[stroke], [fill]')].some((e) => HOT.test(e.getAttribute('stroke') ?? '') || HOT.test(e.getAttribute('fill') ?? ''));
    if (painted) {
      g.classList.add('hot');
      hot++;
    }
    const title = g.querySelector('title')?.textContent ?? '';
    if (title === '__start' || title.startsWith('__start->')) g.classList.add('start');
  }
  return hot;
}

async function render(v: DfaView): Promise<Node> {
  const header = h('header', { class: 'dfa-head' },
    picker(v), verdict(v),
    h('button', { type: 'button', onclick: () => vscode.postMessage({ type: 'refresh' }) }, 'Redraw'));
  let drawing: Node;
  try {
    const svg = (await viz()).renderSVGElement(v.dot);
    const hot = tag(svg);
    drawing = h('figure', { class: 'graph', id: 'graph', 'data-hot': hot }, svg,
      h('figcaption', { class: 'muted' }, `${v.machine} in ${v.fileName}. Double circles accept; the arrow from the dot marks the start state.`));
  } catch (err) {
    // Show the DOT so that a layout failure can still be read and reported.
    drawing = h('section', { class: 'state error', role: 'alert' },
      h('p', { class: 'state-message' }, `Graphviz could not draw ${v.machine}: ${err instanceof Error ? err.message : String(err)}`),
      h('details', {}, h('summary', {}, 'DOT source'), h('pre', {}, v.dot)));
  }
  return h('div', { class: 'dfa-panel' }, header, counterexample(v), drawing);
}

mount<DfaView>(render);
