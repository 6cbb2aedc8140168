import { newValues } from 'ztlint/fix/intent';
import { writerCases } from './writerCases';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';

/** A template with one storage account; `properties` are its property lines, `head` more root entries. */
const storage = (properties: string, head = '') => `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",${head}
  "resources": [
    {
      "type": "Microsoft.Storage/storageAccounts",
      "apiVersion": "2023-05-01",
      "name": "stfixtures",
      "location": "westeurope",
      "kind": "StorageV2",
      "properties": {
${properties}
      }
    }
  ]
}
`;

const vaultTemplate = (extra = '') => `{
  "$schema": "${SCHEMA}",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "vaultName": {
      "type": "string"
    }
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "[parameters('vaultName')]",
      "location": "westeurope",
      "properties": {
        "tenantId": "[subscription().tenantId]"
      },
      "resources": [
        {
          "type": "secrets",
          "apiVersion": "2023-07-01",
          "name": "db-password",
          "dependsOn": ["[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]"],
          "properties": {
            "value": "not-a-real-secret"
          }
        }
      ]
    }${extra}
  ]
}
`;

writerCases('JSON writer: replace-value', [
  {
    name: 'a string in a resource',
    file: 'azuredeploy.json',
    text: storage(`        "publicNetworkAccess": "Enabled"`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('Microsoft.Storage/storageAccounts', 'properties.publicNetworkAccess'), with: 'Disabled' }),
    fixed: storage(`        "publicNetworkAccess": "Disabled"`),
    then: { selector: 'Microsoft.Storage/storageAccounts', path: 'properties.publicNetworkAccess', is: 'Disabled' },
  },
  {
    name: 'a literal inside a template expression, as an expression literal',
    file: 'azuredeploy.json',
    text: storage(`        "publicNetworkAccess": "[if(equals(parameters('env'), 'prod'), 'Disabled', 'Enabled')]"`, `\n  "parameters": { "env": { "type": "string", "defaultValue": "dev" } },`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('Microsoft.Storage/storageAccounts', 'properties.publicNetworkAccess'), with: `Disabled "for now"` }),
    fixed: storage(
      `        "publicNetworkAccess": "[if(equals(parameters('env'), 'prod'), 'Disabled', 'Disabled \\"for now\\"')]"`,
      `\n  "parameters": { "env": { "type": "string", "defaultValue": "dev" } },`,
    ),
    then: { selector: 'Microsoft.Storage/storageAccounts', path: 'properties.publicNetworkAccess', is: 'Disabled "for now"' },
  },
  {
    name: 'a literal inside a template expression, by a parameter reference',
    file: 'azuredeploy.json',
    text: storage(`        "minimumTlsVersion": "[if(equals(parameters('env'), 'prod'), 'TLS1_2', 'TLS1_0')]"`, `\n  "parameters": { "env": { "type": "string", "defaultValue": "dev" }, "tls": { "type": "string", "defaultValue": "TLS1_2" } },`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('Microsoft.Storage/storageAccounts', 'properties.minimumTlsVersion'), with: newValues.parameter('tls') }),
    fixed: storage(
      `        "minimumTlsVersion": "[if(equals(parameters('env'), 'prod'), 'TLS1_2', parameters('tls'))]"`,
      `\n  "parameters": { "env": { "type": "string", "defaultValue": "dev" }, "tls": { "type": "string", "defaultValue": "TLS1_2" } },`,
    ),
    then: { selector: 'Microsoft.Storage/storageAccounts', path: 'properties.minimumTlsVersion', is: 'TLS1_2' },
  },
  {
    name: 'an escaped literal `[[...]`, escaped again',
    file: 'azuredeploy.json',
    text: storage(`        "note": "[[not an expression]"`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('Microsoft.Storage/storageAccounts', 'properties.note'), with: '[still not one]' }),
    fixed: storage(`        "note": "[[still not one]"`),
    then: { selector: 'Microsoft.Storage/storageAccounts', path: 'properties.note', is: '[still not one]' },
  },
  {
    name: 'a string by a reference, as an expression string',
    file: 'azuredeploy.json',
    text: storage(`        "minimumTlsVersion": "TLS1_0"`, `\n  "parameters": { "tls": { "type": "string", "defaultValue": "TLS1_2" } },`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('Microsoft.Storage/storageAccounts', 'properties.minimumTlsVersion'), with: newValues.parameter('tls') }),
    fixed: storage(`        "minimumTlsVersion": "[parameters('tls')]"`, `\n  "parameters": { "tls": { "type": "string", "defaultValue": "TLS1_2" } },`),
  },
  {
    name: 'a boolean in a CRLF file',
    file: 'azuredeploy.json',
    text: storage(`        "allowBlobPublicAccess": true`).replace(/\n/g, '\r\n'),
    intent: (m) => ({ kind: 'replace-value', value: m.value('Microsoft.Storage/storageAccounts', 'properties.allowBlobPublicAccess'), with: false }),
    fixed: storage(`        "allowBlobPublicAccess": false`).replace(/\n/g, '\r\n'),
  },
  {
    name: 'an empty object, by one written over lines at the indentation of its line',
    file: 'azuredeploy.json',
    text: storage(`        "networkAcls": {}`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('Microsoft.Storage/storageAccounts', 'properties.networkAcls'), with: { defaultAction: 'Deny', ipRules: [] } }),
    fixed: storage(`        "networkAcls": {\n          "defaultAction": "Deny",\n          "ipRules": []\n        }`),
  },
  {
    name: 'a one-line object, kept on its line',
    file: 'azuredeploy.json',
    text: storage(`        "networkAcls": {"defaultAction": "Allow"}`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('Microsoft.Storage/storageAccounts', 'properties.networkAcls'), with: { defaultAction: 'Deny', ipRules: [{ value: '203.0.113.0/24' }] } }),
    fixed: storage(`        "networkAcls": {"defaultAction": "Deny", "ipRules": [{ "value": "203.0.113.0/24" }]}`),
  },
  {
    name: 'a value of a parameter file, in the parameter file',
    file: 'azuredeploy.parameters.json',
    text: `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": {\n    "note": { "value": "plain" }\n  }\n}\n`,
    intent: (m) => {
      const entry = m.document.parameterFile!.values[0];
      return { kind: 'replace-value', value: m.evaluator.evaluate(entry.value!, m.document.parameterFile!.scope), with: '[kept as written]' };
    },
    fixed: `{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": {\n    "note": { "value": "[kept as written]" }\n  }\n}\n`,
  },
  {
    name: 'refuses a value from the parameter file when editing the template',
    file: 'azuredeploy.json',
    text: storage(`        "publicNetworkAccess": "[parameters('access')]"`, `\n  "parameters": { "access": { "type": "string", "defaultValue": "Disabled" } },`),
    parameterFile: {
      file: 'azuredeploy.parameters.json',
      text: `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": { "access": { "value": "Enabled" } } }`,
    },
    intent: (m) => ({ kind: 'replace-value', value: m.value('Microsoft.Storage/storageAccounts', 'properties.publicNetworkAccess'), with: 'Disabled' }),
    refused: /parameter file azuredeploy\.parameters\.json/,
  },
  {
    name: 'refuses a computed string',
    file: 'azuredeploy.json',
    text: storage(`        "publicNetworkAccess": "[concat('En', 'abled')]"`),
    intent: (m) => ({ kind: 'replace-value', value: m.value('Microsoft.Storage/storageAccounts', 'properties.publicNetworkAccess'), with: 'Disabled' }),
    refused: /computed/,
  },
]);

