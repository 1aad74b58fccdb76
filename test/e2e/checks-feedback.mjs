// E2E checks of noise control in a real VS Code, run last and in this order (they change the
// workspace and build on each other):
// 1. "Argus: mark as false positive" from the Ctrl+. menu asks for a reason (input box), stores
//    the mark in <workspace>/.argus/feedback.json and the finding leaves the Problems panel;
// 2. "Argus: Rule Statistics" then shows that mark, and the counts of the open and scanned files;
// 3. with teammates' marks added to feedback.json, the panel calls a rule mostly noise, and its
//    "Disable" button writes `<rule>: off` into .argus.yml, which removes the rule's finding.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fatal, poll, SEL } from './workbench.mjs';
import { clickToken, FILE_PY, openCodeActions } from './checks.mjs';
import { findWebview } from './checks-panels.mjs';

export const MARK_TITLE = 'Argus: mark as false positive';
export const CMD_RULE_STATS = 'Argus: Rule Statistics';
const CMD_MAXIMIZE_GROUP = 'View: Toggle Maximize Editor Group';
const RULE = 'security/py-yaml-load';
const REASON = 'e2e: the stream is our own config file';
// The md5 call in python/loader.py: a finding nobody marked.
const OTHER_RULE = 'security/py-weak-hash';
// server/src/core/feedback/stats.ts: a precision is estimated from MIN_SAMPLE reports
// (findings + shadow + marks) up; a rule under NOISE_THRESHOLD is suggested for disabling.
const MIN_SAMPLE = 5;
const NOISE_THRESHOLD = 0.5;
// Teammates' marks of OTHER_RULE in files of their own (not in this workspace), as they would
// arrive in the shared feedback file with a `git pull`. With the one live md5 finding that makes
// 1 + TEAM_MARKS = MIN_SAMPLE reports, precision 1 − 4/5 = 20 %: under NOISE_THRESHOLD.
const TEAM_MARKS = 4;
const CONFIG_TEXT = `rules:\n  ${OTHER_RULE}: off\n`;

/**
 * Probe run inside the rule statistics webview: the table as { header: cell text } per row
 * (cells found by their column header, rows by the rule id they show), plus the summary line.
 */
function readRuleStats() {
  const error = document.querySelector('#app .state.error')?.innerText ?? null;
  const table = document.querySelector('table#rule-stats');
  const heads = table ? [...table.tHead.rows[0].cells].map((c) => c.innerText.trim()) : [];
  const rows = table ? [...table.tBodies[0].rows].map((tr) => {
    const cells = {};
    heads.forEach((h, i) => { cells[h || '(action)'] = (tr.cells[i]?.innerText ?? '').replace(/\s+/g, ' ').trim(); });
    return {
      cells,
      precisionTitle: tr.cells[heads.indexOf('Precision')]?.title ?? null,
      noisy: tr.classList.contains('noisy'),
      disableButton: !!tr.querySelector('button.disable'),
    };
  }) : [];
  const text = (sel) => (document.querySelector(sel)?.innerText ?? '').replace(/\s+/g, ' ').trim();
  return { error, done: !!table, heads, rows, summary: text('#summary'), legend: text('#app p.note') };
}

/** The row of `rule` in a `readRuleStats` result, or a readable error. */
function statsRow(s, rule) {
  const row = s.rows.find((r) => r.cells.Rule === rule);
  if (!row) throw new Error(`the rule statistics have no row for ${rule}; rules shown: ${JSON.stringify(s.rows.map((r) => r.cells.Rule))}`);
  return row;
}

/** Compares a row with what the server must have counted; the message shows both in full. */
function assertRow(row, want) {
  const got = {
    ...row.cells, precisionTitle: row.precisionTitle, noisy: row.noisy, disableButton: row.disableButton,
  };
  const diff = Object.keys(want).filter((k) => got[k] !== want[k]);
  if (diff.length) {
    throw new Error(`row ${row.cells.Rule}: ${diff.map((k) => `${k} is ${JSON.stringify(got[k])}, expected ${JSON.stringify(want[k])}`).join('; ')}` +
      `\nrow: ${JSON.stringify(got)}`);
  }
}

