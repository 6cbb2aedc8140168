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

  it('lints an ARM template opened as JSON: the NSG rule open to the Internet, on its source', async () => {
    const document = await open('nsg.json');
    assert.ok(['json', 'jsonc', 'arm-template'].includes(document.languageId), `nsg.json opened as ${document.languageId}`);
    const [finding] = await waitForRule(document.uri, 'network-nsg-open-to-internet');
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(document.getText(finding.range), '"Internet"');
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

/**
 * `ztlint.syntaxErrors`. The run installs a stand-in with the official Bicep extension's id (stubs/; the real one
 * cannot be downloaded here); VS Code's JSON support is built in; no YAML extension is installed. So "auto" leaves
 * the JSON and Bicep syntax errors to those and shows the YAML ones; "show" shows all.
 */
describe('syntax errors next to other extensions (ztlint.syntaxErrors)', () => {
  // The ARM template of workspace/nsg.json without the comma after contentVersion: still read, NSG finding and all.
  const BROKEN_ARM = '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0"\n  "resources": [{ "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-11-01", "name": "nsg", "properties": { "securityRules": [{ "name": "ssh", "properties": { "priority": 100, "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "sourceAddressPrefix": "Internet", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "22" } }] } }]\n}\n';
  // A vault with a value missing: still read, with the findings of a vault that sets nothing.
  const BROKEN_BICEP = "resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: {\n    tenantId: \n  }\n}\n";
  const BROKEN_YAML = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: [unclosed\n';
  const codes = (uri) => ztlintDiagnostics(uri).map(ruleId);

  async function openNew(name, text) {
    await vscode.workspace.fs.writeFile(workspaceFile(name), new TextEncoder().encode(text));
    return open(name);
  }

  it('"auto": JSON and Bicep syntax errors are left to the extensions that report them, YAML ones are shown', async () => {
    assert.ok(vscode.extensions.getExtension('ms-azuretools.vscode-bicep'), 'the Bicep extension stand-in is installed');
    const arm = await openNew('broken-nsg.json', BROKEN_ARM);
    await waitFor("VS Code's own JSON syntax error", () => vscode.languages.getDiagnostics(arm.uri).filter((d) => d.source === 'json'), (ds) => ds.length > 0);
    // A finding shows that ztlint has read the file, so a missing syntax error is left out, not late.
    await waitForRule(arm.uri, 'network-nsg-open-to-internet');
    assert.ok(!codes(arm.uri).includes('json-syntax'), `ztlint diagnostics: ${codes(arm.uri)}`);
    const bicep = await openNew('broken.bicep', BROKEN_BICEP);
    await waitForRule(bicep.uri, 'keyvault-purge-protection-disabled');
    assert.ok(!codes(bicep.uri).includes('bicep-syntax'), `ztlint diagnostics: ${codes(bicep.uri)}`);
    const yaml = await openNew('broken.yaml', BROKEN_YAML);
    await waitForRule(yaml.uri, 'yaml-syntax');
  });

  it('"show": ztlint reports the JSON and Bicep syntax errors too', async () => {
    const arm = await open('broken-nsg.json');
    const bicep = await open('broken.bicep');
    const settings = vscode.workspace.getConfiguration('ztlint');
    try {
      await settings.update('syntaxErrors', 'show', vscode.ConfigurationTarget.Global);
      await waitForRule(arm.uri, 'json-syntax');
      await waitForRule(bicep.uri, 'bicep-syntax');
    } finally {
      await settings.update('syntaxErrors', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitFor('the JSON syntax error to be left to VS Code again', () => codes(arm.uri), (ids) => !ids.includes('json-syntax') && ids.includes('network-nsg-open-to-internet'));
  });
});

describe('when ztlint lints (ztlint.run)', () => {
  const VAULT = "resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv-onsave'\n  properties: {\n    tenantId: subscription().tenantId\n    sku: { family: 'A', name: 'standard' }\n    enableRbacAuthorization: true\n  }\n}\n";

  it('"onSave": an edit is linted when the file is saved, not while it is typed', async () => {
    const settings = vscode.workspace.getConfiguration('ztlint');
    await vscode.workspace.fs.writeFile(workspaceFile('onsave.bicep'), new TextEncoder().encode(VAULT));
    try {
      await settings.update('run', 'onSave', vscode.ConfigurationTarget.Global);
      const document = await open('onsave.bicep');
      // Linted when opened: the vault's other findings are there, the RBAC one is not (yet).
      await waitFor('the findings of the opened file', () => ztlintDiagnostics(document.uri).map(ruleId), (ids) => ids.includes('keyvault-purge-protection-disabled'));
      const edit = new vscode.WorkspaceEdit();
      const at = document.getText().indexOf('enableRbacAuthorization: true') + 'enableRbacAuthorization: '.length;
      edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + 4)), 'false');
      assert.ok(await vscode.workspace.applyEdit(edit));
      // A request answered after the edit shows the server has it; then well past the typing pause.
      await codeActions(document.uri, new vscode.Range(0, 0, 0, 0));
      await new Promise((r) => setTimeout(r, 1500));
      assert.ok(!ztlintDiagnostics(document.uri).map(ruleId).includes('keyvault-rbac-disabled'), 'linted before the save');
      assert.ok(await document.save());
      await waitForRule(document.uri, 'keyvault-rbac-disabled');
    } finally {
      await settings.update('run', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
