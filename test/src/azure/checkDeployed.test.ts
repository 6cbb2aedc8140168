import * as assert from 'node:assert/strict';
import { LspClient, makeWorkspace } from '../lsp/lspClient';
import { standInEnv } from './runAzure';
import { startArmStandIn, type ArmStandIn } from './standin/armStandIn';
import { IDS, SUBSCRIPTION_ID } from './standin/deployedState';

const CHECK_DEPLOYED = 'ztlint.server.checkDeployed';

describe('language server: check deployed resources (workspace/executeCommand)', () => {
  let standIn: ArmStandIn;
  let client: LspClient;

  before(async () => {
    standIn = await startArmStandIn();
    // The server process is started with the stand-in's endpoints in its environment, as a CI agent would have them.
    const saved = { ...process.env };
    // No sign-in of the machine's own may be tried instead of the stand-in's managed identity.
    for (const key of Object.keys(process.env)) if (/^(AZURE_|MSI_|IDENTITY_)/.test(key)) delete process.env[key];
    Object.assign(process.env, standInEnv(standIn));
    try {
      client = await LspClient.start(makeWorkspace({ 'main.bicep': "param location string = 'westeurope'\n" }));
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
  after(async () => {
    await client.stop();
    await standIn.close();
  });

  it('is announced by the server', () => {
    assert.ok(client.initializeResult?.capabilities.executeCommandProvider?.commands.includes(CHECK_DEPLOYED));
  });

  it('returns the deployed findings of a resource group as the CLI’s text report', async () => {
    const result = (await client.executeCommand(CHECK_DEPLOYED, { subscriptionId: SUBSCRIPTION_ID, resourceGroups: ['rg-app'] })) as { text: string; findings: number; problems: number };
    assert.ok(result.findings >= 4, result.text);
    assert.equal(result.problems, 0);
    const lines = result.text.split('\n');
    assert.match(lines[lines.indexOf(IDS.legacyVault) + 1], /keyvault-rbac-disabled$/);
    assert.ok(standIn.issuedTokens.length >= 1);
    for (const token of standIn.issuedTokens) assert.ok(!result.text.includes(token));
  });

  it('refuses a malformed subscription id as invalid params', async () => {
    await assert.rejects(client.executeCommand(CHECK_DEPLOYED, { subscriptionId: 'nope' }), /'nope' is not a subscription id/);
  });
});
