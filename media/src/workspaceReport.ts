/**
 * Workspace score report webview: one row per file, sortable by any column
 * (click a header; again to reverse), worst files first by default. A row
 * opens its file; the worst-function cell opens it at that function.
 */
import type { WorkspaceRowView, WorkspaceView } from '../../client/src/webviews/messages';
import { clickable, fmt, h, mount, vscode } from './lib/view';

type Key = 'path' | 'score' | 'grade' | 'lines' | 'functions' | 'worst';

interface Column {
  readonly key: Key;
  readonly label: string;
  readonly numeric: boolean;
  /** Sort value; null sorts last whatever the direction (unscored files are not "best" or "worst"). */
  readonly value: (r: WorkspaceRowView) => string | number | null;
}

const COLUMNS: readonly Column[] = [
  { key: 'path', label: 'File', numeric: false, value: (r) => r.path },
  { key: 'score', label: 'Score', numeric: true, value: (r) => r.score },
  { key: 'grade', label: 'Grade', numeric: false, value: (r) => r.grade },
  { key: 'lines', label: 'Lines', numeric: true, value: (r) => r.lines },
  { key: 'functions', label: 'Functions', numeric: true, value: (r) => r.functions },
  { key: 'worst', label: 'Worst function', numeric: true, value: (r) => r.worst?.cognitiveComplexity ?? null },
];

/** Direction of the first click on a column: the "interesting" end first (low scores, bad grades, long files, complex functions). */
const FIRST_DIR: Record<Key, 1 | -1> = { path: 1, score: 1, grade: -1, lines: -1, functions: -1, worst: -1 };

/** Survives re-renders (the extension re-posts the data after a refresh). */
const sort: { key: Key; dir: 1 | -1 } = { key: 'score', dir: 1 };

function compare(col: Column, dir: 1 | -1) {
  return (a: WorkspaceRowView, b: WorkspaceRowView): number => {
    const x = col.value(a);
    const y = col.value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c * dir || a.path.localeCompare(b.path);
  };
}

function row(r: WorkspaceRowView): HTMLTableRowElement {
  const open = (line?: number) => () => vscode.postMessage({ type: 'open', uri: r.uri, ...(line ? { line } : {}) });
  const worst = r.worst
    ? clickable(h('td', { class: 'worst' }, `${r.worst.name} `, h('span', { class: 'muted' }, `(cognitive ${r.worst.cognitiveComplexity}, line ${r.worst.line})`)), open(r.worst.line), `Go to ${r.worst.name}`)
    : h('td', { class: 'muted' }, '—');
  // The worst-function cell opens at that function; the rest of the row at the top of the file.
  for (const ev of ['click', 'keydown']) if (r.worst) worst.addEventListener(ev, (e) => e.stopPropagation());
  return clickable(h('tr', { class: r.score === null ? 'skipped' : '' },
    h('td', { class: 'path' }, r.path),
    h('td', { class: 'num', title: r.skipped ?? '' }, r.score === null ? '—' : fmt(r.score)),
    h('td', {}, r.grade ? h('span', { class: `grade small grade-${r.grade}` }, r.grade) : h('span', { class: 'muted', title: r.skipped ?? '' }, r.skipped ? 'skipped' : '—')),
    h('td', { class: 'num' }, r.lines),
    h('td', { class: 'num' }, r.functions),
    worst), open(), `Open ${r.path}`);
}

function summary(v: WorkspaceView): HTMLElement {
  const scored = v.rows.filter((r) => r.score !== null);
  const mean = scored.length ? scored.reduce((s, r) => s + r.score!, 0) / scored.length : null;
  const grades = new Map<string, number>();
  for (const r of scored) grades.set(r.grade ?? '?', (grades.get(r.grade ?? '?') ?? 0) + 1);
  const dist = [...grades.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([g, n]) => `${g}: ${n}`).join(' · ');
  return h('p', { class: 'summary', id: 'summary' },
    `${v.rows.length} file${v.rows.length === 1 ? '' : 's'}, ${scored.length} scored`,
    mean === null ? '' : `, mean score ${fmt(Math.round(mean * 10) / 10)}`,
    dist ? ` (${dist})` : '', ` · ${(v.millis / 1000).toFixed(1)} s `,
    h('button', { type: 'button', onclick: () => vscode.postMessage({ type: 'refresh' }) }, 'Refresh'));
}

function table(v: WorkspaceView): HTMLElement {
  const tbody = h('tbody');
  const head = h('tr');
  const draw = (): void => {
    const col = COLUMNS.find((c) => c.key === sort.key)!;
    tbody.replaceChildren(...[...v.rows].sort(compare(col, sort.dir)).map(row));
    head.replaceChildren(...COLUMNS.map((c) => {
      const active = c.key === sort.key;
      const th = h('th', { class: c.numeric ? 'num' : '', 'aria-sort': active ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none' },
        c.label, active ? (sort.dir === 1 ? ' ▲' : ' ▼') : '');
      return clickable(th, () => {
        if (active) sort.dir = sort.dir === 1 ? -1 : 1;
        else Object.assign(sort, { key: c.key, dir: FIRST_DIR[c.key] });
        draw();
      }, `Sort by ${c.label}`);
    }));
  };
  draw();
  return h('div', { class: 'scroll-x' }, h('table', { class: 'grid report', id: 'report' }, h('thead', {}, head), tbody));
}

mount<WorkspaceView>((v) =>
  h('div', {}, h('h1', {}, 'Workspace score report'), summary(v),
    v.rows.length ? table(v) : h('p', { class: 'muted' }, 'No files to score in this workspace.')),
);
