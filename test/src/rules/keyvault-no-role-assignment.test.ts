import { ruleCases } from '../support/ruleTester';

const ROLE = '4633458b-17de-408a-b874-0445c86b69e6';

const vaultBicep = (properties = '    enableRbacAuthorization: true\n', apiVersion = '2023-07-01') => `resource vault 'Microsoft.KeyVault/vaults@${apiVersion}' = {
  name: 'kv-orders'
  properties: {
    tenantId: subscription().tenantId
${properties}  }
}
`;

const grantBicep = (scope: string, role = ROLE) => `
resource grant 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid('grant')
  scope: ${scope}
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')
    principalId: 'b8a3c1de-0000-4000-8000-000000000001'
  }
}
`;

const FIXED_BICEP = `@description('Principal id of the managed identity that reads the Key Vault secrets')
param keyVaultSecretsUserPrincipalId string

${vaultBicep()}
resource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, keyVaultSecretsUserPrincipalId, '${ROLE}')
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLE}')
    principalId: keyVaultSecretsUserPrincipalId
    principalType: 'ServicePrincipal'
  }
}
`;

const armTemplate = (resources: string, parameters = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",${parameters}
  "resources": [
${resources}
  ]
}
`;

const ARM_VAULT = `    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "[parameters('vaultName')]",
      "properties": {
        "tenantId": "[subscription().tenantId]",
        "enableRbacAuthorization": true
      }
    }`;

const ARM_PARAMETERS = `
  "parameters": {
    "vaultName": { "type": "string", "defaultValue": "kv-orders" }
  },`;

const armGrant = (scope: string) => `,
    {
      "type": "Microsoft.Authorization/roleAssignments",
      "apiVersion": "2022-04-01",
      "name": "[guid('grant')]",
      "scope": "${scope}",
      "properties": {
        "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLE}')]",
        "principalId": "b8a3c1de-0000-4000-8000-000000000001"
      }
    }`;

/** a module that grants a role on a vault whose name its caller passes */
const MODULE_GRANT = {
  file: 'modules/roles.bicep',
  text: `param vaultName string\n\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: vaultName\n}\n${grantBicep('vault')}`,
};

ruleCases('keyvault-no-role-assignment', {
  flagged: [
    {
      name: 'a Bicep vault on RBAC that grants nothing, fixed with a Key Vault Secrets User assignment',
      file: 'main.bicep',
      text: vaultBicep(),
      message: /^Key Vault `vault` uses Azure RBAC but no role assignment grants access to it: grant the identities that use it a data role such as Key Vault Secrets User, scoped to the vault$/,
      fixed: FIXED_BICEP,
    },
    {
      name: 'a vault without the property from API version 2026-02-01 on (RBAC by default)',
      file: 'main.bicep',
      text: vaultBicep('', '2026-02-01'),
    },
    {
      name: 'a vault whose RBAC setting comes from a parameter default',
      file: 'main.bicep',
      text: `param useRbac bool = true\n\n${vaultBicep('    enableRbacAuthorization: useRbac\n')}`,
    },
    {
      name: 'a vault whose only role assignment is on another vault',
      file: 'main.bicep',
      text: `${vaultBicep()}\nresource other 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv-other'\n  properties: {\n    tenantId: subscription().tenantId\n    enableRbacAuthorization: false\n  }\n}\n${grantBicep('other')}`,
    },
    {
      name: 'a vault with a resource-group-wide assignment of a role that does not reach its data',
      file: 'main.bicep',
      text: `${vaultBicep()}${grantBicep('resourceGroup()', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')}`,
    },
    {
      name: 'a vault whose workspace grants a role on a differently named vault',
      file: 'main.bicep',
      text: vaultBicep(),
      workspace: [{ file: 'other.bicep', text: `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv-other'\n}\n${grantBicep('vault')}` }],
    },
    {
      name: 'an ARM vault on RBAC, fixed with a role assignment that names the vault as its template does',
      file: 'azuredeploy.json',
      text: armTemplate(ARM_VAULT, ARM_PARAMETERS),
      fixed: armTemplate(
        `${ARM_VAULT},
    {
      "type": "Microsoft.Authorization/roleAssignments",
      "apiVersion": "2022-04-01",
      "name": "[guid(resourceId('Microsoft.KeyVault/vaults', parameters('vaultName')), parameters('keyVaultSecretsUserPrincipalId'), '${ROLE}')]",
      "scope": "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]",
      "dependsOn": [
        "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]"
      ],
      "properties": {
        "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLE}')]",
        "principalId": "[parameters('keyVaultSecretsUserPrincipalId')]",
        "principalType": "ServicePrincipal"
      }
    }`,
        `
  "parameters": {
    "vaultName": { "type": "string", "defaultValue": "kv-orders" },
    "keyVaultSecretsUserPrincipalId": {
      "type": "string",
      "metadata": {
        "description": "Principal id of the managed identity that reads the Key Vault secrets"
      }
    }
  },`,
      ),
    },
    {
      name: 'an ARM vault whose role assignment is on another vault by name',
      file: 'azuredeploy.json',
      text: armTemplate(`${ARM_VAULT}${armGrant('Microsoft.KeyVault/vaults/kv-other')}`, ARM_PARAMETERS),
    },
  ],
  clean: [
    { name: 'a Bicep vault with a role assignment scoped to it', file: 'main.bicep', text: `${vaultBicep()}${grantBicep('vault')}` },
    { name: 'a role assignment scoped to a secret of the vault', file: 'main.bicep', text: `${vaultBicep()}\nresource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {\n  parent: vault\n  name: 'db-password'\n  properties: {\n    value: 'x'\n  }\n}\n${grantBicep('secret')}` },
    { name: 'a Key Vault data role granted on the resource group', file: 'main.bicep', text: `${vaultBicep()}${grantBicep('resourceGroup()')}` },
    { name: 'a role assignment in a module of the workspace, on an existing vault named by a parameter', file: 'main.bicep', text: vaultBicep(), workspace: [MODULE_GRANT] },
    { name: 'a looped role assignment over the vault', file: 'main.bicep', text: `param principals array = []\n\n${vaultBicep()}\nresource grants 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for p in principals: {\n  name: guid(vault.id, p)\n  scope: vault\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLE}')\n    principalId: p\n  }\n}]\n` },
    { name: 'a vault on access policies', file: 'main.bicep', text: vaultBicep('    enableRbacAuthorization: false\n') },
    { name: 'a vault without the property before API version 2026-02-01 (access policies)', file: 'main.bicep', text: vaultBicep('') },
    { name: 'a vault whose RBAC setting is unknown', file: 'main.bicep', text: `param useRbac bool\n\n${vaultBicep('    enableRbacAuthorization: useRbac\n')}` },
    { name: 'an existing vault (declared elsewhere)', file: 'main.bicep', text: `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv-orders'\n}\n` },
    { name: 'an ARM role assignment whose scope names the vault with format()', file: 'azuredeploy.json', text: armTemplate(`${ARM_VAULT}${armGrant("[format('Microsoft.KeyVault/vaults/{0}', parameters('vaultName'))]")}`, ARM_PARAMETERS) },
    { name: 'an ARM role assignment whose scope is the vault\'s resourceId()', file: 'azuredeploy.json', text: armTemplate(`${ARM_VAULT}${armGrant("[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]")}`, ARM_PARAMETERS) },
    {
      name: 'an ARM role assignment written as the vault\'s providers/roleAssignments child',
      file: 'azuredeploy.json',
      text: armTemplate(`${ARM_VAULT},
    {
      "type": "Microsoft.KeyVault/vaults/providers/roleAssignments",
      "apiVersion": "2022-04-01",
      "name": "[concat(parameters('vaultName'), '/Microsoft.Authorization/', guid('grant'))]",
      "properties": {
        "roleDefinitionId": "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${ROLE}')]",
        "principalId": "b8a3c1de-0000-4000-8000-000000000001"
      }
    }`, ARM_PARAMETERS),
    },
    { name: 'an ARM role assignment in another file of the workspace naming the vault', file: 'azuredeploy.json', text: armTemplate(ARM_VAULT, ARM_PARAMETERS), workspace: [{ file: 'roles.json', text: armTemplate(armGrant('Microsoft.KeyVault/vaults/kv-orders').slice(2)) }] },
  ],
});
