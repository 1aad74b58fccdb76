// E2E check of noise control in a real VS Code: "Argus: mark as false positive" from the
// Ctrl+. menu asks for a reason (input box), stores the mark in <workspace>/.argus/feedback.json
// and the finding leaves the Problems panel. Runs last: it changes the workspace.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { poll, SEL } from './workbench.mjs';
import { clickToken, FILE_PY, openCodeActions } from './checks.mjs';

export const MARK_TITLE = 'Argus: mark as false positive';
const RULE = 'security/py-yaml-load';
const REASON = 'e2e: the stream is our own config file';

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
];
