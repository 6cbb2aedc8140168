import type { Rule, RuleContext } from 'ztlint/lint/ruleApi';
import type { Resource } from 'ztlint/model/template';
import { PrivateEndpoints, privateEndpointFacts } from './privateEndpoints';

interface Service {
  readonly type: string;
  /** how messages name the resource */
  readonly service: string;
  /** where public access is switched; the value is `Enabled` or `Disabled` (any case), `Enabled` when unset */
  readonly path: string;
  /** the private endpoint sub-resources (`groupIds`) of the service, lower-cased */
  readonly groupIds: readonly string[];
  /** a firewall that denies by default or an injection into a virtual network: not open to every network */
  readonly restricted?: (context: RuleContext, resource: Resource) => boolean;
  /** SKUs that cannot turn public access off (nor have private endpoints) */
  readonly publicOnlySkus?: readonly string[];
}

function equalsAt(context: RuleContext, resource: Resource, path: string, expected: string | boolean): boolean {
  const found = context.get(resource, path);
  if (found.state !== 'known') return false;
  const { value } = found;
  return typeof expected === 'string' ? value.kind === 'string' && value.value.toLowerCase() === expected.toLowerCase() : value.kind === 'boolean' && value.value === expected;
}

function setAt(context: RuleContext, resource: Resource, path: string): boolean {
  const found = context.get(resource, path);
  if (found.state === 'unknown') return true;
  if (found.state === 'absent') return false;
  const { value } = found;
  return value.kind === 'array' ? value.items.length > 0 : value.kind !== 'null' && !(value.kind === 'string' && value.value === '');
}

const denyByDefault = (path: string) => (context: RuleContext, resource: Resource) => equalsAt(context, resource, path, 'Deny');

/** Child resources of `resource` of `type`, whether nested, `parent:`-linked or named `parent/child`. */
function children(context: RuleContext, resource: Resource, type: string): Resource[] {
  const name = context.evaluate(resource.fullName, resource.template);
  return context.resources(type).filter((child) => {
    if (child.parent) return child.parent === resource;
    const full = context.evaluate(child.fullName, child.template);
    return name.kind === 'string' && full.kind === 'string' && full.value.toLowerCase().startsWith(`${name.value.toLowerCase()}/`);
  });
}

/** Service Bus and Event Hubs keep their firewall in a `networkRuleSets` child. */
const ruleSetDenies = (type: string) => (context: RuleContext, resource: Resource) =>
  children(context, resource, `${type}/networkRuleSets`).some((set) => equalsAt(context, set, 'properties.defaultAction', 'Deny') || equalsAt(context, set, 'properties.publicNetworkAccess', 'Disabled'));

const SERVICES: readonly Service[] = [
  {
    type: 'Microsoft.Storage/storageAccounts',
    service: 'Storage account',
    path: 'properties.publicNetworkAccess',
    groupIds: ['blob', 'table', 'queue', 'file', 'web', 'dfs'].flatMap((g) => [g, `${g}_secondary`]),
    restricted: denyByDefault('properties.networkAcls.defaultAction'),
  },
  { type: 'Microsoft.Sql/servers', service: 'SQL server', path: 'properties.publicNetworkAccess', groupIds: ['sqlserver'] },
  {
    type: 'Microsoft.DocumentDB/databaseAccounts',
    service: 'Cosmos DB account',
    path: 'properties.publicNetworkAccess',
    groupIds: ['sql', 'mongodb', 'cassandra', 'gremlin', 'table', 'analytical'],
    restricted: (context, resource) => equalsAt(context, resource, 'properties.isVirtualNetworkFilterEnabled', true) || setAt(context, resource, 'properties.ipRules'),
  },
  {
    type: 'Microsoft.Cache/redis',
    service: 'Redis cache',
    path: 'properties.publicNetworkAccess',
    groupIds: ['rediscache'],
    restricted: (context, resource) => setAt(context, resource, 'properties.subnetId') || children(context, resource, 'Microsoft.Cache/redis/firewallRules').length > 0,
  },
  { type: 'Microsoft.ServiceBus/namespaces', service: 'Service Bus namespace', path: 'properties.publicNetworkAccess', groupIds: ['namespace'], restricted: ruleSetDenies('Microsoft.ServiceBus/namespaces'), publicOnlySkus: ['basic', 'standard'] },
  { type: 'Microsoft.EventHub/namespaces', service: 'Event Hubs namespace', path: 'properties.publicNetworkAccess', groupIds: ['namespace'], restricted: ruleSetDenies('Microsoft.EventHub/namespaces'), publicOnlySkus: ['basic'] },
  { type: 'Microsoft.AppConfiguration/configurationStores', service: 'App Configuration store', path: 'properties.publicNetworkAccess', groupIds: ['configurationstores'], publicOnlySkus: ['free'] },
  { type: 'Microsoft.CognitiveServices/accounts', service: 'Cognitive Services account', path: 'properties.publicNetworkAccess', groupIds: ['account'], restricted: denyByDefault('properties.networkAcls.defaultAction') },
  {
    type: 'Microsoft.ContainerRegistry/registries',
    service: 'Container registry',
    path: 'properties.publicNetworkAccess',
    groupIds: ['registry'],
    restricted: denyByDefault('properties.networkRuleSet.defaultAction'),
    publicOnlySkus: ['basic', 'standard'],
  },
  ...[
    ['Microsoft.DBforPostgreSQL/flexibleServers', 'PostgreSQL flexible server', 'postgresqlserver'],
    ['Microsoft.DBforMySQL/flexibleServers', 'MySQL flexible server', 'mysqlserver'],
  ].map(([type, service, groupId]): Service => ({
    type,
    service,
    path: 'properties.network.publicNetworkAccess',
    groupIds: [groupId],
    // A server integrated into a virtual network (private access) has no public endpoint at all.
    restricted: (context, resource) => setAt(context, resource, 'properties.network.delegatedSubnetResourceId'),
  })),
];

