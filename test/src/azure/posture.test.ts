import * as assert from 'node:assert/strict';
import { lintDeployed } from 'ztlint/azure/posture/index';
import type { DeployedFinding, DeployedSnapshot } from 'ztlint/azure/snapshot';
import { builtinCatalogue } from 'ztlint/lint/catalogue';
import * as s from './fixtures-posture/snapshots';
import { growth, LINEAR_AT_MOST } from '../support/growth';

const lint = (snapshot: DeployedSnapshot, severities?: ReadonlyMap<string, 'off' | 'error' | 'warning' | 'info'>, strict = false) =>
  lintDeployed(snapshot, { catalogue: builtinCatalogue(), strict, ...(severities ? { severities } : {}) });
const summary = (findings: readonly DeployedFinding[]) => findings.map((f) => `${f.ruleId} ${f.resourceId}${f.property ? ` ${f.property}` : ''}`).sort();

const appReads = (vaultName: string) => s.assignment(`grant-${vaultName}`, s.vaultId(vaultName), s.ROLE_IDS.keyVaultSecretsUser, s.APP_PRINCIPAL, 'ServicePrincipal');

/** A hardened vault that the web app's managed identity reads, with its audit logs collected. */
const CLEAN = s.snapshotOf({ resources: [s.vault('kv-orders'), s.auditSetting('kv-orders'), s.webApp('app-orders')], roleAssignments: [appReads('kv-orders')] });

describe('lintDeployed: the catalogue on deployed resources', () => {
  it('finds nothing on a hardened vault read by a managed identity, not even in strict mode', () => {
    assert.deepEqual(summary(lint(CLEAN)), []);
    // Deployed values are all known: nothing is left that strict mode would report as unverifiable.
    assert.deepEqual(summary(lint(CLEAN, undefined, true)), []);
  });

  it('finds nothing in an empty subscription, and reads resources without properties', () => {
    assert.deepEqual(lint(s.snapshotOf({ roleDefinitions: [] })), []);
    const bare = { id: `${s.GROUP}/providers/Microsoft.OperationalInsights/workspaces/log-orders`, type: 'Microsoft.OperationalInsights/workspaces', name: 'log-orders', apiVersion: '2023-09-01', properties: null };
    assert.deepEqual(lint(s.snapshotOf({ resources: [bare] })), []);
  });

  it('points the findings on a vault that runs access policies and open networks at its id and properties', () => {
    const { enablePurgeProtection: _, ...withoutPurgeProtection } = s.vault('kv-legacy').properties as Record<string, unknown>;
    const legacy = {
      ...s.vault('kv-legacy'),
      properties: {
        ...withoutPurgeProtection,
        enableRbacAuthorization: false,
        accessPolicies: [{ tenantId: s.TENANT_ID, objectId: s.APP_PRINCIPAL, permissions: { keys: [], secrets: ['all'], certificates: [] } }],
        publicNetworkAccess: 'Enabled',
        networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow', ipRules: [], virtualNetworkRules: [] },
      },
    };
    const id = s.vaultId('kv-legacy');
    const findings = lint(s.snapshotOf({ resources: [legacy, s.webApp('app-orders')] }));
    assert.deepEqual(summary(findings), [
      `keyvault-access-policy-too-broad ${id} properties.accessPolicies[0].permissions.secrets`,
      `keyvault-public-network-access ${id} properties.networkAcls.defaultAction`,
      `keyvault-purge-protection-disabled ${id}`,
      `keyvault-rbac-disabled ${id} properties.enableRbacAuthorization`,
      `monitoring-keyvault-audit-logs ${id}`,
    ]);
    assert.match(findings.find((f) => f.ruleId === 'keyvault-rbac-disabled')!.message, /^Key Vault 'kv-legacy' uses access policies/);
  });

  it('reads a vault\'s audit setting, an extension resource, from its id', () => {
    const withoutAudit = s.snapshotOf({ resources: [s.vault('kv-orders'), s.webApp('app-orders')], roleAssignments: [appReads('kv-orders')] });
    assert.deepEqual(summary(lint(withoutAudit)), [`monitoring-keyvault-audit-logs ${s.vaultId('kv-orders')}`]);
  });

  it('applies the configured severities, and `off`', () => {
    const snapshot = s.snapshotOf({ resources: [s.vault('kv-orders'), s.webApp('app-orders')], roleAssignments: [appReads('kv-orders')] });
    assert.deepEqual(lint(snapshot, new Map([['monitoring-keyvault-audit-logs', 'error' as const]])).map((f) => f.severity), ['error']);
    assert.deepEqual(lint(snapshot, new Map([['monitoring-keyvault-audit-logs', 'off' as const]])), []);
  });
});

