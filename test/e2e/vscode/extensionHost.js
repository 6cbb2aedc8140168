// The extension's own mocha tests (suite/) inside code-server's extension host, started with the smoke-test
// driver: the same `run()` @vscode/test-electron would load (electron.js does, where VS Code can be downloaded).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { launchBrowser } = require('./browser');
const { startCodeServer } = require('./codeServer');

const TIMEOUT_MS = 120000;

/** Runs suite/ with the installed package as the extension under development; throws unless it exits with 0. */
async function extensionTests({ home, dir, ws, installedExtension, xdgEnv }) {
  const report = path.join(dir, 'mocha.txt');
  // No extension but the one under test and the stand-ins of others that ztlint looks for (stubs/).
  const extensionsDir = path.join(dir, 'extensions');
  fs.cpSync(path.join(__dirname, 'stubs'), extensionsDir, { recursive: true });
  const server = await startCodeServer({
    home, workDir: dir, extensionsDir, folder: ws, xdgEnv,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
    env: { ZTLINT_E2E_REPORT: report },
  });
  const browser = await launchBrowser();
  try {
    let exit;
    const exited = new Promise((resolve) => (exit = resolve));
    // The web workbench calls this when the test extension host exits; the code is run()'s verdict.
    await browser.page.exposeFunction('codeAutomationExit', (code) => exit(code));
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [['extensionDevelopmentPath', remote(installedExtension)], ['extensionTestsPath', remote(path.join(__dirname, 'suite'))]];
    await browser.page.goto(`http://127.0.0.1:${server.port}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(`no exit within ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS))]);
    const output = fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '(no mocha output: the suite did not load; see ' + server.logFile + ')';
    console.log(output.replace(/^/gm, '    '));
    if (code !== 0) throw new Error(`the extension tests ended with ${code}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

module.exports = { extensionTests };
