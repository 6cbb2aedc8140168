import { ROLE_IDS, vault as deployedVault, vaultId } from '../fixtures-posture/snapshots';

/**
 * What the stand-in's subscription holds, shaped as Resource Manager returns it (api-versions of 2023-2024):
 * ids with the casing Azure uses, `properties` as a GET returns them, role assignments and definitions with
 * their real built-in role ids. Every id, tenant and principal is made up.
 */
export const SUBSCRIPTION_ID = '00000000-0000-4000-8000-00000000c0de';
/** A subscription the signed-in identity has no role on. */
export const DENIED_SUBSCRIPTION_ID = '00000000-0000-4000-8000-00000000dead';
export const TENANT_ID = '00000000-0000-4000-8000-0000000000a1';

const SUB = `/subscriptions/${SUBSCRIPTION_ID}`;
export const RG_APP = `${SUB}/resourceGroups/rg-app`;
export const RG_LOCKED = `${SUB}/resourceGroups/rg-locked`;

const provider = (rg: string, type: string, name: string) => `${rg}/providers/${type}/${name}`;

export const IDS = {
  legacyVault: vaultId('kv-legacy', RG_APP),
  orphanVault: vaultId('kv-orphan', RG_APP),
  appVault: vaultId('kv-app', RG_APP),
  openNsg: provider(RG_APP, 'Microsoft.Network/networkSecurityGroups', 'nsg-open'),
  storage: provider(RG_APP, 'Microsoft.Storage/storageAccounts', 'stappdata'),
  webApp: provider(RG_APP, 'Microsoft.Web/sites', 'app-orders'),
  publicIp: provider(RG_APP, 'Microsoft.Network/publicIPAddresses', 'pip-orders'),
  lockedVault: vaultId('kv-locked', RG_LOCKED),
};

export const PRINCIPALS = {
  /** a person with standing Owner on the subscription */
  owner: '00000000-0000-4000-8000-0000000000b1',
  /** the web app's system-assigned identity */
  webApp: '00000000-0000-4000-8000-0000000000b2',
  readers: '00000000-0000-4000-8000-0000000000b3',
};

/** A vault as a GET returns it: the posture tests' vault, in this subscription's tenant. */
function vault(name: string, group: string, properties: object = {}) {
  // A GET's answer does not carry the api-version it was asked with.
  const { apiVersion: _asked, ...answer } = deployedVault(name, { tenantId: TENANT_ID, ...properties }, group);
  return answer;
}

/** Full resources, as a GET on each id returns them. */
export const RESOURCES: readonly { readonly id: string; readonly type: string; readonly [key: string]: unknown }[] = [
  vault('kv-legacy', RG_APP, {
    enableRbacAuthorization: false,
    accessPolicies: [{ tenantId: TENANT_ID, objectId: PRINCIPALS.webApp, permissions: { keys: [], secrets: ['get', 'list'], certificates: [] } }],
  }),
  vault('kv-orphan', RG_APP),
  vault('kv-app', RG_APP),
  {
    id: IDS.openNsg,
    name: 'nsg-open',
    type: 'Microsoft.Network/networkSecurityGroups',
    location: 'westeurope',
    etag: 'W/"00000000-0000-4000-8000-000000000e01"',
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: '00000000-0000-4000-8000-000000000e02',
      securityRules: [
        {
          name: 'allow-ssh',
          id: `${IDS.openNsg}/securityRules/allow-ssh`,
          type: 'Microsoft.Network/networkSecurityGroups/securityRules',
          properties: {
            provisioningState: 'Succeeded',
            protocol: 'Tcp',
            sourcePortRange: '*',
            destinationPortRange: '22',
            sourceAddressPrefix: 'Internet',
            destinationAddressPrefix: '*',
            access: 'Allow',
            priority: 100,
            direction: 'Inbound',
            sourcePortRanges: [],
            destinationPortRanges: [],
            sourceAddressPrefixes: [],
            destinationAddressPrefixes: [],
          },
        },
      ],
      defaultSecurityRules: [
        {
          name: 'DenyAllInBound',
          id: `${IDS.openNsg}/defaultSecurityRules/DenyAllInBound`,
          type: 'Microsoft.Network/networkSecurityGroups/defaultSecurityRules',
          properties: { protocol: '*', sourcePortRange: '*', destinationPortRange: '*', sourceAddressPrefix: '*', destinationAddressPrefix: '*', access: 'Deny', priority: 65500, direction: 'Inbound' },
        },
      ],
    },
  },
  {
    id: IDS.storage,
    name: 'stappdata',
    type: 'Microsoft.Storage/storageAccounts',
    location: 'westeurope',
    kind: 'StorageV2',
    sku: { name: 'Standard_ZRS', tier: 'Standard' },
    properties: {
      minimumTlsVersion: 'TLS1_2',
      allowBlobPublicAccess: false,
      allowSharedKeyAccess: false,
      supportsHttpsTrafficOnly: true,
      publicNetworkAccess: 'Disabled',
      networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] },
      encryption: { keySource: 'Microsoft.Storage', services: { blob: { enabled: true, keyType: 'Account' } } },
      accessTier: 'Hot',
      provisioningState: 'Succeeded',
    },
  },
  {
    id: IDS.webApp,
    name: 'app-orders',
    type: 'Microsoft.Web/sites',
    kind: 'app,linux',
    location: 'West Europe',
    identity: { type: 'SystemAssigned', principalId: PRINCIPALS.webApp, tenantId: TENANT_ID },
    properties: {
      state: 'Running',
      hostNames: ['app-orders.azurewebsites.net'],
      httpsOnly: true,
      publicNetworkAccess: 'Enabled',
      // A GET of the site leaves most of siteConfig null; config/web has the values.
      siteConfig: { minTlsVersion: null, ftpsState: null, linuxFxVersion: 'NODE|20-lts' },
    },
  },
  { id: `${IDS.webApp}/config/web`, name: 'app-orders', type: 'Microsoft.Web/sites/config', location: 'West Europe', properties: { minTlsVersion: '1.2', ftpsState: 'Disabled', http20Enabled: true, linuxFxVersion: 'NODE|20-lts' } },
  { id: IDS.publicIp, name: 'pip-orders', type: 'Microsoft.Network/publicIPAddresses', location: 'westeurope', properties: { publicIPAllocationMethod: 'Static', ipAddress: '203.0.113.10' } },
  vault('kv-locked', RG_LOCKED),
];

