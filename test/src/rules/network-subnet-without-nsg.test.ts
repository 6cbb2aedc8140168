import { ruleCases } from '../support/ruleTester';

/** A Bicep subnet object as written inside `subnets`. */
const subnet = (name: string, extra = '') => `      {\n        name: ${name}\n        properties: {\n          addressPrefix: '10.0.1.0/24'\n${extra}        }\n      }\n`;

const VNET_BICEP = (subnets: string, before = '') => `${before}resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' = {
  name: 'vnet-app'
  location: resourceGroup().location
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [
${subnets}    ]
  }
}
`;

const NSG_BICEP = (symbol = 'nsg') => `resource ${symbol} 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n  name: '${symbol}-app'\n  location: resourceGroup().location\n}\n\n`;

const armTemplate = (resources: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
${resources}
  ]
}
`;

const ARM_NSG = `    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-09-01",
      "name": "nsg-data",
      "location": "[resourceGroup().location]"
    },`;

const armSubnet = (properties: string) => `    {
      "type": "Microsoft.Network/virtualNetworks/subnets",
      "apiVersion": "2023-09-01",
      "name": "vnet-app/data",
      "properties": {
        "addressPrefix": "10.0.2.0/24"${properties}
      }
    }`;

const armVnet = (subnets: string) => `    {
      "type": "Microsoft.Network/virtualNetworks",
      "apiVersion": "2023-09-01",
      "name": "vnet-app",
      "location": "[resourceGroup().location]",
      "properties": {
        "addressSpace": { "addressPrefixes": ["10.0.0.0/16"] },
        "subnets": [
${subnets}
        ]
      }
    }`;

const armInlineSubnet = (name: string, properties = '') => `          {\n            "name": "${name}",\n            "properties": { "addressPrefix": "10.0.3.0/24"${properties} }\n          }`;

const GENERIC_ADVICE = /has no network security group: associate an NSG that allows only the traffic the subnet needs$/;

ruleCases('network-subnet-without-nsg', {
  flagged: [
    {
      name: 'a Bicep subnet without an NSG, and no NSG in the template to associate',
      file: 'main.bicep',
      text: VNET_BICEP(subnet("'app'")),
      message: /^Subnet 'app' of `vnet` has no network security group: associate an NSG that allows only the traffic the subnet needs$/,
      fixed: null,
    },
    {
      name: 'a Bicep subnet without an NSG when the template declares one, associated by the fix',
      file: 'main.bicep',
      text: VNET_BICEP(subnet("'app'"), NSG_BICEP()),
      fixed: VNET_BICEP(subnet("'app'", '          networkSecurityGroup: {\n            id: nsg.id\n          }\n'), NSG_BICEP()),
    },
    {
      name: 'a subnet whose NSG is null',
      file: 'main.bicep',
      text: VNET_BICEP(subnet("'app'", '          networkSecurityGroup: null\n'), NSG_BICEP()),
      fixed: VNET_BICEP(subnet("'app'", '          networkSecurityGroup: {\n            id: nsg.id\n          }\n'), NSG_BICEP()),
    },
    {
      name: 'a subnet named by a variable: the message is about the subnet, not where its name comes from',
      file: 'main.bicep',
      text: VNET_BICEP(subnet('subnetName'), "var subnetName = 'app'\n\n"),
      message: /^Subnet 'app' of `vnet` has no network security group: associate an NSG that allows only the traffic the subnet needs$/,
    },
    {
      name: 'a standalone Bicep subnet with a parent',
      file: 'main.bicep',
      text: `resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' existing = {\n  name: 'vnet-app'\n}\n\nresource sub 'Microsoft.Network/virtualNetworks/subnets@2023-09-01' = {\n  parent: vnet\n  name: 'data'\n  properties: {\n    addressPrefix: '10.0.2.0/24'\n  }\n}\n`,
      message: /^Subnet `sub` has no network security group/,
      fixed: null,
    },
    {
      name: 'AzureBastionSubnet, which needs Bastion\'s own rules and so gets no fix',
      file: 'main.bicep',
      text: VNET_BICEP(subnet("'AzureBastionSubnet'"), NSG_BICEP()),
      message: /^Subnet 'AzureBastionSubnet' of `vnet` has no network security group: associate an NSG with the inbound and outbound rules Azure Bastion requires$/,
      fixed: null,
    },
    {
      name: 'a subnet when the only NSG is the Bastion subnet\'s: no fix',
      file: 'main.bicep',
      text: VNET_BICEP(subnet("'AzureBastionSubnet'", '          networkSecurityGroup: { id: bastionNsg.id }\n') + subnet("'app'"), NSG_BICEP('bastionNsg')),
      message: /^Subnet 'app' of `vnet`/,
      fixed: null,
    },
    {
      name: 'a subnet when the template declares two NSGs: no guess',
      file: 'main.bicep',
      text: VNET_BICEP(subnet("'app'"), NSG_BICEP('web') + NSG_BICEP('db')),
      fixed: null,
    },
    {
      name: 'the subnets of a loop over an unknown list',
      file: 'main.bicep',
      text: VNET_BICEP('', 'param subnetNames array\n\n').replace('    subnets: [\n    ]', "    subnets: [for name in subnetNames: {\n      name: name\n      properties: {\n        addressPrefix: '10.0.1.0/24'\n      }\n    }]"),
      message: /^The subnets of the loop in `vnet` have no network security group/,
    },
    {
      name: 'a standalone ARM subnet, fixed with a reference to the template\'s NSG',
      file: 'azuredeploy.json',
      text: armTemplate(`${ARM_NSG}\n${armSubnet('')}`),
      message: /^Subnet 'vnet-app\/data' has no network security group/,
      fixed: armTemplate(`${ARM_NSG}\n${armSubnet(`,\n        "networkSecurityGroup": {\n          "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-data')]"\n        }`)}`),
    },
    {
      name: 'inline ARM subnets, the gateway subnet left alone',
      file: 'azuredeploy.json',
      text: armTemplate(armVnet(`${armInlineSubnet('GatewaySubnet')},\n${armInlineSubnet('app')}`)),
      message: GENERIC_ADVICE,
    },
    {
      name: 'an unknown NSG in strict mode, as information',
      file: 'main.bicep',
      text: VNET_BICEP(subnet("'app'", '          networkSecurityGroup: nsgId == \'\' ? null : { id: nsgId }\n'), 'param nsgId string\n\n'),
      strict: true,
      message: /^cannot verify whether subnet 'app' of `vnet` has a network security group: /,
    },
  ],
  clean: [
    { name: 'a subnet with an NSG', file: 'main.bicep', text: VNET_BICEP(subnet("'app'", '          networkSecurityGroup: { id: nsg.id }\n'), NSG_BICEP()) },
    { name: 'a subnet with an NSG from a parameter', file: 'main.bicep', text: VNET_BICEP(subnet("'app'", '          networkSecurityGroup: { id: nsgId }\n'), 'param nsgId string\n\n') },
    {
      name: 'the subnets Azure allows no NSG on',
      file: 'main.bicep',
      text: VNET_BICEP(['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet'].map((n) => subnet(`'${n}'`)).join('')),
    },
    {
      name: 'a subnet delegated to Dedicated HSM',
      file: 'main.bicep',
      text: VNET_BICEP(subnet("'hsm'", "          delegations: [\n            {\n              name: 'hsm'\n              properties: { serviceName: 'Microsoft.HardwareSecurityModules/dedicatedHSMs' }\n            }\n          ]\n")),
    },
    { name: 'a standalone ARM subnet with an NSG', file: 'azuredeploy.json', text: armTemplate(`${ARM_NSG}\n${armSubnet(`,\n        "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-data')]" }`)}`) },
    { name: 'a standalone ARM AzureFirewallSubnet', file: 'azuredeploy.json', text: armTemplate(armSubnet('').replace('vnet-app/data', 'vnet-app/AzureFirewallSubnet')) },
    { name: 'an existing virtual network', file: 'main.bicep', text: `resource vnet 'Microsoft.Network/virtualNetworks@2023-09-01' existing = {\n  name: 'vnet-app'\n}\n` },
    { name: 'an unknown NSG outside strict mode', file: 'main.bicep', text: VNET_BICEP(subnet("'app'", "          networkSecurityGroup: nsgId == '' ? null : { id: nsgId }\n"), 'param nsgId string\n\n') },
  ],
});
