// The UI checks: the contract between the e2e harness and the Argus extension.
// Each check polls with a deadline; the only fixed wait is the ~500 ms toast slide-in
// before a screenshot.
import { setTimeout as sleep } from 'node:timers/promises';
import { poll, SEL } from './workbench.mjs';

export const FILE_JS = 'js/render.js';
export const FILE_PY = 'python/loader.py';
export const QUICK_FIX_TITLE = 'Use textContent instead of innerHTML';
export const FIXED_LINE = ".textContent = 'Hello, ' + name;";
export const CMD_SHOW_OUTPUT = 'Argus: Show Output';
export const CMD_SCAN = 'Argus: Scan Workspace';

/** Places the cursor inside the first rendered `token` in the active editor by clicking it. */
export async function clickToken(page, token) {
  const pt = await page.evaluate((tok) => {
    const group = document.querySelector('.part.editor .editor-group-container.active') || document.querySelector('.part.editor');
    const lines = group ? group.querySelectorAll('.monaco-editor .view-lines .view-line') : [];
    for (const line of lines) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let full = '';
      const nodes = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, full.length]); full += n.data; }
      const at = full.indexOf(tok);
      if (at < 0) continue;
      const mid = at + Math.floor(tok.length / 2); // middle of the token
      for (const [n, start] of nodes) {
        if (mid >= start && mid < start + n.data.length) {
          const r = document.createRange();
          r.setStart(n, mid - start);
          r.setEnd(n, mid - start + 1);
          const b = r.getBoundingClientRect();
          return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
        }
      }
    }
    return null;
  }, token);
  if (!pt) return false;
  await page.mouse.click(pt.x, pt.y);
  return true;
}

/**
 * Presses Ctrl+. until the action widget lists `action`; returns how many presses it took.
 * The widget appears once the code-action providers answer (the first request may also wait
 * for the built-in TypeScript server); a press that shows nothing in 8 s is repeated.
 */
export async function openCodeActions(page, action, placeCursor, note, title = QUICK_FIX_TITLE) {
  const widget = page.locator(SEL.actionWidget);
  const seen = new Map(); // what an unsuccessful press showed -> count
  let attempts = 0;
  try {
    await poll(`the code action "${title}" after Ctrl+.`, async () => {
      attempts++;
      const pressed = Date.now();
      await page.keyboard.press('Control+.');
      let widgetSince = 0;
      let message = '';
      while (Date.now() - pressed < 8000) {
        if (await action.isVisible()) return true;
        if (await widget.isVisible()) {
          widgetSince ||= Date.now();
          if (Date.now() - widgetSince > 2000) break; // shown, but without our action
        }
        // e.g. "No code actions available" when no provider answered with anything
        message = (await page.locator(SEL.editorMessage).allInnerTexts().catch(() => [])).join(' ').trim();
        if (message) break;
        await sleep(100);
      }
      const what = (await widget.isVisible())
        ? `the action widget without it: ${JSON.stringify(await page.locator(SEL.actionRow).evaluateAll((els) => els.map((e) => e.innerText.trim())))}`
        : message ? `the message ${JSON.stringify(message)}` : 'nothing within 8 s';
      seen.set(what, (seen.get(what) || 0) + 1);
      await page.keyboard.press('Escape');
      await placeCursor();
      return false;
    }, { timeout: 60_000, interval: 100 });
  } finally {
    for (const [what, n] of seen) note(`Ctrl+. showed ${what} (${n} press${n > 1 ? 'es' : ''})`);
  }
  return attempts;
}

