// UI checks of Argus's webview panels (DFA diagram, score panel), run by run.mjs after the
// checks in checks.mjs. Webviews in code-server are nested iframes (an outer `…/index.html`
// host frame and an inner `active-frame`); the inner document of an Argus panel carries
// `<body data-argus-view="<script name>">`, which is how these checks find it among all frames.
import { setTimeout as sleep } from 'node:timers/promises';
import { fatal, poll, SEL } from './workbench.mjs';

export const FILE_DFA = 'dfa/mistakes.dfa';
export const FILE_JS = 'js/render.js';
export const CMD_DFA_DIAGRAM = 'Argus: Show DFA Diagram';
export const CMD_SCORE_PANEL = 'Argus: Show Score Panel';

/** The frame of the Argus webview whose script is `view` (e.g. "dfaDiagram"), or null. */
export async function findWebview(page, view) {
  for (const frame of page.frames()) {
    if (frame.isDetached() || frame === page.mainFrame()) continue;
    try {
      if (await frame.evaluate((v) => document.body?.dataset.argusView === v, view)) return frame;
    } catch { /* frame navigating or gone */ }
  }
  return null;
}

/**
 * Quick Open `relPath` into the first editor group and wait until the active editor shows
 * `expect`. Two differences from `wb.quickOpen`, both seen failing once a panel is open:
 * - focus: `wb.focus()` clicks the middle of the editor area, which now lands in or next to
 *   the webview (keys then go to the webview); clicking the first group's active tab does not;
 * - Enter only once the *focused* row is the file: right after typing, the unfiltered
 *   "recently opened" list is still shown and Enter would reopen the current file.
 */
async function openFile(wb, page, relPath, expect) {
  const base = relPath.split('/').pop();
  const tab = page.locator(`${SEL.editorPart} .editor-group-container`).first().locator('.tab.active');
  await poll(`${relPath} open in the first editor group`, async () => {
    await wb.reset();
    if (await tab.count()) await tab.first().click();
    else await wb.focus();
    await page.keyboard.press('Control+P');
    await page.locator(SEL.quickInputBox).fill(relPath);
    await page.locator(`${SEL.quickInputRow}.focused`).filter({ hasText: base }).first().waitFor({ state: 'visible', timeout: 10_000 });
    await page.keyboard.press('Enter');
    return poll(`${relPath} text in the editor`, async () => (await wb.editorText()).includes(expect), { timeout: 10_000 }).catch(() => false);
  }, { timeout: 45_000, interval: 500 });
}

/**
 * Polls the panel's document through `probe` (a function run inside the webview) until it
 * returns `{ done: true }`. When it returns `{ error }` (the panel shows its error state) the
 * check fails at once with the panel's own text (e.g. "This Argus server does not handle …").
 */
async function waitForPanel(wb, page, view, what, probe, timeout) {
  let frameUrl = '';
  const result = await poll(what, async () => {
    await wb.throwOnDialog();
    const frame = await findWebview(page, view);
    if (!frame) return null;
    frameUrl = frame.url();
    const s = await frame.evaluate(probe);
    if (s.error) throw fatal(`the ${view} panel shows an error: ${s.error.replace(/\s+/g, ' ').trim()}`);
    return s.done ? s : null;
  }, { timeout });
  return { ...result, frameUrl };
}

export const PANEL_CHECKS = [
  {
    name: `F1 "${CMD_DFA_DIAGRAM}" draws ${FILE_DFA} with its counterexample`,
    async run({ wb, page, shot, note }) {
      await openFile(wb, page, FILE_DFA, 'machine no_11');
      // The editor title bar offers the diagram for .dfa files (menus.editor/title).
      const titleAction = page.locator(`${SEL.editorPart} .editor-group-container.active .editor-actions .action-label[aria-label*="Show DFA Diagram"]`);
      const inTitle = await poll('the "Show DFA Diagram" button in the editor title bar', () => titleAction.first().isVisible(), { timeout: 15_000 }).catch(() => false);
      note(inTitle ? 'editor title bar shows the "Show DFA Diagram" button' : '(no "Show DFA Diagram" button found in the editor title bar)');
      await wb.runCommand(CMD_DFA_DIAGRAM);
      const s = await waitForPanel(wb, page, 'dfaDiagram', 'the DFA diagram SVG in the webview', () => {
        const error = document.querySelector('#app .state.error')?.innerText ?? null;
        const svg = document.querySelector('#graph svg');
        const ce = document.querySelector('#counterexample');
        const select = document.querySelector('select#machine');
        return {
          error,
          done: !!svg,
          nodes: svg ? svg.querySelectorAll('g.node').length : 0,
          hot: svg ? [...svg.querySelectorAll('.hot title')].map((t) => t.textContent) : [],
          verdict: document.querySelector('#verdict')?.innerText ?? null,
          machine: select ? select.value : document.querySelector('#machine')?.innerText ?? null,
          machines: select ? [...select.options].map((o) => o.value) : [],
          counterexample: ce && ce.offsetHeight > 0 ? ce.innerText : null,
          counterexampleWord: ce?.querySelector('code')?.innerText ?? null,
        };
      }, 60_000);
      note(`webview frame: ${s.frameUrl.split('?')[0]}`);
      note(`machine ${JSON.stringify(s.machine)} of ${JSON.stringify(s.machines)}; verdict ${JSON.stringify(s.verdict)}; ${s.nodes} SVG nodes; highlighted: ${s.hot.join(', ') || 'none'}`);
      if (!s.counterexample) throw new Error(`no visible counterexample text in the panel (verdict ${JSON.stringify(s.verdict)})`);
      if (!s.counterexampleWord) throw new Error(`the counterexample line has no word: ${JSON.stringify(s.counterexample)}`);
      if (s.hot.length === 0) note('(no highlighted states or edges in the SVG)');
      note(`counterexample: ${JSON.stringify(s.counterexample)}`);
      await sleep(300); // let the panel's layout settle before the screenshot
      await shot('dfa-diagram.png');
    },
  },
  {
    name: `F1 "${CMD_SCORE_PANEL}" shows the score of ${FILE_JS}`,
    async run({ wb, page, shot, note }) {
      await openFile(wb, page, FILE_JS, 'renderGreeting');
      await wb.runCommand(CMD_SCORE_PANEL);
      const s = await waitForPanel(wb, page, 'scorePanel', 'the score number in the score panel', () => {
        // "Not scored" is as final as an error: waiting longer would not change it.
        const error = document.querySelector('#app .state.error, #app .state.empty')?.innerText ?? null;
        const score = document.querySelector('#score');
        const text = score && score.offsetHeight > 0 ? score.innerText.trim() : '';
        return {
          error,
          done: /^\d+(\.\d)?$/.test(text),
          score: text,
          grade: document.querySelector('#grade')?.innerText ?? null,
          delta: document.querySelector('#head-delta')?.innerText ?? null,
          bars: document.querySelectorAll('svg.chart g.dim').length,
          functions: [...document.querySelectorAll('#functions tbody tr td.name')].map((e) => e.innerText),
          recoverable: document.querySelectorAll('#recoverable li').length,
        };
      }, 60_000);
      note(`score ${s.score}, grade ${s.grade}; ${s.bars} dimension bars; functions ${JSON.stringify(s.functions)}; ${s.recoverable} recoverable item(s)`);
      note(`HEAD delta: ${JSON.stringify(s.delta)}`);
      if (s.bars === 0) throw new Error('the score panel shows a score but no dimension bars');
      await sleep(300);
      await shot('score-panel.png');
    },
  },
];
