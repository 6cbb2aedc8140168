/**
 * A Bicep file that is slow to lint without being broken: many Key Vaults and storage accounts whose properties
 * come through variables, so every rule evaluates every body. About a second of rules at the default size.
 */
export function slowBicep(resources = 600): string {
  const parts = ["param location string = 'westeurope'", "var tls = 'TLS1_0'", "var open = 'Enabled'"];
  for (let i = 0; i < resources; i++) {
    parts.push(`var name${i} = 'kv${i}\${uniqueString(resourceGroup().id)}'
resource vault${i} 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name${i}
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: false
    publicNetworkAccess: open
    accessPolicies: [ { tenantId: subscription().tenantId, objectId: '00000000-0000-0000-0000-00000000000${i % 10}', permissions: { secrets: [ 'all' ] } } ]
  }
}
resource storage${i} 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'st${i}'
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: { minimumTlsVersion: tls, allowBlobPublicAccess: true, publicNetworkAccess: open }
}`);
  }
  return parts.join('\n') + '\n';
}
