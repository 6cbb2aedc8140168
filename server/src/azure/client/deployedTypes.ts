/**
 * The resource types the rules look at, each read with one fixed API version so that the properties the rules
 * see do not change under them; a type not listed here is not read. Some settings live in child or extension
 * resources that a GET of the parent does not return: they are read too, as resources of their own type.
 */
export interface DeployedType {
  readonly type: string;
  readonly apiVersion: string;
  readonly children?: readonly ChildRead[];
}

export interface ChildRead {
  readonly type: string;
  /** appended to the parent's id */
  readonly path: string;
  readonly apiVersion: string;
  /** a list of resources rather than one */
  readonly list: boolean;
}

/** A Key Vault's audit logging is a diagnostic setting on it. */
const DIAGNOSTIC_SETTINGS: ChildRead = { type: 'Microsoft.Insights/diagnosticSettings', path: '/providers/Microsoft.Insights/diagnosticSettings', apiVersion: '2021-05-01-preview', list: true };
/** A web app's TLS and FTP settings: the site's own `siteConfig` leaves most of them null. */
const WEB_CONFIG = (type: string): ChildRead => ({ type, path: '/config/web', apiVersion: '2023-12-01', list: false });
const AAD_ONLY = (type: string): ChildRead => ({ type, path: '/azureADOnlyAuthentications', apiVersion: '2021-11-01', list: true });

export const DEPLOYED_TYPES: readonly DeployedType[] = [
  { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', children: [DIAGNOSTIC_SETTINGS] },
  { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-09-01' },
  { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-09-01' },
  { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01' },
  { type: 'Microsoft.Web/sites', apiVersion: '2023-12-01', children: [WEB_CONFIG('Microsoft.Web/sites/config')] },
  { type: 'Microsoft.Web/sites/slots', apiVersion: '2023-12-01', children: [WEB_CONFIG('Microsoft.Web/sites/slots/config')] },
  { type: 'Microsoft.App/containerApps', apiVersion: '2024-03-01' },
  { type: 'Microsoft.App/jobs', apiVersion: '2024-03-01' },
  { type: 'Microsoft.AppConfiguration/configurationStores', apiVersion: '2023-03-01' },
  { type: 'Microsoft.Cache/redis', apiVersion: '2023-08-01' },
  { type: 'Microsoft.CognitiveServices/accounts', apiVersion: '2023-05-01' },
  { type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-03-01' },
  { type: 'Microsoft.Compute/virtualMachineScaleSets', apiVersion: '2024-03-01' },
  { type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2023-07-01' },
  { type: 'Microsoft.ContainerService/managedClusters', apiVersion: '2024-02-01' },
  { type: 'Microsoft.DBforMySQL/flexibleServers', apiVersion: '2023-12-30' },
  { type: 'Microsoft.DBforPostgreSQL/flexibleServers', apiVersion: '2022-12-01' },
  { type: 'Microsoft.DocumentDB/databaseAccounts', apiVersion: '2024-05-15' },
  { type: 'Microsoft.EventHub/namespaces', apiVersion: '2024-01-01' },
  { type: 'Microsoft.ServiceBus/namespaces', apiVersion: '2021-11-01' },
  { type: 'Microsoft.Sql/servers', apiVersion: '2021-11-01', children: [AAD_ONLY('Microsoft.Sql/servers/azureADOnlyAuthentications')] },
  { type: 'Microsoft.Sql/managedInstances', apiVersion: '2021-11-01', children: [AAD_ONLY('Microsoft.Sql/managedInstances/azureADOnlyAuthentications')] },
  { type: 'Microsoft.OperationalInsights/workspaces', apiVersion: '2023-09-01' },
];

const BY_TYPE = new Map(DEPLOYED_TYPES.map((t) => [t.type.toLowerCase(), t]));

/** Resource Manager does not keep the casing of type names steady (`Microsoft.Keyvault/vaults`): match without it. */
export function deployedType(type: string): DeployedType | undefined {
  return BY_TYPE.get(type.toLowerCase());
}

/** Resource listings, role assignments and role definitions. */
export const RESOURCES_API_VERSION = '2021-04-01';
export const AUTHORIZATION_API_VERSION = '2022-04-01';
