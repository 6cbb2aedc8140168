import { ruleCases } from '../support/ruleTester';

const SITE_BICEP = (identity: string) => `resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-orders'
  location: resourceGroup().location
${identity}  properties: {
    httpsOnly: true
  }
}
`;

/** `members` follow `location`: the resource's `identity` and `properties` */
const armResource = (type: string, apiVersion: string, members: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {
      "type": "${type}",
      "apiVersion": "${apiVersion}",
      "name": "orders",
      "location": "[resourceGroup().location]",${members}
    }
  ]
}
`;

const PROPERTIES = '\n      "properties": {}';

const SYSTEM = "  identity: {\n    type: 'SystemAssigned'\n  }\n";

ruleCases('identity-managed-identity-missing', {
  flagged: [
    {
      name: 'a Bicep app without identity, fixed safely',
      file: 'main.bicep',
      text: SITE_BICEP(''),
      message: /^App `app` has no managed identity, so whatever it runs needs keys or secrets to call Azure: `identity` is not set$/,
      fixed: `resource app 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'app-orders'\n  location: resourceGroup().location\n  properties: {\n    httpsOnly: true\n  }\n  identity: {\n    type: 'SystemAssigned'\n  }\n}\n`,
    },
    {
      name: "an identity of type 'None'",
      file: 'main.bicep',
      text: SITE_BICEP("  identity: {\n    type: 'None'\n  }\n"),
      message: /`identity\.type` is 'None'$/,
      fixed: SITE_BICEP(SYSTEM),
    },
    {
      name: 'an identity without a type',
      file: 'main.bicep',
      text: SITE_BICEP('  identity: {}\n'),
      message: /`identity\.type` is not set$/,
      fixed: SITE_BICEP("  identity: {\n    type: 'SystemAssigned'\n  }\n"),
    },
    {
      name: "a type from a parameter default, fixed at the default",
      file: 'main.bicep',
      text: `param identityType string = 'None'\n\n${SITE_BICEP('  identity: {\n    type: identityType\n  }\n')}`,
      message: /is 'None' \(from the default of parameter `identityType` \(line 1\)\)$/,
      fixed: `param identityType string = 'SystemAssigned'\n\n${SITE_BICEP('  identity: {\n    type: identityType\n  }\n')}`,
    },
    {
      name: 'a null identity, reported without a fix',
      file: 'main.bicep',
      text: `param useIdentity bool = false\n\n${SITE_BICEP("  identity: useIdentity ? { type: 'SystemAssigned' } : null\n")}`,
      message: /`identity` is null$/,
      fixed: null,
    },
    {
      name: 'a virtual machine in ARM',
      file: 'azuredeploy.json',
      text: armResource('Microsoft.Compute/virtualMachines', '2024-03-01', PROPERTIES),
      message: /^Virtual machine 'orders' has no managed identity/,
      fixed: armResource('Microsoft.Compute/virtualMachines', '2024-03-01', `${PROPERTIES},\n      "identity": {\n        "type": "SystemAssigned"\n      }`),
    },
    {
      name: 'a container app in ARM with identity None',
      file: 'azuredeploy.json',
      text: armResource('Microsoft.App/containerApps', '2024-03-01', `\n      "identity": { "type": "None" },${PROPERTIES}`),
      message: /^Container app 'orders' has no managed identity/,
      fixed: armResource('Microsoft.App/containerApps', '2024-03-01', `\n      "identity": { "type": "SystemAssigned" },${PROPERTIES}`),
    },
    {
      name: 'an AKS cluster on a service principal: the fix is not safe',
      file: 'main.bicep',
      text: `resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n  name: 'aks-orders'\n  properties: {\n    servicePrincipalProfile: { clientId: 'c0ffee00-0000-0000-0000-000000000000' }\n  }\n}\n`,
      message: /^AKS cluster `aks` has no managed identity, so it manages its Azure resources with a service principal and its secret: `identity` is not set$/,
      fixed: `resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n  name: 'aks-orders'\n  properties: {\n    servicePrincipalProfile: { clientId: 'c0ffee00-0000-0000-0000-000000000000' }\n  }\n  identity: {\n    type: 'SystemAssigned'\n  }\n}\n`,
    },
    {
      name: 'a scale set and a slot, each reported',
      file: 'main.bicep',
      text: `resource vmss 'Microsoft.Compute/virtualMachineScaleSets@2024-03-01' = {\n  name: 'vmss'\n}\n\nresource slot 'Microsoft.Web/sites/slots@2023-12-01' = {\n  name: 'app/staging'\n}\n`,
      count: 2,
    },
    {
      name: 'an unknown type in strict mode, as information',
      file: 'main.bicep',
      text: `param identityType string\n\n${SITE_BICEP('  identity: {\n    type: identityType\n  }\n')}`,
      strict: true,
      message: /^cannot verify whether App `app` has a managed identity: parameter `identityType` has no default$/,
    },
  ],
  clean: [
    { name: 'a system-assigned identity', file: 'main.bicep', text: SITE_BICEP(SYSTEM) },
    { name: 'user-assigned identities', file: 'main.bicep', text: SITE_BICEP("  identity: {\n    type: 'UserAssigned'\n    userAssignedIdentities: { '${resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-orders')}': {} }\n  }\n") },
    { name: 'both kinds, in ARM spelling with a space', file: 'azuredeploy.json', text: armResource('Microsoft.Web/sites', '2023-12-01', `\n      "identity": { "type": "SystemAssigned, UserAssigned" },${PROPERTIES}`) },
    { name: 'lower-case type in ARM', file: 'azuredeploy.json', text: armResource('Microsoft.Compute/virtualMachines', '2024-03-01', `\n      "identity": { "type": "systemassigned" },${PROPERTIES}`) },
    { name: 'an unknown type outside strict mode', file: 'main.bicep', text: `param identityType string\n\n${SITE_BICEP('  identity: {\n    type: identityType\n  }\n')}` },
    { name: 'an existing app (declared elsewhere)', file: 'main.bicep', text: `resource app 'Microsoft.Web/sites@2023-12-01' existing = {\n  name: 'app-orders'\n}\n` },
    { name: 'a resource that runs no code of its own', file: 'main.bicep', text: `resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {\n  name: 'plan'\n  sku: { name: 'P1v3' }\n}\n` },
    { name: 'a site config child, which has no identity of its own', file: 'main.bicep', text: `resource config 'Microsoft.Web/sites/config@2023-12-01' = {\n  name: 'app/web'\n  properties: {}\n}\n` },
  ],
});
