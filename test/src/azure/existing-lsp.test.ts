import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { fileUri, LspClient, makeWorkspace } from '../lsp/lspClient';
import { standInEnv } from './runAzure';
import { startArmStandIn, type ArmStandIn } from './standin/armStandIn';
import { IDS, RG_LOCKED, SUBSCRIPTION_ID } from './standin/deployedState';

const GRANTS = fs.readFileSync(path.resolve(__dirname, '../../fixtures/existing/grants.bicep'), 'utf8');
const LOOKUP = { lookupExisting: true, subscription: SUBSCRIPTION_ID, resourceGroup: 'rg-app' };

/** A server started with the stand-in's endpoints in its environment, and none of the machine's own sign-ins. */
async function startServer(standIn: ArmStandIn, initializationOptions: object): Promise<{ client: LspClient; uri: string }> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (/^(AZURE_|MSI_|IDENTITY_)/.test(key)) delete process.env[key];
  Object.assign(process.env, standInEnv(standIn));
  try {
    const workspace = makeWorkspace({ 'grants.bicep': GRANTS });
    const client = await LspClient.start(workspace, initializationOptions);
    const uri = fileUri(path.join(workspace, 'grants.bicep'));
    await client.open(uri, GRANTS, 'bicep');
    return { client, uri };
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

const tooBroad = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'keyvault-access-policy-too-broad');
const vaultOf = (d: Diagnostic) => /Key Vault `(\w+)`/.exec(String(d.message))?.[1];

describe('language server: existing resources looked up live (ztlint.azure.lookupExisting)', function () {
  this.timeout(60_000);
  let standIn: ArmStandIn;
  const clients: LspClient[] = [];

  beforeEach(async () => {
    standIn = await startArmStandIn();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.stop()));
    await standIn.close();
  });

  for (const [when, options] of [
    ['off', { workspaceTrusted: true }],
    ['on in an untrusted workspace', { workspaceTrusted: false, azure: LOOKUP }],
  ] as const) {
    it(`sends no request to Azure when ${when}, and judges referenced vaults by what the file says`, async () => {
      const { client, uri } = await startServer(standIn, options);
      clients.push(client);
      const shown = await client.waitForDiagnostics(uri, (p) => tooBroad(p).length === 3);
      // The server has linted the file; give a lookup that should not happen time to show itself.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.deepEqual(tooBroad(shown).map(vaultOf), ['legacy', 'app', 'locked']);
      assert.deepEqual(standIn.requests, []);
    });
  }

  it('when on, judges access policies by the deployed vault, names it as the origin, and shows a 403 as one info diagnostic', async () => {
    const { client, uri } = await startServer(standIn, { workspaceTrusted: true, azure: LOOKUP });
    clients.push(client);
    // First what is known without Azure; then, as the lookups arrive, the file is linted again.
    const shown = await client.waitForDiagnostics(uri, (p) => tooBroad(p).length === 2 && p.diagnostics.some((d) => d.code === 'azure-lookup-failed'), 30_000);

    // kv-app runs on Azure RBAC, which ignores access policies; kv-legacy runs on them.
    assert.deepEqual(tooBroad(shown).map(vaultOf), ['legacy', 'locked']);
    const legacy = tooBroad(shown)[0];
    assert.deepEqual(legacy.relatedInformation?.map((r) => r.message), [`Key Vault \`legacy\` uses access policies (from the deployed resource ${IDS.legacyVault}, looked up live)`]);
    assert.equal(legacy.relatedInformation?.[0].location.range.start.line, 2, "the reference's name");

    const failed = shown.diagnostics.filter((d) => d.code === 'azure-lookup-failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0].severity, 3, 'information');
    assert.equal(failed[0].range.start.line, 39, "the reference's name");
    assert.match(String(failed[0].message), new RegExp(`^the deployed resource ${RG_LOCKED}/providers/Microsoft.KeyVault/vaults/kv-locked could not be looked up, so the rules judge it by what this file says: no permission to read .*Microsoft.KeyVault/vaults/read is missing \\(403 AuthorizationFailed\\)`));

    // One GET per referenced vault, with the API version the scan reads vaults with.
    const reads = standIn.requests.filter((r) => r.path !== '/msi/token');
    assert.deepEqual(reads.map((r) => r.path).sort(), [IDS.appVault, IDS.legacyVault, `${RG_LOCKED}/providers/Microsoft.KeyVault/vaults/kv-locked`].sort());
    assert.ok(reads.every((r) => r.apiVersion === '2023-07-01'));

    // Typing goes on with the answers kept: no new reads, the same judgment.
    await client.change(uri, [{ text: `${GRANTS}\n// edited\n` }]);
    const edited = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(tooBroad(edited).map(vaultOf), ['legacy', 'locked']);
    assert.equal(standIn.requests.filter((r) => r.path !== '/msi/token').length, 3);

    const logged = `${client.log}\n${client.logMessages.join('\n')}`;
    assert.equal(logged.split('kv-locked could not be looked up').length - 1, 1, logged);
    assert.ok(standIn.issuedTokens.length >= 1);
    for (const token of standIn.issuedTokens) assert.ok(!logged.includes(token) && !JSON.stringify(client.published).includes(token));
  });
});
