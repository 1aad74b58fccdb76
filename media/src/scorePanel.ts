/**
 * Score panel webview: score and grade, a hand-drawn SVG bar chart of the
 * dimensions, the worst functions, the points each fix recovers, and the
 * delta to git HEAD. Clicking a function or a finding reveals its line.
 */
import type { ReviewData, ReviewDimension, ReviewFunction, ReviewRecoverable, ScoreView } from '../../client/src/webviews/messages';
import { clickable, fmt, h, mount, s, vscode } from './lib/view';

const MAX_FUNCTIONS = 8;
const MAX_RECOVERABLE = 12;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const reveal = (line: number) => () => vscode.postMessage({ type: 'reveal', line });

function headDelta(v: ScoreView, score: number | null): HTMLElement {
  if (!v.head) return h('p', { class: 'delta muted', id: 'head-delta' }, `HEAD: unavailable${v.headUnavailable ? ` (${v.headUnavailable})` : ''}`);
  if (v.head.score === null) return h('p', { class: 'delta muted', id: 'head-delta' }, 'HEAD: the file was not scored at HEAD');
  if (score === null) return h('p', { class: 'delta muted', id: 'head-delta' }, `HEAD: ${fmt(v.head.score)} (${v.head.grade ?? '?'}); the working copy is not scored`);
  const d = Math.round((score - v.head.score) * 10) / 10;
  const cls = d > 0 ? 'up' : d < 0 ? 'down' : 'same';
  const sign = d > 0 ? '▲ +' : d < 0 ? '▼ −' : '= ';
  return h('p', { class: 'delta', id: 'head-delta' },
    `HEAD ${fmt(v.head.score)} (${v.head.grade ?? '?'}) → working copy ${fmt(score)}: `,
    h('span', { class: `delta-value ${cls}` }, `${sign}${fmt(Math.abs(d))}`));
}

/** One bar per dimension: the track is the weight, split into kept (left) and lost (right). */
function dimensionChart(dims: readonly ReviewDimension[]): SVGSVGElement {
  const row = 26;
  const labelW = 110;
  const barW = 190;
  const width = 420;
  const maxWeight = Math.max(1, ...dims.map((d) => d.weight));
  const svg = s('svg', { class: 'chart', viewBox: `0 0 ${width} ${dims.length * row + 4}`, role: 'img', 'aria-label': 'Points lost per dimension' });
  dims.forEach((d, i) => {
    const y = i * row + 4;
    const track = (d.weight / maxWeight) * barW;
    const lost = d.weight > 0 ? (Math.min(d.lost, d.weight) / d.weight) * track : 0;
    const g = s('g', { class: d.lost > 0 ? 'dim has-loss' : 'dim' },
      s('title', {}, `${d.name}: ${fmt(d.lost)} of ${fmt(d.weight)} points lost (${d.findings} finding${d.findings === 1 ? '' : 's'})`),
      s('text', { x: 0, y: y + 14, class: 'dim-label' }, d.name),
      s('rect', { x: labelW, y, width: Math.max(0, track - lost), height: 16, class: 'bar-kept', rx: 2 }),
      lost > 0 ? s('rect', { x: labelW + track - lost, y, width: lost, height: 16, class: 'bar-lost', rx: 2 }) : null,
      s('text', { x: labelW + barW + 8, y: y + 14, class: 'dim-value' }, d.lost > 0 ? `−${fmt(d.lost)} / ${fmt(d.weight)}` : `0 / ${fmt(d.weight)}`));
    svg.append(g);
  });
  return svg;
}

