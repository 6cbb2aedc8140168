import { ruleCases } from '../support/ruleTester';

const VAULT = `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-orders'
  properties: {
    tenantId: subscription().tenantId
  }
}
`;

const setting = (logs: string, apiVersion = '2021-05-01-preview', scope = 'vault') => `
resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@${apiVersion}' = {
  name: 'diagnostics'
  scope: ${scope}
  properties: {
    workspaceId: workspaceId
${logs}  }
}
`;

const withSetting = (logs: string, apiVersion?: string, scope?: string) => `param workspaceId string\n\n${VAULT}${setting(logs, apiVersion, scope)}`;

const logs = (...entries: string[]) => `    logs: [\n${entries.map((e) => `      {\n${e}      }\n`).join('')}    ]\n`;

const ADDED_SETTING = (workspaceId: string) => `
resource vaultAuditLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'audit-logs'
  scope: vault
  properties: {
    workspaceId: ${workspaceId}
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}
`;

const WORKSPACE = `resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: 'log-orders'
}

`;

const armTemplate = (resources: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "workspaceId": { "type": "string" }
  },
  "resources": [
    {
      "type": "Microsoft.KeyVault/vaults",
      "apiVersion": "2023-07-01",
      "name": "kv-orders",
      "properties": {
        "tenantId": "[subscription().tenantId]"
      }${resources}
    }
  ]
}
`;

const armChildSetting = (category: string) => `,
      "resources": [
        {
          "type": "providers/diagnosticSettings",
          "apiVersion": "2017-05-01-preview",
          "name": "Microsoft.Insights/default",
          "dependsOn": ["[resourceId('Microsoft.KeyVault/vaults', 'kv-orders')]"],
          "properties": {
            "workspaceId": "[parameters('workspaceId')]",
            "logs": [{ "category": "${category}", "enabled": true }]
          }
        }
      ]`;

ruleCases('monitoring-keyvault-audit-logs', {
  flagged: [
    {
      name: 'a Bicep vault without diagnostic settings, fixed with one sending the audit logs to a new workspace parameter',
      file: 'main.bicep',
      text: VAULT,
      message: /^Key Vault `vault` has no diagnostic setting for its audit logs: send the `audit` category group \(or the `AuditEvent` category\) to a Log Analytics workspace/,
      fixed: `@description('Resource id of the Log Analytics workspace that keeps the Key Vault audit logs')\nparam logAnalyticsWorkspaceId string\n\n${VAULT}${ADDED_SETTING('logAnalyticsWorkspaceId')}`,
    },
    {
      name: 'a vault beside a Log Analytics workspace, fixed with a setting sending to it',
      file: 'main.bicep',
      text: `${WORKSPACE}${VAULT}`,
      fixed: `${WORKSPACE}${VAULT}${ADDED_SETTING('workspace.id')}`,
    },
    {
      name: 'a diagnostic setting with metrics only, fixed by adding the audit category group',
      file: 'main.bicep',
      text: withSetting("    metrics: [\n      {\n        category: 'AllMetrics'\n        enabled: true\n      }\n    ]\n"),
      message: /^The diagnostic settings of Key Vault `vault` leave out its audit logs/,
      fixed: withSetting("    metrics: [\n      {\n        category: 'AllMetrics'\n        enabled: true\n      }\n    ]\n    logs: [\n      {\n        categoryGroup: 'audit'\n        enabled: true\n      }\n    ]\n"),
    },
    {
      name: 'a setting naming other categories, fixed with the AuditEvent category',
      file: 'main.bicep',
      text: withSetting(logs("        category: 'AzurePolicyEvaluationDetails'\n        enabled: true\n")),
      fixed: withSetting(logs("        category: 'AzurePolicyEvaluationDetails'\n        enabled: true\n", "        category: 'AuditEvent'\n        enabled: true\n")),
    },
    {
      name: 'the audit category group disabled, fixed by enabling it',
      file: 'main.bicep',
      text: withSetting(logs("        categoryGroup: 'audit'\n        enabled: false\n")),
      fixed: withSetting(logs("        categoryGroup: 'audit'\n        enabled: true\n")),
    },
    {
      name: 'AuditEvent disabled through a parameter default, fixed at the default',
      file: 'main.bicep',
      text: `param auditEnabled bool = false\n${withSetting(logs("        category: 'AuditEvent'\n        enabled: auditEnabled\n"))}`,
      message: /\(from the default of parameter `auditEnabled` \(line 1\)\)$/,
      fixed: `param auditEnabled bool = true\n${withSetting(logs("        category: 'AuditEvent'\n        enabled: auditEnabled\n"))}`,
    },
    {
      name: 'an older API version without category groups, fixed with the AuditEvent category',
      file: 'main.bicep',
      text: withSetting('', '2017-05-01-preview'),
      fixed: withSetting(logs("        category: 'AuditEvent'\n        enabled: true\n"), '2017-05-01-preview'),
    },
    {
      name: 'a setting in another file that leaves out the audit logs: reported, not fixed there',
      file: 'main.bicep',
      text: VAULT,
      workspace: [{ file: 'diagnostics.bicep', text: `param workspaceId string\nparam vaultName string\n\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: vaultName\n}\n${setting(logs("        category: 'AzurePolicyEvaluationDetails'\n        enabled: true\n"))}` }],
      message: /leave out its audit logs/,
      fixed: null,
    },
    {
      name: 'an ARM vault whose providers/diagnosticSettings child leaves out the audit logs',
      file: 'azuredeploy.json',
      text: armTemplate(armChildSetting('AzurePolicyEvaluationDetails')),
    },
    {
      name: 'an unknown setting in strict mode, as information',
      file: 'main.bicep',
      text: `param auditLogs array\n${withSetting('    logs: auditLogs\n')}`,
      strict: true,
      message: /^cannot verify whether Key Vault `vault` records its audit logs: parameter `auditLogs` has no default$/,
    },
  ],
  clean: [
    { name: 'the audit category group', file: 'main.bicep', text: withSetting(logs("        categoryGroup: 'audit'\n        enabled: true\n")) },
    { name: 'the allLogs category group', file: 'main.bicep', text: withSetting(logs("        categoryGroup: 'allLogs'\n        enabled: true\n")) },
    { name: 'the AuditEvent category', file: 'main.bicep', text: withSetting(logs("        category: 'AuditEvent'\n        enabled: true\n")) },
    { name: 'categories that are unknown (a loop over a parameter)', file: 'main.bicep', text: `param categories array\n${withSetting("    logs: [for c in categories: {\n      category: c\n      enabled: true\n    }]\n")}` },
    { name: 'a setting in a module of the workspace on an existing vault named by a parameter', file: 'main.bicep', text: VAULT, workspace: [{ file: 'diagnostics.bicep', text: `param workspaceId string\nparam vaultName string\n\nresource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: vaultName\n}\n${setting(logs("        categoryGroup: 'audit'\n        enabled: true\n"))}` }] },
    { name: 'an existing vault', file: 'main.bicep', text: `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {\n  name: 'kv-orders'\n}\n` },
    { name: 'an ARM vault whose providers/diagnosticSettings child sends AuditEvent', file: 'azuredeploy.json', text: armTemplate(armChildSetting('AuditEvent')) },
  ],
});
