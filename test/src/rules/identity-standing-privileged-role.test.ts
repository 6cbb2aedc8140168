import { ruleCases } from '../support/ruleTester';

const OWNER = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635';
const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
const USER_ACCESS_ADMINISTRATOR = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

const assignment = (roleDefinitionId: string, extra = '', principalType = 'User') => `resource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid('orders', principalId)
${extra}  properties: {
    roleDefinitionId: ${roleDefinitionId}
    principalId: principalId
    principalType: '${principalType}'
  }
}
`;

const atScope = (scope: string, body: string, declarations = '') => `targetScope = '${scope}'\n\nparam principalId string\n${declarations}\n${body}`;
const builtIn = (guid: string) => `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${guid}')`;

const armTemplate = (schema: string, roleDefinitionId: string, extra = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-08-01/${schema}.json#",
  "contentVersion": "1.0.0.0",
  "parameters": { "principalId": { "type": "string" } },
  "resources": [
    {
      "type": "Microsoft.Authorization/roleAssignments",
      "apiVersion": "2022-04-01",
      "name": "[guid('orders', parameters('principalId'))]",${extra}
      "properties": {
        "roleDefinitionId": "${roleDefinitionId}",
        "principalId": "[parameters('principalId')]"
      }
    }
  ]
}
`;

const PIM = /make it eligible through Privileged Identity Management \(just in time\) or narrow the role or scope: the role is /;

ruleCases('identity-standing-privileged-role', {
  flagged: [
    {
      name: 'Owner at subscription scope in Bicep',
      file: 'main.bicep',
      text: atScope('subscription', assignment(builtIn(OWNER))),
      message: /^Role assignment `assignment` grants a privileged role permanently on the whole subscription; make it eligible through Privileged Identity Management \(just in time\) or narrow the role or scope: the role is Owner$/,
    },
    {
      name: 'Contributor at management-group scope, the id written out',
      file: 'main.bicep',
      text: atScope('managementGroup', assignment(`'/providers/Microsoft.Authorization/roleDefinitions/${CONTRIBUTOR}'`)),
      message: /on the whole management group; .* the role is Contributor$/,
    },
    {
      name: 'User Access Administrator from a variable, in an interpolated id',
      file: 'main.bicep',
      text: atScope('subscription', assignment("'/subscriptions/${subscription().subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${uaa}'"), `var uaa = '${USER_ACCESS_ADMINISTRATOR}'\n`),
      message: /the role is User Access Administrator$/,
    },
    {
      name: 'a role from a parameter default, with where it is written',
      file: 'main.bicep',
      text: atScope('subscription', assignment('roleId'), `param roleId string = '/providers/Microsoft.Authorization/roleDefinitions/${OWNER}'\n`),
      message: /the role is Owner \(from the default of parameter `roleId` \(line 4\)\)$/,
    },
    {
      name: 'a role from an existing role definition',
      file: 'main.bicep',
      text: atScope('subscription', assignment('ownerRole.id'), `\nresource ownerRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' existing = {\n  name: '${OWNER}'\n}\n`),
      message: PIM,
    },
    {
      name: 'an explicit subscription() scope',
      file: 'main.bicep',
      text: atScope('subscription', assignment(builtIn(OWNER), '  scope: subscription()\n')),
      message: PIM,
    },
    {
      name: 'a delegating role with an empty condition',
      file: 'main.bicep',
      text: atScope('subscription', assignment(builtIn(USER_ACCESS_ADMINISTRATOR)).replace("    principalType: 'User'\n", "    principalType: 'User'\n    condition: ''\n")),
      message: PIM,
    },
    {
      name: 'an application identity, as a warning without PIM',
      file: 'main.bicep',
      text: atScope('managementGroup', assignment(builtIn(CONTRIBUTOR), '', 'ServicePrincipal')),
      message: /^Role assignment `assignment` gives an application identity a privileged role on the whole management group; grant it only the actions it needs, on the narrowest scope: the role is Contributor$/,
    },
    {
      name: 'Owner in an ARM subscription template',
      file: 'azuredeploy.json',
      text: armTemplate('subscriptionDeploymentTemplate', `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${OWNER}')]`),
      message: /^Role assignment `guid\('orders', parameters\('principalId'\)\)` grants a privileged role permanently on the whole subscription/,
    },
    {
      name: 'Contributor at the tenant root in ARM',
      file: 'azuredeploy.json',
      text: armTemplate('tenantDeploymentTemplate', `[concat('/providers/Microsoft.Authorization/roleDefinitions/', '${CONTRIBUTOR}')]`, '\n      "scope": "/",'),
      message: /on the whole tenant root; .* the role is Contributor$/,
    },
    {
      name: 'an ARM role assignment scoped to a management group by id',
      file: 'azuredeploy.json',
      text: armTemplate('tenantDeploymentTemplate', `[tenantResourceId('Microsoft.Authorization/roleDefinitions', '${OWNER}')]`, `\n      "scope": "[tenantResourceId('Microsoft.Management/managementGroups', 'mg-orders')]",`),
      message: /on the whole management group/,
    },
    {
      name: 'an unknown role in strict mode, as information',
      file: 'main.bicep',
      text: atScope('subscription', assignment('roleId'), 'param roleId string\n'),
      strict: true,
      message: /^cannot verify which role role assignment `assignment` grants: parameter `roleId` has no default$/,
    },
  ],
  clean: [
    { name: 'Reader at subscription scope', file: 'main.bicep', text: atScope('subscription', assignment(builtIn(READER))) },
    { name: 'Owner at resource-group scope (the default target scope)', file: 'main.bicep', text: `param principalId string\n\n${assignment(builtIn(OWNER))}` },
    {
      name: 'Owner on a single resource',
      file: 'main.bicep',
      text: atScope('subscription', assignment(builtIn(OWNER), '  scope: vault\n'), "\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  scope: resourceGroup('rg-orders')\n  name: 'kv-orders'\n}\n"),
    },
    { name: 'Contributor at resourceGroup() scope', file: 'main.bicep', text: `param principalId string\n\n${assignment(builtIn(CONTRIBUTOR), '  scope: resourceGroup()\n')}` },
    {
      name: 'User Access Administrator constrained by a condition on the roles it may assign',
      file: 'main.bicep',
      text: atScope('subscription', assignment(builtIn(USER_ACCESS_ADMINISTRATOR)).replace("    principalType: 'User'\n", `    principalType: 'User'\n    conditionVersion: '2.0'\n    condition: '((!(ActionMatches{\\'Microsoft.Authorization/roleAssignments/write\\'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {${READER}}))'\n`)),
    },
    { name: 'an unknown role outside strict mode', file: 'main.bicep', text: atScope('subscription', assignment('roleId'), 'param roleId string\n') },
    { name: 'an existing role assignment', file: 'main.bicep', text: `targetScope = 'subscription'\n\nresource assignment 'Microsoft.Authorization/roleAssignments@2022-04-01' existing = {\n  name: '00000000-0000-0000-0000-000000000001'\n}\n` },
    {
      name: 'an ARM resource-group template scoping Owner to a storage account',
      file: 'azuredeploy.json',
      text: armTemplate('deploymentTemplate', `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${OWNER}')]`, `\n      "scope": "[concat('Microsoft.Storage/storageAccounts/', 'storders')]",`).replace('2019-08-01/deploymentTemplate', '2019-04-01/deploymentTemplate'),
    },
    {
      name: 'an ARM subscription template scoping Owner to a resource by resourceId()',
      file: 'azuredeploy.json',
      text: armTemplate('subscriptionDeploymentTemplate', `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${OWNER}')]`, `\n      "scope": "[resourceId('rg-orders', 'Microsoft.KeyVault/vaults', 'kv-orders')]",`),
    },
  ],
});
