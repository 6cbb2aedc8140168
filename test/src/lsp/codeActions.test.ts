import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { MarkupContent, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { ARM_VAULT, DEPLOYMENT, TWO_VAULTS, VAULT_BICEP } from './fixtures';
import { applyWorkspaceEdit, fileUri, LspClient, makeWorkspace, serverPerTest } from './lspClient';

const RBAC = 'keyvault-rbac-disabled';

describe('language server: code actions and hover', () => {
  const server = serverPerTest();

  /** Opens a file and returns its diagnostic for `rule`. */
  async function openWith(name: string, text: string, rule: string): Promise<{ uri: string; diagnostic: Diagnostic }> {
    const uri = server.uriOf(name);
    await server.client.open(uri, text);
    const published = await server.client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === rule));
    return { uri, diagnostic: published.diagnostics.find((d) => d.code === rule)! };
  }

  /** Replaces the document with `text` and returns the diagnostics of that version. */
  async function relint(uri: string, text: string): Promise<Diagnostic[]> {
    const version = await server.client.change(uri, [{ text }]);
    return (await server.client.waitForDiagnostics(uri, (p) => p.version === version)).diagnostics;
  }

  it('offers the rule quick fix, preferred when safe; applied, the finding is gone', async () => {
    const { uri, diagnostic } = await openWith('vault.bicep', VAULT_BICEP, RBAC);
    const actions = await server.client.codeActions(uri, diagnostic.range);
    const fix = actions.find((a) => a.title === 'Set enableRbacAuthorization to true');
    assert.ok(fix, actions.map((a) => a.title).join('\n'));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.deepEqual(fix.diagnostics?.map((d) => d.code), [RBAC]);
    const fixed = applyWorkspaceEdit(VAULT_BICEP, uri, fix.edit);
    assert.match(fixed, /enableRbacAuthorization: true/);
    const after = await relint(uri, fixed);
    assert.ok(!after.some((d) => d.code === RBAC), JSON.stringify(after));
  });

  it('fixes all findings of one rule in the file with one edit', async () => {
    const { uri, diagnostic } = await openWith('vaults.bicep', TWO_VAULTS, RBAC);
    const actions = await server.client.codeActions(uri, diagnostic.range);
    const fixAll = actions.find((a) => a.title === `Fix all ${RBAC} in this file`);
    assert.ok(fixAll, actions.map((a) => a.title).join('\n'));
    assert.equal(fixAll.edit?.changes?.[uri].length, 1);
    const fixed = applyWorkspaceEdit(TWO_VAULTS, uri, fixAll.edit);
    assert.equal(fixed.match(/enableRbacAuthorization: true/g)?.length, 2);
    const after = await relint(uri, fixed);
    assert.ok(!after.some((d) => d.code === RBAC), JSON.stringify(after));
    assert.ok(after.some((d) => d.code === 'keyvault-purge-protection-disabled'), 'other rules are left to their own fixes');
  });

  it('offers a rule\'s fix-all without its edit to a client that resolves edits, and works it out when chosen', async () => {
    const workspace = makeWorkspace({});
    const client = await LspClient.start(workspace, undefined, undefined, { codeAction: { resolveSupport: { properties: ['edit'] } } });
    try {
      const uri = fileUri(path.join(workspace, 'vaults.bicep'));
      await client.open(uri, TWO_VAULTS);
      const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === RBAC));
      const actions = await client.codeActions(uri, published.diagnostics.find((d) => d.code === RBAC)!.range);
      const offered = actions.find((a) => a.title === `Fix all ${RBAC} in this file`);
      assert.ok(offered, actions.map((a) => a.title).join('\n'));
      assert.equal(offered.edit, undefined, 'the edit is worked out only when the action is chosen');
      assert.ok(actions.some((a) => a.title === 'Set enableRbacAuthorization to true' && a.edit), 'single fixes come with their edit');

      const resolved = await client.resolveCodeAction(offered);
      const fixed = applyWorkspaceEdit(TWO_VAULTS, uri, resolved.edit);
      assert.equal(fixed.match(/enableRbacAuthorization: true/g)?.length, 2);
      const version = await client.change(uri, [{ text: fixed }]);
      const after = await client.waitForDiagnostics(uri, (p) => p.version === version);
      assert.ok(!after.diagnostics.some((d) => d.code === RBAC), JSON.stringify(after.diagnostics));
      assert.equal((await client.resolveCodeAction(offered)).edit, undefined, 'an action offered for an older version is not worked out on the new one');
    } finally {
      await client.stop();
    }
  });

  it('applies every safe fix for source.fixAll.ztlint, and only when asked for it', async () => {
    const { uri } = await openWith('vault.bicep', VAULT_BICEP, RBAC);
    const whole = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    assert.ok(!(await server.client.codeActions(uri, whole)).some((a) => a.kind === 'source.fixAll.ztlint'));
    const [fixAll, ...rest] = await server.client.codeActions(uri, whole, ['source.fixAll']);
    assert.equal(rest.length, 0);
    assert.equal(fixAll.kind, 'source.fixAll.ztlint');
    const after = await relint(uri, applyWorkspaceEdit(VAULT_BICEP, uri, fixAll.edit));
    assert.ok(!after.some((d) => d.code === RBAC), JSON.stringify(after));
    assert.deepEqual(await server.client.codeActions(uri, whole, ['source.fixAll']), [], 'no safe fix is left');
  });

  it('suppresses a finding with a comment above its line, indented like it, without an unused suppression', async () => {
    const { uri, diagnostic } = await openWith('vault.bicep', VAULT_BICEP, RBAC);
    const suppress = (await server.client.codeActions(uri, diagnostic.range)).find((a) => a.title === `Suppress ${RBAC} for this line`);
    assert.ok(suppress);
    const suppressed = applyWorkspaceEdit(VAULT_BICEP, uri, suppress.edit);
    assert.match(suppressed, /\n {4}\/\/ ztlint-disable-next-line keyvault-rbac-disabled -- TODO: reason\n {4}enableRbacAuthorization: false/);
    const after = await relint(uri, suppressed);
    assert.ok(!after.some((d) => d.code === RBAC || String(d.code).startsWith('suppression-')), JSON.stringify(after));
  });

  it('suppresses in YAML with #, and in a strict-JSON ARM template with a metadata entry', async () => {
    const yaml = await openWith('app.yaml', DEPLOYMENT, 'kubernetes-workload-identity-label-missing');
    const yamlAction = (await server.client.codeActions(yaml.uri, yaml.diagnostic.range)).find((a) => a.title.startsWith('Suppress '));
    const yamlText = applyWorkspaceEdit(DEPLOYMENT, yaml.uri, yamlAction?.edit);
    assert.match(yamlText, /\n {6}# ztlint-disable-next-line kubernetes-workload-identity-label-missing -- TODO: reason\n {6}serviceAccountName: orders/);
    assert.deepEqual(await relint(yaml.uri, yamlText), []);

    const arm = await openWith('deploy.json', ARM_VAULT, RBAC);
    const armAction = (await server.client.codeActions(arm.uri, arm.diagnostic.range)).find((a) => a.title === `Suppress ${RBAC} for this line`);
    const armText = applyWorkspaceEdit(ARM_VAULT, arm.uri, armAction?.edit);
    assert.deepEqual(JSON.parse(armText).resources[0].metadata, { 'ztlint-disable': { [RBAC]: 'TODO: reason' } });
    const after = await relint(arm.uri, armText);
    assert.ok(!after.some((d) => d.code === RBAC || String(d.code).startsWith('suppression-')), JSON.stringify(after));
  });

  it('shows the rule docs page on hover over a finding, and nothing elsewhere', async () => {
    const { uri, diagnostic } = await openWith('vault.bicep', VAULT_BICEP, RBAC);
    const hover = await server.client.hover(uri, diagnostic.range.start);
    assert.ok(hover && MarkupContent.is(hover.contents));
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /^# keyvault-rbac-disabled: Key Vault uses access policies/);
    assert.deepEqual(hover.range, diagnostic.range);
    assert.equal(await server.client.hover(uri, { line: 1, character: 4 }), null);
  });
});