/**
 * Polls the rule statistics webview until `until(stats)` holds; a timeout reports the table
 * as last seen, an error state in the panel fails at once with the panel's text.
 */
async function waitForStats(wb, page, what, until, timeout = 30_000) {
  let last = null;
  try {
    return await poll(what, async () => {
      await wb.throwOnDialog();
      const frame = await findWebview(page, 'ruleStatistics');
      if (!frame) return null;
      const s = await frame.evaluate(readRuleStats);
      if (s.error) throw fatal(`the rule statistics panel shows an error: ${s.error.replace(/\s+/g, ' ').trim()}`);
      last = s;
      return s.done && until(s) ? s : null;
    }, { timeout });
  } catch (err) {
    if (last) err.message += `\nlast seen: ${JSON.stringify(last.summary)}\n${last.rows.map(rowText).join('\n')}`;
    throw err;
  }
}

/**
 * For a readable screenshot: maximizes the editor group of the statistics panel (it opens beside
 * the file, where the rule ids wrap letter by letter) and scrolls `rule`'s row into view.
 * Best effort: the layout is not what the checks assert.
 */
async function showStatsWide(wb, page, rule, note) {
  const tab = page.locator(SEL.tab).filter({ hasText: 'Argus Rule Statistics' }).first();
  const width = async () => (await findWebview(page, 'ruleStatistics'))?.evaluate(() => document.documentElement.clientWidth) ?? 0;
  try {
    if ((await width()) < 1000) {
      await tab.click();
      await wb.runCommand(CMD_MAXIMIZE_GROUP);
      await poll('the rule statistics panel to widen', async () => (await width()) >= 1000, { timeout: 10_000 });
    }
  } catch (err) {
    note(`(panel not widened for the screenshot: ${err.message.split('\n')[0]})`);
  }
  const frame = await findWebview(page, 'ruleStatistics');
  await frame?.evaluate((r) => [...document.querySelectorAll('#rule-stats tbody tr')]
    .find((tr) => tr.cells[0]?.innerText.trim() === r)?.scrollIntoView({ block: 'nearest' }), rule);
}

const rowText = (r) => `${r.cells.Rule}: ${['Channel', 'Findings', 'Suppressed', 'False positives', 'Shadow', 'Precision', '(action)'].map((k) => `${k} ${JSON.stringify(r.cells[k])}`).join(', ')}`;