writerCases('JSON writer: add-property', [
  {
    name: 'after the last entry, the comma before its comment',
    file: 'azuredeploy.json',
    text: storage(`        "minimumTlsVersion": "TLS1_2" // required by policy`),
    intent: (m) => ({ kind: 'add-property', container: m.object('Microsoft.Storage/storageAccounts', 'properties'), path: ['networkAcls', 'defaultAction'], value: 'Deny' }),
    fixed: storage(`        "minimumTlsVersion": "TLS1_2", // required by policy\n        "networkAcls": {\n          "defaultAction": "Deny"\n        }`),
    then: { selector: 'Microsoft.Storage/storageAccounts', path: 'properties.networkAcls.defaultAction', is: 'Deny' },
  },
  {
    name: 'before a comment on a line of its own',
    file: 'azuredeploy.json',
    text: storage(`        "minimumTlsVersion": "TLS1_2"\n        /* more to come */`),
    intent: (m) => ({ kind: 'add-property', container: m.object('Microsoft.Storage/storageAccounts', 'properties'), path: ['allowSharedKeyAccess'], value: false }),
    fixed: storage(`        "minimumTlsVersion": "TLS1_2",\n        "allowSharedKeyAccess": false\n        /* more to come */`),
  },
  {
    name: 'into an empty object holding a comment',
    file: 'azuredeploy.json',
    text: storage(`        // nothing yet`),
    intent: (m) => ({ kind: 'add-property', container: m.object('Microsoft.Storage/storageAccounts', 'properties'), path: ['allowSharedKeyAccess'], value: false }),
    fixed: storage(`        // nothing yet\n        "allowSharedKeyAccess": false`),
  },
  {
    name: 'after a trailing comma, keeping the style',
    file: 'azuredeploy.json',
    text: storage(`        "minimumTlsVersion": "TLS1_2",`),
    intent: (m) => ({ kind: 'add-property', container: m.object('Microsoft.Storage/storageAccounts', 'properties'), path: ['allowSharedKeyAccess'], value: false }),
    fixed: storage(`        "minimumTlsVersion": "TLS1_2",\n        "allowSharedKeyAccess": false,`),
  },
  {
    name: 'into a one-line object',
    file: 'azuredeploy.json',
    text: storage(`        "networkAcls": {"defaultAction": "Deny"}`),
    intent: (m) => ({ kind: 'add-property', container: m.object('Microsoft.Storage/storageAccounts', 'properties.networkAcls'), path: ['bypass'], value: 'None' }),
    fixed: storage(`        "networkAcls": {"defaultAction": "Deny", "bypass": "None"}`),
  },
  {
    name: 'into an empty object, opened over lines',
    file: 'azuredeploy.json',
    text: storage(`        "networkAcls": {},\n        "minimumTlsVersion": "TLS1_2"`),
    intent: (m) => ({ kind: 'add-property', container: m.object('Microsoft.Storage/storageAccounts', 'properties.networkAcls'), path: ['defaultAction'], value: 'Deny' }),
    fixed: storage(`        "networkAcls": {\n          "defaultAction": "Deny"\n        },\n        "minimumTlsVersion": "TLS1_2"`),
  },
  {
    name: 'with tabs',
    file: 'azuredeploy.json',
    text: `{\n\t"$schema": "${SCHEMA}",\n\t"contentVersion": "1.0.0.0",\n\t"resources": [\n\t\t{\n\t\t\t"type": "Microsoft.Storage/storageAccounts",\n\t\t\t"apiVersion": "2023-05-01",\n\t\t\t"name": "st",\n\t\t\t"properties": {}\n\t\t}\n\t]\n}\n`,
    intent: (m) => ({ kind: 'add-property', container: m.object('Microsoft.Storage/storageAccounts', 'properties'), path: ['networkAcls'], value: { defaultAction: 'Deny' } }),
    fixed: `{\n\t"$schema": "${SCHEMA}",\n\t"contentVersion": "1.0.0.0",\n\t"resources": [\n\t\t{\n\t\t\t"type": "Microsoft.Storage/storageAccounts",\n\t\t\t"apiVersion": "2023-05-01",\n\t\t\t"name": "st",\n\t\t\t"properties": {\n\t\t\t\t"networkAcls": {\n\t\t\t\t\t"defaultAction": "Deny"\n\t\t\t\t}\n\t\t\t}\n\t\t}\n\t]\n}\n`,
  },
  {
    name: 'refuses an object built by an expression',
    file: 'azuredeploy.json',
    text: storage(`        "networkAcls": "[createObject('defaultAction', 'Allow')]"`),
    intent: (m) => ({ kind: 'add-property', container: m.object('Microsoft.Storage/storageAccounts', 'properties.networkAcls'), path: ['bypass'], value: 'None' }),
    refused: /not written as an object literal/,
  },
]);

