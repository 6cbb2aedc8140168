import { ordersDeployment } from '../support/workloads';

/** Files the language server tests open: each has a finding with a fix. */

export const VAULT_BICEP = `resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-orders'
  location: resourceGroup().location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: false
  }
}
`;

export const TWO_VAULTS = `${VAULT_BICEP}
${VAULT_BICEP.replace('resource vault', 'resource other').replace("'kv-orders'", "'kv-other'")}`;

export const DEPLOYMENT = `${ordersDeployment({ podSpec: '      serviceAccountName: orders\n' })}---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: orders
  annotations:
    azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000
`;

export const ARM_VAULT = `${JSON.stringify(
  {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    resources: [{ type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: 'kv', location: 'westeurope', properties: { tenantId: 't', sku: { family: 'A', name: 'standard' }, enableRbacAuthorization: false } }],
  },
  null,
  2,
)}
`;

/** A Deployment whose pods run as ServiceAccount `orders`, declared in another file. */
export const DEPLOYMENT_ONLY = DEPLOYMENT.slice(0, DEPLOYMENT.indexOf('---'));

export const SERVICE_ACCOUNT = DEPLOYMENT.slice(DEPLOYMENT.indexOf('---') + 4);

export const SERVICE_ACCOUNT_WITHOUT_CLIENT_ID = SERVICE_ACCOUNT.slice(0, SERVICE_ACCOUNT.indexOf('  annotations:'));
