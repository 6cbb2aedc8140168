import { ruleCases } from '../support/ruleTester';
import { armVault, vaultBicep } from './fixtures/vaults';

ruleCases('keyvault-soft-delete-disabled', {
  flagged: [
    {
      name: 'a Bicep vault with soft delete off',
      file: 'main.bicep',
      text: vaultBicep('    enableSoftDelete: false\n'),
      message: /^Key Vault `vault` has soft delete turned off: `enableSoftDelete` is false, so a deleted secret, key or certificate is gone at once; set it to true$/,
      fixed: vaultBicep('    enableSoftDelete: true\n'),
    },
    {
      name: 'a parameter default, fixed at the default',
      file: 'main.bicep',
      text: `param softDelete bool = false\n\n${vaultBicep('    enableSoftDelete: softDelete\n')}`,
      message: /\(from the default of parameter `softDelete` \(line 1\)\)$/,
      fixed: `param softDelete bool = true\n\n${vaultBicep('    enableSoftDelete: softDelete\n')}`,
    },
    {
      name: 'an ARM vault with soft delete off',
      file: 'azuredeploy.json',
      text: armVault(',\n        "enableSoftDelete": false'),
      fixed: armVault(',\n        "enableSoftDelete": true'),
    },
    {
      name: 'an ARM variable, fixed in the variable',
      file: 'azuredeploy.json',
      text: armVault(`,\n        "enableSoftDelete": "[variables('softDelete')]"`, `\n  "variables": { "softDelete": false },`),
      message: /\(from variable `softDelete` \(line 4\)\)$/,
      fixed: armVault(`,\n        "enableSoftDelete": "[variables('softDelete')]"`, `\n  "variables": { "softDelete": true },`),
    },
    {
      name: 'an unknown value in strict mode, as information',
      file: 'main.bicep',
      text: `param softDelete bool\n\n${vaultBicep('    enableSoftDelete: softDelete\n')}`,
      strict: true,
      message: /^cannot verify whether Key Vault `vault` has soft delete: parameter `softDelete` has no default$/,
    },
  ],
  clean: [
    { name: 'a vault without the property (soft delete is the default)', file: 'main.bicep', text: vaultBicep('') },
    { name: 'a vault with soft delete on', file: 'main.bicep', text: vaultBicep('    enableSoftDelete: true\n') },
    { name: 'an unknown value outside strict mode', file: 'main.bicep', text: `param softDelete bool\n\n${vaultBicep('    enableSoftDelete: softDelete\n')}` },
    { name: 'an existing vault', file: 'main.bicep', text: `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv-orders'\n}\n` },
    { name: 'an ARM vault without the property', file: 'azuredeploy.json', text: armVault('') },
  ],
});
