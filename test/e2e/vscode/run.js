// End-to-end tests of the packaged extension in the real VS Code workbench (code-server 4.139.1 + Debian
// Chromium), run by `npm run e2e` after `npm run package`:
//   1. UI (uiSession.js): with the .vsix installed, the Bicep, Kubernetes and ARM quick-fix scenarios.
//   2. Workspace Trust (untrusted.js): the same extension in a folder that is not trusted.
//   3. The extension's own mocha tests (suite/) inside code-server's extension host (extensionHost.js).
// Screenshots go to the artifacts folder printed at the end. Nothing is skipped: a missing browser or code-server
// fails the run, saying why. Exit code 0 only if all passed.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ARTIFACTS, resetArtifacts, screenshot } = require('./artifacts');
const { launchBrowser } = require('./browser');
const { check, seconds, summary } = require('./checks');
const { installExtension, startCodeServer } = require('./codeServer');
const { waitForServerLoad } = require('./customRule');
const { extensionTests } = require('./extensionHost');
const { quickFixScenarios } = require('./uiSession');
const { untrustedSession } = require('./untrusted');
const { openWorkbench } = require('./workbench');

const REPO = path.resolve(__dirname, '..', '..', '..');
const MANIFEST = require(path.join(REPO, 'package.json'));
const VSIX = path.join(REPO, 'ztlint-vscode.vsix');
// Outside the clone: the clone's .gitignore would hide a workspace inside it from the workspace scan, which skips
// what .gitignore files up to the repository root leave out. Kept when a check fails, for its logs.
const WORK = path.join(os.tmpdir(), 'ztlint-e2e-vscode');
const T0 = Date.now();
// code-server, its extensions' caches and Chromium write under the XDG folders: keep them out of $HOME.
const XDG = Object.fromEntries(['CONFIG', 'DATA', 'CACHE', 'STATE'].map((k) => [`XDG_${k}_HOME`, path.join(WORK, 'xdg', k.toLowerCase())]));

/** A folder under .work/ for one session, with a fresh copy of the fixture workspace (the tests edit its files). */
function sessionFolder(name) {
  const dir = path.join(WORK, name);
  const ws = path.join(dir, 'ws');
  fs.cpSync(path.join(__dirname, 'workspace'), ws, { recursive: true });
  return { dir, ws };
}

async function uiTests(home, extensionsDir) {
  const { dir, ws } = sessionFolder('ui');
  const server = await startCodeServer({ home, workDir: dir, extensionsDir, folder: ws, xdgEnv: XDG });
  const browser = await launchBrowser();
  try {
    await check('workbench loads with the packaged extension installed', () => openWorkbench(browser.page, server.port, ws, 'main.bicep'));
    // The other side of the untrusted session's check: here, trusted, the same config's custom rule is loaded.
    await check('trusted workspace: the language server loads the custom rule the config names', async () => {
      console.log(`    ${(await waitForServerLoad(ws))[0]}`);
    });
    await quickFixScenarios(browser.page, ws);
  } finally {
    await screenshot(browser.page, 'ui-last');
    await browser.close();
    await server.stop();
  }
}

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  resetArtifacts();
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} not found: run \`npm run package\` first (\`npm run e2e\` does)`);
  // setup.sh installs what is missing (a no-op when cached) and prints the code-server cache folder.
  const home = execFileSync('bash', [path.join(__dirname, 'setup.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const extensionsDir = path.join(WORK, 'extensions');
  installExtension(home, VSIX, extensionsDir, XDG);
  const installed = path.join(extensionsDir, `${MANIFEST.publisher}.${MANIFEST.name}-${MANIFEST.version}`);
  if (!fs.existsSync(path.join(installed, 'package.json'))) throw new Error(`installing ${VSIX} did not create ${installed}`);
  console.log(`vscode e2e: ${path.basename(VSIX)} (${(fs.statSync(VSIX).size / 1024).toFixed(0)} KiB) installed into code-server (${seconds(T0)})`);

  await uiTests(home, extensionsDir).catch((e) => check('code-server UI session', () => Promise.reject(e)));
  await untrustedSession({ home, ...sessionFolder('untrusted'), extensionsDir, xdgEnv: XDG }).catch((e) =>
    check('code-server untrusted session', () => Promise.reject(e)),
  );
  await check('extension tests inside the code-server extension host', () =>
    extensionTests({ home, ...sessionFolder('tests'), installedExtension: installed, xdgEnv: XDG }),
  );

  const { failed, total } = summary();
  if (failed === 0) fs.rmSync(WORK, { recursive: true, force: true });
  else console.log(`\nvscode e2e: code-server logs and workspaces in ${WORK}`);
  console.log(`\nvscode e2e: screenshots in ${ARTIFACTS}`);
  // Not in the `N passed, N failed` form: the unit tests' closing line, printed before this, stays the total CI reads.
  console.log(`vscode e2e: ${failed ? `${failed} of ${total} checks FAILED` : `all ${total} checks passed`} in ${seconds(T0)}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`vscode e2e: cannot run: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
