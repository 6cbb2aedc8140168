// Orders service: a web app with its Key Vault, storage account and network.
targetScope = 'resourceGroup'

@description('Short name used to derive resource names.')
param appName string = 'orders'
param location string = resourceGroup().location

@description('Turn on RBAC for the vault; access policies are the legacy model.')
param enableRbac bool = false

@description('Administrator password for the jump box.')
param adminPassword string = 'P@ssw0rd-EXAMPLE-NOT-REAL'

var vaultName = '${appName}-kv-${uniqueString(resourceGroup().id)}'
var storageName = toLower('${appName}st${uniqueString(resourceGroup().id)}')

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: enableRbac
    enableSoftDelete: true
    accessPolicies: [
      {
        tenantId: subscription().tenantId
        objectId: '00000000-0000-0000-0000-000000000000'
        permissions: {
          secrets: [
            'all'
          ]
        }
      }
    ]
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_0'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
  }
}

resource nsg 'Microsoft.Network/networkSecurityGroups@2023-11-01' = {
  name: '${appName}-nsg'
  location: location
  properties: {
    securityRules: [
      {
        name: 'allow-ssh'
        properties: {
          priority: 100
          direction: 'Inbound'
          access: 'Allow'
          protocol: 'Tcp'
          sourceAddressPrefix: '*'
          sourcePortRange: '*'
          destinationAddressPrefix: '*'
          destinationPortRange: '22'
        }
      }
    ]
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: '${appName}-web'
  location: location
  properties: {
    httpsOnly: true
    siteConfig: {
      appSettings: [
        {
          name: 'STORAGE_CONNECTION'
          value: 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value}'
        }
      ]
    }
  }
}

output vaultUri string = vault.properties.vaultUri