function worstFunctions(fns: readonly ReviewFunction[]): HTMLElement {
  if (fns.length === 0) return h('p', { class: 'muted' }, 'No functions.');
  const worst = [...fns].sort((a, b) => b.cognitiveComplexity - a.cognitiveComplexity || b.lines - a.lines).slice(0, MAX_FUNCTIONS);
  const body = worst.map((f) =>
    clickable(h('tr', {},
      h('td', { class: 'name' }, f.name),
      h('td', { class: 'num' }, `${f.startLine}–${f.endLine}`),
      h('td', { class: 'num' }, f.cognitiveComplexity),
      h('td', { class: 'num' }, f.cyclomaticComplexity),
      h('td', { class: 'num' }, f.maxNesting),
      h('td', { class: 'num' }, f.lines)), reveal(f.startLine), `Go to ${f.name} (line ${f.startLine})`));
  return h('table', { class: 'grid', id: 'functions' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Function'), h('th', { class: 'num' }, 'Lines'), h('th', { class: 'num', title: 'Cognitive complexity' }, 'Cognitive'),
      h('th', { class: 'num', title: 'Cyclomatic complexity' }, 'Cyclomatic'), h('th', { class: 'num' }, 'Nesting'), h('th', { class: 'num', title: 'Lines of code' }, 'LOC'))),
    h('tbody', {}, ...body),
    fns.length > worst.length ? h('caption', { class: 'muted' }, `${worst.length} of ${fns.length} functions, most complex first`) : null);
}

function recoverable(items: readonly ReviewRecoverable[], lost: number): HTMLElement {
  const sorted = [...items].filter((r) => r.points > 0).sort((a, b) => b.points - a.points || a.line - b.line);
  if (sorted.length === 0) return h('p', { class: 'muted' }, 'Nothing to recover: no finding costs points.');
  const shown = sorted.slice(0, MAX_RECOVERABLE);
  return h('div', {},
    h('ol', { class: 'recoverable', id: 'recoverable' }, ...shown.map((r) =>
      clickable(h('li', {},
        h('span', { class: 'points' }, `+${fmt(r.points)}`),
        h('span', { class: 'line' }, `L${r.line}`),
        h('span', { class: 'message' }, r.message, h('span', { class: 'rule muted' }, r.ruleId))), reveal(r.line), `Go to line ${r.line}`))),
    h('p', { class: 'muted' }, `${fmt(Math.round(lost * 10) / 10)} points lost in all${sorted.length > shown.length ? `; ${sorted.length - shown.length} smaller fixes not listed` : ''}. Each figure is what fixing that finding alone gives back.`));
}

function scored(v: ScoreView, r: ReviewData): HTMLElement {
  const score = r.score;
  const lost = r.dimensions.reduce((sum, d) => sum + d.lost, 0);
  return h('div', { class: 'score-panel' },
    h('header', { class: 'score-head' },
      h('span', { class: 'score-number', id: 'score' }, score === null ? '—' : fmt(score)),
      h('span', { class: `grade grade-${r.grade ?? 'none'}`, id: 'grade', title: r.gradeCap ?? '' }, r.grade ?? 'not scored'),
      h('span', { class: 'file' }, v.fileName, r.file ? h('span', { class: 'muted' }, ` · ${plural(r.file.lines, 'line')} · ${plural(r.file.functions, 'function')}`) : null)),
    headDelta(v, score),
    r.gradeCap ? h('p', { class: 'note' }, `Grade capped: ${r.gradeCap}.`) : null,
    r.skipped ? h('p', { class: 'note' }, `Not scored: ${r.skipped}.`) : null,
    r.note ? h('p', { class: 'note' }, r.note) : null,
    score === null ? null : h('section', {}, h('h2', {}, 'Dimensions (points lost)'), dimensionChart(r.dimensions)),
    h('section', {}, h('h2', {}, 'Worst functions'), worstFunctions(r.functions)),
    score === null ? null : h('section', {}, h('h2', {}, 'Points recoverable'), recoverable(r.recoverable, lost)));
}

mount<ScoreView>((v) =>
  v.review
    ? scored(v, v.review)
    : h('section', { class: 'state empty' }, h('p', { class: 'state-message' }, `Argus did not score ${v.fileName}.`),
      h('p', { class: 'state-detail' }, 'Scores exist for JavaScript, TypeScript, Python, Java, Go and PHP files while "argus.review.enable" is on.')),
);
