import { ruleCases } from '../support/ruleTester';

const SECRET = 'Example-Only-Not-A-Secret-1';
/** Every message matches `pattern`, and none shows the secret. */
const masked = (pattern: RegExp) => new RegExp(`^(?![\\s\\S]*${SECRET})[\\s\\S]*${pattern.source}`);

const sqlServer = (password: string, before = 'param location string = resourceGroup().location\n') => `${before}
resource server 'Microsoft.Sql/servers@2023-08-01-preview' = {
  name: 'sql-orders'
  location: location
  properties: {
    administratorLogin: 'orders-admin'
    administratorLoginPassword: ${password}
  }
}
`;

const armConnection = (sharedKey: string, parameters = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "location": {
      "type": "string",
      "defaultValue": "[resourceGroup().location]"
    }${parameters}
  },
  "resources": [
    {
      "type": "Microsoft.Network/connections",
      "apiVersion": "2023-09-01",
      "name": "cn-onprem",
      "location": "[parameters('location')]",
      "properties": {
        "connectionType": "IPsec",
        "sharedKey": ${sharedKey}
      }
    }
  ]
}
`;

const armParameters = (entries: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
${entries}
  }
}
`;

ruleCases('secrets-literal-password', {
  flagged: [
    {
      name: 'a Bicep SQL administrator password written out, moved into a secure parameter',
      file: 'main.bicep',
      text: sqlServer(`'${SECRET}'`),
      message: masked(/^`administratorLoginPassword` is a password written in the template \('Exa…' \(27 characters\)\): anyone who can read the repository can use it/),
      fixed: sqlServer('administratorLoginPassword', 'param location string = resourceGroup().location\n\n@secure()\nparam administratorLoginPassword string\n'),
    },
    {
      name: 'a well-known default password (not a placeholder: everybody knows it)',
      file: 'main.bicep',
      text: sqlServer(`'changeme'`),
      message: /^`administratorLoginPassword` is a password written in the template \('…' \(8 characters\)\)/,
    },
    {
      name: 'a password from the default of a parameter that is not secure, without a fix',
      file: 'main.bicep',
      text: sqlServer('sqlPassword', `param location string = resourceGroup().location\nparam sqlPassword string = '${SECRET}'\n`),
      message: masked(/\(from the default of parameter `sqlPassword` \(line 2\)\)$/),
      fixed: null,
    },
    {
      name: 'a password in a variable, fixed in the variable',
      file: 'main.bicep',
      text: sqlServer('adminSecret', `param location string = resourceGroup().location\n\nvar adminSecret = '${SECRET}'\n`),
      message: masked(/\(from variable `adminSecret` \(line 3\)\)$/),
      fixed: sqlServer('adminSecret', 'param location string = resourceGroup().location\n\n@secure()\nparam administratorLoginPassword string\n\nvar adminSecret = administratorLoginPassword\n'),
    },
    {
      name: 'an app setting named like a secret, and the value of a Key Vault secret whatever it is called',
      file: 'main.bicep',
      text: `resource app 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'app-orders'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'PAYMENTS_API_KEY', value: '${SECRET}' }\n      ]\n    }\n  }\n}\n\nresource setting 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {\n  name: 'kv-orders/orders-config'\n  properties: {\n    value: '${SECRET}'\n  }\n}\n`,
      count: 2,
      message: masked(/^`(PAYMENTS_API_KEY` is a key|orders-config` is a secret) written in the template/),
    },
    {
      name: 'a module parameter and a secret-named parameter default that is not used',
      file: 'main.bicep',
      text: `param clientSecret string = '${SECRET}'\n\nmodule vm './vm.bicep' = {\n  name: 'vm'\n  params: {\n    adminPassword: 'P@ssw0rd-Fake-1'\n  }\n}\n`,
      count: 2,
    },
    {
      name: 'an ARM shared key written out, moved into a secure parameter',
      file: 'azuredeploy.json',
      text: armConnection(`"${SECRET}"`),
      message: masked(/^`sharedKey` is a key written in the template \('Exa…' \(27 characters\)\)/),
      fixed: armConnection(`"[parameters('sharedKey')]"`, ',\n    "sharedKey": {\n      "type": "securestring"\n    }'),
    },
    {
      name: 'a literal passed to a nested deployment parameter',
      file: 'azuredeploy.json',
      text: `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "resources": [\n    {\n      "type": "Microsoft.Resources/deployments",\n      "apiVersion": "2022-09-01",\n      "name": "vm",\n      "properties": {\n        "mode": "Incremental",\n        "parameters": { "adminPassword": { "value": "${SECRET}" } },\n        "template": {\n          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n          "contentVersion": "1.0.0.0",\n          "parameters": { "adminPassword": { "type": "securestring" } },\n          "resources": []\n        }\n      }\n    }\n  ]\n}\n`,
      message: masked(/^`adminPassword` is a password written in the template/),
    },
    {
      name: 'a password in a .bicepparam file, directly and through a variable',
      file: 'main.bicepparam',
      text: `using './main.bicep'\n\nvar shared = '${SECRET}'\nparam adminPassword = '${SECRET}'\nparam sqlAdminPwd = shared\n`,
      count: 2,
      message: masked(/^Parameter `(adminPassword|sqlAdminPwd)` is given a password written in the parameter file \('Exa…' \(27 characters\)\): reference it from Key Vault with `getSecret\(\)` instead/),
    },
    {
      name: 'a client secret in an ARM parameter file, and a password inside an object value',
      file: 'azuredeploy.parameters.json',
      text: armParameters(`    "clientSecret": { "value": "${SECRET}" },\n    "vmSettings": { "value": { "adminUsername": "azureuser", "adminPassword": "${SECRET}" } }`),
      count: 2,
      message: masked(/written in the parameter file \('Exa…' \(27 characters\)\): reference it from Key Vault with a `reference\.keyVault` entry instead$/),
    },
  ],
  clean: [
    { name: 'a secure parameter', file: 'main.bicep', text: sqlServer('adminPassword', 'param location string = resourceGroup().location\n@secure()\nparam adminPassword string\n') },
    {
      name: 'the default of a secure parameter (secrets-secure-parameter-default reports it)',
      file: 'main.bicep',
      text: sqlServer('adminPassword', `param location string = resourceGroup().location\n@secure()\nparam adminPassword string = '${SECRET}'\n`),
    },
    { name: 'a generated password', file: 'main.bicep', text: sqlServer(`'\${uniqueString(resourceGroup().id)}Aa1!'`) },
    { name: 'an empty value and placeholders', file: 'main.bicep', text: `module vm './vm.bicep' = {\n  name: 'vm'\n  params: {\n    adminPassword: ''\n    sqlPassword: '<password>'\n    apiKey: '#{ApiKey}#'\n    clientSecret: '$(CLIENT_SECRET)'\n    token: '__TOKEN__'\n  }\n}\n` },
    {
      name: 'names that are not secrets',
      file: 'main.bicep',
      text: `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv-orders'\n  properties: {\n    secretName: 'orders-db'\n    secretUri: 'https://kv-orders.vault.azure.net/secrets/orders-db'\n    keyName: 'orders-cmk'\n    keySource: 'Microsoft.KeyVault'\n    keyVaultName: 'kv-orders'\n    sshPublicKey: 'ssh-rsa AAAAB3NzaFAKE'\n    passwordAuthenticationDisabled: 'true'\n    tokenLifetime: 'PT1H'\n    accessPolicies: [\n      { permissions: { secrets: [ 'get', 'list' ], keys: [ 'get' ] } }\n    ]\n  }\n}\n`,
    },
    { name: 'a value that names a secret kept elsewhere', file: 'main.bicep', text: `module app './app.bicep' = {\n  name: 'app'\n  params: {\n    adminPassword: 'vm-admin-password'\n    FUNCTION_KEY: 'FUNCTION-KEY'\n  }\n}\n` },
    { name: 'a connection string (secrets-connection-string reports it)', file: 'main.bicep', text: `module app './app.bicep' = {\n  name: 'app'\n  params: {\n    storageKey: 'AccountName=storders;AccountKey=ZmFrZQ=='\n  }\n}\n` },
    { name: 'quickstart test-harness tokens in a parameter file', file: 'azuredeploy.parameters.json', text: armParameters('    "adminPassword": { "value": "GEN-PASSWORD" },\n    "adminPasswordOrKey": { "value": "GEN-SSH-PUB-KEY" }') },
    {
      name: 'a Key Vault reference in an ARM parameter file',
      file: 'azuredeploy.parameters.json',
      text: armParameters('    "adminPassword": { "reference": { "keyVault": { "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-orders" }, "secretName": "vm-admin-password" } }'),
    },
    { name: 'getSecret() in a .bicepparam file', file: 'main.bicepparam', text: `using './main.bicep'\n\nparam adminPassword = az.getSecret('00000000-0000-0000-0000-000000000000', 'rg', 'kv-orders', 'vm-admin-password')\n` },
  ],
});