writerCases('JSON writer: remove-property', [
  {
    name: 'the last entry, with the comma before it',
    file: 'azuredeploy.json',
    text: storage(`        "minimumTlsVersion": "TLS1_2",\n        "allowBlobPublicAccess": true`),
    intent: (m) => ({ kind: 'remove-property', property: m.property('Microsoft.Storage/storageAccounts', 'properties.allowBlobPublicAccess') }),
    fixed: storage(`        "minimumTlsVersion": "TLS1_2"`),
  },
  {
    name: 'a middle entry with its comma and comment',
    file: 'azuredeploy.json',
    text: storage(`        "minimumTlsVersion": "TLS1_2",\n        "allowBlobPublicAccess": true, // legacy\n        "supportsHttpsTrafficOnly": true`),
    intent: (m) => ({ kind: 'remove-property', property: m.property('Microsoft.Storage/storageAccounts', 'properties.allowBlobPublicAccess') }),
    fixed: storage(`        "minimumTlsVersion": "TLS1_2",\n        "supportsHttpsTrafficOnly": true`),
  },
  {
    name: 'the only entry, leaving an empty object',
    file: 'azuredeploy.json',
    text: storage(`        "allowBlobPublicAccess": true`),
    intent: (m) => ({ kind: 'remove-property', property: m.property('Microsoft.Storage/storageAccounts', 'properties.allowBlobPublicAccess') }),
    fixed: storage('').replace('"properties": {\n\n      }', '"properties": {}'),
  },
  {
    name: 'the last entry, with the comma before the comment of the previous one',
    file: 'azuredeploy.json',
    text: storage(`        "minimumTlsVersion": "TLS1_2", // policy\n        "allowBlobPublicAccess": true`),
    intent: (m) => ({ kind: 'remove-property', property: m.property('Microsoft.Storage/storageAccounts', 'properties.allowBlobPublicAccess') }),
    fixed: storage(`        "minimumTlsVersion": "TLS1_2" // policy`),
  },
  {
    name: 'from a one-line object',
    file: 'azuredeploy.json',
    text: storage(`        "networkAcls": { "defaultAction": "Allow", "bypass": "None" }`),
    intent: (m) => ({ kind: 'remove-property', property: m.property('Microsoft.Storage/storageAccounts', 'properties.networkAcls.bypass') }),
    fixed: storage(`        "networkAcls": { "defaultAction": "Allow" }`),
  },
]);

