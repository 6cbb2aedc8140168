import { ruleCases } from '../support/ruleTester';
import { vaultBicep } from './fixtures/vaults';

const SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';
const SECRETS_OFFICER = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';
const PERSON = '22222222-0000-4000-8000-000000000001';
const CUSTOM = '44444444-0000-4000-8000-000000000001';

const VAULT_BICEP = `${vaultBicep("    sku: { family: 'A', name: 'standard' }\n    enableRbacAuthorization: true\n")}
resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-orders'
  identity: { type: 'SystemAssigned' }
  properties: {}
}
`;

const grantBicep = (role: string, principalId: string, principalType?: string, scope = 'vault') => `
resource grant${role.slice(0, 4)} 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, '${role}')
  scope: ${scope}
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')
    principalId: ${principalId}
${principalType ? `    principalType: '${principalType}'\n` : ''}  }
}
`;

const CUSTOM_ROLE_BICEP = (dataActions: string) => `
resource secretsReader 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: '${CUSTOM}'
  properties: {
    roleName: 'Orders secrets reader'
    assignableScopes: [ resourceGroup().id ]
    permissions: [ { actions: [], dataActions: [ ${dataActions} ] } ]
  }
}
`;

const armTemplate = (principalId: string, principalType: string, role = SECRETS_USER) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "appPrincipalId": { "type": "string" } },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv-orders",
      "properties": { "tenantId": "[subscription().tenantId]", "sku": { "family": "A", "name": "standard" }, "enableRbacAuthorization": true }
    },
    {
      "type": "Microsoft.Authorization/roleAssignments",
      "apiVersion": "2022-04-01",
      "name": "[guid('kv-orders', '${role}')]",
      "scope": "[resourceId('Microsoft.KeyVault/vaults', 'kv-orders')]",
      "properties": {
        "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')]",
        "principalId": "${principalId}",
        "principalType": "${principalType}"
      }
    }
  ]
}
`;

ruleCases('keyvault-no-managed-identity-access', {
  flagged: [
    {
      name: 'a Bicep vault whose only grant is to a person',
      file: 'main.bicep',
      text: VAULT_BICEP + grantBicep(SECRETS_OFFICER, `'${PERSON}'`, 'User'),
      message: /^Key Vault `vault` uses Azure RBAC, but none of the role assignments that reach it lets a managed identity read its secrets or use its keys: .* such as Key Vault Secrets User, scoped to the vault$/,
      fixed: null,
    },
    {
      name: 'a Bicep vault whose managed identity holds Reader only',
      file: 'main.bicep',
      text: VAULT_BICEP + grantBicep(READER, 'app.identity.principalId', 'ServicePrincipal'),
    },
    {
      name: 'a Bicep vault whose managed identity holds a custom role that cannot read secret values',
      file: 'main.bicep',
      text: VAULT_BICEP + CUSTOM_ROLE_BICEP("'Microsoft.KeyVault/vaults/secrets/readMetadata/action'") + grantBicep(CUSTOM, 'app.identity.principalId', 'ServicePrincipal'),
    },
    {
      name: 'an ARM vault granted to a group',
      file: 'azuredeploy.json',
      text: armTemplate("[parameters('appPrincipalId')]", 'Group'),
    },
    {
      name: 'an ARM vault granted to a service principal named by an id that is no managed identity here',
      file: 'azuredeploy.json',
      text: armTemplate('33333333-0000-4000-8000-000000000001', 'ServicePrincipal'),
    },
  ],
  clean: [
    { name: 'a Bicep vault whose app identity reads secrets', file: 'main.bicep', text: VAULT_BICEP + grantBicep(SECRETS_USER, 'app.identity.principalId', 'ServicePrincipal') },
    { name: 'a Key Vault data role granted to the app identity on the resource group', file: 'main.bicep', text: VAULT_BICEP + grantBicep(SECRETS_USER, 'app.identity.principalId', 'ServicePrincipal', 'resourceGroup()') },
    { name: 'a grant to a principal given as a parameter (it may be a managed identity)', file: 'main.bicep', text: `param principalId string\n\n${VAULT_BICEP}${grantBicep(SECRETS_USER, 'principalId', 'ServicePrincipal')}` },
    { name: 'a grant whose principal type is not written', file: 'main.bicep', text: VAULT_BICEP + grantBicep(SECRETS_USER, `'${PERSON}'`) },
    { name: 'a custom role with secret data actions', file: 'main.bicep', text: VAULT_BICEP + CUSTOM_ROLE_BICEP("'Microsoft.KeyVault/vaults/secrets/*'") + grantBicep(CUSTOM, 'app.identity.principalId', 'ServicePrincipal') },
    { name: 'a vault that grants nothing (keyvault-no-role-assignment reports it)', file: 'main.bicep', text: VAULT_BICEP },
    { name: 'a vault on access policies', file: 'main.bicep', text: VAULT_BICEP.replace('enableRbacAuthorization: true', 'enableRbacAuthorization: false') + grantBicep(SECRETS_OFFICER, `'${PERSON}'`, 'User') },
    { name: 'an ARM vault granted to a managed identity through reference()', file: 'azuredeploy.json', text: armTemplate("[reference(resourceId('Microsoft.Web/sites', 'app-orders'), '2023-12-01', 'full').identity.principalId]", 'ServicePrincipal') },
    { name: 'an ARM grant to a service principal given as a parameter', file: 'azuredeploy.json', text: armTemplate("[parameters('appPrincipalId')]", 'ServicePrincipal') },
  ],
});
