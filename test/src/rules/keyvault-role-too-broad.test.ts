import { ruleCases } from '../support/ruleTester';

const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const KEY_VAULT_ADMINISTRATOR = '00482a5a-887f-4fb3-b363-3b7fe8e74483';
const SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';

const bicep = (roleDefinitionId: string, principal = "    principalId: identity.properties.principalId\n    principalType: 'ServicePrincipal'\n", scope = 'vault', before = '') => `${before}resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: 'id-orders'
  location: resourceGroup().location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-orders'
}

resource vaultAdmin 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, identity.id)
  scope: ${scope}
  properties: {
    roleDefinitionId: ${roleDefinitionId}
${principal}  }
}
`;

const byId = (role: string) => `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')`;

const arm = (roleDefinitionId: string, scope = 'Microsoft.KeyVault/vaults/kv-orders') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "appPrincipalId": { "type": "string" }
  },
  "resources": [
    {
      "type": "Microsoft.Authorization/roleAssignments",
      "apiVersion": "2022-04-01",
      "name": "[guid('kv-orders', parameters('appPrincipalId'))]",
      "scope": "${scope}",
      "properties": {
        "roleDefinitionId": "${roleDefinitionId}",
        "principalId": "[parameters('appPrincipalId')]",
        "principalType": "ServicePrincipal"
      }
    }
  ]
}
`;

ruleCases('keyvault-role-too-broad', {
  flagged: [
    {
      name: 'Key Vault Administrator for a managed identity, fixed to Key Vault Secrets User',
      file: 'main.bicep',
      text: bicep(byId(KEY_VAULT_ADMINISTRATOR)),
      message: /^Role assignment `vaultAdmin` grants Key Vault Administrator on Key Vault `vault` to an application identity: grant the data role it needs instead, such as Key Vault Secrets User to read secrets$/,
      fixed: bicep(byId(SECRETS_USER)),
    },
    {
      name: 'Owner to a principal read from a managed identity without principalType',
      file: 'main.bicep',
      text: bicep(byId(OWNER), '    principalId: identity.properties.principalId\n'),
      message: /grants Owner on Key Vault `vault`/,
      fixed: bicep(byId(SECRETS_USER), '    principalId: identity.properties.principalId\n'),
    },
    {
      name: 'a role from a variable: reported there, but not rewritten where other assignments may share it',
      file: 'main.bicep',
      text: bicep('contributorRole', undefined, 'vault', `var contributorRole = ${byId('b24988ac-6180-42a0-ab88-20f7382dd24c')}\n\n`),
      message: /grants Contributor on Key Vault `vault` .* \(from variable `contributorRole` \(line 1\)\)$/,
      fixed: null,
    },
    {
      name: 'a role on a secret of the vault',
      file: 'main.bicep',
      text: `${bicep(byId(OWNER), undefined, 'secret')}\nresource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {\n  parent: vault\n  name: 'db-password'\n}\n`,
    },
    {
      name: 'an ARM role assignment scoped to a vault by name, fixed in place',
      file: 'azuredeploy.json',
      text: arm(`[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${OWNER}')]`),
      message: /grants Owner on Key Vault 'kv-orders'/,
      fixed: arm(`[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${SECRETS_USER}')]`),
    },
    {
      name: 'an ARM role definition id written out in full',
      file: 'azuredeploy.json',
      text: arm(`[concat(subscription().id, '/providers/Microsoft.Authorization/roleDefinitions/', '${KEY_VAULT_ADMINISTRATOR}')]`, "[resourceId('Microsoft.KeyVault/vaults', 'kv-orders')]"),
      fixed: arm(`[concat(subscription().id, '/providers/Microsoft.Authorization/roleDefinitions/', '${SECRETS_USER}')]`, "[resourceId('Microsoft.KeyVault/vaults', 'kv-orders')]"),
    },
    {
      name: 'a principal of unknown type in strict mode, as information',
      file: 'main.bicep',
      text: bicep(byId(OWNER), '    principalId: principalId\n', 'vault', 'param principalId string\n\n'),
      strict: true,
      message: /^cannot verify whether `vaultAdmin` grants Owner on Key Vault `vault` to an application identity/,
    },
  ],
  clean: [
    { name: 'a data role', file: 'main.bicep', text: bicep(byId(SECRETS_USER)) },
    { name: 'an administrative role for a person', file: 'main.bicep', text: bicep(byId(KEY_VAULT_ADMINISTRATOR), "    principalId: identity.properties.principalId\n    principalType: 'User'\n") },
    { name: 'a principal of unknown type outside strict mode', file: 'main.bicep', text: bicep(byId(OWNER), '    principalId: principalId\n', 'vault', 'param principalId string\n\n') },
    { name: 'Owner on the resource group (not a vault)', file: 'main.bicep', text: bicep(byId(OWNER), undefined, 'resourceGroup()') },
    { name: 'Owner on a storage account', file: 'main.bicep', text: bicep(byId(OWNER), undefined, 'storage', "resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {\n  name: 'storders'\n}\n\n") },
    { name: 'an ARM data role', file: 'azuredeploy.json', text: arm(`[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${SECRETS_USER}')]`) },
  ],
});
