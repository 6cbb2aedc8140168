import type { RuleContext } from 'ztlint/lint/ruleApi';
import type { Resource } from 'ztlint/model/template';

/** A service that accepts its own keys or passwords besides Entra ID, and the setting that stops it. */
export interface LocalAuthService {
  readonly type: string;
  /** how a message names the resource: `Storage account` */
  readonly what: string;
  /** what it accepts besides Entra ID: `shared keys` */
  readonly credentials: string;
  /** below the resource body */
  readonly path: string;
  /** the value that turns local authentication off */
  readonly off: boolean;
  /** whether local authentication is on when the setting is not written */
  readonly onByDefault: boolean;
  /** a child resource that sets the same thing after creation (SQL's `azureADOnlyAuthentications`), and its path */
  readonly child?: { readonly type: string; readonly path: string };
  /**
   * The fix cannot create the object that holds the setting: SQL's `administrators` needs the login and object id
   * of an Entra administrator, which only a person knows.
   */
  readonly fixNeedsParent?: boolean;
  /** Whether this resource is a flavour of the service without Entra ID data-plane access: turning keys off locks everyone out. */
  readonly withoutEntraAuth?: (context: RuleContext, resource: Resource) => boolean;
}

const ENTRA_ONLY_SQL = { off: true, onByDefault: true, credentials: 'SQL logins', fixNeedsParent: true } as const;

/** Cosmos DB APIs whose data plane has no Entra ID authentication. */
const COSMOS_WITHOUT_ENTRA = new Set(['enablecassandra', 'enablegremlin', 'enablemongo']);

function cosmosWithoutEntraAuth(context: RuleContext, account: Resource): boolean {
  const kind = context.get(account, 'kind');
  if (kind.state === 'known' && kind.value.kind === 'string' && kind.value.value.toLowerCase() === 'mongodb') return true;
  const capabilities = context.get(account, 'properties.capabilities');
  if (capabilities.state !== 'known' || capabilities.value.kind !== 'array') return false;
  return capabilities.value.items.some((item) => {
    const name = item.kind === 'object' ? item.properties.find((p) => p.key.toLowerCase() === 'name')?.value : undefined;
    return name?.kind === 'string' && COSMOS_WITHOUT_ENTRA.has(name.value.toLowerCase());
  });
}

export const LOCAL_AUTH_SERVICES: readonly LocalAuthService[] = [
  { type: 'Microsoft.Storage/storageAccounts', what: 'Storage account', credentials: 'shared keys and SAS signed with them', path: 'properties.allowSharedKeyAccess', off: false, onByDefault: true },
  { type: 'Microsoft.DocumentDB/databaseAccounts', what: 'Cosmos DB account', credentials: 'account keys', path: 'properties.disableLocalAuth', off: true, onByDefault: true, withoutEntraAuth: cosmosWithoutEntraAuth },
  { type: 'Microsoft.ServiceBus/namespaces', what: 'Service Bus namespace', credentials: 'SAS keys', path: 'properties.disableLocalAuth', off: true, onByDefault: true },
  { type: 'Microsoft.EventHub/namespaces', what: 'Event Hubs namespace', credentials: 'SAS keys', path: 'properties.disableLocalAuth', off: true, onByDefault: true },
  { type: 'Microsoft.AppConfiguration/configurationStores', what: 'App Configuration store', credentials: 'access keys', path: 'properties.disableLocalAuth', off: true, onByDefault: true },
  { type: 'Microsoft.CognitiveServices/accounts', what: 'Azure AI services account', credentials: 'API keys', path: 'properties.disableLocalAuth', off: true, onByDefault: true },
  { type: 'Microsoft.ContainerRegistry/registries', what: 'Container registry', credentials: "its admin user's password", path: 'properties.adminUserEnabled', off: false, onByDefault: false },
  {
    type: 'Microsoft.Sql/servers',
    what: 'SQL server',
    path: 'properties.administrators.azureADOnlyAuthentication',
    child: { type: 'Microsoft.Sql/servers/azureADOnlyAuthentications', path: 'properties.azureADOnlyAuthentication' },
    ...ENTRA_ONLY_SQL,
  },
  {
    type: 'Microsoft.Sql/managedInstances',
    what: 'SQL managed instance',
    path: 'properties.administrators.azureADOnlyAuthentication',
    child: { type: 'Microsoft.Sql/managedInstances/azureADOnlyAuthentications', path: 'properties.azureADOnlyAuthentication' },
    ...ENTRA_ONLY_SQL,
  },
];
