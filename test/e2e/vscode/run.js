// End-to-end tests of the packaged extension in the real VS Code workbench (code-server 4.139.1 + Debian
// Chromium), run by `npm run e2e` after `npm run package`:
//   1. UI: with the .vsix installed, open a Bicep file and a Kubernetes manifest, see the squiggle and the counts,
//      apply the quick fix with Ctrl+., save, and check the file on disk (text and a clean `ztlint` run).
//   2. The extension's own mocha tests (suite/) inside code-server's extension host (smoke-test driver).
// Nothing is skipped: a missing browser or code-server fails the run, saying why. Exit code 0 only if all passed.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { launchBrowser } = require('./browser');
const { installExtension, startCodeServer } = require('./codeServer');
const { openWorkbench, openFile, statusBarCounts, cursorToLine, applyQuickFix, saveAndRead } = require('./workbench');

const REPO = path.resolve(__dirname, '..', '..', '..');
const MANIFEST = require(path.join(REPO, 'package.json'));
const VSIX = path.join(REPO, 'ztlint-vscode.vsix');
const WORK = path.join(__dirname, '.work');
const T0 = Date.now();
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1) + ' s';
// code-server, its extensions' caches and Chromium write under the XDG folders: keep them out of $HOME.
const XDG = Object.fromEntries(['CONFIG', 'DATA', 'CACHE', 'STATE'].map((k) => [`XDG_${k}_HOME`, path.join(WORK, 'xdg', k.toLowerCase())]));