/** Extension resources a GET of their parent does not return: the audit log settings of one vault. */
export const DIAGNOSTIC_SETTINGS: Readonly<Record<string, readonly object[]>> = {
  [IDS.appVault]: [
    {
      id: `${IDS.appVault}/providers/microsoft.insights/diagnosticSettings/audit`,
      name: 'audit',
      type: 'Microsoft.Insights/diagnosticSettings',
      properties: { workspaceId: `${RG_APP}/providers/Microsoft.OperationalInsights/workspaces/log-orders`, logs: [{ categoryGroup: 'audit', enabled: true }] },
    },
  ],
};

const assignment = (name: string, scope: string, principalId: string, principalType: string, role: string) => ({
  id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`,
  name,
  type: 'Microsoft.Authorization/roleAssignments',
  properties: { roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}`, principalId, principalType, scope, condition: null, createdOn: '2025-03-01T10:00:00.0000000Z' },
});

export const ROLE_ASSIGNMENTS = [
  assignment('00000000-0000-4000-8000-0000000000f1', SUB, PRINCIPALS.owner, 'User', ROLE_IDS.owner),
  assignment('00000000-0000-4000-8000-0000000000f2', IDS.appVault, PRINCIPALS.webApp, 'ServicePrincipal', ROLE_IDS.keyVaultSecretsUser),
  assignment('00000000-0000-4000-8000-0000000000f3', RG_APP, PRINCIPALS.readers, 'Group', ROLE_IDS.reader),
];

const definition = (guid: string, roleName: string, permissions: { actions?: string[]; dataActions?: string[] }) => ({
  id: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${guid}`,
  name: guid,
  type: 'Microsoft.Authorization/roleDefinitions',
  properties: {
    roleName,
    type: 'BuiltInRole',
    description: roleName,
    assignableScopes: ['/'],
    permissions: [{ actions: permissions.actions ?? [], notActions: [], dataActions: permissions.dataActions ?? [], notDataActions: [] }],
  },
});

export const ROLE_DEFINITIONS = [
  definition(ROLE_IDS.owner, 'Owner', { actions: ['*'] }),
  definition(ROLE_IDS.reader, 'Reader', { actions: ['*/read'] }),
  definition(ROLE_IDS.keyVaultSecretsUser, 'Key Vault Secrets User', { dataActions: ['Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action'] }),
  definition(ROLE_IDS.keyVaultAdministrator, 'Key Vault Administrator', { actions: ['Microsoft.Authorization/*/read', 'Microsoft.KeyVault/checkNameAvailability/read'], dataActions: ['Microsoft.KeyVault/vaults/*'] }),
];
