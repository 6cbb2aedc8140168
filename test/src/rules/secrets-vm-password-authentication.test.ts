import { ruleCases } from '../support/ruleTester';

const vm = (osProfile: string, image = `{ publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server', version: 'latest' }`, before = '') => `${before}@secure()
param adminPassword string

resource vm 'Microsoft.Compute/virtualMachines@2024-03-01' = {
  name: 'vm-jump'
  location: resourceGroup().location
  properties: {
    osProfile: {
      computerName: 'vm-jump'
      adminUsername: 'azureuser'
${osProfile}    }
    storageProfile: {
      imageReference: ${image}
    }
  }
}
`;

const SSH = `        ssh: {
          publicKeys: [
            { path: '/home/azureuser/.ssh/authorized_keys', keyData: 'ssh-rsa AAAAB3NzaFAKEKEY azureuser' }
          ]
        }
`;

const armVmss = (linuxConfiguration: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "adminPassword": { "type": "securestring" }
  },
  "resources": [
    {
      "type": "Microsoft.Compute/virtualMachineScaleSets",
      "apiVersion": "2024-03-01",
      "name": "vmss-workers",
      "location": "[resourceGroup().location]",
      "properties": {
        "virtualMachineProfile": {
          "osProfile": {
            "computerNamePrefix": "worker",
            "adminUsername": "azureuser",
            "adminPassword": "[parameters('adminPassword')]",
            "linuxConfiguration": {
${linuxConfiguration}
            }
          }
        }
      }
    }
  ]
}
`;

ruleCases('secrets-vm-password-authentication', {
  flagged: [
    {
      name: 'password authentication left on, with an SSH key, fixed',
      file: 'main.bicep',
      text: vm(`      adminPassword: adminPassword\n      linuxConfiguration: {\n        disablePasswordAuthentication: false\n${SSH}      }\n`),
      message: /^Linux VM `vm` allows password sign-in: `disablePasswordAuthentication` is false; sign in with SSH keys or Microsoft Entra ID and set `disablePasswordAuthentication` to true$/,
      fixed: vm(`      adminPassword: adminPassword\n      linuxConfiguration: {\n        disablePasswordAuthentication: true\n${SSH}      }\n`),
    },
    {
      name: 'the property not set with a password and an SSH key, fixed by adding it',
      file: 'main.bicep',
      text: vm(`      adminPassword: adminPassword\n      linuxConfiguration: {\n${SSH}      }\n`),
      message: /an admin password is given and `disablePasswordAuthentication` is not set \(it defaults to false\)/,
      fixed: vm(`      adminPassword: adminPassword\n      linuxConfiguration: {\n${SSH}        disablePasswordAuthentication: true\n      }\n`),
    },
    {
      name: 'no SSH key: reported without a fix, so that nobody is locked out',
      file: 'main.bicep',
      text: vm(`      adminPassword: adminPassword\n      linuxConfiguration: {\n        disablePasswordAuthentication: false\n      }\n`),
      fixed: null,
    },
    {
      name: 'a null linuxConfiguration chosen by an authentication type parameter',
      file: 'main.bicep',
      text: vm(`      adminPassword: adminPassword\n      linuxConfiguration: authenticationType == 'password' ? null : { disablePasswordAuthentication: true }\n`, undefined, `param authenticationType string = 'password'\n`),
      message: /an admin password is given and `linuxConfiguration` is null/,
      fixed: null,
    },
    {
      name: 'a value from a parameter default',
      file: 'main.bicep',
      text: vm(`      adminPassword: adminPassword\n      linuxConfiguration: {\n        disablePasswordAuthentication: disablePasswords\n      }\n`, undefined, `param disablePasswords bool = false\n`),
      message: /is false; .* \(from the default of parameter `disablePasswords` \(line 1\)\)$/,
    },
    { name: 'a Linux OS disk without linuxConfiguration', file: 'main.bicep', text: vm(`      adminPassword: adminPassword\n`, `{ id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/images/custom' }\n      osDisk: { osType: 'Linux', createOption: 'FromImage' }`) },
    { name: 'an ARM scale set', file: 'azuredeploy.json', text: armVmss(`              "disablePasswordAuthentication": false`), message: /^Linux VM 'vmss-workers' allows password sign-in/ },
    { name: 'an unknown value in strict mode, as information', file: 'main.bicep', text: vm(`      adminPassword: adminPassword\n      linuxConfiguration: {\n        disablePasswordAuthentication: disablePasswords\n      }\n`, undefined, `param disablePasswords bool\n`), strict: true, message: /^cannot verify whether Linux VM `vm` allows password sign-in: parameter `disablePasswords` has no default$/ },
  ],
  clean: [
    { name: 'password authentication disabled', file: 'main.bicep', text: vm(`      linuxConfiguration: {\n        disablePasswordAuthentication: true\n${SSH}      }\n`) },
    { name: 'no admin password (SSH keys only)', file: 'main.bicep', text: vm(`      linuxConfiguration: {\n${SSH}      }\n`) },
    { name: 'a Windows VM', file: 'main.bicep', text: vm(`      adminPassword: adminPassword\n      windowsConfiguration: { provisionVMAgent: true }\n`, `{ publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2022-datacenter', version: 'latest' }`) },
    { name: 'an image the template does not describe', file: 'main.bicep', text: vm(`      adminPassword: adminPassword\n`, `{ id: '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/images/custom' }`) },
    { name: 'an unknown value outside strict mode', file: 'main.bicep', text: vm(`      adminPassword: adminPassword\n      linuxConfiguration: {\n        disablePasswordAuthentication: disablePasswords\n      }\n`, undefined, `param disablePasswords bool\n`) },
    { name: 'an ARM scale set with password authentication disabled', file: 'azuredeploy.json', text: armVmss(`              "disablePasswordAuthentication": true`) },
  ],
});
