// Thin helpers over the VS Code (code-server) workbench DOM, driven with playwright-core.
// Selectors are those verified on VS Code 1.100 (shared/notes/e2e-code-server.md §7).
import { setTimeout as sleep } from 'node:timers/promises';

/** An error that stops `poll` at once instead of being retried. */
export function fatal(message) {
  return Object.assign(new Error(message), { fatal: true });
}

/**
 * Polls `fn` until it returns a truthy value; throws `timed out … waiting for <what>`.
 * Errors thrown by `fn` count as "not yet", except `fatal()` ones.
 */
export async function poll(what, fn, { timeout = 30_000, interval = 250 } = {}) {
  const start = Date.now();
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      if (e.fatal) throw e;
      last = e;
    }
    if (Date.now() - start > timeout) {
      throw new Error(`timed out after ${(timeout / 1000).toFixed(0)} s waiting for ${what}` +
        (last ? ` (last error: ${String(last.message || last).split('\n')[0]})` : ''));
    }
    await sleep(interval);
  }
}

export const SEL = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  tab: '.tabs-container .tab',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget input',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  markersPanel: '.markers-panel',
  markerRow: '.markers-panel .monaco-list-row',
  editorPart: '.part.editor',
  squiggle: '.part.editor .monaco-editor [class*="squiggly-"]',
  actionWidget: '.action-widget',
  actionRow: '.action-widget .monaco-list-row',
  toast: '.notifications-toasts .notification-toast',
  toastMessage: '.notifications-toasts .notification-toast .notification-list-item-message',
  panel: '.part.panel',
  dialog: '.monaco-dialog-box',
  editorMessage: '.part.editor .monaco-editor-overlaymessage',
  lightBulb: '.part.editor .monaco-editor .lightBulbWidget',
};

export class Workbench {
  constructor(page, { port, workspace }) {
    this.page = page;
    this.port = port;
    this.workspace = workspace;
  }

