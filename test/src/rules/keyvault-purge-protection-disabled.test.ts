import { ruleCases } from '../support/ruleTester';
import { armVault, vaultBicep } from './fixtures/vaults';

ruleCases('keyvault-purge-protection-disabled', {
  flagged: [
    {
      name: 'a Bicep vault without the property',
      file: 'main.bicep',
      text: vaultBicep(''),
      message: /^Key Vault `vault` can be purged: `enablePurgeProtection` is not set; enable it/,
      fixed: vaultBicep('    enablePurgeProtection: true\n'),
    },
    {
      name: 'a Bicep vault with purge protection false',
      file: 'main.bicep',
      text: vaultBicep('    enablePurgeProtection: false\n'),
      message: /`enablePurgeProtection` is false;/,
      fixed: vaultBicep('    enablePurgeProtection: true\n'),
    },
    {
      name: 'null from a variable, fixed in the variable',
      file: 'main.bicep',
      text: `var purgeProtection = null\n\n${vaultBicep('    enablePurgeProtection: purgeProtection\n')}`,
      message: /`enablePurgeProtection` is null; .* \(from variable `purgeProtection` \(line 1\)\)$/,
      fixed: `var purgeProtection = true\n\n${vaultBicep('    enablePurgeProtection: purgeProtection\n')}`,
    },
    {
      name: 'a looped vault (its body evaluates with unknown loop variables)',
      file: 'main.bicep',
      text: `param names array = [ 'a', 'b' ]\n\nresource vaults 'Microsoft.KeyVault/vaults@2023-07-01' = [for name in names: {\n  name: name\n  properties: {\n    tenantId: subscription().tenantId\n    enablePurgeProtection: false\n  }\n}]\n`,
      fixed: `param names array = [ 'a', 'b' ]\n\nresource vaults 'Microsoft.KeyVault/vaults@2023-07-01' = [for name in names: {\n  name: name\n  properties: {\n    tenantId: subscription().tenantId\n    enablePurgeProtection: true\n  }\n}]\n`,
    },
    {
      name: 'an ARM vault without the property',
      file: 'azuredeploy.json',
      text: armVault(''),
      fixed: armVault(',\n        "enablePurgeProtection": true'),
    },
    {
      name: 'an ARM parameter default of false, fixed at the default',
      file: 'azuredeploy.json',
      text: armVault(`,\n        "enablePurgeProtection": "[parameters('purgeProtection')]"`, `\n  "parameters": { "purgeProtection": { "type": "bool", "defaultValue": false } },`),
      message: /\(from the default of parameter `purgeProtection` \(line 4\)\)$/,
      fixed: armVault(`,\n        "enablePurgeProtection": "[parameters('purgeProtection')]"`, `\n  "parameters": { "purgeProtection": { "type": "bool", "defaultValue": true } },`),
    },
    {
      name: 'an unknown value in strict mode, as information',
      file: 'main.bicep',
      text: `param purgeProtection bool\n\n${vaultBicep('    enablePurgeProtection: purgeProtection\n')}`,
      strict: true,
      message: /^cannot verify whether Key Vault `vault` has purge protection: parameter `purgeProtection` has no default$/,
    },
  ],
  clean: [
    { name: 'a vault with purge protection', file: 'main.bicep', text: vaultBicep('    enablePurgeProtection: true\n') },
    { name: 'an unknown value outside strict mode', file: 'main.bicep', text: `param purgeProtection bool\n\n${vaultBicep('    enablePurgeProtection: purgeProtection\n')}` },
    { name: 'an existing vault', file: 'main.bicep', text: `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv-orders'\n}\n` },
    { name: 'an ARM vault with purge protection', file: 'azuredeploy.json', text: armVault(',\n        "enablePurgeProtection": true') },
  ],
});
