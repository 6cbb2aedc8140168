import { ruleCases } from '../support/ruleTester';

const bicepResource = (symbol: string, typeAndVersion: string, properties: string, extra = '') => `resource ${symbol} '${typeAndVersion}' = {
  name: '${symbol}-orders'
  location: resourceGroup().location
${extra}  properties: {
${properties}  }
}
`;

const storage = (properties: string) => bicepResource('st', 'Microsoft.Storage/storageAccounts@2023-05-01', properties, "  kind: 'StorageV2'\n  sku: { name: 'Standard_LRS' }\n");
const cosmos = (properties: string, kind = 'GlobalDocumentDB') => bicepResource('cosmos', 'Microsoft.DocumentDB/databaseAccounts@2024-05-15', properties, `  kind: '${kind}'\n`);
const sqlServer = (properties: string, children = '') => `resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-orders'
  location: resourceGroup().location
  properties: {
${properties}  }
${children}}
`;

const ENTRA_ADMIN = `    administrators: {
      administratorType: 'ActiveDirectory'
      login: 'sql-admins'
      sid: '6a1c2f5e-3b4d-4e8f-9a0b-1c2d3e4f5a6b'
      principalType: 'Group'
`;

const armTemplate = (resources: string, extra = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",${extra}
  "resources": [
${resources}
  ]
}
`;

const armResource = (type: string, name: string, properties: string) => `    {
      "type": "${type}",
      "apiVersion": "2023-08-01-preview",
      "name": "${name}",
      "properties": { ${properties} }
    }`;

ruleCases('identity-local-auth-enabled', {
  flagged: [
    {
      name: 'a Bicep storage account without the setting',
      file: 'main.bicep',
      text: storage("    minimumTlsVersion: 'TLS1_2'\n"),
      message: /^Storage account `st` accepts shared keys and SAS signed with them besides Entra ID: `allowSharedKeyAccess` is not set, and it defaults to true$/,
      fixed: storage("    minimumTlsVersion: 'TLS1_2'\n    allowSharedKeyAccess: false\n"),
    },
    {
      name: 'an ARM storage account with shared keys on',
      file: 'azuredeploy.json',
      text: armTemplate(armResource('Microsoft.Storage/storageAccounts', 'storders', '"allowSharedKeyAccess": true')),
      message: /^Storage account 'storders' accepts shared keys and SAS signed with them besides Entra ID: `allowSharedKeyAccess` is true$/,
      fixed: armTemplate(armResource('Microsoft.Storage/storageAccounts', 'storders', '"allowSharedKeyAccess": false')),
    },
    {
      name: 'a Cosmos DB account whose parameter default keeps keys, fixed at the default',
      file: 'main.bicep',
      text: `param disableLocalAuth bool = false\n\n${cosmos('    disableLocalAuth: disableLocalAuth\n')}`,
      message: /^Cosmos DB account `cosmos` accepts account keys besides Entra ID: `disableLocalAuth` is false \(from the default of parameter `disableLocalAuth` \(line 1\)\)$/,
      fixed: `param disableLocalAuth bool = true\n\n${cosmos('    disableLocalAuth: disableLocalAuth\n')}`,
    },
    {
      name: 'a Service Bus namespace, an Event Hubs namespace, an App Configuration store and an AI services account',
      file: 'main.bicep',
      text: [
        bicepResource('sb', 'Microsoft.ServiceBus/namespaces@2022-10-01-preview', "    minimumTlsVersion: '1.2'\n"),
        bicepResource('evh', 'Microsoft.EventHub/namespaces@2024-01-01', "    minimumTlsVersion: '1.2'\n"),
        bicepResource('appcs', 'Microsoft.AppConfiguration/configurationStores@2023-03-01', "    publicNetworkAccess: 'Disabled'\n"),
        bicepResource('ai', 'Microsoft.CognitiveServices/accounts@2024-10-01', "    customSubDomainName: 'ai-orders'\n"),
      ].join('\n'),
      count: 4,
      message: /besides Entra ID: `disableLocalAuth` is not set, and it defaults to false$/,
      fixed: [
        bicepResource('sb', 'Microsoft.ServiceBus/namespaces@2022-10-01-preview', "    minimumTlsVersion: '1.2'\n    disableLocalAuth: true\n"),
        bicepResource('evh', 'Microsoft.EventHub/namespaces@2024-01-01', "    minimumTlsVersion: '1.2'\n    disableLocalAuth: true\n"),
        bicepResource('appcs', 'Microsoft.AppConfiguration/configurationStores@2023-03-01', "    publicNetworkAccess: 'Disabled'\n    disableLocalAuth: true\n"),
        bicepResource('ai', 'Microsoft.CognitiveServices/accounts@2024-10-01', "    customSubDomainName: 'ai-orders'\n    disableLocalAuth: true\n"),
      ].join('\n'),
    },
    {
      name: 'a container registry with its admin user on',
      file: 'main.bicep',
      text: bicepResource('acr', 'Microsoft.ContainerRegistry/registries@2023-07-01', '    adminUserEnabled: true\n'),
      message: /^Container registry `acr` accepts its admin user's password besides Entra ID: `adminUserEnabled` is true$/,
      fixed: bicepResource('acr', 'Microsoft.ContainerRegistry/registries@2023-07-01', '    adminUserEnabled: false\n'),
    },
    {
      name: 'a SQL server with a SQL administrator only: no fix, an Entra administrator is needed',
      file: 'main.bicep',
      text: `@secure()\nparam adminPassword string\n\n${sqlServer("    administratorLogin: 'sqladmin'\n    administratorLoginPassword: adminPassword\n")}`,
      message: /^SQL server `sql` accepts SQL logins besides Entra ID: `administrators\.azureADOnlyAuthentication` is not set, and it defaults to false$/,
      fixed: null,
    },
    {
      name: 'a SQL server with an Entra administrator but SQL logins kept',
      file: 'main.bicep',
      text: sqlServer(`${ENTRA_ADMIN}    }\n`),
      fixed: sqlServer(`${ENTRA_ADMIN}      azureADOnlyAuthentication: true\n    }\n`),
    },
    {
      name: 'a SQL server whose azureADOnlyAuthentications child turns Entra-only off, reported at the child',
      file: 'main.bicep',
      text: sqlServer(`${ENTRA_ADMIN}      azureADOnlyAuthentication: true\n    }\n`, "\n  resource entraOnly 'azureADOnlyAuthentications' = {\n    name: 'Default'\n    properties: { azureADOnlyAuthentication: false }\n  }\n"),
      message: /`azureADOnlyAuthentication` is false$/,
      fixed: sqlServer(`${ENTRA_ADMIN}      azureADOnlyAuthentication: true\n    }\n`, "\n  resource entraOnly 'azureADOnlyAuthentications' = {\n    name: 'Default'\n    properties: { azureADOnlyAuthentication: true }\n  }\n"),
    },
    {
      name: 'an ARM SQL server whose top-level child, matched by name, keeps SQL logins',
      file: 'azuredeploy.json',
      text: armTemplate(`${armResource('Microsoft.Sql/servers', "[parameters('serverName')]", '"administratorLogin": "sqladmin"')},\n${armResource('Microsoft.Sql/servers/azureADOnlyAuthentications', "[concat(parameters('serverName'), '/Default')]", '"azureADOnlyAuthentication": false')}`, '\n  "parameters": { "serverName": { "type": "string", "defaultValue": "sql-orders" } },'),
      message: /^SQL server 'sql-orders' accepts SQL logins besides Entra ID: `azureADOnlyAuthentication` is false$/,
      fixed: armTemplate(`${armResource('Microsoft.Sql/servers', "[parameters('serverName')]", '"administratorLogin": "sqladmin"')},\n${armResource('Microsoft.Sql/servers/azureADOnlyAuthentications', "[concat(parameters('serverName'), '/Default')]", '"azureADOnlyAuthentication": true')}`, '\n  "parameters": { "serverName": { "type": "string", "defaultValue": "sql-orders" } },'),
    },
    {
      name: 'a SQL managed instance without Entra-only authentication',
      file: 'azuredeploy.json',
      text: armTemplate(armResource('Microsoft.Sql/managedInstances', 'sqlmi-orders', '"administratorLogin": "sqladmin"')),
      message: /^SQL managed instance 'sqlmi-orders' accepts SQL logins/,
      fixed: null,
    },
    {
      name: 'an unknown value in strict mode, as information',
      file: 'main.bicep',
      text: `param sharedKeys bool\n\n${storage('    allowSharedKeyAccess: sharedKeys\n')}`,
      strict: true,
      message: /^cannot verify whether Storage account `st` accepts shared keys and SAS signed with them: parameter `sharedKeys` has no default$/,
    },
  ],
  clean: [
    { name: 'a storage account without shared keys', file: 'main.bicep', text: storage('    allowSharedKeyAccess: false\n') },
    { name: 'a Cosmos DB account without local authentication', file: 'main.bicep', text: cosmos('    disableLocalAuth: true\n') },
    { name: 'a Cosmos DB account of the MongoDB API, which has no Entra ID data plane', file: 'main.bicep', text: cosmos("    databaseAccountOfferType: 'Standard'\n", 'MongoDB') },
    { name: 'a Cosmos DB account of the Cassandra API', file: 'main.bicep', text: cosmos("    capabilities: [\n      { name: 'EnableCassandra' }\n    ]\n") },
    { name: 'a container registry without the admin user setting (off by default)', file: 'main.bicep', text: bicepResource('acr', 'Microsoft.ContainerRegistry/registries@2023-07-01', "    publicNetworkAccess: 'Disabled'\n") },
    { name: 'a SQL server with Entra-only authentication', file: 'main.bicep', text: sqlServer(`${ENTRA_ADMIN}      azureADOnlyAuthentication: true\n    }\n`) },
    {
      name: 'a SQL server made Entra-only by a child declared with parent',
      file: 'main.bicep',
      text: `${sqlServer("    administratorLogin: 'sqladmin'\n")}\nresource entraOnly 'Microsoft.Sql/servers/azureADOnlyAuthentications@2023-08-01-preview' = {\n  parent: sql\n  name: 'Default'\n  properties: { azureADOnlyAuthentication: true }\n}\n`,
    },
    {
      name: 'an ARM SQL server with a child whose server name is unknown (it may belong to it)',
      file: 'azuredeploy.json',
      text: armTemplate(`${armResource('Microsoft.Sql/servers', "[parameters('serverName')]", '"administratorLogin": "sqladmin"')},\n${armResource('Microsoft.Sql/servers/azureADOnlyAuthentications', "[concat(parameters('serverName'), '/Default')]", '"azureADOnlyAuthentication": true')}`, '\n  "parameters": { "serverName": { "type": "string" } },'),
    },
    { name: 'an ARM Service Bus namespace without local authentication', file: 'azuredeploy.json', text: armTemplate(armResource('Microsoft.ServiceBus/namespaces', 'sb-orders', '"disableLocalAuth": true')) },
    { name: 'an unknown value outside strict mode', file: 'main.bicep', text: `param sharedKeys bool\n\n${storage('    allowSharedKeyAccess: sharedKeys\n')}` },
    { name: 'an existing storage account (declared elsewhere)', file: 'main.bicep', text: `resource st 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {\n  name: 'storders'\n}\n` },
    { name: 'a blob service, which is not the account', file: 'main.bicep', text: `resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {\n  name: 'storders/default'\n  properties: {}\n}\n` },
  ],
});