const results = [];
async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${seconds(started)})`);
  } catch (error) {
    results.push({ name, ok: false });
    console.log(`  ✘ ${name} (${seconds(started)})\n    ${String(error?.stack ?? error).split('\n').join('\n    ')}`);
  }
}

/** A fresh copy of the fixture workspace: the tests edit and save its files. */
function workspaceCopy(dir) {
  fs.cpSync(path.join(__dirname, 'workspace'), dir, { recursive: true });
  return dir;
}

/** The CLI's verdict on a saved file: the rule that was fixed no longer reports (a fix may bring up the next step). */
function assertFixedByCli(file, ruleId) {
  const run = spawnSync(process.execPath, [path.join(REPO, 'server', 'bin', 'ztlint.js'), '--format', 'json', file], { encoding: 'utf8' });
  const report = JSON.parse(run.stdout);
  const left = report.files.flatMap((f) => f.findings).filter((f) => f.ruleId === ruleId);
  if (left.length > 0) throw new Error(`ztlint still reports ${ruleId} on the saved ${path.basename(file)}: ${JSON.stringify(left)}`);
}

/** Opens the file, checks squiggle and counts, applies `fixTitle` with Ctrl+., saves, checks the disk. */
async function quickFixInWorkbench(page, ws, { fileName, lineText, squiggle, problems, ruleId, fixTitle, fixed }) {
  const file = path.join(ws, fileName);
  await openFile(page, fileName, lineText);
  await page.waitForSelector(`.monaco-editor .${squiggle}`, { timeout: 30000 });
  const counts = await statusBarCounts(page);
  console.log(`    status bar: ${counts.problems} | ${counts.ztlint}`);
  if (!counts.problems?.includes(problems)) throw new Error(`Problems item says "${counts.problems}", expected "${problems}"`);
  if (!/^\S*\s*ztlint: [1-9]\d*$/.test(counts.ztlint)) throw new Error(`ztlint status-bar item says "${counts.ztlint}"`);
  await cursorToLine(page, file, lineText);
  const offered = await applyQuickFix(page, fixTitle);
  console.log(`    quick fixes offered: ${offered.join(' | ')}`);
  await page.locator('.monaco-editor .view-lines').filter({ hasText: fixed }).first().waitFor({ timeout: 10000 });
  const text = await saveAndRead(page, file, (t) => t.includes(fixed));
  if (!text.includes(fixed)) throw new Error(`${fileName} on disk lacks ${fixed}:\n${text}`);
  assertFixedByCli(file, ruleId);
}

async function uiTests(home, extensionsDir) {
  const dir = path.join(WORK, 'ui');
  const ws = workspaceCopy(path.join(dir, 'ws'));
  const server = await startCodeServer({ home, workDir: dir, extensionsDir, folder: ws, xdgEnv: XDG });
  const browser = await launchBrowser();
  try {
    await check('workbench loads with the packaged extension installed', () => openWorkbench(browser.page, server.port, ws, 'main.bicep'));
    await check('Bicep: squiggle and counts, Ctrl+. "Set enableRbacAuthorization to true", save, file fixed on disk', () =>
      quickFixInWorkbench(browser.page, ws, {
        fileName: 'main.bicep',
        lineText: 'enableRbacAuthorization: false',
        squiggle: 'squiggly-warning',
        problems: 'Warnings: 1',
        ruleId: 'keyvault-rbac-disabled',
        fixTitle: 'Set enableRbacAuthorization to true',
        fixed: 'enableRbacAuthorization: true',
      }));
    await check('Kubernetes: squiggle and counts, Ctrl+. adds the workload identity label, save, file fixed on disk', () =>
      quickFixInWorkbench(browser.page, ws, {
        fileName: 'deployment.yaml',
        lineText: 'serviceAccountName: orders',
        squiggle: 'squiggly-error',
        problems: 'Errors: 1',
        ruleId: 'kubernetes-workload-identity-label-missing',
        fixTitle: 'Add the label azure.workload.identity/use: "true"',
        fixed: 'azure.workload.identity/use: "true"',
      }));
  } finally {
    await browser.page.screenshot({ path: path.join(dir, 'last.png') }).catch(() => {});
    await browser.close();
    await server.stop();
  }
}

/** Runs suite/ in the extension host, with the installed package as the extension under development. */
async function extensionTests(home, installedExtension) {
  const dir = path.join(WORK, 'tests');
  const ws = workspaceCopy(path.join(dir, 'ws'));
  const report = path.join(dir, 'mocha.txt');
  const emptyExtensions = path.join(dir, 'extensions');
  fs.mkdirSync(emptyExtensions, { recursive: true });
  const server = await startCodeServer({
    home, workDir: dir, extensionsDir: emptyExtensions, folder: ws, xdgEnv: XDG,
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
    const code = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve('no exit within 120 s'), 120000))]);
    const output = fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '(no mocha output: the suite did not load; see ' + server.logFile + ')';
    console.log(output.replace(/^/gm, '    '));
    if (code !== 0) throw new Error(`the extension tests ended with ${code}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} not found: run \`npm run package\` first (\`npm run e2e\` does)`);
  // setup.sh installs what is missing (a no-op when cached) and prints the code-server cache folder.
  const home = execFileSync('bash', [path.join(__dirname, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const extensionsDir = path.join(WORK, 'extensions');
  installExtension(home, VSIX, extensionsDir, XDG);
  const installed = path.join(extensionsDir, `${MANIFEST.publisher}.${MANIFEST.name}-${MANIFEST.version}`);
  if (!fs.existsSync(path.join(installed, 'package.json'))) throw new Error(`installing ${VSIX} did not create ${installed}`);
  console.log(`vscode e2e: ${path.basename(VSIX)} (${(fs.statSync(VSIX).size / 1024).toFixed(0)} KiB) installed into code-server (${seconds(T0)})`);

  await uiTests(home, extensionsDir).catch((e) => check('code-server UI session', () => Promise.reject(e)));
  await check('extension tests inside the code-server extension host', () => extensionTests(home, installed));

  const failed = results.filter((r) => !r.ok).length;
  // Not in the `N passed, N failed` form: the unit tests' closing line, printed before this, stays the total CI reads.
  console.log(`\nvscode e2e: ${failed ? `${failed} of ${results.length} checks FAILED` : `all ${results.length} checks passed`} in ${seconds(T0)}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`vscode e2e: cannot run: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
