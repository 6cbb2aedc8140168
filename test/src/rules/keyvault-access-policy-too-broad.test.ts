import { ruleCases } from '../support/ruleTester';

const vaultBicep = (permissions: string, rbac = '') => `param appObjectId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-orders'
  properties: {
    tenantId: subscription().tenantId
${rbac}    accessPolicies: [
      {
        tenantId: subscription().tenantId
        objectId: appObjectId
        permissions: {
${permissions}        }
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

const armPolicies = (permissions: string, name = 'kv-orders/add') => `    {
      "type": "Microsoft.KeyVault/vaults/accessPolicies",
      "apiVersion": "2023-07-01",
      "name": "${name}",
      "properties": {
        "accessPolicies": [
          {
            "tenantId": "[subscription().tenantId]",
            "objectId": "00000000-0000-0000-0000-000000000001",
            "permissions": { ${permissions} }
          }
        ]
      }
    }`;

ruleCases('keyvault-access-policy-too-broad', {
  flagged: [
    {
      name: 'a Bicep access policy granting all secret permissions, fixed keeping the one-line array',
      file: 'main.bicep',
      text: vaultBicep("          secrets: [ 'all' ]\n"),
      message: /^An access policy of Key Vault `vault` grants `all` secret permissions: grant only the operations the principal needs, such as `get` and `list`$/,
      fixed: vaultBicep("          secrets: [ 'get', 'list' ]\n"),
    },
    {
      name: 'purge among key permissions, in any case',
      file: 'main.bicep',
      text: vaultBicep("          keys: [\n            'get'\n            'Purge'\n          ]\n"),
      message: /grants `purge` key permissions: purging deletes irrecoverably/,
      fixed: vaultBicep("          keys: [\n            'get'\n          ]\n"),
    },
    {
      name: 'all and purge in two lists of one policy, one finding per list',
      file: 'main.bicep',
      text: vaultBicep("          certificates: [\n            'ALL'\n            'purge'\n          ]\n          storage: [\n            'all'\n          ]\n"),
      count: 2,
      fixed: vaultBicep("          certificates: [\n            'get'\n            'list'\n          ]\n          storage: [\n            'get'\n            'list'\n          ]\n"),
    },
    {
      name: 'permissions from a parameter default, fixed at the default',
      file: 'main.bicep',
      text: `param secretPermissions array = [\n  'all'\n]\n${vaultBicep('          secrets: secretPermissions\n').replace('param appObjectId string\n', '\nparam appObjectId string\n')}`,
      message: /\(from the default of parameter `secretPermissions` \(line 1\)\)$/,
      fixed: `param secretPermissions array = [\n  'get'\n  'list'\n]\n${vaultBicep('          secrets: secretPermissions\n').replace('param appObjectId string\n', '\nparam appObjectId string\n')}`,
    },
    {
      name: 'a vault explicitly on access policies',
      file: 'main.bicep',
      text: vaultBicep("          secrets: [\n            'all'\n          ]\n", '    enableRbacAuthorization: false\n'),
      fixed: vaultBicep("          secrets: [\n            'get'\n            'list'\n          ]\n", '    enableRbacAuthorization: false\n'),
    },
    {
      name: 'an ARM accessPolicies resource adding purge',
      file: 'azuredeploy.json',
      text: armTemplate(armPolicies('"keys": ["get", "purge"]')),
      message: /^An access policy of access policies 'kv-orders\/add' grants `purge` key permissions/,
      fixed: armTemplate(armPolicies('"keys": ["get"]')),
    },
    {
      name: 'an ARM accessPolicies resource of a vault in the same template, named after it',
      file: 'azuredeploy.json',
      text: armTemplate(`    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv-orders",
      "properties": { "tenantId": "[subscription().tenantId]", "accessPolicies": [] }
    },
${armPolicies('"secrets": ["all"]')}`),
      message: /^An access policy of Key Vault 'kv-orders' grants `all` secret permissions/,
    },
  ],
  clean: [
    { name: 'narrow permissions', file: 'main.bicep', text: vaultBicep("          secrets: [ 'get', 'list' ]\n          keys: [ 'get', 'wrapKey', 'unwrapKey' ]\n") },
    { name: 'a vault on Azure RBAC, which ignores its access policies', file: 'main.bicep', text: vaultBicep("          secrets: [ 'all' ]\n", '    enableRbacAuthorization: true\n') },
    { name: 'permissions that are unknown', file: 'main.bicep', text: `param secretPermissions array\n${vaultBicep('          secrets: secretPermissions\n')}` },
    { name: 'an ARM remove operation', file: 'azuredeploy.json', text: armTemplate(armPolicies('"secrets": ["all"]', 'kv-orders/remove')) },
    { name: 'an ARM accessPolicies resource with narrow permissions', file: 'azuredeploy.json', text: armTemplate(armPolicies('"secrets": ["get"]')) },
  ],
});