export const FEEDBACK_CHECKS = [
  {
    name: `"${MARK_TITLE}" via Ctrl+. asks for a reason, writes .argus/feedback.json and hides the finding`,
    async run({ wb, page, shot, note }) {
      await wb.quickOpen(FILE_PY);
      await poll(`${FILE_PY} text in the editor`, async () => (await wb.editorText()).includes('yaml.load'), { timeout: 30_000 });
      await wb.showProblems();
      await poll('the yaml.load Problems row', () => wb.markerRows('yaml.load', 'Argus').first().isVisible(), { timeout: 60_000 });
      const line = (await wb.editorText()).split('\n').findIndex((l) => l.includes('yaml.load')) + 1;
      const placeCursor = async () => {
        await poll('the yaml.load token in the editor (to click it)', () => clickToken(page, 'yaml.load'), { timeout: 10_000 });
        return poll(`the cursor on line ${line}`, async () => {
          const s = await wb.cursorStatus();
          return s && s.startsWith(`Ln ${line},`) ? s : null;
        }, { timeout: 10_000 });
      };
      note(`cursor: ${await placeCursor()}`);
      const action = page.locator(SEL.actionRow).filter({ hasText: MARK_TITLE }).first();
      await openCodeActions(page, action, placeCursor, note, MARK_TITLE);
      note(`actions offered: ${JSON.stringify(await page.locator(SEL.actionRow).evaluateAll((els) => els.map((e) => e.innerText.trim()).filter(Boolean)))}`);
      // Walk the list with the keyboard (a click on the last row can land outside the widget's viewport).
      const focused = page.locator(`${SEL.actionRow}.focused`).filter({ hasText: MARK_TITLE });
      await poll(`the "${MARK_TITLE}" row focused`, async () => {
        if (await focused.count()) return true;
        await page.keyboard.press('ArrowDown');
        return false;
      }, { timeout: 10_000, interval: 150 });
      await page.keyboard.press('Enter');
      // The client's prompt: an input box titled with the rule id.
      const box = page.locator(SEL.quickInputBox);
      await box.waitFor({ state: 'visible', timeout: 15_000 });
      const title = (await page.locator(SEL.quickInput).innerText()).replace(/\s+/g, ' ').trim();
      note(`prompt: ${title.slice(0, 160)}`);
      if (!title.includes(RULE)) throw new Error(`the reason prompt does not name ${RULE}: ${title}`);
      await box.fill(REASON);
      await page.keyboard.press('Enter');
      const file = path.join(wb.workspace, '.argus', 'feedback.json');
      const mark = await poll(`${file} with a mark for ${RULE}`, async () => {
        if (!existsSync(file)) return null;
        const data = JSON.parse(readFileSync(file, 'utf8'));
        return data.marks?.find((m) => m.ruleId === RULE) ?? null;
      }, { timeout: 20_000 });
      note(`mark: ${JSON.stringify({ ruleId: mark.ruleId, path: mark.path, reason: mark.reason })}`);
      if (mark.reason !== REASON || mark.path !== FILE_PY) throw new Error(`unexpected mark ${JSON.stringify(mark)}`);
      await wb.showProblems();
      await poll('the yaml.load Problems row to disappear', async () =>
        (await page.locator(SEL.markersPanel).isVisible()) && (await wb.markerRows('yaml.load', 'Argus').count()) === 0,
      { timeout: 30_000 });
      await poll('the md5 finding of the same file to stay', () => wb.markerRows('md5', 'Argus').first().isVisible(), { timeout: 10_000 });
      await shot('false-positive.png');
    },
  },
  {
    name: `F1 "${CMD_RULE_STATS}" shows the false-positive mark of ${RULE} and the counts of ${OTHER_RULE}`,
    async run({ wb, page, shot, note }) {
      await wb.runCommand(CMD_RULE_STATS);
      const s = await waitForStats(wb, page, `the rule statistics table with a row for ${RULE}`, (x) => x.rows.some((r) => r.cells.Rule === RULE));
      note(`summary: ${JSON.stringify(s.summary)}`);
      for (const r of s.rows) note(rowText(r));
      // The panel states the server's MIN_SAMPLE: the expectations below are derived from it.
      if (!s.legend.includes(`estimated from ${MIN_SAMPLE} reports up`)) throw new Error(`the legend does not say "estimated from ${MIN_SAMPLE} reports up": ${JSON.stringify(s.legend)}`);
      // What the server counts (server/src/lsp/ruleStatistics.ts, core/feedback/stats.ts): per rule,
      // the findings of each file's *last* analysis, over the files open or scanned in this session,
      // plus every mark in .argus/feedback.json. The panel shows no running totals.
      //
      // security/py-yaml-load: the mark written by the check before is read from the feedback
      // file on every request, so it counts 1 whatever was opened. The finding it hides is not a
      // finding any more, and a finding hidden by a mark is not an (inline) suppression either
      // (RuleStatsTracker.record): 0 and 0. No shadow (the rule is stable). Reports = 0 + 0 + 1 = 1,
      // under MIN_SAMPLE = 5, so no precision ("—") and no "Disable".
      assertRow(statsRow(s, RULE), {
        Channel: 'stable', Findings: '0', Suppressed: '0', 'False positives': '1', Shadow: '0', Precision: '—',
        precisionTitle: `Needs at least ${MIN_SAMPLE} reports (has 1)`, '(action)': '', noisy: false, disableButton: false,
      });
      // security/py-weak-hash: the one md5 call in python/loader.py. This one depends on the
      // session: loader.py was scanned ("Argus: Scan Workspace") and is open now; counts are
      // keyed by the file's URI, so scanned-then-opened still counts once. Not marked.
      assertRow(statsRow(s, OTHER_RULE), {
        Channel: 'stable', Findings: '1', Suppressed: '0', 'False positives': '0', Shadow: '0', Precision: '—',
        precisionTitle: `Needs at least ${MIN_SAMPLE} reports (has 1)`, '(action)': '', noisy: false, disableButton: false,
      });
      // js/render.js was open (so skipped) during the scan, and its last analysis is of the text
      // after the quick fix: the innerHTML finding is gone, so its rule has no row at all.
      if (s.rows.some((r) => r.cells.Rule === 'security/js-dom-xss-innerhtml')) {
        throw new Error('the statistics still count security/js-dom-xss-innerhtml, fixed by the quick fix earlier');
      }
      await showStatsWide(wb, page, RULE, note);
      await shot('rule-statistics.png');
    },
  },
  {
    name: `"${CMD_RULE_STATS}" with ${TEAM_MARKS} teammates' marks calls ${OTHER_RULE} mostly noise; "Disable" writes .argus.yml and the finding goes`,
    async run({ wb, page, shot, note }) {
      // No rule reaches MIN_SAMPLE reports through the UI alone: the examples workspace has at
      // most 3 findings of one rule, and marking a finding only moves it from findings to marks.
      // So add marks the way a team shares them: in the feedback file, edited outside Argus.
      // Written atomically (temporary file + rename), as Argus does: the server may read it any time.
      const feedback = path.join(wb.workspace, '.argus', 'feedback.json');
      const data = JSON.parse(readFileSync(feedback, 'utf8'));
      for (let i = 1; i <= TEAM_MARKS; i++) {
        data.marks.push({
          fingerprint: createHash('sha256').update(`e2e team mark ${i}`).digest('hex').slice(0, 32),
          ruleId: OTHER_RULE,
          path: `python/legacy/checksum_${i}.py`,
          reason: 'e2e: a teammate says the digest is only a cache key',
          createdAt: `2026-01-0${i}T09:00:00.000Z`,
        });
      }
      writeFileSync(`${feedback}.e2e-tmp`, `${JSON.stringify(data, null, 2)}\n`);
      renameSync(`${feedback}.e2e-tmp`, feedback);
      note(`added ${TEAM_MARKS} marks of ${OTHER_RULE} (other files) to .argus/feedback.json: ${data.marks.length} marks in all`);

      // The command reveals the open panel and refreshes it.
      await wb.runCommand(CMD_RULE_STATS);
      const before = await waitForStats(wb, page, `the ${OTHER_RULE} row counting ${TEAM_MARKS} false positives`,
        (x) => x.rows.find((r) => r.cells.Rule === OTHER_RULE)?.cells['False positives'] === String(TEAM_MARKS));
      note(`summary: ${JSON.stringify(before.summary)}`);
      for (const r of before.rows) note(rowText(r));
      // Reports = 1 finding + 0 shadow + 4 marks = 5 = MIN_SAMPLE, so a precision is estimated:
      // 1 − 4/5 = 0.2, shown as "20%", under NOISE_THRESHOLD (50%): "mostly noise" + "Disable".
      const reports = 1 + TEAM_MARKS;
      const precision = 1 - TEAM_MARKS / reports;
      if (reports < MIN_SAMPLE || precision >= NOISE_THRESHOLD) throw new Error('test setup: the marks added do not make the rule noisy');
      assertRow(statsRow(before, OTHER_RULE), {
        Channel: 'stable', Findings: '1', Suppressed: '0', 'False positives': String(TEAM_MARKS), Shadow: '0', Precision: `${Math.round(precision * 100)}%`,
        precisionTitle: `1 − ${TEAM_MARKS} marks / ${reports} reports`, '(action)': 'mostly noise Disable', noisy: true, disableButton: true,
      });
      // Rules suggested for disabling are listed first; it is the only one.
      if (before.rows[0].cells.Rule !== OTHER_RULE) throw new Error(`the noisy rule is not the first row: ${before.rows[0].cells.Rule} is`);
      const noisy = before.rows.filter((r) => r.noisy || r.disableButton).map((r) => r.cells.Rule);
      if (noisy.length !== 1) throw new Error(`expected only ${OTHER_RULE} to be suggested for disabling, got ${JSON.stringify(noisy)}`);
      if (!before.summary.includes(`; 1 mostly noise (precision under ${NOISE_THRESHOLD * 100}%)`)) throw new Error(`the summary does not count the noisy rule: ${JSON.stringify(before.summary)}`);
      assertRow(statsRow(before, RULE), { 'False positives': '1', Precision: '—', disableButton: false });
      await showStatsWide(wb, page, OTHER_RULE, note);
      await shot('rule-statistics-noisy.png');

      // There is no .argus.yml in the examples: the client creates one (server-verified edit).
      const config = path.join(wb.workspace, '.argus.yml');
      if (existsSync(config)) throw new Error(`${config} exists before "Disable"`);
      const frame = await findWebview(page, 'ruleStatistics');
      if (!frame) throw new Error('the rule statistics webview went away');
      await frame.locator('#rule-stats tbody tr').filter({ hasText: OTHER_RULE }).getByRole('button', { name: 'Disable' }).click();
      const text = await poll(`${config} turning ${OTHER_RULE} off`, () => {
        const t = existsSync(config) ? readFileSync(config, 'utf8') : '';
        return t.includes(`${OTHER_RULE}: off`) ? t : null;
      }, { timeout: 20_000 });
      note(`.argus.yml: ${JSON.stringify(text)}`);
      if (text !== CONFIG_TEXT) throw new Error(`.argus.yml is ${JSON.stringify(text)}, expected ${JSON.stringify(CONFIG_TEXT)}`);
      const toast = await poll('the "turned the rule off" notification', async () =>
        (await wb.toasts()).find((t) => t.message.includes('turned the rule off in .argus.yml')), { timeout: 15_000 });
      note(`toast [${toast.severity}] ${toast.message}`);

      // The server re-analyses the open files under the new configuration: the md5 row goes,
      // the (marked) yaml.load row stays away.
      await wb.showProblems();
      await poll('the md5 Problems row to disappear', async () =>
        (await page.locator(SEL.markersPanel).isVisible()) && (await wb.markerRows('md5', 'Argus').count()) === 0,
      { timeout: 30_000 });
      if (await wb.markerRows('yaml.load', 'Argus').count()) throw new Error('the marked yaml.load finding is back in Problems');

      // The panel catches up by itself (no Refresh click: it re-requests when diagnostics change,
      // i.e. after the re-analysis): the rule has no finding left, its 4 marks remain,
      // 4 reports < MIN_SAMPLE, so no precision and no suggestion any more.
      const after = await waitForStats(wb, page, `the ${OTHER_RULE} row without findings`,
        (x) => x.rows.find((r) => r.cells.Rule === OTHER_RULE)?.cells.Findings === '0');
      note(`after: ${rowText(statsRow(after, OTHER_RULE))}`);
      assertRow(statsRow(after, OTHER_RULE), {
        Channel: 'stable', Findings: '0', Suppressed: '0', 'False positives': String(TEAM_MARKS), Shadow: '0', Precision: '—',
        precisionTitle: `Needs at least ${MIN_SAMPLE} reports (has ${TEAM_MARKS})`, '(action)': '', noisy: false, disableButton: false,
      });
      if (after.summary.includes('mostly noise')) throw new Error(`the summary still reports a noisy rule: ${JSON.stringify(after.summary)}`);
      await shot('rule-statistics-disabled.png');
    },
  },
];