export const CHECKS = [
  {
    name: `workbench opens the examples/ workspace and ${FILE_JS}`,
    async run({ wb }) {
      await wb.open('python');
      await wb.quickOpen(FILE_JS);
      await poll(`${FILE_JS} text in the editor`, async () => (await wb.editorText()).includes('innerHTML'), { timeout: 30_000 });
    },
  },
  {
    name: 'Problems panel shows the Argus innerHTML diagnostic, with a squiggle',
    async run({ wb, page, shot, note }) {
      await wb.showProblems();
      const row = wb.markerRows('innerHTML', 'Argus').first();
      await poll('a Problems row containing "innerHTML" and "Argus"', () => row.isVisible(), { timeout: 90_000 });
      note(`row: ${(await row.innerText()).replace(/\s+/g, ' ').trim()}`);
      if (!(await row.innerText()).includes('security/js-dom-xss-innerhtml')) note('(row does not show the code security/js-dom-xss-innerhtml)');
      const classes = await poll('a squiggle in the editor', async () => {
        const c = await page.locator(SEL.squiggle).evaluateAll((els) => els.map((e) => e.className.match(/squiggly-\w+/)?.[0]));
        return c.length ? c : null;
      }, { timeout: 20_000 });
      note(`squiggles: ${classes.join(', ')}`);
      await shot('problems.png');
    },
  },
  {
    name: `quick fix "${QUICK_FIX_TITLE}" via Ctrl+. rewrites the line`,
    async run({ wb, page, shot, note }) {
      await wb.closeQuickInput();
      // Cursor on the innerHTML token: click it in the editor (focuses the editor, too).
      const line = (await wb.editorText()).split('\n').findIndex((l) => l.includes('innerHTML')) + 1;
      const placeCursor = async () => {
        await poll('the innerHTML token in the editor (to click it)', () => clickToken(page, 'innerHTML'), { timeout: 10_000 });
        return poll(`the cursor on line ${line} (status bar "Ln ${line}, …")`, async () => {
          const s = await wb.cursorStatus();
          return s && s.startsWith(`Ln ${line},`) ? s : null;
        }, { timeout: 10_000 });
      };
      note(`cursor: ${await placeCursor()}`);
      // The light bulb shows once VS Code has fetched the actions for the cursor position;
      // pressing Ctrl+. before that sometimes races and shows "No code actions available".
      const bulb = await poll('the light bulb', () => page.locator(SEL.lightBulb).first().isVisible(), { timeout: 10_000 }).catch(() => false);
      if (!bulb) note('(no light bulb within 10 s; pressing Ctrl+. anyway)');
      const action = page.locator(SEL.actionRow).filter({ hasText: QUICK_FIX_TITLE }).first();
      const attempts = await openCodeActions(page, action, placeCursor, note);
      const rows = await page.locator(SEL.actionRow).evaluateAll((els) => els.map((e) => e.innerText.trim()).filter(Boolean));
      note(`actions offered (Ctrl+. press ${attempts}): ${JSON.stringify(rows)}`);
      const focused = page.locator(`${SEL.actionRow}.focused`).filter({ hasText: QUICK_FIX_TITLE });
      if (await focused.count()) await page.keyboard.press('Enter');
      else await action.click();
      await poll(`editor text containing "${FIXED_LINE}"`, async () => (await wb.editorText()).includes(FIXED_LINE), { timeout: 20_000 });
      await wb.showProblems();
      await poll('the innerHTML Problems row to disappear', async () =>
        (await page.locator(SEL.markersPanel).isVisible()) && (await wb.markerRows('innerHTML', 'Argus').count()) === 0,
      { timeout: 30_000 });
      await shot('quickfix.png');
    },
  },
  {
    name: `F1 "${CMD_SHOW_OUTPUT}" shows the Argus output channel`,
    async run({ wb, note }) {
      await wb.runCommand(CMD_SHOW_OUTPUT);
      const st = await poll('the Output panel showing the channel "Argus"', async () => {
        await wb.throwOnDialog();
        const s = await wb.panelState();
        if (!s?.visible || !s.outputVisible) return null;
        const shown = [...s.selects, ...s.titles, ...s.selectBoxes];
        return shown.some((t) => /\bArgus\b/.test(t)) ? s : null;
      }, { timeout: 30_000 });
      note(`output channel picker: ${JSON.stringify(st.selects.length ? st.selects : st.selectBoxes)}`);
      if (st.outputText) note(`output (first line): ${JSON.stringify(st.outputText.split('\n')[0])}`);
    },
  },
  {
    name: `F1 "${CMD_SCAN}" reports ${FILE_PY} (yaml.load)`,
    async run({ wb, page, shot, note }) {
      const before = (await wb.markerTexts()).some((t) => t.includes('yaml.load'));
      if (before) note('(a yaml.load row was already in Problems before the command)');
      await wb.runCommand(CMD_SCAN);
      await wb.showProblems();
      const seen = new Map();
      let toastAt = 0;
      const found = await poll(`a Problems row for ${FILE_PY} with "yaml.load" (or an Argus toast)`, async () => {
        await wb.throwOnDialog();
        for (const t of await wb.toasts()) {
          if (!seen.has(t.message)) { seen.set(t.message, t); note(`toast [${t.severity}] ${t.message}${t.source ? ` (${t.source})` : ''}`); }
          // An error toast is reported (notes) but is not the success signal.
          if (t.severity !== 'error' && !toastAt && /argus|scan/i.test(`${t.message} ${t.source}`)) toastAt = Date.now();
        }
        const file = await wb.markerRows('loader.py').count();
        const msg = await wb.markerRows('yaml.load').count();
        if (file && msg) return 'problems';
        // A toast alone satisfies the contract; give the Problems row 15 s more to show up.
        if (toastAt && Date.now() - toastAt > 15_000) return 'toast';
        return null;
      }, { timeout: 60_000 });
      if (found === 'problems') {
        note(`row: ${(await wb.markerRows('yaml.load').first().innerText()).replace(/\s+/g, ' ').trim()}`);
      } else {
        note('passed on the toast only: no Problems row for loader.py appeared');
      }
      if (await page.locator(SEL.toast).count()) await sleep(500); // toast slide-in
      await shot('palette.png');
    },
  },
];
