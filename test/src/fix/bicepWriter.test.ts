import { newValues } from 'ztlint/fix/intent';
import { writerCases } from './writerCases';

const STORAGE = (properties: string, extra = '') => `${extra}resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'stfixtures'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
${properties}  }
}
`;

const VAULT = `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-fixtures'
  location: 'westeurope'
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
  }
}
`;

writerCases('Bicep writer: replace-value', [
  {
    name: 'a string literal in a resource',
    file: 'main.bicep',
    text: STORAGE(`    publicNetworkAccess: 'Enabled'\n`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'properties.publicNetworkAccess'), with: 'Disabled' }),
    fixed: STORAGE(`    publicNetworkAccess: 'Disabled'\n`),
    then: { selector: 'storage', path: 'properties.publicNetworkAccess', is: 'Disabled' },
  },
  {
    name: 'a parameter default, where the value is written',
    file: 'main.bicep',
    text: STORAGE(`    publicNetworkAccess: access\n`, `@description('Public access')\nparam access string = 'Enabled' // for now\n\n`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'properties.publicNetworkAccess'), with: 'Disabled' }),
    fixed: STORAGE(`    publicNetworkAccess: access\n`, `@description('Public access')\nparam access string = 'Disabled' // for now\n\n`),
    then: { selector: 'storage', path: 'properties.publicNetworkAccess', is: 'Disabled' },
  },
  {
    name: 'a variable, with Bicep escapes in the new string',
    file: 'main.bicep',
    text: STORAGE(`    minimumTlsVersion: tls\n`, `var tls = 'TLS1_0'\n\n`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'properties.minimumTlsVersion'), with: "it's ${not} a \\ path" }),
    fixed: STORAGE(`    minimumTlsVersion: tls\n`, `var tls = 'it\\'s \\\${not} a \\\\ path'\n\n`),
    then: { selector: 'storage', path: 'properties.minimumTlsVersion', is: "it's ${not} a \\ path" },
  },
  {
    name: 'a boolean in a CRLF file',
    file: 'main.bicep',
    text: STORAGE(`    allowBlobPublicAccess: true\n`).replace(/\n/g, '\r\n'),
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'properties.allowBlobPublicAccess'), with: false }),
    fixed: STORAGE(`    allowBlobPublicAccess: false\n`).replace(/\n/g, '\r\n'),
  },
  {
    name: 'a negative number',
    file: 'main.bicep',
    text: `var retention = {\n  days: -1\n}\n`,
    intent: (m) => ({ kind: 'replace-value', value: m.value('var:retention', 'days'), with: 90 }),
    fixed: `var retention = {\n  days: 90\n}\n`,
  },
  {
    name: 'an empty object, by one written over lines at the indentation of its line',
    file: 'main.bicep',
    text: STORAGE(`    networkAcls: {}\n`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'properties.networkAcls'), with: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [] } }),
    fixed: STORAGE(`    networkAcls: {\n      defaultAction: 'Deny'\n      bypass: 'AzureServices'\n      ipRules: []\n    }\n`),
    then: { selector: 'storage', path: 'properties.networkAcls', is: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [] } },
  },
  {
    name: 'a one-line array, kept on its line with its spacing',
    file: 'main.bicep',
    text: STORAGE(`    allowedZones: [ '1' ]\n`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'properties.allowedZones'), with: ['1', '2', '3'] }),
    fixed: STORAGE(`    allowedZones: [ '1', '2', '3' ]\n`),
  },
  {
    name: 'a value in a one-line object, kept on its line',
    file: 'main.bicep',
    text: `var acls = { defaultAction: 'Allow', bypass: 'None' }\n`,
    intent: (m) => ({ kind: 'replace-value', value: m.value('var:acls', 'bypass'), with: ['AzureServices', 'Logging'] }),
    fixed: `var acls = { defaultAction: 'Allow', bypass: ['AzureServices', 'Logging'] }\n`,
  },
  {
    name: 'a literal replaced by a reference to a parameter',
    file: 'main.bicep',
    text: `param location string = resourceGroup().location\n\n${STORAGE(`    publicNetworkAccess: 'Disabled'\n`)}`,
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'location'), with: newValues.parameter('location') }),
    fixed: `param location string = resourceGroup().location\n\n${STORAGE(`    publicNetworkAccess: 'Disabled'\n`)}`.replace("location: 'westeurope'", 'location: location'),
  },
  {
    name: 'refuses an interpolated string',
    file: 'main.bicep',
    text: STORAGE(`    publicNetworkAccess: '${'${'}'En'}abled'\n`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'properties.publicNetworkAccess'), with: 'Disabled' }),
    refused: /computed/,
  },
  {
    name: 'refuses a function result',
    file: 'main.bicep',
    text: STORAGE(`    publicNetworkAccess: toLower('ENABLED')\n`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'properties.publicNetworkAccess'), with: 'disabled' }),
    refused: /computed|not a literal/,
  },
  {
    name: 'refuses a value from the parameter file',
    file: 'main.bicep',
    text: STORAGE(`    publicNetworkAccess: access\n`, `param access string = 'Disabled'\n\n`),
    parameterFile: { file: 'main.bicepparam', text: `using './main.bicep'\n\nparam access = 'Enabled'\n` },
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'properties.publicNetworkAccess'), with: 'Disabled' }),
    refused: /parameter file main\.bicepparam/,
  },
  {
    name: 'refuses a value inside an object from the parameter file',
    file: 'main.bicep',
    text: STORAGE(`    networkAcls: acls\n`, `param acls object = {\n  defaultAction: 'Deny'\n}\n\n`),
    parameterFile: { file: 'main.bicepparam', text: `using './main.bicep'\n\nparam acls = {\n  defaultAction: 'Allow'\n}\n` },
    intent: (m) => ({ kind: 'replace-value', value: m.value('storage', 'properties.networkAcls.defaultAction'), with: 'Deny' }),
    refused: /parameter file main\.bicepparam/,
  },
]);

