import { ruleCases } from '../support/ruleTester';
import { armVault, vaultBicep } from './fixtures/vaults';

/** A vault switched to RBAC needs a role assignment, else keyvault-no-role-assignment reports it: one in a module. */
const GRANTS = [
  {
    file: 'roles.bicep',
    text: `param vaultName string\nparam principalId string\n\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: vaultName\n}\n\nresource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {\n  name: guid(vault.id, principalId)\n  scope: vault\n  properties: {\n    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')\n    principalId: principalId\n  }\n}\n`,
  },
];

ruleCases('keyvault-rbac-disabled', {
  flagged: [
    {
      name: 'a Bicep vault with RBAC off',
      file: 'main.bicep',
      workspace: GRANTS,
      text: vaultBicep('    enableRbacAuthorization: false\n'),
      message: /Key Vault `vault` uses access policies: `enableRbacAuthorization` is false$/,
      fixed: vaultBicep('    enableRbacAuthorization: true\n'),
    },
    {
      name: 'a Bicep vault without the property, before the API version that defaults to RBAC',
      file: 'main.bicep',
      workspace: GRANTS,
      text: vaultBicep(''),
      fixed: vaultBicep('    enableRbacAuthorization: true\n'),
    },
    {
      name: 'a value from a parameter default, fixed at the default',
      file: 'main.bicep',
      workspace: GRANTS,
      text: `@description('RBAC?')\nparam enableRbac bool = false\n\n${vaultBicep('    enableRbacAuthorization: enableRbac\n')}`,
      message: /is false \(from the default of parameter `enableRbac` \(line 2\)\)$/,
      fixed: `@description('RBAC?')\nparam enableRbac bool = true\n\n${vaultBicep('    enableRbacAuthorization: enableRbac\n')}`,
    },
    {
      name: 'a value from a variable holding the properties object, fixed in the variable',
      file: 'main.bicep',
      workspace: GRANTS,
      text: `var vaultProperties = {\n  tenantId: subscription().tenantId\n}\n\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: vaultProperties\n}\n`,
      fixed: `var vaultProperties = {\n  tenantId: subscription().tenantId\n  enableRbacAuthorization: true\n}\n\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: vaultProperties\n}\n`,
    },
    {
      name: 'the false value of a .bicepparam file that belongs to the template',
      file: 'main.bicep',
      text: `param enableRbac bool = true\n\n${vaultBicep('    enableRbacAuthorization: enableRbac\n')}`,
      parameterFile: { file: 'main.bicepparam', text: `using './main.bicep'\nparam enableRbac = false\n` },
      message: /from the value of parameter `enableRbac` in the parameter file main\.bicepparam \(line 2\)/,
    },
    {
      name: 'an ARM vault without the property',
      file: 'azuredeploy.json',
      workspace: GRANTS,
      text: armVault(''),
      fixed: armVault(',\n        "enableRbacAuthorization": true'),
    },
    {
      name: 'an ARM vault whose parameter default is false',
      file: 'azuredeploy.json',
      workspace: GRANTS,
      text: armVault(`,\n        "enableRbacAuthorization": "[parameters('rbac')]"`, `\n  "parameters": { "rbac": { "type": "bool", "defaultValue": false } },`),
      fixed: armVault(`,\n        "enableRbacAuthorization": "[parameters('rbac')]"`, `\n  "parameters": { "rbac": { "type": "bool", "defaultValue": true } },`),
    },
    {
      name: 'an unknown value in strict mode, as information',
      file: 'main.bicep',
      text: `param enableRbac bool\n\n${vaultBicep('    enableRbacAuthorization: enableRbac\n')}`,
      strict: true,
      message: /^cannot verify whether Key Vault `vault` uses Azure RBAC: parameter `enableRbac` has no default$/,
    },
  ],
  clean: [
    { name: 'a vault on RBAC', file: 'main.bicep', text: vaultBicep('    enableRbacAuthorization: true\n') },
    { name: 'a vault without the property from API version 2026-02-01 on', file: 'main.bicep', text: vaultBicep('', '2026-02-01') },
    { name: 'an existing vault (declared elsewhere)', file: 'main.bicep', text: `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv'\n}\n` },
    { name: 'an unknown value outside strict mode', file: 'main.bicep', text: `param enableRbac bool\n\n${vaultBicep('    enableRbacAuthorization: enableRbac\n')}` },
    { name: 'an ARM vault on RBAC', file: 'azuredeploy.json', text: armVault(',\n        "enableRbacAuthorization": true') },
    {
      name: 'a suppressed finding with a reason',
      file: 'main.bicep',
      text: `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  name: 'kv'\n  properties: {\n    // ztlint-disable-next-line keyvault-rbac-disabled -- legacy vault, migration tracked in OPS-1\n    enableRbacAuthorization: false\n  }\n}\n`,
    },
  ],
});
