import type { DeployedResource, DeployedRoleAssignment, DeployedRoleDefinition, DeployedSnapshot } from 'ztlint/azure/snapshot';

/** Shapes as Resource Manager returns them to GET requests; every id, GUID and tenant here is made up. */
export const SUBSCRIPTION_ID = '00000000-0000-4000-8000-0000000000aa';
export const TENANT_ID = '00000000-0000-4000-8000-0000000000ee';
export const SUBSCRIPTION = `/subscriptions/${SUBSCRIPTION_ID}`;
export const GROUP = `${SUBSCRIPTION}/resourceGroups/rg-orders`;
export const OTHER_GROUP = `${SUBSCRIPTION}/resourceGroups/rg-reports`;

export const ROLE_IDS = {
  owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  userAccessAdministrator: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
  keyVaultAdministrator: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
} as const;

export const APP_PRINCIPAL = '11111111-0000-4000-8000-000000000001';
export const UAI_PRINCIPAL = '11111111-0000-4000-8000-000000000002';
export const USER_PRINCIPAL = '22222222-0000-4000-8000-000000000001';
export const APP_REGISTRATION_PRINCIPAL = '33333333-0000-4000-8000-000000000001';
export const CUSTOM_ROLE = '44444444-0000-4000-8000-000000000001';

export const roleDefinitionId = (guid: string) => `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
export const vaultId = (name: string, group = GROUP) => `${group}/providers/Microsoft.KeyVault/vaults/${name}`;

/** A vault as `GET .../vaults/{name}?api-version=2023-07-01` returns it. */
export function vault(name: string, properties: Record<string, unknown> = {}, group = GROUP): DeployedResource {
  return {
    id: vaultId(name, group),
    type: 'Microsoft.KeyVault/vaults',
    name,
    apiVersion: '2023-07-01',
    location: 'westeurope',
    tags: { workload: 'orders' },
    properties: {
      sku: { family: 'A', name: 'standard' },
      tenantId: TENANT_ID,
      accessPolicies: [],
      enabledForDeployment: false,
      enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false,
      enableSoftDelete: true,
      softDeleteRetentionInDays: 90,
      enableRbacAuthorization: true,
      enablePurgeProtection: true,
      vaultUri: `https://${name}.vault.azure.net/`,
      provisioningState: 'Succeeded',
      publicNetworkAccess: 'Disabled',
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] },
      ...properties,
    },
  };
}

/** A diagnostic setting on a vault that sends its audit logs to a workspace. */
export function auditSetting(vaultName: string, group = GROUP): DeployedResource {
  return {
    id: `${vaultId(vaultName, group)}/providers/Microsoft.Insights/diagnosticSettings/audit`,
    type: 'Microsoft.Insights/diagnosticSettings',
    name: 'audit',
    apiVersion: '2021-05-01-preview',
    properties: {
      workspaceId: `${GROUP}/providers/Microsoft.OperationalInsights/workspaces/log-orders`,
      logs: [{ category: null, categoryGroup: 'audit', enabled: true, retentionPolicy: { days: 0, enabled: false } }],
      metrics: [],
    },
  };
}

/** A web app with a system-assigned identity, as `GET .../sites/{name}` returns it (most of it left out). */
export function webApp(name: string, principalId = APP_PRINCIPAL): DeployedResource {
  return {
    id: `${GROUP}/providers/Microsoft.Web/sites/${name}`,
    type: 'Microsoft.Web/sites',
    name,
    apiVersion: '2023-12-01',
    location: 'westeurope',
    kind: 'app,linux',
    identity: { type: 'SystemAssigned', tenantId: TENANT_ID, principalId },
    properties: { state: 'Running', httpsOnly: true, publicNetworkAccess: 'Disabled', siteConfig: { minTlsVersion: '1.2', ftpsState: 'Disabled' }, provisioningState: 'Succeeded' },
  };
}

/** A container app that runs as a user-assigned identity: only the identity's principal id says so. */
export function containerAppWithUserIdentity(name: string, principalId = UAI_PRINCIPAL): DeployedResource {
  const identityId = `${GROUP}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-${name}`;
  return {
    id: `${GROUP}/providers/Microsoft.App/containerApps/${name}`,
    type: 'Microsoft.App/containerApps',
    name,
    apiVersion: '2024-03-01',
    location: 'westeurope',
    identity: { type: 'UserAssigned', userAssignedIdentities: { [identityId]: { principalId, clientId: '55555555-0000-4000-8000-000000000001' } } },
    properties: { provisioningState: 'Succeeded', configuration: { ingress: { external: false, allowInsecure: false } } },
  };
}

export function assignment(name: string, scope: string, role: string, principalId: string, principalType: string): DeployedRoleAssignment {
  return { id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`, scope, principalId, principalType, roleDefinitionId: roleDefinitionId(role) };
}

export function roleDefinition(guid: string, roleName: string, dataActions: string[], roleType = 'CustomRole', notDataActions: string[] = []): DeployedRoleDefinition {
  return { id: roleDefinitionId(guid), roleName, roleType, permissions: [{ actions: [], notActions: [], dataActions, notDataActions }] };
}

export const BUILT_IN_DEFINITIONS: readonly DeployedRoleDefinition[] = [
  roleDefinition(ROLE_IDS.owner, 'Owner', [], 'BuiltInRole'),
  roleDefinition(ROLE_IDS.contributor, 'Contributor', [], 'BuiltInRole'),
  roleDefinition(ROLE_IDS.userAccessAdministrator, 'User Access Administrator', [], 'BuiltInRole'),
  roleDefinition(ROLE_IDS.reader, 'Reader', [], 'BuiltInRole'),
  roleDefinition(ROLE_IDS.keyVaultSecretsUser, 'Key Vault Secrets User', ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'], 'BuiltInRole'),
  roleDefinition(ROLE_IDS.keyVaultSecretsOfficer, 'Key Vault Secrets Officer', ['Microsoft.KeyVault/vaults/secrets/*'], 'BuiltInRole'),
];

export function snapshotOf(parts: Partial<Pick<DeployedSnapshot, 'resources' | 'roleAssignments' | 'roleDefinitions'>>): DeployedSnapshot {
  return { subscriptionId: SUBSCRIPTION_ID, resourceGroups: [], resources: [], roleAssignments: [], roleDefinitions: BUILT_IN_DEFINITIONS, problems: [], ...parts };
}