describe('lintDeployed: who can reach a Key Vault', () => {
  const vaultsAndApps = [s.vault('kv-orders'), s.auditSetting('kv-orders'), s.webApp('app-orders'), s.containerAppWithUserIdentity('ca-reports')];

  it('counts role assignments inherited from the resource group and the subscription', () => {
    const atGroup = s.assignment('grant-group', s.GROUP, s.ROLE_IDS.keyVaultSecretsUser, s.APP_PRINCIPAL, 'ServicePrincipal');
    const atSubscription = s.assignment('grant-sub', s.SUBSCRIPTION, s.ROLE_IDS.keyVaultSecretsUser, s.UAI_PRINCIPAL, 'ServicePrincipal');
    assert.deepEqual(summary(lint(s.snapshotOf({ resources: vaultsAndApps, roleAssignments: [atGroup] }))), []);
    assert.deepEqual(summary(lint(s.snapshotOf({ resources: vaultsAndApps, roleAssignments: [atSubscription] }))), []);
  });

  it('matches scopes whatever their casing (role assignment scopes often read `resourcegroups`)', () => {
    const atGroup = s.assignment('grant-group', s.GROUP.replace('resourceGroups/rg-orders', 'resourcegroups/RG-Orders'), s.ROLE_IDS.keyVaultSecretsUser, s.APP_PRINCIPAL, 'ServicePrincipal');
    const onVault = s.assignment('grant-vault', s.vaultId('KV-ORDERS').replace('Microsoft.KeyVault', 'Microsoft.Keyvault'), s.ROLE_IDS.keyVaultSecretsUser, s.APP_PRINCIPAL.toUpperCase(), 'ServicePrincipal');
    assert.deepEqual(summary(lint(s.snapshotOf({ resources: vaultsAndApps, roleAssignments: [atGroup] }))), []);
    assert.deepEqual(summary(lint(s.snapshotOf({ resources: vaultsAndApps, roleAssignments: [onVault] }))), []);
  });

  it('does not count a grant on another resource group', () => {
    const elsewhere = s.assignment('grant-other', s.OTHER_GROUP, s.ROLE_IDS.keyVaultSecretsUser, s.APP_PRINCIPAL, 'ServicePrincipal');
    assert.deepEqual(summary(lint(s.snapshotOf({ resources: vaultsAndApps, roleAssignments: [elsewhere] }))), [`keyvault-no-role-assignment ${s.vaultId('kv-orders')}`]);
  });

  it('reports a vault on RBAC that only people and application registrations can read', () => {
    const person = s.assignment('officer', s.vaultId('kv-orders'), s.ROLE_IDS.keyVaultSecretsOfficer, s.USER_PRINCIPAL, 'User');
    const registration = s.assignment('pipeline', s.vaultId('kv-orders'), s.ROLE_IDS.keyVaultSecretsUser, s.APP_REGISTRATION_PRINCIPAL, 'ServicePrincipal');
    const findings = lint(s.snapshotOf({ resources: vaultsAndApps, roleAssignments: [person, registration] }));
    assert.deepEqual(summary(findings), [`keyvault-no-managed-identity-access ${s.vaultId('kv-orders')}`]);
    assert.deepEqual(findings[0].related?.map((r) => r.resourceId), [person.id, registration.id]);
    assert.match(findings[0].message, /^Key Vault 'kv-orders' uses Azure RBAC, but none of the role assignments that reach it lets a managed identity read its secrets or use its keys/);
  });

  it('reports a vault whose managed identities hold only roles without data access', () => {
    const reader = s.assignment('reader', s.vaultId('kv-orders'), s.ROLE_IDS.reader, s.APP_PRINCIPAL, 'ServicePrincipal');
    assert.deepEqual(summary(lint(s.snapshotOf({ resources: vaultsAndApps, roleAssignments: [reader] }))), [`keyvault-no-managed-identity-access ${s.vaultId('kv-orders')}`]);
  });

  it('reads a custom role\'s data actions from its definition', () => {
    const secretsReader = s.roleDefinition(s.CUSTOM_ROLE, 'Orders secrets reader', ['Microsoft.KeyVault/vaults/secrets/*']);
    const grant = s.assignment('custom', s.GROUP, s.CUSTOM_ROLE, s.UAI_PRINCIPAL, 'ServicePrincipal');
    const clean = lint(s.snapshotOf({ resources: vaultsAndApps, roleAssignments: [grant], roleDefinitions: [...s.BUILT_IN_DEFINITIONS, secretsReader] }));
    assert.deepEqual(summary(clean), [], 'a user-assigned identity of a container app holds it on the resource group');

    const metadataOnly = s.roleDefinition(s.CUSTOM_ROLE, 'Orders secrets lister', ['Microsoft.KeyVault/vaults/secrets/*'], 'CustomRole', ['Microsoft.KeyVault/vaults/secrets/getSecret/action']);
    const onVault = s.assignment('custom', s.vaultId('kv-orders'), s.CUSTOM_ROLE, s.UAI_PRINCIPAL, 'ServicePrincipal');
    const flagged = lint(s.snapshotOf({ resources: vaultsAndApps, roleAssignments: [onVault], roleDefinitions: [...s.BUILT_IN_DEFINITIONS, metadataOnly] }));
    assert.deepEqual(summary(flagged), [`keyvault-no-managed-identity-access ${s.vaultId('kv-orders')}`]);
  });
});

