resource settings 'Microsoft.Web/sites/config@2023-12-01' = {
  name: 'app-orders/appsettings'
  properties: {
    STORAGE: '@Microsoft.KeyVault(SecretUri=https://kv-orders.vault.azure.net/secrets/storage)'
  }
}
