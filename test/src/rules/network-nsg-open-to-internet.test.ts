import { ruleCases } from '../support/ruleTester';

/** A Bicep rule object, as written inside `securityRules`. */
const bicepRule = (name: string, properties: Record<string, string>, indent = '      ') => {
  const lines = Object.entries(properties).map(([key, value]) => `${indent}    ${key}: ${value}`);
  return `${indent}{\n${indent}  name: '${name}'\n${indent}  properties: {\n${lines.join('\n')}\n${indent}  }\n${indent}}\n`;
};

const inbound = (overrides: Record<string, string> = {}) => ({
  direction: "'Inbound'",
  access: "'Allow'",
  protocol: "'Tcp'",
  priority: '100',
  sourceAddressPrefix: "'*'",
  sourcePortRange: "'*'",
  destinationAddressPrefix: "'*'",
  destinationPortRange: "'22'",
  ...overrides,
});

const NSG_BICEP = (rules: string, before = '') => `${before}resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {
  name: 'nsg-web'
  location: resourceGroup().location
  properties: {
    securityRules: [
${rules}    ]
  }
}
`;

const armNsg = (rules: string, extra = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",${extra}
  "resources": [
    {
      "type": "Microsoft.Network/networkSecurityGroups",
      "apiVersion": "2023-09-01",
      "name": "nsg-db",
      "properties": {
        "securityRules": [
${rules}
        ]
      }
    }
  ]
}
`;

/** An ARM rule object with the usual inbound Allow properties, `overrides` in JSON. */
const armRule = (name: string, overrides: Record<string, string> = {}) => {
  const properties = {
    direction: '"Inbound"',
    access: '"Allow"',
    protocol: '"Tcp"',
    priority: '100',
    sourceAddressPrefix: '"*"',
    sourcePortRange: '"*"',
    destinationAddressPrefix: '"*"',
    destinationPortRange: '"22"',
    ...overrides,
  };
  const lines = Object.entries(properties).filter(([, v]) => v !== '').map(([key, value]) => `              "${key}": ${value}`);
  return `          {\n            "name": "${name}",\n            "properties": {\n${lines.join(',\n')}\n            }\n          }`;
};

ruleCases('network-nsg-open-to-internet', {
  flagged: [
    {
      name: 'SSH open to any source in a Bicep NSG',
      file: 'main.bicep',
      text: NSG_BICEP(bicepRule('AllowSsh', inbound())),
      message: /^NSG rule 'AllowSsh' in `nsg` allows inbound traffic from the internet \(source '\*'\) to port 22 \(SSH\): restrict the source to known address ranges or `VirtualNetwork`, and reach VMs through Azure Bastion or just-in-time VM access$/,
      fixed: NSG_BICEP(bicepRule('AllowSsh', inbound({ sourceAddressPrefix: "'VirtualNetwork'" }))),
    },
    {
      name: 'an open source from a parameter default, fixed at the default',
      file: 'main.bicep',
      text: NSG_BICEP(bicepRule('AllowRdp', inbound({ sourceAddressPrefix: 'adminSource', destinationPortRange: "'3389'" })), `param adminSource string = 'Internet'\n\n`),
      message: /to port 3389 \(RDP\): .* \(from the default of parameter `adminSource` \(line 1\)\)$/,
      fixed: NSG_BICEP(bicepRule('AllowRdp', inbound({ sourceAddressPrefix: 'adminSource', destinationPortRange: "'3389'" })), `param adminSource string = 'VirtualNetwork'\n\n`),
    },
    {
      name: 'rules held in a variable, fixed in the variable',
      file: 'main.bicep',
      text: `var rules = [\n${bicepRule('AllowPostgres', inbound({ sourceAddressPrefix: "'0.0.0.0/0'", destinationPortRange: "'5432'" }), '  ')}]\n\nresource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n  name: 'nsg'\n  properties: {\n    securityRules: rules\n  }\n}\n`,
      message: /to port 5432 \(PostgreSQL\): restrict the source to known address ranges or `VirtualNetwork`, and reach data services through private endpoints/,
      fixed: `var rules = [\n${bicepRule('AllowPostgres', inbound({ sourceAddressPrefix: "'VirtualNetwork'", destinationPortRange: "'5432'" }), '  ')}]\n\nresource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n  name: 'nsg'\n  properties: {\n    securityRules: rules\n  }\n}\n`,
    },
    {
      name: 'a port range that takes in several sensitive ports, in a standalone child rule',
      file: 'main.bicep',
      text: `resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n  name: 'nsg'\n}\n\nresource rule 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' = {\n  parent: nsg\n  name: 'AllowRange'\n  properties: {\n    direction: 'Inbound'\n    access: 'Allow'\n    protocol: '*'\n    priority: 200\n    sourceAddressPrefix: 'any'\n    sourcePortRange: '*'\n    destinationAddressPrefix: '*'\n    destinationPortRange: '3000-4000'\n  }\n}\n`,
      message: /^NSG rule 'AllowRange' in `nsg` allows inbound traffic from the internet \(source 'any'\) to port 3306 \(MySQL\), port 3389 \(RDP\): restrict the source to known address ranges or `VirtualNetwork`, and reach VMs through Azure Bastion or just-in-time VM access, and reach data services through private endpoints$/,
      fixed: `resource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n  name: 'nsg'\n}\n\nresource rule 'Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01' = {\n  parent: nsg\n  name: 'AllowRange'\n  properties: {\n    direction: 'Inbound'\n    access: 'Allow'\n    protocol: '*'\n    priority: 200\n    sourceAddressPrefix: 'VirtualNetwork'\n    sourcePortRange: '*'\n    destinationAddressPrefix: '*'\n    destinationPortRange: '3000-4000'\n  }\n}\n`,
    },
    {
      name: 'an ARM rule whose source list has one internet entry, fixed in the list',
      file: 'azuredeploy.json',
      text: armNsg(armRule('AllowSql', { protocol: '"*"', sourceAddressPrefix: '', sourceAddressPrefixes: '["10.1.0.0/16", "0.0.0.0/0"]', destinationPortRange: '', destinationPortRanges: '["1433", 27017]' })),
      message: /to port 1433 \(SQL Server\), port 27017 \(MongoDB\): .* reach data services through private endpoints$/,
      fixed: armNsg(armRule('AllowSql', { protocol: '"*"', sourceAddressPrefix: '', sourceAddressPrefixes: '["10.1.0.0/16", "VirtualNetwork"]', destinationPortRange: '', destinationPortRanges: '["1433", 27017]' })),
    },
    {
      name: 'an ARM rule open on every port',
      file: 'azuredeploy.json',
      text: armNsg(armRule('AllowAll', { destinationPortRange: '"*"' })),
      message: /^NSG rule 'AllowAll' in 'nsg-db' allows inbound traffic from the internet \(source '\*'\) to all ports: /,
      fixed: armNsg(armRule('AllowAll', { destinationPortRange: '"*"', sourceAddressPrefix: '"VirtualNetwork"' })),
    },
    {
      name: 'a standalone ARM rule named after its NSG',
      file: 'azuredeploy.json',
      text: `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "contentVersion": "1.0.0.0",\n  "resources": [\n    {\n      "type": "Microsoft.Network/networkSecurityGroups/securityRules",\n      "apiVersion": "2023-09-01",\n      "name": "nsg-db/AllowWinRm",\n      "properties": {\n        "direction": "Inbound", "access": "Allow", "protocol": "Tcp", "priority": 300,\n        "sourceAddressPrefix": "::/0", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "5985-5986"\n      }\n    }\n  ]\n}\n`,
      message: /^NSG rule 'AllowWinRm' in 'nsg-db' allows inbound traffic from the internet \(source '::\/0'\) to ports 5985-5986 \(WinRM\)/,
    },
    {
      name: 'RDP over UDP',
      file: 'main.bicep',
      text: NSG_BICEP(bicepRule('AllowRdpUdp', inbound({ protocol: "'Udp'", destinationPortRange: "'3389'" }))),
      message: /to port 3389 \(RDP\)/,
    },
    {
      name: 'a range partly shadowed by a Deny with a lower priority number: what the Deny leaves open',
      file: 'main.bicep',
      text: NSG_BICEP(bicepRule('DenySsh', inbound({ access: "'Deny'", priority: '90' })) + bicepRule('AllowLow', inbound({ destinationPortRange: "'20-30'" }))),
      message: /to ports 20-21 \(FTP\), port 23 \(Telnet\): /,
    },
    {
      name: 'a Deny with a higher priority number, which comes too late',
      file: 'main.bicep',
      text: NSG_BICEP(bicepRule('AllowSsh', inbound()) + bicepRule('DenySsh', inbound({ access: "'Deny'", priority: '4000' }))),
      message: /port 22 \(SSH\)/,
    },
    {
      name: 'two internet entries in one list: reported, but no single replacement fixes it',
      file: 'azuredeploy.json',
      text: armNsg(armRule('AllowSsh', { sourceAddressPrefix: '', sourceAddressPrefixes: '["0.0.0.0/0", "Internet"]' })),
      message: /source '0\.0\.0\.0\/0'/,
      fixed: null,
    },
    {
      name: 'an unknown source in strict mode, as information',
      file: 'main.bicep',
      text: NSG_BICEP(bicepRule('AllowSsh', inbound({ sourceAddressPrefix: 'source' })), 'param source string\n\n'),
      strict: true,
      message: /^cannot verify whether NSG rule 'AllowSsh' in `nsg` opens ports to the internet: parameter `source` has no default$/,
    },
    {
      name: 'rules of a loop over an unknown list in strict mode, as information',
      file: 'main.bicep',
      text: `param rules array\n\nresource nsg 'Microsoft.Network/networkSecurityGroups@2023-09-01' = {\n  name: 'nsg'\n  properties: {\n    securityRules: [for r in rules: {\n      name: r.name\n      properties: {\n        direction: 'Inbound'\n        access: 'Allow'\n        protocol: 'Tcp'\n        priority: r.priority\n        sourceAddressPrefix: r.source\n        destinationAddressPrefix: '*'\n        destinationPortRange: r.port\n      }\n    }]\n  }\n}\n`,
      strict: true,
      message: /^cannot verify whether an NSG rule of a loop in `nsg` opens ports to the internet/,
    },
  ],
  clean: [
    { name: 'an outbound rule', file: 'main.bicep', text: NSG_BICEP(bicepRule('OutSsh', inbound({ direction: "'Outbound'" }))) },
    { name: 'a Deny rule', file: 'main.bicep', text: NSG_BICEP(bicepRule('DenySsh', inbound({ access: "'Deny'" }))) },
    { name: 'a VirtualNetwork source', file: 'main.bicep', text: NSG_BICEP(bicepRule('VnetSsh', inbound({ sourceAddressPrefix: "'VirtualNetwork'" }))) },
    { name: 'an AzureLoadBalancer source', file: 'main.bicep', text: NSG_BICEP(bicepRule('LbProbe', inbound({ sourceAddressPrefix: "'AzureLoadBalancer'", destinationPortRange: "'*'" }))) },
    { name: 'a specific address range', file: 'main.bicep', text: NSG_BICEP(bicepRule('OfficeSsh', inbound({ sourceAddressPrefix: "'203.0.113.0/24'" }))) },
    { name: 'HTTPS from the internet', file: 'main.bicep', text: NSG_BICEP(bicepRule('Https', inbound({ sourceAddressPrefix: "'Internet'", destinationPortRange: "'443'" }))) },
    { name: 'SSH over UDP, which SSH does not use', file: 'main.bicep', text: NSG_BICEP(bicepRule('SshUdp', inbound({ protocol: "'Udp'" }))) },
    { name: 'ICMP from anywhere', file: 'main.bicep', text: NSG_BICEP(bicepRule('Ping', inbound({ protocol: "'Icmp'", destinationPortRange: "'*'" }))) },
    {
      name: 'an Allow shadowed by a Deny with a lower priority number for the same ports',
      file: 'main.bicep',
      text: NSG_BICEP(bicepRule('DenyInternet', inbound({ access: "'Deny'", priority: '100', sourceAddressPrefix: "'Internet'", protocol: "'*'", destinationPortRange: "'*'" })) + bicepRule('AllowSsh', inbound({ priority: '200' }))),
    },
    {
      name: 'a shadowing Deny declared as a standalone ARM rule of the same NSG',
      file: 'azuredeploy.json',
      text: armNsg(armRule('AllowSsh', { priority: '500' })).replace(
        '  ]\n}\n',
        `    ,{\n      "type": "Microsoft.Network/networkSecurityGroups/securityRules",\n      "apiVersion": "2023-09-01",\n      "name": "nsg-db/DenySsh",\n      "properties": { "direction": "Inbound", "access": "Deny", "protocol": "Tcp", "priority": 100, "sourceAddressPrefix": "*", "sourcePortRange": "*", "destinationAddressPrefix": "*", "destinationPortRange": "22" }\n    }\n  ]\n}\n`,
      ),
    },
    { name: 'an unknown source outside strict mode', file: 'main.bicep', text: NSG_BICEP(bicepRule('AllowSsh', inbound({ sourceAddressPrefix: 'source' })), 'param source string\n\n') },
    {
      name: 'a suppressed finding with a reason',
      file: 'main.bicep',
      text: NSG_BICEP(bicepRule('AllowSsh', inbound()).replace("          sourceAddressPrefix:", '          // ztlint-disable-next-line network-nsg-open-to-internet -- lab VM, deleted nightly\n          sourceAddressPrefix:')),
    },
  ],
});
