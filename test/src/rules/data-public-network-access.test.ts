import { ruleCases } from '../support/ruleTester';

const STORAGE_BICEP = (properties: string, before = '', after = '') => `${before}resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'storders'
  location: resourceGroup().location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
${properties}  }
}
${after}`;

const ENDPOINT_BICEP = (target: string, groupId = 'blob') => `
resource endpoint 'Microsoft.Network/privateEndpoints@2023-09-01' = {
  name: 'pe'
  location: resourceGroup().location
  properties: {
    subnet: { id: subnetId }
    privateLinkServiceConnections: [
      {
        name: 'pe'
        properties: {
          privateLinkServiceId: ${target}
          groupIds: ['${groupId}']
        }
      }
    ]
  }
}
`;

const armTemplate = (resources: string, extra = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",${extra}
  "resources": [
${resources}
  ]
}
`;

const armResource = (type: string, apiVersion: string, name: string, properties: string, extra = '') => `    {
      "type": "${type}",
      "apiVersion": "${apiVersion}",
      "name": ${name},
      "location": "[resourceGroup().location]",${extra}
      "properties": {
${properties}
      }
    }`;

const ARM_ENDPOINT = (target: string, groupId: string) => `    {
      "type": "Microsoft.Network/privateEndpoints",
      "apiVersion": "2023-09-01",
      "name": "pe",
      "location": "[resourceGroup().location]",
      "properties": {
        "subnet": { "id": "[parameters('subnetId')]" },
        "privateLinkServiceConnections": [
          { "name": "pe", "properties": { "privateLinkServiceId": "${target}", "groupIds": ["${groupId}"] } }
        ]
      }
    }`;

ruleCases('data-public-network-access', {
  flagged: [
    {
      name: 'a Bicep storage account that leaves public access at its default',
      file: 'main.bicep',
      text: STORAGE_BICEP(''),
      message: /^Storage account `storage` accepts traffic from public networks and no private endpoint connects to it \(connect it through a private endpoint and set `publicNetworkAccess` to 'Disabled'\): `publicNetworkAccess` is not set, and it defaults to 'Enabled'$/,
      fixed: STORAGE_BICEP("    publicNetworkAccess: 'Disabled'\n"),
    },
    {
      name: 'a SQL server enabled by a parameter default, fixed at the default',
      file: 'main.bicep',
      text: `param publicAccess string = 'Enabled'\n\nresource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {\n  name: 'sql-orders'\n  properties: {\n    publicNetworkAccess: publicAccess\n  }\n}\n`,
      message: /^SQL server `sql` accepts traffic from public networks .*: `publicNetworkAccess` is 'Enabled' \(from the default of parameter `publicAccess` \(line 1\)\)$/,
      fixed: `param publicAccess string = 'Disabled'\n\nresource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {\n  name: 'sql-orders'\n  properties: {\n    publicNetworkAccess: publicAccess\n  }\n}\n`,
    },
    {
      name: 'a private endpoint to another resource does not count',
      file: 'main.bicep',
      text: STORAGE_BICEP('', 'param subnetId string\n\n', `\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv'\n}\n${ENDPOINT_BICEP('vault.id', 'vault')}`),
      message: /^Storage account `storage`/,
    },
    {
      name: 'a module given the account id that declares no private endpoint',
      file: 'main.bicep',
      text: STORAGE_BICEP('', '', `\nmodule monitor 'modules/monitor.bicep' = {\n  name: 'monitor'\n  params: {\n    targetId: storage.id\n  }\n}\n`),
      workspace: [{ file: 'modules/monitor.bicep', text: `param targetId string\n` }],
      message: /^Storage account `storage`/,
    },
    {
      name: 'a private endpoint in another file to another account of the same type',
      file: 'main.bicep',
      text: STORAGE_BICEP(''),
      workspace: [{ file: 'network.bicep', text: `param subnetId string\n\nresource storage 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {\n  name: 'stother'\n}\n${ENDPOINT_BICEP('storage.id')}` }],
      message: /^Storage account `storage`/,
    },
    {
      name: 'an ARM Cosmos DB account with public access enabled',
      file: 'azuredeploy.json',
      text: armTemplate(armResource('Microsoft.DocumentDB/databaseAccounts', '2024-05-15', '"cosmos-orders"', '        "databaseAccountOfferType": "Standard",\n        "publicNetworkAccess": "Enabled"')),
      message: /^Cosmos DB account 'cosmos-orders' accepts traffic from public networks/,
      fixed: armTemplate(armResource('Microsoft.DocumentDB/databaseAccounts', '2024-05-15', '"cosmos-orders"', '        "databaseAccountOfferType": "Standard",\n        "publicNetworkAccess": "Disabled"')),
    },
    {
      name: 'a PostgreSQL flexible server without network settings, fixed by adding them',
      file: 'azuredeploy.json',
      text: armTemplate(armResource('Microsoft.DBforPostgreSQL/flexibleServers', '2023-06-01-preview', '"psql-orders"', '        "version": "16"')),
      message: /^PostgreSQL flexible server 'psql-orders' .*`publicNetworkAccess` is not set, and it defaults to 'Enabled'$/,
      fixed: armTemplate(armResource('Microsoft.DBforPostgreSQL/flexibleServers', '2023-06-01-preview', '"psql-orders"', '        "version": "16",\n        "network": {\n          "publicNetworkAccess": "Disabled"\n        }')),
    },
    {
      name: 'a Redis cache outside any virtual network',
      file: 'main.bicep',
      text: `resource redis 'Microsoft.Cache/redis@2023-08-01' = {\n  name: 'redis-orders'\n  properties: {\n    sku: { name: 'Standard', family: 'C', capacity: 1 }\n  }\n}\n`,
      message: /^Redis cache `redis`/,
    },
    {
      name: 'a Basic container registry, which cannot go private: information without a fix',
      file: 'main.bicep',
      text: `resource acr 'Microsoft.ContainerRegistry/registries@2023-07-01' = {\n  name: 'acrorders'\n  sku: { name: 'Basic' }\n  properties: {}\n}\n`,
      message: /^Container registry `acr` accepts traffic from public networks, and its Basic SKU cannot turn that off: move to a SKU that supports private endpoints to keep it off the internet$/,
      fixed: null,
    },
    {
      name: 'an unknown setting in strict mode, as information',
      file: 'main.bicep',
      text: STORAGE_BICEP('    publicNetworkAccess: access\n', 'param access string\n\n'),
      strict: true,
      message: /^cannot verify whether Storage account `storage` accepts traffic from public networks: parameter `access` has no default$/,
    },
  ],
  clean: [
    { name: 'public access disabled', file: 'main.bicep', text: STORAGE_BICEP("    publicNetworkAccess: 'Disabled'\n") },
    { name: 'a network security perimeter', file: 'main.bicep', text: STORAGE_BICEP("    publicNetworkAccess: 'SecuredByPerimeter'\n") },
    { name: 'a storage firewall that denies by default', file: 'main.bicep', text: STORAGE_BICEP("    networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' }\n") },
    { name: 'a private endpoint to the account in the file', file: 'main.bicep', text: STORAGE_BICEP('', 'param subnetId string\n\n', ENDPOINT_BICEP('storage.id')) },
    {
      name: 'an ARM private endpoint naming the account with resourceId()',
      file: 'azuredeploy.json',
      text: armTemplate(`${armResource('Microsoft.Storage/storageAccounts', '2023-01-01', '"storders"', '        "minimumTlsVersion": "TLS1_2"', '\n      "kind": "StorageV2",\n      "sku": { "name": "Standard_LRS" },')},\n${ARM_ENDPOINT("[resourceId('Microsoft.Storage/storageAccounts', 'storders')]", 'blob')}`, '\n  "parameters": { "subnetId": { "type": "string" } },'),
    },
    {
      name: 'an ARM private endpoint whose target is computed at deployment, for a blob of an account named with uniqueString()',
      file: 'azuredeploy.json',
      text: armTemplate(`${armResource('Microsoft.Storage/storageAccounts', '2023-01-01', "\"[concat('st', uniqueString(resourceGroup().id))]\"", '        "minimumTlsVersion": "TLS1_2"', '\n      "kind": "StorageV2",\n      "sku": { "name": "Standard_LRS" },')},\n${ARM_ENDPOINT("[resourceId('Microsoft.Storage/storageAccounts', concat('st', uniqueString(resourceGroup().id)))]", 'blob')}`, '\n  "parameters": { "subnetId": { "type": "string" } },'),
    },
    {
      name: 'a private endpoint in another file of the workspace, to the same account declared as existing',
      file: 'main.bicep',
      text: STORAGE_BICEP(''),
      workspace: [{ file: 'network.bicep', text: `param subnetId string\n\nresource storage 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {\n  name: 'storders'\n}\n${ENDPOINT_BICEP('storage.id')}` }],
    },
    {
      name: 'a private endpoint module given the account id',
      file: 'main.bicep',
      text: STORAGE_BICEP('', 'param subnetId string\n\n', `\nmodule endpoint 'br/public:avm/res/network/private-endpoint:0.7.0' = {\n  name: 'pe'\n  params: {\n    name: 'pe-storders'\n    subnetResourceId: subnetId\n    privateLinkServiceConnections: [\n      { name: 'blob', properties: { privateLinkServiceId: storage.id, groupIds: ['blob'] } }\n    ]\n  }\n}\n`),
    },
    {
      name: 'a local module that declares a private endpoint',
      file: 'main.bicep',
      text: STORAGE_BICEP('', '', `\nmodule endpoint 'modules/endpoint.bicep' = {\n  name: 'pe'\n  params: {\n    targetId: storage.id\n  }\n}\n`),
      workspace: [{ file: 'modules/endpoint.bicep', text: `param targetId string\nparam subnetId string\n${ENDPOINT_BICEP('targetId')}` }],
    },
    {
      name: 'a flexible server integrated into a virtual network',
      file: 'main.bicep',
      text: `param subnetId string\n\nresource psql 'Microsoft.DBforPostgreSQL/flexibleServers@2023-06-01-preview' = {\n  name: 'psql-orders'\n  properties: {\n    network: {\n      delegatedSubnetResourceId: subnetId\n    }\n  }\n}\n`,
    },
    {
      name: 'a Service Bus namespace whose network rule set denies by default',
      file: 'main.bicep',
      text: `resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {\n  name: 'sb-orders'\n  sku: { name: 'Premium' }\n  properties: {}\n\n  resource rules 'networkRuleSets' = {\n    name: 'default'\n    properties: {\n      defaultAction: 'Deny'\n    }\n  }\n}\n`,
    },
    { name: 'an existing account', file: 'main.bicep', text: `resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {\n  name: 'storders'\n}\n` },
    { name: 'an unknown setting outside strict mode', file: 'main.bicep', text: STORAGE_BICEP('    publicNetworkAccess: access\n', 'param access string\n\n') },
  ],
});