writerCases('Bicep writer: .bicepparam files', [
  {
    name: 'a parameter value',
    file: 'main.bicepparam',
    text: `using './main.bicep'\n\nparam access = 'Enabled' // review\n`,
    intent: (m) => {
      const file = m.document.parameterFile!;
      return { kind: 'replace-value', value: m.evaluator.evaluate(file.values[0].value!, file.scope), with: 'Disabled' };
    },
    fixed: `using './main.bicep'\n\nparam access = 'Disabled' // review\n`,
  },
]);

writerCases('Bicep writer: add-property', [
  {
    name: 'nested missing objects, at the indentation of the entries',
    file: 'main.bicep',
    text: STORAGE(`    minimumTlsVersion: 'TLS1_2'\n`),
    intent: (m) => ({ kind: 'add-property', container: m.object('storage', 'properties'), path: ['networkAcls', 'defaultAction'], value: 'Deny' }),
    fixed: STORAGE(`    minimumTlsVersion: 'TLS1_2'\n    networkAcls: {\n      defaultAction: 'Deny'\n    }\n`),
    then: { selector: 'storage', path: 'properties.networkAcls.defaultAction', is: 'Deny' },
  },
  {
    name: 'after a comment that ends the last entry',
    file: 'main.bicep',
    text: STORAGE(`    minimumTlsVersion: 'TLS1_2' // required by policy\n    /* more to come */\n`),
    intent: (m) => ({ kind: 'add-property', container: m.object('storage', 'properties'), path: ['allowSharedKeyAccess'], value: false }),
    fixed: STORAGE(`    minimumTlsVersion: 'TLS1_2' // required by policy\n    allowSharedKeyAccess: false\n    /* more to come */\n`),
  },
  {
    name: 'into an empty object, opened over lines',
    file: 'main.bicep',
    text: STORAGE('').replace('properties: {\n  }', 'properties: {}'),
    intent: (m) => ({ kind: 'add-property', container: m.object('storage', 'properties'), path: ['supportsHttpsTrafficOnly'], value: true }),
    fixed: STORAGE('    supportsHttpsTrafficOnly: true\n'),
  },
  {
    name: 'into an empty multi-line object, one unit deeper than its opening line',
    file: 'main.bicep',
    text: STORAGE(''),
    intent: (m) => ({ kind: 'add-property', container: m.object('storage', 'properties'), path: ['supportsHttpsTrafficOnly'], value: true }),
    fixed: STORAGE('    supportsHttpsTrafficOnly: true\n'),
  },
  {
    name: 'into a one-line object, on its line',
    file: 'main.bicep',
    text: `var tags = { env: 'test' }\n`,
    intent: (m) => ({ kind: 'add-property', container: m.object('var:tags', ''), path: ['owner'], value: { team: 'platform' } }),
    fixed: `var tags = { env: 'test', owner: { team: 'platform' } }\n`,
  },
  {
    name: 'with tabs, and a key that is not an identifier',
    file: 'main.bicep',
    text: `var labels = {\n\tapp: 'web'\n}\n`,
    intent: (m) => ({ kind: 'add-property', container: m.object('var:labels', ''), path: ['azure.workload.identity/use', 'enabled'], value: 'true' }),
    fixed: `var labels = {\n\tapp: 'web'\n\t'azure.workload.identity/use': {\n\t\tenabled: 'true'\n\t}\n}\n`,
    then: { selector: 'var:labels', path: ['azure.workload.identity/use'], is: { enabled: 'true' } },
  },
  {
    name: 'in a CRLF file',
    file: 'main.bicep',
    text: STORAGE(`    minimumTlsVersion: 'TLS1_2'\n`).replace(/\n/g, '\r\n'),
    intent: (m) => ({ kind: 'add-property', container: m.object('storage', 'properties'), path: ['networkAcls'], value: { defaultAction: 'Deny', ipRules: [] } }),
    fixed: STORAGE(`    minimumTlsVersion: 'TLS1_2'\n    networkAcls: {\n      defaultAction: 'Deny'\n      ipRules: []\n    }\n`).replace(/\n/g, '\r\n'),
  },
  {
    name: 'after a nested resource declaration, in a conditional resource',
    file: 'main.bicep',
    text: `param deploy bool = true\n\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' = if (deploy) {\n  name: 'kv-fixtures'\n\n  resource secret 'secrets' = {\n    name: 'db'\n  }\n}\n`,
    intent: (m) => ({ kind: 'add-property', container: m.object('vault', ''), path: ['properties', 'enablePurgeProtection'], value: true }),
    fixed: `param deploy bool = true\n\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' = if (deploy) {\n  name: 'kv-fixtures'\n\n  resource secret 'secrets' = {\n    name: 'db'\n  }\n  properties: {\n    enablePurgeProtection: true\n  }\n}\n`,
    then: { selector: 'vault', path: 'properties.enablePurgeProtection', is: true },
  },
  {
    name: 'after a spread',
    file: 'main.bicep',
    text: `var base = {\n  a: 1\n}\nvar merged = {\n  ...base\n}\n`,
    intent: (m) => ({ kind: 'add-property', container: m.object('var:merged', ''), path: ['b'], value: 2 }),
    fixed: `var base = {\n  a: 1\n}\nvar merged = {\n  ...base\n  b: 2\n}\n`,
    then: { selector: 'var:merged', path: '', is: { a: 1, b: 2 } },
  },
  {
    name: 'refuses an object computed by union()',
    file: 'main.bicep',
    text: `var base = {\n  a: 1\n}\nvar merged = union(base, { b: 2 })\n`,
    intent: (m) => ({ kind: 'add-property', container: m.object('var:merged', ''), path: ['c'], value: 3 }),
    refused: /not written as an object literal/,
  },
]);