  url() {
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`;
  }

  /** Loads the workbench and waits until the remote connection lists the workspace. */
  async open(expectEntry, timeout = 90_000) {
    await this.page.goto(this.url(), { waitUntil: 'domcontentloaded', timeout });
    await this.page.locator(SEL.workbench).waitFor({ state: 'visible', timeout });
    await this.page.locator(SEL.explorerRow).filter({ hasText: expectEntry }).first()
      .waitFor({ state: 'visible', timeout });
  }

  /** Gives keyboard focus to the workbench (the empty editor area is inert). */
  async focus() {
    const box = await this.page.locator(SEL.editorPart).boundingBox();
    if (box) await this.page.mouse.click(box.x + box.width / 2, box.y + box.height - 20);
  }

  async closeQuickInput() {
    if (await this.page.locator(SEL.quickInput).isVisible()) await this.page.keyboard.press('Escape');
  }

  /** Modal dialogs (e.g. "Command 'X' resulted in an error"), as [{ message, detail }]. */
  async dialogs() {
    return this.page.locator(SEL.dialog).evaluateAll((els) => els.filter((e) => e.offsetHeight).map((e) => ({
      message: (e.querySelector('.dialog-message-text')?.textContent || '').trim(),
      detail: (e.querySelector('.dialog-message-detail')?.textContent || '').trim(),
    })));
  }

  /** Throws when a modal dialog is up: in VS Code that means a command failed. */
  async throwOnDialog() {
    const d = await this.dialogs();
    if (d.length) throw fatal(`modal dialog: ${d.map((x) => `${x.message}${x.detail ? ` — ${x.detail}` : ''}`).join(' | ')}`);
  }

  /** Back to a neutral state between checks: close dialogs, widgets, the quick input. */
  async reset() {
    for (let i = 0; i < 5; i++) {
      const busy = (await this.page.locator(SEL.dialog).isVisible()) || (await this.page.locator(SEL.quickInput).isVisible()) ||
        (await this.page.locator(SEL.actionWidget).isVisible());
      if (!busy) return;
      await this.page.keyboard.press('Escape');
      await sleep(200);
    }
  }

  /** Quick Open (Ctrl+P) a file by name, waits for its tab. */
  async quickOpen(relPath, timeout = 30_000) {
    const base = relPath.split('/').pop();
    await this.focus();
    await this.page.keyboard.press('Control+P');
    const box = this.page.locator(SEL.quickInputBox);
    await box.waitFor({ state: 'visible', timeout });
    await box.fill(relPath);
    await this.page.locator(SEL.quickInputRow).filter({ hasText: base }).first().waitFor({ state: 'visible', timeout });
    await this.page.keyboard.press('Enter');
    await this.page.locator(SEL.tab).filter({ hasText: base }).first().waitFor({ state: 'visible', timeout });
  }

  /** F1, type the command title, pick it (Enter when it is the focused row, else click it). */
  async runCommand(title, timeout = 30_000) {
    await this.closeQuickInput();
    await this.page.keyboard.press('F1');
    const box = this.page.locator(SEL.quickInputBox);
    await box.waitFor({ state: 'visible', timeout });
    await box.fill(`>${title}`);
    const row = this.page.locator(SEL.quickInputRow).filter({ hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout });
    } catch {
      const shown = await this.page.locator(SEL.quickInput).innerText().catch(() => '');
      throw new Error(`the command palette has no entry "${title}"; it shows: ${JSON.stringify(shown.replace(/\s+/g, ' ').trim())}`);
    }
    const focused = this.page.locator(`${SEL.quickInputRow}.focused`).filter({ hasText: title });
    if (await focused.count()) await this.page.keyboard.press('Enter');
    else await row.click();
    await this.page.locator(SEL.quickInput).waitFor({ state: 'hidden', timeout });
  }

  /** Shows the Problems panel. Ctrl+Shift+M toggles, so press it only while it is hidden. */
  async showProblems(timeout = 15_000) {
    const panel = this.page.locator(SEL.markersPanel);
    await poll('the Problems panel', async () => {
      if (await panel.isVisible()) return true;
      await this.page.keyboard.press('Control+Shift+M');
      await panel.waitFor({ state: 'visible', timeout: 3000 }).catch(() => {});
      return panel.isVisible();
    }, { timeout, interval: 500 });
  }

  /** Problems rows whose text contains every one of `texts`. */
  markerRows(...texts) {
    let l = this.page.locator(SEL.markerRow);
    for (const t of texts) l = l.filter({ hasText: t });
    return l;
  }

  async markerTexts() {
    return this.page.locator(SEL.markerRow).evaluateAll((els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
  }

  /** Text of the active editor as rendered (visible lines, in order). */
  async editorText() {
    return this.page.evaluate(() => {
      const group = document.querySelector('.part.editor .editor-group-container.active') || document.querySelector('.part.editor');
      const lines = [...(group?.querySelectorAll('.monaco-editor .view-lines .view-line') || [])];
      lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
      return lines.map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n');
    });
  }

  /** Cursor position as shown in the status bar, e.g. "Ln 6, Col 41". */
  async cursorStatus() {
    return this.page.evaluate(() => {
      const el = [...document.querySelectorAll('.statusbar-item')].find((e) => /Ln \d+, Col \d+/.test(e.textContent || ''));
      return el ? el.textContent.match(/Ln \d+, Col \d+/)[0] : null;
    });
  }

  async toasts() {
    return this.page.locator(SEL.toast).evaluateAll((els) => els.map((t) => {
      const icon = t.querySelector('.notification-list-item-icon');
      const sev = icon ? ['error', 'warning', 'info'].find((s) => icon.className.includes(`codicon-${s}`)) || '?' : '?';
      const msg = t.querySelector('.notification-list-item-message');
      const src = t.querySelector('.notification-list-item-source');
      return { severity: sev, message: (msg?.textContent || '').trim(), source: (src?.textContent || '').trim() };
    }));
  }

  /** What the bottom panel shows: active view title(s), select boxes (Output channel picker), text. */
  async panelState() {
    return this.page.evaluate(() => {
      const panel = document.querySelector('.part.panel');
      if (!panel) return null;
      const visible = (e) => !!(e && (e.offsetWidth || e.offsetHeight || e.getClientRects().length));
      const titles = [...panel.querySelectorAll('.composite.title .action-item.checked, .composite.title .panel-tab.checked, .title-label, .action-label.checked')]
        .filter(visible).map((e) => (e.textContent || e.getAttribute('aria-label') || '').trim()).filter(Boolean);
      const selects = [...panel.querySelectorAll('select')].filter(visible)
        .map((s) => (s.selectedOptions[0]?.textContent || s.value || '').trim());
      const selectBoxes = [...panel.querySelectorAll('.monaco-select-box, .monaco-dropdown, .action-item .action-label')]
        .filter(visible).map((e) => (e.getAttribute('title') || e.getAttribute('aria-label') || e.textContent || '').trim()).filter(Boolean);
      const outputView = panel.querySelector('.output-view') || panel.querySelector('[id="workbench.panel.output"]');
      const outputText = outputView && visible(outputView)
        ? [...outputView.querySelectorAll('.view-line')].sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
          .map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n')
        : null;
      return { visible: visible(panel), titles, selects, selectBoxes, outputVisible: !!outputText || (outputView ? visible(outputView) : false), outputText };
    });
  }

  /** A plain-text description of what the UI shows, for failure reports. */
  async describe() {
    const out = [];
    const safe = async (label, fn) => {
      try { out.push(`${label}: ${JSON.stringify(await fn())}`); } catch (e) { out.push(`${label}: <${e.message.split('\n')[0]}>`); }
    };
    await safe('url', () => this.page.url());
    await safe('dialogs', () => this.dialogs());
    await safe('tabs', () => this.page.locator(SEL.tab).evaluateAll((els) => els.map((e) => e.textContent.trim())));
    await safe('cursor', () => this.cursorStatus());
    await safe('problems panel visible', () => this.page.locator(SEL.markersPanel).isVisible());
    await safe('problems rows', () => this.markerTexts());
    await safe('squiggles', () => this.page.locator(SEL.squiggle).evaluateAll((els) => els.map((e) => e.className)));
    await safe('editor text', () => this.editorText());
    await safe('toasts', () => this.toasts());
    await safe('quick input rows', () => this.page.locator(SEL.quickInputRow).evaluateAll((els) => els.filter((e) => e.offsetHeight).map((e) => e.innerText.replace(/\s+/g, ' ').trim())));
    await safe('action widget rows', () => this.page.locator(SEL.actionRow).evaluateAll((els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim())));
    await safe('panel', () => this.panelState());
    await safe('status bar', () => this.page.locator('.part.statusbar .statusbar-item').evaluateAll((els) => els.map((e) => (e.textContent || '').trim()).filter(Boolean)));
    return out.join('\n');
  }
}
