// The extension tests (suite/) in desktop VS Code, downloaded by @vscode/test-electron, for machines that can
// reach update.code.visualstudio.com (this project's build machine cannot: the download fails with ENOTFOUND, so
// `npm run e2e` runs the same suite inside code-server instead). `npm run test:electron` bundles first; the
// extension under test is this clone, on a fresh copy of workspace/. Set VSCODE_VERSION to pin a version.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { runTests } = require('@vscode/test-electron');

const REPO = path.resolve(__dirname, '..', '..', '..');

async function main() {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ztlint-electron-'));
  const ws = path.join(scratch, 'ws');
  fs.cpSync(path.join(__dirname, 'workspace'), ws, { recursive: true });
  // As in code-server (extensionHost.js): no other extension but the stand-ins ztlint looks for (stubs/).
  const extensions = path.join(scratch, 'extensions');
  fs.cpSync(path.join(__dirname, 'stubs'), extensions, { recursive: true });
  try {
    return await runTests({
      version: process.env.VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(__dirname, 'suite'),
      launchArgs: [ws, '--extensions-dir', extensions, '--disable-workspace-trust', '--user-data-dir', path.join(scratch, 'user-data')],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`test:electron: ${error?.stack ?? error}`);
    process.exit(1);
  },
);