writerCases('Bicep writer: remove-property', [
  {
    name: 'an entry with its lines and its comment',
    file: 'main.bicep',
    text: STORAGE(`    allowBlobPublicAccess: true // legacy\n    minimumTlsVersion: 'TLS1_2'\n`),
    intent: (m) => ({ kind: 'remove-property', property: m.property('storage', 'properties.allowBlobPublicAccess') }),
    fixed: STORAGE(`    minimumTlsVersion: 'TLS1_2'\n`),
  },
  {
    name: 'an entry spanning lines',
    file: 'main.bicep',
    text: STORAGE(`    networkAcls: {\n      defaultAction: 'Allow'\n    }\n    minimumTlsVersion: 'TLS1_2'\n`),
    intent: (m) => ({ kind: 'remove-property', property: m.property('storage', 'properties.networkAcls') }),
    fixed: STORAGE(`    minimumTlsVersion: 'TLS1_2'\n`),
  },
  {
    name: 'the only entry, leaving an empty object',
    file: 'main.bicep',
    text: STORAGE(`    allowBlobPublicAccess: true\n`),
    intent: (m) => ({ kind: 'remove-property', property: m.property('storage', 'properties.allowBlobPublicAccess') }),
    fixed: STORAGE('').replace('properties: {\n  }', 'properties: {}'),
  },
  {
    name: 'the last entry of a one-line object',
    file: 'main.bicep',
    text: `var acls = { defaultAction: 'Allow', bypass: 'None' }\n`,
    intent: (m) => ({ kind: 'remove-property', property: m.property('var:acls', 'bypass') }),
    fixed: `var acls = { defaultAction: 'Allow' }\n`,
  },
  {
    name: 'the first entry of a one-line object',
    file: 'main.bicep',
    text: `var acls = { defaultAction: 'Allow', bypass: 'None' }\n`,
    intent: (m) => ({ kind: 'remove-property', property: m.property('var:acls', 'defaultAction') }),
    fixed: `var acls = { bypass: 'None' }\n`,
  },
]);

