/**
 * Rule statistics webview: one row per rule that reported anything, the
 * noisiest first. Rules suggested for disabling get a "Disable" button; the
 * extension decides whether `.argus.yml` can be edited safely.
 */
import type { RuleStatisticsRow } from '../../protocol/protocol';
import type { RuleStatisticsView } from '../../client/src/webviews/messages';
import { h, mount, vscode } from './lib/view';

function percent(p: number | null): string {
  return p === null ? '—' : `${Math.round(p * 100)}%`;
}

function row(r: RuleStatisticsRow, v: RuleStatisticsView): HTMLTableRowElement {
  const reports = r.findings + r.shadow + r.marks;
  const precisionTitle = r.precision === null ? `Needs at least ${v.minSample} reports (has ${reports})` : `1 − ${r.marks} marks / ${reports} reports`;
  const action = r.suggestDisable
    ? h('button', { type: 'button', class: 'disable', title: `Set ${r.ruleId}: off in .argus.yml`, onclick: () => vscode.postMessage({ type: 'disableRule', ruleId: r.ruleId }) }, 'Disable')
    : null;
  return h('tr', { class: r.suggestDisable ? 'noisy' : '', 'data-rule': r.ruleId },
    h('td', { class: 'name' }, h('code', {}, r.ruleId)),
    h('td', {}, r.channel === 'stable' ? h('span', { class: 'muted' }, 'stable') : r.channel),
    h('td', { class: 'num' }, r.findings),
    h('td', { class: 'num' }, r.suppressed),
    h('td', { class: 'num' }, r.marks),
    h('td', { class: 'num' }, r.shadow),
    h('td', { class: 'num', title: precisionTitle }, percent(r.precision)),
    h('td', {}, r.suggestDisable ? h('span', {}, 'mostly noise ', action) : ''));
}

function table(v: RuleStatisticsView): HTMLElement {
  const head = h('tr', {}, ...['Rule', 'Channel', 'Findings', 'Suppressed', 'False positives', 'Shadow', 'Precision', ''].map((label, i) => h('th', { class: i >= 2 && i <= 6 ? 'num' : '' }, label)));
  return h('div', { class: 'scroll-x' }, h('table', { class: 'grid report', id: 'rule-stats' }, h('thead', {}, head), h('tbody', {}, ...v.rows.map((r) => row(r, v)))));
}

function summary(v: RuleStatisticsView): HTMLElement {
  const noisy = v.rows.filter((r) => r.suggestDisable).length;
  return h('p', { class: 'summary', id: 'summary' },
    `${v.rows.length} rule${v.rows.length === 1 ? '' : 's'} over ${v.files} analysed file${v.files === 1 ? '' : 's'}`,
    noisy ? `; ${noisy} mostly noise (precision under ${Math.round(v.noiseThreshold * 100)}%)` : '', ' ',
    h('button', { type: 'button', onclick: () => vscode.postMessage({ type: 'refresh' }) }, 'Refresh'), ' ',
    h('button', { type: 'button', title: 'Scan the whole workspace so that closed files count too', onclick: () => vscode.postMessage({ type: 'scan' }) }, 'Scan workspace'));
}

function legend(v: RuleStatisticsView): HTMLElement {
  return h('p', { class: 'note muted' },
    `Precision = 1 − false positives / (findings + shadow + false positives), estimated from ${v.minSample} reports up. `,
    'Counts are for the files open or scanned in this session; false positives come from .argus/feedback.json. Inline suppressions are shown but not counted as noise.',
    v.quarantined.length ? ` Quarantined (never run): ${v.quarantined.join(', ')}.` : '');
}

mount<RuleStatisticsView>((v) =>
  h('div', {}, h('h1', {}, 'Rule statistics'), summary(v),
    v.rows.length ? table(v) : h('p', { class: 'muted' }, 'No rule has reported anything in the analysed files yet. Open some files or scan the workspace.'),
    legend(v)),
);
