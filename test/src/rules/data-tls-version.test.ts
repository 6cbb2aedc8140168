import { ruleCases } from '../support/ruleTester';

const STORAGE_BICEP = (properties: string, before = '', apiVersion = '2023-01-01') => `${before}resource storage 'Microsoft.Storage/storageAccounts@${apiVersion}' = {
  name: 'storders'
  location: resourceGroup().location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
  properties: {
    publicNetworkAccess: 'Disabled'
${properties}  }
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

const armResource = (type: string, apiVersion: string, name: string, properties: string) => `    {
      "type": "${type}",
      "apiVersion": "${apiVersion}",
      "name": "${name}",
      "properties": {
${properties}
      }
    }`;

const SITE_BICEP = (siteConfig: string) => `resource app 'Microsoft.Web/sites@2023-01-01' = {
  name: 'app-orders'
  properties: {
    httpsOnly: true
    siteConfig: {
${siteConfig}    }
  }
}
`;

ruleCases('data-tls-version', {
  flagged: [
    {
      name: 'a Bicep storage account without a minimum TLS version',
      file: 'main.bicep',
      text: STORAGE_BICEP(''),
      message: /^Storage account `storage` accepts TLS versions below 1\.2 \(set `minimumTlsVersion` to 'TLS1_2'\): `minimumTlsVersion` is not set, and it defaults to TLS 1\.0$/,
      fixed: STORAGE_BICEP("    minimumTlsVersion: 'TLS1_2'\n"),
    },
    {
      name: 'TLS 1.0 from a parameter default, fixed at the default',
      file: 'main.bicep',
      text: STORAGE_BICEP('    minimumTlsVersion: minimumTls\n', "param minimumTls string = 'TLS1_0'\n\n"),
      message: /`minimumTlsVersion` is 'TLS1_0' \(from the default of parameter `minimumTls` \(line 1\)\)$/,
      fixed: STORAGE_BICEP('    minimumTlsVersion: minimumTls\n', "param minimumTls string = 'TLS1_2'\n\n"),
    },
    {
      name: 'TLS 1.1 from a variable, fixed in the variable',
      file: 'main.bicep',
      text: STORAGE_BICEP('    minimumTlsVersion: tls\n', "var tls = 'TLS1_1'\n\n"),
      message: /\(from variable `tls` \(line 1\)\)$/,
      fixed: STORAGE_BICEP('    minimumTlsVersion: tls\n', "var tls = 'TLS1_2'\n\n"),
    },
    {
      name: 'a storage account on an API version older than the setting: no fix, a newer API version asked for',
      file: 'main.bicep',
      text: STORAGE_BICEP('', '', '2019-04-01'),
      message: /\(use API version 2019-06-01 or later and set `minimumTlsVersion` to 'TLS1_2'\)/,
      fixed: null,
    },
    {
      name: 'an ARM SQL server accepting TLS 1.0',
      file: 'azuredeploy.json',
      text: armTemplate(armResource('Microsoft.Sql/servers', '2023-05-01-preview', 'sql-orders', '        "minimalTlsVersion": "1.0"')),
      message: /^SQL server 'sql-orders' accepts TLS versions below 1\.2 \(set `minimalTlsVersion` to '1\.2'\): `minimalTlsVersion` is '1\.0'$/,
      fixed: armTemplate(armResource('Microsoft.Sql/servers', '2023-05-01-preview', 'sql-orders', '        "minimalTlsVersion": "1.2"')),
    },
    {
      name: 'an ARM SQL server without a minimum',
      file: 'azuredeploy.json',
      text: armTemplate(armResource('Microsoft.Sql/servers', '2023-05-01-preview', 'sql-orders', '        "publicNetworkAccess": "Disabled"')),
      message: /without it every TLS version is accepted$/,
      fixed: armTemplate(armResource('Microsoft.Sql/servers', '2023-05-01-preview', 'sql-orders', '        "publicNetworkAccess": "Disabled",\n        "minimalTlsVersion": "1.2"')),
    },
    {
      name: 'a web app accepting TLS 1.1',
      file: 'main.bicep',
      text: SITE_BICEP("      minTlsVersion: '1.1'\n"),
      message: /^Web app `app` accepts TLS versions below 1\.2 \(set `minTlsVersion` to '1\.2'\): `minTlsVersion` is '1\.1'$/,
      fixed: SITE_BICEP("      minTlsVersion: '1.2'\n"),
    },
    {
      name: 'the SCM site of a web app accepting TLS 1.0',
      file: 'main.bicep',
      text: SITE_BICEP("      scmMinTlsVersion: '1.0'\n"),
      fixed: SITE_BICEP("      scmMinTlsVersion: '1.2'\n"),
    },
    {
      name: 'a web configuration child resource',
      file: 'main.bicep',
      text: `resource app 'Microsoft.Web/sites@2023-01-01' existing = {\n  name: 'app-orders'\n}\n\nresource web 'Microsoft.Web/sites/config@2023-01-01' = {\n  parent: app\n  name: 'web'\n  properties: {\n    minTlsVersion: '1.0'\n  }\n}\n`,
      message: /^Web app configuration `web`/,
    },
    {
      name: 'an ARM minimum written as a number',
      file: 'azuredeploy.json',
      text: armTemplate(armResource('Microsoft.Cache/redis', '2023-08-01', 'redis-orders', '        "minimumTlsVersion": 1.0')),
      message: /^Redis cache 'redis-orders' .*`minimumTlsVersion` is 1$/,
      fixed: armTemplate(armResource('Microsoft.Cache/redis', '2023-08-01', 'redis-orders', '        "minimumTlsVersion": "1.2"')),
    },
    {
      name: 'an Event Hubs namespace on an API version that defaults to TLS 1.0',
      file: 'main.bicep',
      text: `resource hub 'Microsoft.EventHub/namespaces@2021-11-01' = {\n  name: 'evh-orders'\n  properties: {}\n}\n`,
      message: /^Event Hubs namespace `hub` accepts TLS versions below 1\.2 \(use API version 2022-01-01 or later and set `minimumTlsVersion` to '1\.2'\): `minimumTlsVersion` is not set, and it defaults to TLS 1\.0 before API version 2022-01-01$/,
      fixed: null,
    },
    {
      name: 'a Cosmos DB account lowered to TLS 1.1',
      file: 'main.bicep',
      text: `resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {\n  name: 'cosmos-orders'\n  properties: {\n    databaseAccountOfferType: 'Standard'\n    minimalTlsVersion: 'Tls11'\n  }\n}\n`,
      fixed: `resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {\n  name: 'cosmos-orders'\n  properties: {\n    databaseAccountOfferType: 'Standard'\n    minimalTlsVersion: 'Tls12'\n  }\n}\n`,
    },
    {
      name: 'an unknown value in strict mode, as information',
      file: 'main.bicep',
      text: STORAGE_BICEP('    minimumTlsVersion: tls\n', 'param tls string\n\n'),
      strict: true,
      message: /^cannot verify the `minimumTlsVersion` of Storage account `storage`: parameter `tls` has no default$/,
    },
  ],
  clean: [
    { name: 'a storage account requiring TLS 1.2', file: 'main.bicep', text: STORAGE_BICEP("    minimumTlsVersion: 'TLS1_2'\n") },
    { name: 'a Redis cache without the setting (new caches default to 1.2)', file: 'main.bicep', text: `resource redis 'Microsoft.Cache/redis@2023-08-01' = {\n  name: 'redis'\n  properties: {\n    sku: { name: 'Basic', family: 'C', capacity: 0 }\n  }\n}\n` },
    { name: 'a Cosmos DB account without the setting', file: 'main.bicep', text: `resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {\n  name: 'cosmos'\n  properties: {\n    databaseAccountOfferType: 'Standard'\n  }\n}\n` },
    { name: 'a Service Bus namespace on an API version that defaults to 1.2', file: 'main.bicep', text: `resource bus 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {\n  name: 'sb'\n  properties: {}\n}\n` },
    { name: 'a web app without the setting', file: 'main.bicep', text: SITE_BICEP("      alwaysOn: true\n") },
    { name: 'a site configuration child that is not `web`', file: 'main.bicep', text: `resource app 'Microsoft.Web/sites@2023-01-01' existing = {\n  name: 'app-orders'\n}\n\nresource settings 'Microsoft.Web/sites/config@2023-01-01' = {\n  parent: app\n  name: 'appsettings'\n  properties: {\n    minTlsVersion: '1.0'\n  }\n}\n` },
    { name: 'an existing storage account', file: 'main.bicep', text: `resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {\n  name: 'storders'\n}\n` },
    { name: 'an unknown value outside strict mode', file: 'main.bicep', text: STORAGE_BICEP('    minimumTlsVersion: tls\n', 'param tls string\n\n') },
  ],
});
