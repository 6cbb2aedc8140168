// Runs inside a real VS Code extension host (code-server) against the packaged extension, on a copy of
// test/e2e/vscode/workspace.
'use strict';
const assert = require('node:assert/strict');
const vscode = require('vscode');

const EXTENSION_ID = 'ztlint.ztlint-vscode';

function workspaceFile(name) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, name);
}

function ztlintDiagnostics(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'ztlint');
}

function ruleId(diagnostic) {
  return typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
}

/** Polls until `read()` returns something `done` accepts, or fails with what it last saw. */
async function waitFor(what, read, done, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!done(value)) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 100));
    value = read();
  }
  return value;
}

/**
 * Code actions at the range. The workbench cancels a code-action request that a newer state of the editor makes
 * stale (diagnostics arriving, another editor shown), so a cancelled request is asked again.
 */
async function codeActions(uri, range) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    } catch (error) {
      if (attempt === 5 || !/Canceled/.test(String(error))) throw error;
    }
  }
}

async function open(name) {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

function waitForRule(uri, id) {
  return waitFor(`${id} on ${uri.path}`, () => ztlintDiagnostics(uri), (ds) => ds.some((d) => ruleId(d) === id));
}

describe('ztlint extension in VS Code', () => {
  it('activates and registers its commands', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await open('main.bicep');
    await waitFor('activation', () => extension.isActive, (active) => active);
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['ztlint.scanWorkspace', 'ztlint.showRuleDocs', 'ztlint.openConfig']) assert.ok(commands.includes(id), id);
  });

  it('opens .bicep files as bicep', async () => {
    assert.equal((await open('main.bicep')).languageId, 'bicep');
  });

  it('reports the vault without RBAC, on its value, and honours the suppression above the resource', async () => {
    const document = await open('main.bicep');
    const diagnostics = await waitForRule(document.uri, 'keyvault-rbac-disabled');
    assert.deepEqual(diagnostics.map(ruleId), ['keyvault-rbac-disabled'], 'monitoring-keyvault-audit-logs is suppressed');
    const [rbac] = diagnostics;
    assert.equal(rbac.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(document.getText(rbac.range), 'false');
    assert.match(String(rbac.code.target), /keyvault-rbac-disabled\.md$/);
  });

  it('reports the pod template without the workload identity label', async () => {
    const document = await open('deployment.yaml');
    const [finding] = await waitForRule(document.uri, 'kubernetes-workload-identity-label-missing');
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);
  });

  it("shows the rule's docs page, shipped in the package, on hover", async () => {
    const document = await open('main.bicep');
    const [rbac] = await waitForRule(document.uri, 'keyvault-rbac-disabled');
    const hovers = await vscode.commands.executeCommand('vscode.executeHoverProvider', document.uri, rbac.range.start);
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /# keyvault-rbac-disabled: Key Vault uses access policies instead of Azure RBAC/);
    assert.match(text, /## Why/, 'the whole page, not the fallback title');
  });

  it('opens the docs page with ztlint.showRuleDocs', async () => {
    await vscode.commands.executeCommand('ztlint.showRuleDocs', 'keyvault-rbac-disabled');
    const labels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label);
    await waitFor('a preview tab of the page', labels, (ls) => ls.some((l) => l.includes('keyvault-rbac-disabled')));
  });

  it('opens the ztlint.config.json that applies to the active file with ztlint.openConfig', async () => {
    await open('main.bicep');
    await vscode.commands.executeCommand('ztlint.openConfig');
    const active = () => vscode.window.activeTextEditor?.document.uri.toString();
    await waitFor('the config file in the editor', active, (uri) => uri === workspaceFile('ztlint.config.json').toString());
  });

  it('offers the rule fix as the preferred quick fix, and applying it clears the finding', async () => {
    const document = await open('main.bicep');
    const [rbac] = await waitForRule(document.uri, 'keyvault-rbac-disabled');
    const actions = await codeActions(document.uri, rbac.range);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.deepEqual(preferred.map((a) => a.title), ['Set enableRbacAuthorization to true']);
    assert.ok(await vscode.workspace.applyEdit(preferred[0].edit));
    assert.match(document.getText(), /enableRbacAuthorization: true/);
    await waitFor('the finding to go', () => ztlintDiagnostics(document.uri).map(ruleId), (ids) => !ids.includes('keyvault-rbac-disabled'));
  });

  it('stops linting when ztlint.enable is off, and starts again when it is on', async () => {
    const document = await open('deployment.yaml');
    await waitForRule(document.uri, 'kubernetes-workload-identity-label-missing');
    const settings = vscode.workspace.getConfiguration('ztlint');
    try {
      await settings.update('enable', false, vscode.ConfigurationTarget.Global);
      await waitFor('no ztlint diagnostics', () => ztlintDiagnostics(document.uri), (ds) => ds.length === 0);
    } finally {
      await settings.update('enable', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForRule(document.uri, 'kubernetes-workload-identity-label-missing');
  });
});