describe('lintDeployed: standing privileged roles', () => {
  const resources = [s.vault('kv-orders'), s.auditSetting('kv-orders'), s.webApp('app-orders')];
  const standing = (name: string, role: string, scope: string, type = 'User') => s.assignment(name, scope, role, s.USER_PRINCIPAL, type);

  it('reports Owner, Contributor and User Access Administrator held by a person on the subscription, pointing to PIM', () => {
    const assignments = [standing('owner', s.ROLE_IDS.owner, s.SUBSCRIPTION), standing('contributor', s.ROLE_IDS.contributor, s.SUBSCRIPTION), standing('uaa', s.ROLE_IDS.userAccessAdministrator, s.SUBSCRIPTION)];
    const findings = lint(s.snapshotOf({ resources, roleAssignments: [appReads('kv-orders'), ...assignments] }));
    assert.deepEqual(summary(findings), assignments.map((a) => `identity-standing-privileged-role ${a.id} properties.roleDefinitionId`).sort());
    for (const finding of findings) {
      assert.equal(finding.severity, 'error');
      assert.match(finding.message, /grants a privileged role permanently on the whole subscription; make it eligible through Privileged Identity Management \(just in time\)/);
    }
    assert.deepEqual(findings.map((f) => f.message.replace(/.*the role is /, '')).sort(), ['Contributor', 'Owner', 'User Access Administrator']);
  });

  it('does not report them on a resource group, nor Reader on the subscription', () => {
    const assignments = [standing('owner', s.ROLE_IDS.owner, s.GROUP), standing('reader', s.ROLE_IDS.reader, s.SUBSCRIPTION)];
    assert.deepEqual(summary(lint(s.snapshotOf({ resources, roleAssignments: [appReads('kv-orders'), ...assignments] }))), []);
  });

  it('warns, without PIM, about an application identity that holds Owner on the subscription', () => {
    const findings = lint(s.snapshotOf({ resources, roleAssignments: [appReads('kv-orders'), standing('app-owner', s.ROLE_IDS.owner, s.SUBSCRIPTION, 'ServicePrincipal')] }));
    assert.deepEqual(findings.map((f) => f.severity), ['warning']);
    assert.match(findings[0].message, /gives an application identity a privileged role on the whole subscription/);
  });
});

describe('lintDeployed: a subscription\'s worth of resources', () => {
  /** `n` vaults, each read by its own web app and also granted to three people. */
  const many = (n: number) =>
    s.snapshotOf({
      resources: Array.from({ length: n }, (_, i) => [s.vault(`kv-${i}`), s.auditSetting(`kv-${i}`), s.webApp(`app-${i}`, `11111111-0000-4000-8000-${String(i).padStart(12, '0')}`)]).flat(),
      roleAssignments: Array.from({ length: n }, (_, i) => [
        s.assignment(`app-${i}`, s.vaultId(`kv-${i}`), s.ROLE_IDS.keyVaultSecretsUser, `11111111-0000-4000-8000-${String(i).padStart(12, '0')}`, 'ServicePrincipal'),
        ...[1, 2, 3].map((j) => s.assignment(`person-${i}-${j}`, s.vaultId(`kv-${i}`), s.ROLE_IDS.keyVaultSecretsOfficer, s.USER_PRINCIPAL, 'User')),
      ]).flat(),
    });

  it('takes time in proportion to the resources, not to vaults times role assignments', () => {
    assert.deepEqual(lint(many(300)), []);
    const ratio = growth(300, many, lint);
    assert.ok(ratio < LINEAR_AT_MOST, `4x the vaults and assignments cost ${ratio.toFixed(1)}x`);
  });
});
