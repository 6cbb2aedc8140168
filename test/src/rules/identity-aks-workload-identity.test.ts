import { ruleCases } from '../support/ruleTester';
import { AKS_BICEP, armAks } from './fixtures/clusters';

const ENABLED = `    oidcIssuerProfile: { enabled: true }
    securityProfile: { workloadIdentity: { enabled: true } }
`;

ruleCases('identity-aks-workload-identity', {
  flagged: [
    {
      name: 'a Bicep cluster with neither setting, both added in one fix',
      file: 'main.bicep',
      text: AKS_BICEP(''),
      message: /^AKS cluster `aks` does not enable workload identity, so its pods need secrets to reach Azure: `oidcIssuerProfile\.enabled` is not set and `securityProfile\.workloadIdentity\.enabled` is not set$/,
      fixed: AKS_BICEP('    oidcIssuerProfile: {\n      enabled: true\n    }\n    securityProfile: {\n      workloadIdentity: {\n        enabled: true\n      }\n    }\n'),
    },
    {
      name: 'a Bicep cluster with the OIDC issuer off, fixed in place',
      file: 'main.bicep',
      text: AKS_BICEP('    oidcIssuerProfile: { enabled: false }\n    securityProfile: { workloadIdentity: { enabled: true } }\n'),
      message: /: `oidcIssuerProfile\.enabled` is false$/,
      fixed: AKS_BICEP(ENABLED),
    },
    {
      name: 'a security profile with Defender only, the setting added inside it',
      file: 'main.bicep',
      text: AKS_BICEP('    oidcIssuerProfile: { enabled: true }\n    securityProfile: {\n      defender: { securityMonitoring: { enabled: true } }\n    }\n'),
      message: /: `securityProfile\.workloadIdentity\.enabled` is not set$/,
      fixed: AKS_BICEP('    oidcIssuerProfile: { enabled: true }\n    securityProfile: {\n      defender: { securityMonitoring: { enabled: true } }\n      workloadIdentity: {\n        enabled: true\n      }\n    }\n'),
    },
    {
      name: 'a value from a parameter default, fixed at the default',
      file: 'main.bicep',
      text: `param workloadIdentity bool = false\n\n${AKS_BICEP('    oidcIssuerProfile: { enabled: true }\n    securityProfile: { workloadIdentity: { enabled: workloadIdentity } }\n')}`,
      message: /`securityProfile\.workloadIdentity\.enabled` is false \(from the default of parameter `workloadIdentity` \(line 1\)\)$/,
      fixed: `param workloadIdentity bool = true\n\n${AKS_BICEP('    oidcIssuerProfile: { enabled: true }\n    securityProfile: { workloadIdentity: { enabled: workloadIdentity } }\n')}`,
    },
    {
      name: 'an ARM cluster with neither setting',
      file: 'azuredeploy.json',
      text: armAks(''),
      message: /^AKS cluster 'aks-orders' does not enable workload identity/,
      fixed: armAks(',\n        "oidcIssuerProfile": {\n          "enabled": true\n        },\n        "securityProfile": {\n          "workloadIdentity": {\n            "enabled": true\n          }\n        }'),
    },
    {
      name: 'an ARM cluster whose variable turns workload identity off',
      file: 'azuredeploy.json',
      text: armAks(`,\n        "oidcIssuerProfile": { "enabled": true },\n        "securityProfile": { "workloadIdentity": { "enabled": "[variables('wi')]" } }`, `\n  "variables": { "wi": false },`),
      message: /is false \(from variable `wi` \(line 4\)\)$/,
      fixed: armAks(`,\n        "oidcIssuerProfile": { "enabled": true },\n        "securityProfile": { "workloadIdentity": { "enabled": "[variables('wi')]" } }`, `\n  "variables": { "wi": true },`),
    },
    {
      name: 'an unknown value in strict mode, as information',
      file: 'main.bicep',
      text: `param oidc bool\n\n${AKS_BICEP('    oidcIssuerProfile: { enabled: oidc }\n    securityProfile: { workloadIdentity: { enabled: true } }\n')}`,
      strict: true,
      message: /^cannot verify whether AKS cluster `aks` enables workload identity: parameter `oidc` has no default$/,
    },
  ],
  clean: [
    { name: 'a cluster with both settings on', file: 'main.bicep', text: AKS_BICEP(ENABLED) },
    { name: 'an existing cluster (declared elsewhere)', file: 'main.bicep', text: `resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {\n  name: 'aks-orders'\n}\n` },
    { name: 'an unknown value outside strict mode', file: 'main.bicep', text: `param oidc bool\n\n${AKS_BICEP('    oidcIssuerProfile: { enabled: oidc }\n    securityProfile: { workloadIdentity: { enabled: true } }\n')}` },
    { name: 'an ARM cluster with both settings on', file: 'azuredeploy.json', text: armAks(',\n        "oidcIssuerProfile": { "enabled": true },\n        "securityProfile": { "workloadIdentity": { "enabled": true } }') },
    {
      name: 'settings from a variable holding the properties object',
      file: 'main.bicep',
      text: `var clusterProperties = {\n  dnsPrefix: 'orders'\n${ENABLED.replace(/^ {4}/gm, '  ')}}\n\nresource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' = {\n  name: 'aks-orders'\n  properties: clusterProperties\n}\n`,
    },
    { name: 'an agent pool, which is not the cluster', file: 'main.bicep', text: `resource pool 'Microsoft.ContainerService/managedClusters/agentPools@2024-02-01' = {\n  name: 'aks/pool'\n  properties: { count: 1 }\n}\n` },
  ],
});
