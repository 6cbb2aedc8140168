import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { driftFindings } from 'ztlint/azure/posture/index';
import type { DeployedResource, DeployedSnapshot } from 'ztlint/azure/snapshot';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import * as s from './fixtures-posture/snapshots';

const FIXTURES = path.resolve(__dirname, '../../src/azure/fixtures-posture');
const BICEP = path.join(FIXTURES, 'main.bicep');
const ARM = path.join(FIXTURES, 'azuredeploy.json');

const drift = (snapshot: DeployedSnapshot, templates: readonly string[]) => driftFindings(snapshot, templates, { catalogue: builtinCatalogue(), strict: false });
const summary = (findings: ReturnType<typeof drift>) => findings.map((f) => `${f.ruleId} ${f.resourceId}${f.property ? ` ${f.property}` : ''} @${path.basename(f.template.file)}:${f.template.line}:${f.template.column}`).sort();

/** A vault that runs what its template was meant to prevent: access policies, open to every network. */
const loosened = (name: string): DeployedResource =>
  s.vault(name, { enableRbacAuthorization: false, publicNetworkAccess: 'Enabled', networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] } });

const withAudit = (resources: readonly DeployedResource[]) => resources.flatMap((r) => (r.type === 'Microsoft.KeyVault/vaults' ? [r, s.auditSetting(r.name)] : [r]));

describe('driftFindings: deployed resources against their templates', () => {
  it('reports settings that differ from a Bicep declaration, with the template line and both values', () => {
    const findings = drift(s.snapshotOf({ resources: withAudit([loosened('kv-orders')]) }), [BICEP]);
    const id = s.vaultId('kv-orders');
    assert.deepEqual(summary(findings), [
      `keyvault-public-network-access ${id} properties.networkAcls.defaultAction @main.bicep:4:1`,
      `keyvault-rbac-disabled ${id} properties.enableRbacAuthorization @main.bicep:4:1`,
    ]);
    const rbac = findings.find((f) => f.ruleId === 'keyvault-rbac-disabled')!;
    assert.equal(rbac.template.file, BICEP);
    assert.match(rbac.message, /^Key Vault 'kv-orders' uses access policies: .*; the template declares otherwise \(.*main\.bicep, line 4: `enableRbacAuthorization` is true there, false deployed\)$/);
  });

  it('reports drift from an ARM template, the name from a parameter default', () => {
    const findings = drift(s.snapshotOf({ resources: withAudit([loosened('kv-payments')]) }), [ARM]);
    const id = s.vaultId('kv-payments');
    assert.deepEqual(summary(findings), [
      `keyvault-public-network-access ${id} properties.networkAcls.defaultAction @azuredeploy.json:8:5`,
      `keyvault-rbac-disabled ${id} properties.enableRbacAuthorization @azuredeploy.json:8:5`,
    ]);
    assert.match(findings.find((f) => f.ruleId === 'keyvault-public-network-access')!.message, /`defaultAction` is 'Deny' there, "Allow" deployed\)$/);
  });

  it('reads the name and the settings from the parameter file beside an ARM template', () => {
    const findings = drift(s.snapshotOf({ resources: withAudit([loosened('kv-treasury')]) }), [path.join(FIXTURES, 'with-parameters')]);
    const id = s.vaultId('kv-treasury');
    assert.deepEqual(summary(findings), [
      `keyvault-public-network-access ${id} properties.networkAcls.defaultAction @vault.json:9:5`,
      `keyvault-rbac-disabled ${id} properties.enableRbacAuthorization @vault.json:9:5`,
    ]);
    assert.match(findings.find((f) => f.ruleId === 'keyvault-rbac-disabled')!.message, /`enableRbacAuthorization` is true there, false deployed\)$/);
  });

  it('reports settings a template would weaken when deployed again', () => {
    const appReads = s.assignment('app-reads', s.vaultId('kv-legacy'), s.ROLE_IDS.keyVaultSecretsUser, s.APP_PRINCIPAL, 'ServicePrincipal');
    const findings = drift(s.snapshotOf({ resources: withAudit([s.vault('kv-legacy'), s.webApp('app-orders')]), roleAssignments: [appReads] }), [BICEP]);
    const id = s.vaultId('kv-legacy');
    assert.deepEqual(summary(findings), [
      `keyvault-public-network-access ${id} properties.networkAcls.defaultAction @main.bicep:39:1`,
      `keyvault-rbac-disabled ${id} properties.enableRbacAuthorization @main.bicep:39:1`,
    ]);
    assert.match(
      findings.find((f) => f.ruleId === 'keyvault-rbac-disabled')!.message,
      /^Key Vault `legacy` uses access policies: .*, in the template \(.*main\.bicep, line 39\); the deployed resource has `enableRbacAuthorization` true: deploying the template again would change it back$/,
    );
  });

  it('reports a secret deployed where the template reads it from Key Vault, never showing it', () => {
    const key = `FAKE${'0'.repeat(80)}==`;
    const settings: DeployedResource = {
      id: `${s.GROUP}/providers/Microsoft.Web/sites/app-orders/config/appsettings`,
      type: 'Microsoft.Web/sites/config',
      name: 'appsettings',
      apiVersion: '2023-12-01',
      properties: { STORAGE: `DefaultEndpointsProtocol=https;AccountName=storders;AccountKey=${key}` },
    };
    const findings = drift(s.snapshotOf({ resources: [settings] }), [path.join(FIXTURES, 'app')]);
    assert.deepEqual(summary(findings), [`secrets-connection-string ${settings.id} properties.STORAGE @settings.bicep:1:1`]);
    assert.ok(!findings[0].message.includes(key.slice(0, 12)), findings[0].message);
  });

  it('finds none where the deployed vault runs as declared', () => {
    assert.deepEqual(drift(s.snapshotOf({ resources: withAudit([s.vault('kv-orders'), s.vault('kv-payments')]) }), [BICEP, ARM]), []);
  });

  it('is not drift where the template gets the same finding (no audit logs in either)', () => {
    const findings = drift(s.snapshotOf({ resources: [s.vault('kv-orders')] }), [BICEP]);
    assert.deepEqual(findings, []);
  });

  it('is not drift where the template leaves a setting open, nor for a name that cannot be evaluated', () => {
    const scratchName = 'kv-3xampl3n4m3';
    const findings = drift(s.snapshotOf({ resources: withAudit([loosened('kv-billing'), loosened(scratchName)]) }), [BICEP]);
    // kv-billing takes RBAC from a parameter without a default: only its public access, declared 'Disabled', drifted.
    assert.deepEqual(summary(findings), [`keyvault-public-network-access ${s.vaultId('kv-billing')} properties.networkAcls.defaultAction @main.bicep:17:1`]);
    assert.match(findings[0].message, /; the template declares otherwise \(.*main\.bicep, line 17\)$/);
  });

  it('matches nothing in a folder without templates', () => {
    assert.deepEqual(drift(s.snapshotOf({ resources: withAudit([loosened('kv-orders')]) }), [path.join(FIXTURES, 'no-such-folder')]), []);
  });
});
