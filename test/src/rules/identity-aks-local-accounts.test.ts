import { ruleCases } from '../support/ruleTester';
import { AKS_BICEP, armAks } from './fixtures/clusters';

const ENTRA = `    aadProfile: {
      managed: true
      enableAzureRBAC: true
    }
`;

ruleCases('identity-aks-local-accounts', {
  flagged: [
    {
      name: 'a Bicep cluster with local accounts on',
      file: 'main.bicep',
      text: AKS_BICEP(`    disableLocalAccounts: false\n${ENTRA}`),
      message: /^AKS cluster `aks` keeps its local accounts, whose static cluster-admin credentials bypass Entra ID: `disableLocalAccounts` is false$/,
      fixed: AKS_BICEP(`    disableLocalAccounts: true\n${ENTRA}`),
    },
    {
      name: 'a Bicep cluster with Entra ID but without the local-accounts setting',
      file: 'main.bicep',
      text: AKS_BICEP(ENTRA),
      message: /`disableLocalAccounts` is not set$/,
      fixed: AKS_BICEP(`${ENTRA}    disableLocalAccounts: true\n`),
    },
    {
      name: 'a cluster without Entra ID integration: both findings, aadProfile added as one object',
      file: 'main.bicep',
      text: AKS_BICEP(''),
      count: 2,
      fixed: AKS_BICEP(`    disableLocalAccounts: true\n    aadProfile: {\n      managed: true\n      enableAzureRBAC: true\n    }\n`),
    },
    {
      name: 'managed Entra ID with Kubernetes RBAC only',
      file: 'main.bicep',
      text: AKS_BICEP('    disableLocalAccounts: true\n    aadProfile: {\n      managed: true\n      enableAzureRBAC: false\n    }\n'),
      message: /^AKS cluster `aks` does not authorize its users with Entra ID and Azure RBAC: `aadProfile\.enableAzureRBAC` is false$/,
      fixed: AKS_BICEP(`    disableLocalAccounts: true\n${ENTRA}`),
    },
    {
      name: 'an aadProfile a parameter turns to null: reported, without a fix',
      file: 'main.bicep',
      text: `param enableEntra bool = false\n\n${AKS_BICEP('    disableLocalAccounts: true\n    aadProfile: enableEntra ? { managed: true, enableAzureRBAC: true } : null\n')}`,
      message: /`aadProfile\.managed` is not set and `aadProfile\.enableAzureRBAC` is not set$/,
      fixed: null,
    },
    {
      name: 'a value from a parameter default, fixed at the default',
      file: 'main.bicep',
      text: `param disableLocalAccounts bool = false\n\n${AKS_BICEP(`    disableLocalAccounts: disableLocalAccounts\n${ENTRA}`)}`,
      message: /`disableLocalAccounts` is false \(from the default of parameter `disableLocalAccounts` \(line 1\)\)$/,
      fixed: `param disableLocalAccounts bool = true\n\n${AKS_BICEP(`    disableLocalAccounts: disableLocalAccounts\n${ENTRA}`)}`,
    },
    {
      name: 'an ARM cluster with legacy Entra ID integration',
      file: 'azuredeploy.json',
      text: armAks(',\n        "disableLocalAccounts": true,\n        "aadProfile": { "clientAppID": "[parameters(\'clientAppId\')]", "managed": false }', '\n  "parameters": { "clientAppId": { "type": "string" } },'),
      message: /`aadProfile\.managed` is false and `aadProfile\.enableAzureRBAC` is not set$/,
      fixed: armAks(',\n        "disableLocalAccounts": true,\n        "aadProfile": { "clientAppID": "[parameters(\'clientAppId\')]", "managed": true, "enableAzureRBAC": true }', '\n  "parameters": { "clientAppId": { "type": "string" } },'),
    },
    {
      name: 'an ARM cluster without any of the settings',
      file: 'azuredeploy.json',
      text: armAks(''),
      count: 2,
      fixed: armAks(',\n        "disableLocalAccounts": true,\n        "aadProfile": {\n          "managed": true,\n          "enableAzureRBAC": true\n        }'),
    },
    {
      name: 'an unknown value in strict mode, as information',
      file: 'main.bicep',
      text: `param disableLocalAccounts bool\n\n${AKS_BICEP(`    disableLocalAccounts: disableLocalAccounts\n${ENTRA}`)}`,
      strict: true,
      message: /^cannot verify how AKS cluster `aks` authenticates its users: parameter `disableLocalAccounts` has no default$/,
    },
  ],
  clean: [
    { name: 'a cluster with local accounts off and Entra ID with Azure RBAC', file: 'main.bicep', text: AKS_BICEP(`    disableLocalAccounts: true\n${ENTRA}`) },
    { name: 'an unknown value outside strict mode', file: 'main.bicep', text: `param disableLocalAccounts bool\n\n${AKS_BICEP(`    disableLocalAccounts: disableLocalAccounts\n${ENTRA}`)}` },
    { name: 'an existing cluster (declared elsewhere)', file: 'main.bicep', text: `resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {\n  name: 'aks-orders'\n}\n` },
    { name: 'an ARM cluster with every setting', file: 'azuredeploy.json', text: armAks(',\n        "disableLocalAccounts": true,\n        "aadProfile": { "managed": true, "enableAzureRBAC": true }') },
    {
      name: 'settings in ARM whose names differ in case',
      file: 'azuredeploy.json',
      text: armAks(',\n        "DisableLocalAccounts": true,\n        "AadProfile": { "Managed": true, "EnableAzureRbac": true }'),
    },
  ],
});
