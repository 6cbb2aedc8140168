import { ruleCases } from '../support/ruleTester';
import { AKS_BICEP, armAks } from './fixtures/clusters';

ruleCases('identity-aks-pod-identity', {
  flagged: [
    {
      name: 'a Bicep cluster with pod-managed identity on',
      file: 'main.bicep',
      text: AKS_BICEP('    podIdentityProfile: {\n      enabled: true\n      allowNetworkPluginKubenet: false\n    }\n'),
      message: /^AKS cluster `aks` uses pod-managed identity, which is deprecated and which a pod on the host network can bypass to get tokens for every identity of its node: `podIdentityProfile\.enabled` is true$/,
      fixed: AKS_BICEP('    podIdentityProfile: {\n      enabled: false\n      allowNetworkPluginKubenet: false\n    }\n'),
    },
    {
      name: 'a value from a parameter default, fixed at the default',
      file: 'main.bicep',
      text: `param podIdentity bool = true\n\n${AKS_BICEP('    podIdentityProfile: { enabled: podIdentity }\n')}`,
      message: /is true \(from the default of parameter `podIdentity` \(line 1\)\)$/,
      fixed: `param podIdentity bool = false\n\n${AKS_BICEP('    podIdentityProfile: { enabled: podIdentity }\n')}`,
    },
    {
      name: 'an ARM cluster with pod-managed identity on',
      file: 'azuredeploy.json',
      text: armAks(',\n        "podIdentityProfile": { "enabled": true, "userAssignedIdentities": [] }'),
      fixed: armAks(',\n        "podIdentityProfile": { "enabled": false, "userAssignedIdentities": [] }'),
    },
    {
      name: 'an ARM parameter default',
      file: 'azuredeploy.json',
      text: armAks(`,\n        "podIdentityProfile": { "enabled": "[parameters('podIdentity')]" }`, `\n  "parameters": { "podIdentity": { "type": "bool", "defaultValue": true } },`),
      fixed: armAks(`,\n        "podIdentityProfile": { "enabled": "[parameters('podIdentity')]" }`, `\n  "parameters": { "podIdentity": { "type": "bool", "defaultValue": false } },`),
    },
    {
      name: 'an unknown value in strict mode, as information',
      file: 'main.bicep',
      text: `param podIdentity bool\n\n${AKS_BICEP('    podIdentityProfile: { enabled: podIdentity }\n')}`,
      strict: true,
      message: /^cannot verify whether AKS cluster `aks` uses pod-managed identity: parameter `podIdentity` has no default$/,
    },
  ],
  clean: [
    { name: 'a cluster without pod-managed identity', file: 'main.bicep', text: AKS_BICEP('') },
    { name: 'pod-managed identity turned off', file: 'main.bicep', text: AKS_BICEP('    podIdentityProfile: { enabled: false }\n') },
    { name: 'an unknown value outside strict mode', file: 'main.bicep', text: `param podIdentity bool\n\n${AKS_BICEP('    podIdentityProfile: { enabled: podIdentity }\n')}` },
    { name: 'an ARM cluster with it off', file: 'azuredeploy.json', text: armAks(',\n        "podIdentityProfile": { "enabled": false }') },
    { name: 'an existing cluster (declared elsewhere)', file: 'main.bicep', text: `resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {\n  name: 'aks-orders'\n}\n` },
  ],
});