const DISABLED = 'Disabled';

export const dataPublicNetworkAccess: Rule = {
  id: 'data-public-network-access',
  title: 'Data service is reachable from public networks without a private endpoint',
  severity: 'warning',
  area: 'data',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  workspaceFacts: [privateEndpointFacts],
  check(context) {
    let endpoints: PrivateEndpoints | undefined;
    for (const service of SERVICES) {
      for (const resource of context.resources(service.type)) {
        if (resource.existing) continue;
        const access = context.get(resource, service.path);
        const label = `${service.service} ${context.label(resource)}`;
        if (access.state === 'unknown') {
          context.cannotVerify(access, `whether ${label} accepts traffic from public networks`);
          continue;
        }
        if (access.state === 'known' && !(access.value.kind === 'string' && access.value.value.toLowerCase() === 'enabled')) continue;
        if (service.restricted?.(context, resource)) continue;
        endpoints ??= new PrivateEndpoints(context);
        if (endpoints.connects(resource, service.groupIds)) continue;

        const key = service.path.slice(service.path.lastIndexOf('.') + 1);
        const state = access.state === 'absent' ? `\`${key}\` is not set, and it defaults to 'Enabled'` : `\`${key}\` is '${access.value.kind === 'string' ? access.value.value : ''}'`;
        const sku = publicOnlySku(context, resource, service);
        if (sku !== undefined) {
          context.report({
            message: `${label} accepts traffic from public networks, and its ${sku} SKU cannot turn that off: move to a SKU that supports private endpoints to keep it off the internet`,
            at: resource,
            severity: 'info',
          });
          continue;
        }
        // Not safe unattended: every client that reaches the service over the internet today is cut off.
        const title = `Set ${key} to '${DISABLED}'`;
        context.report({
          message: `${label} accepts traffic from public networks and no private endpoint connects to it (connect it through a private endpoint and set \`${key}\` to '${DISABLED}'): ${state}`,
          at: access.state === 'absent' ? resource : access,
          fix: {
            title,
            safe: false,
            intents: [access.state === 'absent' ? { kind: 'add-property', container: access.container, path: access.missing, value: DISABLED } : { kind: 'replace-value', value: access.value, with: DISABLED }],
          },
        });
      }
    }
  },
};

/** The SKU's name when it is one that cannot go private. */
function publicOnlySku(context: RuleContext, resource: Resource, service: Service): string | undefined {
  if (!service.publicOnlySkus) return undefined;
  const sku = context.get(resource, 'sku.name');
  if (sku.state !== 'known' || sku.value.kind !== 'string') return undefined;
  return service.publicOnlySkus.includes(sku.value.value.toLowerCase()) ? sku.value.value : undefined;
}