writerCases('Bicep writer: add-item', [
  {
    name: 'to a multi-line array',
    file: 'main.bicep',
    text: `var rules = [\n  {\n    value: '203.0.113.0/24'\n  }\n]\n`,
    intent: (m) => ({ kind: 'add-item', array: m.array('var:rules', ''), item: { value: '198.51.100.7', action: 'Allow' } }),
    fixed: `var rules = [\n  {\n    value: '203.0.113.0/24'\n  }\n  {\n    value: '198.51.100.7'\n    action: 'Allow'\n  }\n]\n`,
  },
  {
    name: 'to an empty array',
    file: 'main.bicep',
    text: `var rules = []\n`,
    intent: (m) => ({ kind: 'add-item', array: m.array('var:rules', ''), item: 'AzureServices' }),
    fixed: `var rules = [\n  'AzureServices'\n]\n`,
  },
  {
    name: 'to a one-line array',
    file: 'main.bicep',
    text: `var zones = ['1', '2']\n`,
    intent: (m) => ({ kind: 'add-item', array: m.array('var:zones', ''), item: '3' }),
    fixed: `var zones = ['1', '2', '3']\n`,
  },
]);

writerCases('Bicep writer: add-resource', [
  {
    name: 'after the last resource, with references to what the file declares',
    file: 'main.bicep',
    text: `param principalId string\n\n${VAULT}\n// the end\n`,
    intent: (m) => {
      const vault = m.resource('vault');
      return {
        kind: 'add-resource',
        template: m.document.template!,
        symbolicName: 'vaultSecretsUser',
        type: 'Microsoft.Authorization/roleAssignments',
        apiVersion: '2022-04-01',
        body: {
          name: newValues.expression(`guid(vault.id, principalId, 'secrets-user')`, `guid(resourceId('Microsoft.KeyVault/vaults', 'kv-fixtures'), parameters('principalId'), 'secrets-user')`),
          scope: newValues.resource(vault),
          properties: {
            principalId: newValues.parameter('principalId'),
            roleDefinitionId: newValues.expression(`subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')`, ''),
            description: newValues.resourceProperty(vault, ['vaultUri']),
          },
        },
      };
    },
    fixed: `param principalId string\n\n${VAULT.trimEnd()}\n\nresource vaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, 'secrets-user')
  scope: vault
  properties: {
    principalId: principalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')
    description: vault.properties.vaultUri
  }
}\n\n// the end\n`,
  },
  {
    name: 'refuses a symbolic name already declared',
    file: 'main.bicep',
    text: VAULT,
    intent: (m) => ({ kind: 'add-resource', template: m.document.template!, symbolicName: 'vault', type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', body: {} }),
    refused: /already declared/,
  },
  {
    name: 'refuses a reference to a resource declared in a loop',
    file: 'main.bicep',
    text: `resource vaults 'Microsoft.KeyVault/vaults@2023-07-01' = [for i in range(0, 2): {\n  name: 'kv-\${i}'\n}]\n`,
    intent: (m) => ({
      kind: 'add-resource',
      template: m.document.template!,
      symbolicName: 'lock',
      type: 'Microsoft.Authorization/locks',
      apiVersion: '2020-05-01',
      body: { name: 'lock', scope: newValues.resource(m.resource('vaults')) },
    }),
    refused: /loop/,
  },
]);

writerCases('Bicep writer: add-parameter', [
  {
    name: 'after the last parameter, spaced as the parameters are',
    file: 'main.bicep',
    text: `@description('Where')\nparam location string = 'westeurope'\n\n@description('Who')\nparam owner string\n\n${VAULT}`,
    intent: (m) => ({ kind: 'add-parameter', template: m.document.template!, name: 'adminPassword', type: 'string', secure: true, description: "The admin's password" }),
    fixed: `@description('Where')\nparam location string = 'westeurope'\n\n@description('Who')\nparam owner string\n\n@secure()\n@description('The admin\\'s password')\nparam adminPassword string\n\n${VAULT}`,
  },
  {
    name: 'right after parameters written without blank lines',
    file: 'main.bicep',
    text: `param a string\nparam b string\n\n${VAULT}`,
    intent: (m) => ({ kind: 'add-parameter', template: m.document.template!, name: 'enableRbac', type: 'bool', secure: false, defaultValue: true }),
    fixed: `param a string\nparam b string\nparam enableRbac bool = true\n\n${VAULT}`,
  },
  {
    name: 'the first parameter, after targetScope and imports',
    file: 'main.bicep',
    text: `targetScope = 'resourceGroup'\nimport { tags } from 'shared.bicep'\n\n${VAULT}`,
    intent: (m) => ({ kind: 'add-parameter', template: m.document.template!, name: 'allowed', type: 'array', secure: false, defaultValue: ['203.0.113.0/24'] }),
    fixed: `targetScope = 'resourceGroup'\nimport { tags } from 'shared.bicep'\n\nparam allowed array = [\n  '203.0.113.0/24'\n]\n\n${VAULT}`,
  },
  {
    name: 'the first parameter, above the comment of the first declaration',
    file: 'main.bicep',
    text: `// The vault\n${VAULT}`,
    intent: (m) => ({ kind: 'add-parameter', template: m.document.template!, name: 'tenant', type: 'string', secure: false }),
    fixed: `param tenant string\n\n// The vault\n${VAULT}`,
  },
  {
    name: 'refuses a secure boolean',
    file: 'main.bicep',
    text: VAULT,
    intent: (m) => ({ kind: 'add-parameter', template: m.document.template!, name: 'flag', type: 'bool', secure: true }),
    refused: /cannot be secure/,
  },
]);
