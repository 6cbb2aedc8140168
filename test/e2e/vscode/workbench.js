// Drives the real VS Code workbench (code-server in Chromium) through what a user does: open a file, see the
// squiggle and the counts, apply the quick fix with Ctrl+., save. Selectors are the ones that held up in 1.139.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** Loads the workbench on `folder` and waits until the explorer lists `fileName`. */
async function openWorkbench(page, port, folder, fileName) {
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench .part.statusbar', { timeout: 60000 });
  await page.waitForSelector(`.explorer-folders-view .monaco-list-row[aria-label*="${fileName}"]`, { timeout: 60000 });
}

/** Quick Open (Ctrl+P) on the file; waits for the row of that file, not a stale "recently opened" one. */
async function openFile(page, fileName, textInFile) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 10000 });
  await page.locator('.quick-input-widget input').fill(fileName);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label^="${fileName}"]`, { timeout: 10000 });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tabs-container .tab[aria-label*="${fileName}"]`, { timeout: 15000 });
  await page.locator('.monaco-editor .view-lines').filter({ hasText: textInFile }).first().waitFor({ timeout: 15000 });
}

/** The text of the workbench's Problems item ("Errors: 1, Warnings: 1") and of ztlint's own status-bar item. */
async function statusBarCounts(page) {
  const problems = await page.locator('#status\\.problems').getAttribute('aria-label', { timeout: 10000 });
  const ztlint = await page.locator('.statusbar-item:has-text("ztlint:")').first().innerText({ timeout: 10000 });
  return { problems, ztlint: ztlint.replace(/^\W+/, '').trim() };
}

/**
 * Waits until the status bar shows exactly these counts. Both count the whole workspace, and the start-up scan
 * publishes the files that are not open a little after the open one, so the counts are polled, not read once.
 */
async function waitForCounts(page, expected, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let counts = await statusBarCounts(page);
  while (counts.problems !== expected.problems || counts.ztlint !== expected.ztlint) {
    if (Date.now() > deadline) throw new Error(`the status bar says ${JSON.stringify(counts)}, expected ${JSON.stringify(expected)}`);
    await new Promise((r) => setTimeout(r, 250));
    counts = await statusBarCounts(page);
  }
  return counts;
}

/** Ctrl+G to the line (1-based) that holds `lineText` in `file` on disk, then into the end of that line's value. */
async function cursorToLine(page, file, lineText) {
  const line = fs.readFileSync(file, 'utf8').split(/\r?\n/).findIndex((l) => l.includes(lineText)) + 1;
  if (line === 0) throw new Error(`${path.basename(file)} has no line with ${lineText}`);
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 5000 });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
}

/**
 * Ctrl+. until the menu offers `title`; returns every title offered and a way to pick that one. A menu that does
 * not open (the keystroke can land while the editor is still busy with the line it just moved to) is asked for
 * again, as a user would.
 */
async function openQuickFixMenu(page, title, attempts = 3) {
  // `.action-widget` alone also matches the submenu panel in 1.139.
  const rows = page.locator('.action-widget:not(.action-list-submenu-panel) .monaco-list-row.action');
  const row = rows.filter({ hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+Period');
    try {
      await row.waitFor({ timeout: 8000 });
      break;
    } catch {
      const offered = await rows.allInnerTexts();
      if (attempt === attempts || offered.length > 0) throw new Error(`the quick-fix menu has no "${title}" (${attempt} Ctrl+.); it offers: ${JSON.stringify(offered)}`);
      await page.keyboard.press('Escape');
    }
  }
  const offered = (await rows.allInnerTexts()).map((t) => t.trim());
  return { offered, pick: () => row.click() };
}

/** Ctrl+S, then waits until the file on disk satisfies `isRight`; returns its text. */
async function saveAndRead(page, file, isRight) {
  await page.keyboard.press('Control+S');
  const deadline = Date.now() + 10000;
  let text = fs.readFileSync(file, 'utf8');
  while (!isRight(text) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    text = fs.readFileSync(file, 'utf8');
  }
  return text;
}

module.exports = { openWorkbench, openFile, waitForCounts, cursorToLine, openQuickFixMenu, saveAndRead };
