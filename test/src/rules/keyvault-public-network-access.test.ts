import { ruleCases } from '../support/ruleTester';
import { armVault, vaultBicep } from './fixtures/vaults';

const DENY_BICEP = `    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Deny'
    }
`;

ruleCases('keyvault-public-network-access', {
  flagged: [
    {
      name: 'a Bicep vault without a firewall, fixed by adding one that denies by default',
      file: 'main.bicep',
      text: vaultBicep(''),
      message: /^Key Vault `vault` accepts connections from any network: `networkAcls.defaultAction` is not set, so it is Allow; deny by default/,
      fixed: vaultBicep(DENY_BICEP),
    },
    {
      name: 'a firewall that allows by default, with public access enabled',
      file: 'main.bicep',
      text: vaultBicep("    publicNetworkAccess: 'Enabled'\n    networkAcls: {\n      bypass: 'AzureServices'\n      defaultAction: 'Allow'\n    }\n"),
      message: /`networkAcls.defaultAction` is 'Allow' and `publicNetworkAccess` is 'Enabled';/,
      fixed: vaultBicep("    publicNetworkAccess: 'Enabled'\n    networkAcls: {\n      bypass: 'AzureServices'\n      defaultAction: 'Deny'\n    }\n"),
    },
    {
      name: 'a firewall without a default action, fixed by adding it',
      file: 'main.bicep',
      text: vaultBicep("    networkAcls: {\n      ipRules: []\n    }\n"),
      fixed: vaultBicep("    networkAcls: {\n      ipRules: []\n      defaultAction: 'Deny'\n    }\n"),
    },
    {
      name: 'a default action from a parameter default, fixed at the default',
      file: 'main.bicep',
      text: `@allowed([ 'Allow', 'Deny' ])\nparam defaultAction string = 'Allow'\n\n${vaultBicep('    networkAcls: {\n      defaultAction: defaultAction\n    }\n')}`,
      message: /\(from the default of parameter `defaultAction` \(line \d\)\)$/,
      fixed: `@allowed([ 'Allow', 'Deny' ])\nparam defaultAction string = 'Deny'\n\n${vaultBicep('    networkAcls: {\n      defaultAction: defaultAction\n    }\n')}`,
    },
    {
      name: 'publicNetworkAccess Disabled on an API version that ignores it',
      file: 'main.bicep',
      text: vaultBicep("    publicNetworkAccess: 'Disabled'\n", '2019-09-01'),
      fixed: vaultBicep(`    publicNetworkAccess: 'Disabled'\n${DENY_BICEP}`, '2019-09-01'),
    },
    {
      name: 'an ARM vault that allows by default',
      file: 'azuredeploy.json',
      text: armVault(',\n        "networkAcls": { "bypass": "AzureServices", "defaultAction": "Allow" }'),
      fixed: armVault(',\n        "networkAcls": { "bypass": "AzureServices", "defaultAction": "Deny" }'),
    },
    {
      name: 'an ARM vault without a firewall',
      file: 'azuredeploy.json',
      text: armVault(''),
      fixed: armVault(',\n        "networkAcls": {\n          "bypass": "AzureServices",\n          "defaultAction": "Deny"\n        }'),
    },
    {
      name: 'an unknown default action in strict mode, as information',
      file: 'main.bicep',
      text: `param defaultAction string\n\n${vaultBicep('    networkAcls: {\n      defaultAction: defaultAction\n    }\n')}`,
      strict: true,
      message: /^cannot verify whether Key Vault `vault` accepts connections from any network: parameter `defaultAction` has no default$/,
    },
  ],
  clean: [
    { name: 'a firewall that denies by default', file: 'main.bicep', text: vaultBicep(DENY_BICEP) },
    { name: 'public network access disabled', file: 'main.bicep', text: vaultBicep("    publicNetworkAccess: 'disabled'\n") },
    { name: 'public network access disabled through a variable', file: 'main.bicep', text: `var access = 'Disabled'\n\n${vaultBicep('    publicNetworkAccess: access\n')}` },
    { name: 'an unknown default action outside strict mode', file: 'main.bicep', text: `param defaultAction string\n\n${vaultBicep('    networkAcls: {\n      defaultAction: defaultAction\n    }\n')}` },
    { name: 'an existing vault', file: 'main.bicep', text: `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv-orders'\n}\n` },
    { name: 'an ARM vault with public network access disabled', file: 'azuredeploy.json', text: armVault(',\n        "publicNetworkAccess": "Disabled"') },
  ],
});
