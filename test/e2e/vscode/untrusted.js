// Workspace Trust: code-server with trust on and the folder not trusted (Restricted Mode). The manifest declares
// `untrustedWorkspaces: limited`, "built-in rules only: nothing from the workspace changes what code runs"; this
// session shows the extension still lints with its built-in rules there, that the server was told the workspace
// is untrusted, and that the custom rule module the workspace's config names is not loaded (the trusted UI session
// shows the same config's module is loaded when trusted).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { screenshot } = require('./artifacts');
const { launchBrowser } = require('./browser');
const { check } = require('./checks');
const { startCodeServer } = require('./codeServer');
const { serverLoads } = require('./customRule');
const { openWorkbench, openFile, waitForCounts } = require('./workbench');

/** What the server logs at start when the client says the workspace is untrusted (server/src/lsp/main.ts). */
const UNTRUSTED_LOG = 'the workspace is not trusted';

function filesUnder(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** Polls the workbench's log files (the ztlint output channel is one of them) for `text`. */
async function waitForLogLine(logsDir, text, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = fs.existsSync(logsDir) && filesUnder(logsDir).find((f) => fs.readFileSync(f, 'utf8').includes(text));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no log under ${logsDir} says "${text}"`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function untrustedSession({ home, dir, ws, extensionsDir, xdgEnv }) {
  const server = await startCodeServer({ home, workDir: dir, extensionsDir, folder: ws, xdgEnv, untrusted: true });
  const browser = await launchBrowser();
  const { page } = browser;
  try {
    await check('untrusted workspace: opens in Restricted Mode', async () => {
      await openWorkbench(page, server.port, ws, 'main.bicep');
      await page.locator('.statusbar-item:has-text("Restricted Mode")').first().waitFor({ timeout: 15000 });
    });
    await check('untrusted workspace: the built-in rules still run (squiggle and counts on main.bicep)', async () => {
      await openFile(page, 'main.bicep', 'enableRbacAuthorization: false');
      await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 30000 });
      await waitForCounts(page, { problems: 'Errors: 2, Warnings: 1', ztlint: 'ztlint: 3' });
      await screenshot(page, 'untrusted-restricted-mode');
    });
    await check('untrusted workspace: the language server was started told the workspace is untrusted', async () => {
      const log = await waitForLogLine(path.join(server.userData, 'logs'), UNTRUSTED_LOG);
      console.log(`    "${UNTRUSTED_LOG}" in ${path.relative(dir, log)}`);
    });
    // The server has linted and published by now (the check above it saw the squiggle), so a load would have happened.
    await check('untrusted workspace: the custom rule the config names is not loaded', async () => {
      const loads = serverLoads(ws);
      if (loads.length > 0) throw new Error(`the workspace's custom rule ran: ${loads.join('; ')}`);
    });
  } finally {
    await browser.close();
    await server.stop();
  }
}

module.exports = { untrustedSession };
