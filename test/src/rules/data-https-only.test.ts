import { ruleCases } from '../support/ruleTester';

const SITE_BICEP = (properties: string, before = '', type = 'Microsoft.Web/sites', after = '') => `${before}resource app '${type}@2023-01-01' = {
  name: 'app-orders'
  properties: {
${properties}    siteConfig: {
      minTlsVersion: '1.2'
    }
${after}  }
}
`;

const armTemplate = (resources: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
${resources}
  ]
}
`;

const armStorage = (apiVersion: string, properties: string) => `    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "${apiVersion}",
      "name": "storders",
      "kind": "StorageV2",
      "sku": { "name": "Standard_LRS" },
      "properties": {
        "minimumTlsVersion": "TLS1_2"${properties}
      }
    }`;

const armRedis = (properties: string) => `    {
      "type": "Microsoft.Cache/redis",
      "apiVersion": "2023-08-01",
      "name": "redis-orders",
      "properties": {
        "sku": { "name": "Standard", "family": "C", "capacity": 1 }${properties}
      }
    }`;

ruleCases('data-https-only', {
  flagged: [
    {
      name: 'a Bicep web app without httpsOnly',
      file: 'main.bicep',
      text: SITE_BICEP(''),
      message: /^Web app `app` accepts unencrypted traffic \(set `httpsOnly` to true\): `httpsOnly` is not set, and it defaults to false$/,
      fixed: SITE_BICEP('', '', 'Microsoft.Web/sites', '    httpsOnly: true\n'),
    },
    {
      name: 'httpsOnly false from a variable, fixed in the variable',
      file: 'main.bicep',
      text: SITE_BICEP('    httpsOnly: httpsOnly\n', 'var httpsOnly = false\n\n'),
      message: /`httpsOnly` is false \(from variable `httpsOnly` \(line 1\)\)$/,
      fixed: SITE_BICEP('    httpsOnly: httpsOnly\n', 'var httpsOnly = true\n\n'),
    },
    {
      name: 'a deployment slot',
      file: 'main.bicep',
      text: SITE_BICEP('    httpsOnly: false\n', '', 'Microsoft.Web/sites/slots'),
      message: /^Web app slot `app`/,
      fixed: SITE_BICEP('    httpsOnly: true\n', '', 'Microsoft.Web/sites/slots'),
    },
    {
      name: 'an ARM storage account allowing HTTP',
      file: 'azuredeploy.json',
      text: armTemplate(armStorage('2023-01-01', ',\n        "supportsHttpsTrafficOnly": false')),
      message: /^Storage account 'storders' accepts unencrypted traffic \(set `supportsHttpsTrafficOnly` to true\): `supportsHttpsTrafficOnly` is false$/,
      fixed: armTemplate(armStorage('2023-01-01', ',\n        "supportsHttpsTrafficOnly": true')),
    },
    {
      name: 'an ARM storage account on an API version where HTTP is allowed by default',
      file: 'azuredeploy.json',
      text: armTemplate(armStorage('2018-07-01', '')),
      message: /`supportsHttpsTrafficOnly` is not set, and it defaults to false before API version 2019-04-01$/,
      fixed: armTemplate(armStorage('2018-07-01', ',\n        "supportsHttpsTrafficOnly": true')),
    },
    {
      name: 'an ARM Redis cache with the non-TLS port open',
      file: 'azuredeploy.json',
      text: armTemplate(armRedis(',\n        "enableNonSslPort": true')),
      message: /^Redis cache 'redis-orders' accepts unencrypted traffic \(set `enableNonSslPort` to false\): `enableNonSslPort` is true$/,
      fixed: armTemplate(armRedis(',\n        "enableNonSslPort": false')),
    },
    {
      name: 'a Redis Enterprise database speaking plain text',
      file: 'main.bicep',
      text: `resource cluster 'Microsoft.Cache/redisEnterprise@2024-02-01' existing = {\n  name: 'redis'\n}\n\nresource db 'Microsoft.Cache/redisEnterprise/databases@2024-02-01' = {\n  parent: cluster\n  name: 'default'\n  properties: {\n    clientProtocol: 'Plaintext'\n  }\n}\n`,
      fixed: `resource cluster 'Microsoft.Cache/redisEnterprise@2024-02-01' existing = {\n  name: 'redis'\n}\n\nresource db 'Microsoft.Cache/redisEnterprise/databases@2024-02-01' = {\n  parent: cluster\n  name: 'default'\n  properties: {\n    clientProtocol: 'Encrypted'\n  }\n}\n`,
    },
    {
      name: 'an unknown value in strict mode, as information',
      file: 'main.bicep',
      text: SITE_BICEP('    httpsOnly: httpsOnly\n', 'param httpsOnly bool\n\n'),
      strict: true,
      message: /^cannot verify the `httpsOnly` of Web app `app`: parameter `httpsOnly` has no default$/,
    },
  ],
  clean: [
    { name: 'a web app with httpsOnly', file: 'main.bicep', text: SITE_BICEP('    httpsOnly: true\n') },
    { name: 'a storage account on an API version that requires HTTPS by default', file: 'azuredeploy.json', text: armTemplate(armStorage('2023-01-01', '')) },
    { name: 'an NFS 3.0 account, which Azure requires to allow unencrypted transfer', file: 'azuredeploy.json', text: armTemplate(armStorage('2023-01-01', ',\n        "isHnsEnabled": true,\n        "isNfsV3Enabled": true,\n        "supportsHttpsTrafficOnly": false')) },
    { name: 'a Redis cache without the setting', file: 'azuredeploy.json', text: armTemplate(armRedis('')) },
    { name: 'an existing web app', file: 'main.bicep', text: `resource app 'Microsoft.Web/sites@2023-01-01' existing = {\n  name: 'app-orders'\n}\n` },
    { name: 'an unknown value outside strict mode', file: 'main.bicep', text: SITE_BICEP('    httpsOnly: httpsOnly\n', 'param httpsOnly bool\n\n') },
  ],
});