writerCases('JSON writer: add-item', [
  {
    name: 'to a multi-line array',
    file: 'azuredeploy.json',
    text: storage(`        "networkAcls": {\n          "ipRules": [\n            { "value": "203.0.113.0/24" }\n          ]\n        }`),
    intent: (m) => ({ kind: 'add-item', array: m.array('Microsoft.Storage/storageAccounts', 'properties.networkAcls.ipRules'), item: { value: '198.51.100.7' } }),
    fixed: storage(`        "networkAcls": {\n          "ipRules": [\n            { "value": "203.0.113.0/24" },\n            {\n              "value": "198.51.100.7"\n            }\n          ]\n        }`),
  },
  {
    name: 'to an empty array',
    file: 'azuredeploy.json',
    text: storage(`        "networkAcls": {\n          "ipRules": []\n        }`),
    intent: (m) => ({ kind: 'add-item', array: m.array('Microsoft.Storage/storageAccounts', 'properties.networkAcls.ipRules'), item: 'AzureServices' }),
    fixed: storage(`        "networkAcls": {\n          "ipRules": [\n            "AzureServices"\n          ]\n        }`),
  },
]);

writerCases('JSON writer: add-resource', [
  {
    name: 'to the resources array, depending on the resources it refers to',
    file: 'azuredeploy.json',
    text: vaultTemplate(),
    intent: (m) => {
      const vault = m.resource('Microsoft.KeyVault/vaults');
      const secret = m.resource('Microsoft.KeyVault/vaults/secrets');
      return {
        kind: 'add-resource',
        template: m.document.template!,
        symbolicName: 'diagnostics',
        type: 'Microsoft.Insights/diagnosticSettings',
        apiVersion: '2021-05-01-preview',
        body: {
          name: 'audit',
          scope: newValues.resource(vault),
          properties: {
            secretId: newValues.resourceId(secret),
            vaultUri: newValues.resourceProperty(vault, ['vaultUri']),
            logs: [{ categoryGroup: 'audit', enabled: true }],
          },
        },
      };
    },
    fixed: vaultTemplate(`,
    {
      "type": "Microsoft.Insights/diagnosticSettings",
      "apiVersion": "2021-05-01-preview",
      "name": "audit",
      "scope": "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]",
      "properties": {
        "secretId": "[resourceId('Microsoft.KeyVault/vaults/secrets', parameters('vaultName'), 'db-password')]",
        "vaultUri": "[reference(resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))).vaultUri]",
        "logs": [
          {
            "categoryGroup": "audit",
            "enabled": true
          }
        ]
      },
      "dependsOn": [
        "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]",
        "[resourceId('Microsoft.KeyVault/vaults/secrets', parameters('vaultName'), 'db-password')]"
      ]
    }`),
  },
  {
    name: 'keyed by its symbolic name in languageVersion 2.0',
    file: 'azuredeploy.json',
    text: `{\n  "$schema": "${SCHEMA}",\n  "languageVersion": "2.0",\n  "contentVersion": "1.0.0.0",\n  "resources": {\n    "vault": {\n      "type": "Microsoft.KeyVault/vaults",\n      "apiVersion": "2023-07-01",\n      "name": "kv-fixtures",\n      "properties": {}\n    }\n  }\n}\n`,
    intent: (m) => ({
      kind: 'add-resource',
      template: m.document.template!,
      symbolicName: 'lock',
      type: 'Microsoft.Authorization/locks',
      apiVersion: '2020-05-01',
      body: { name: 'no-delete', scope: newValues.resource(m.resource('vault')), properties: { level: 'CanNotDelete' } },
    }),
    fixed: `{\n  "$schema": "${SCHEMA}",\n  "languageVersion": "2.0",\n  "contentVersion": "1.0.0.0",\n  "resources": {\n    "vault": {\n      "type": "Microsoft.KeyVault/vaults",\n      "apiVersion": "2023-07-01",\n      "name": "kv-fixtures",\n      "properties": {}\n    },\n    "lock": {\n      "type": "Microsoft.Authorization/locks",\n      "apiVersion": "2020-05-01",\n      "name": "no-delete",\n      "scope": "[resourceId('Microsoft.KeyVault/vaults', 'kv-fixtures')]",\n      "properties": {\n        "level": "CanNotDelete"\n      },\n      "dependsOn": [\n        "vault"\n      ]\n    }\n  }\n}\n`,
  },
]);

writerCases('JSON writer: add-parameter', [
  {
    name: 'to the parameters object',
    file: 'azuredeploy.json',
    text: vaultTemplate(),
    intent: (m) => ({ kind: 'add-parameter', template: m.document.template!, name: 'adminPassword', type: 'string', secure: true, description: 'The admin password' }),
    fixed: vaultTemplate().replace(
      `    "vaultName": {\n      "type": "string"\n    }\n`,
      `    "vaultName": {\n      "type": "string"\n    },\n    "adminPassword": {\n      "type": "securestring",\n      "metadata": {\n        "description": "The admin password"\n      }\n    }\n`,
    ),
  },
  {
    name: 'creating the parameters object after contentVersion',
    file: 'azuredeploy.json',
    text: storage(`        "minimumTlsVersion": "TLS1_2"`),
    intent: (m) => ({ kind: 'add-parameter', template: m.document.template!, name: 'allowedRanges', type: 'array', secure: false, defaultValue: [] }),
    fixed: storage(`        "minimumTlsVersion": "TLS1_2"`, `\n  "parameters": {\n    "allowedRanges": {\n      "type": "array",\n      "defaultValue": []\n    }\n  },`),
  },
]);
