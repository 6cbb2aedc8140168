// A vault on access policies: ztlint flags enableRbacAuthorization and fixes it in place.
param location string = resourceGroup().location

// ztlint-disable-next-line monitoring-keyvault-audit-logs -- audit logs come from the platform's policy assignment
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-orders'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: false
    enablePurgeProtection: true
    publicNetworkAccess: 'Disabled'
  }
}
