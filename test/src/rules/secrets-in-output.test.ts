import { ruleCases } from '../support/ruleTester';

const STORAGE = `resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'storders'
  location: resourceGroup().location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
}
`;

const arm = (parameters: string, outputs: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
${parameters}
  },
  "resources": [],
  "outputs": {
${outputs}
  }
}
`;

ruleCases('secrets-in-output', {
  flagged: [
    {
      name: 'a storage key from listKeys()',
      file: 'main.bicep',
      text: `${STORAGE}\noutput storageKey string = storage.listKeys().keys[0].value\n`,
      message: /^Output `storageKey` returns a result of `listKeys\(\)`: outputs are kept in plain text in the deployment history, which anyone who can read the resource group can see; do not return it \(let whoever needs it read it with a managed identity\), or mark it `@secure\(\)`$/,
      fixed: `${STORAGE}\n@secure()\noutput storageKey string = storage.listKeys().keys[0].value\n`,
    },
    {
      name: 'a secure parameter through a variable and an interpolation',
      file: 'main.bicep',
      text: `@secure()\nparam artifactsSasToken string\n\nvar scriptUrl = 'https://stscripts.blob.core.windows.net/scripts/install.sh\${artifactsSasToken}'\n\noutput installScript string = scriptUrl\n`,
      message: /^Output `installScript` returns the value of secure parameter `artifactsSasToken`/,
    },
    { name: 'a secure object', file: 'main.bicep', text: `@secure()\nparam settings object\n\noutput settingsCopy object = settings\n` },
    { name: 'the secret of a list*() function, whatever the output is called', file: 'main.bicep', text: `resource aks 'Microsoft.ContainerService/managedClusters@2024-02-01' existing = {\n  name: 'aks-orders'\n}\n\noutput config string = aks.listClusterAdminCredential().kubeconfigs[0].value\n`, message: /a result of `listClusterAdminCredential\(\)`/ },
    {
      name: 'a connection string built with listKeys()',
      file: 'main.bicep',
      text: `${STORAGE}\noutput connection string = 'DefaultEndpointsProtocol=https;AccountName=\${storage.name};AccountKey=\${storage.listKeys().keys[0].value}'\n`,
      message: /returns a result of `listKeys\(\)`/,
    },
    {
      name: 'an ARM secure parameter, and a listKeys() connection string through format()',
      file: 'azuredeploy.json',
      text: arm(
        `    "adminPassword": { "type": "securestring" }`,
        `    "adminPassword": { "type": "string", "value": "[parameters('adminPassword')]" },\n    "queue": { "type": "string", "value": "[format('Endpoint=sb://sb-orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={0}', listKeys(resourceId('Microsoft.ServiceBus/namespaces/authorizationRules', 'sb-orders', 'send'), '2022-10-01-preview').primaryKey)]" }`,
      ),
      count: 2,
      message: /or declare it `securestring`$/,
      fixed: arm(
        `    "adminPassword": { "type": "securestring" }`,
        `    "adminPassword": { "type": "securestring", "value": "[parameters('adminPassword')]" },\n    "queue": { "type": "securestring", "value": "[format('Endpoint=sb://sb-orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={0}', listKeys(resourceId('Microsoft.ServiceBus/namespaces/authorizationRules', 'sb-orders', 'send'), '2022-10-01-preview').primaryKey)]" }`,
      ),
    },
    {
      name: 'a secret-named output whose value is unknown, in strict mode, as information',
      file: 'main.bicep',
      text: `param apiKey string\n\noutput apiKey string = apiKey\n`,
      strict: true,
      message: /^cannot verify whether output `apiKey` returns a key: parameter `apiKey` has no default$/,
    },
  ],
  clean: [
    { name: 'a secure output', file: 'main.bicep', text: `${STORAGE}\n@secure()\noutput storageKey string = storage.listKeys().keys[0].value\n` },
    { name: 'the name of a key, not the key', file: 'main.bicep', text: `${STORAGE}\noutput keyName string = storage.listKeys().keys[0].keyName\n` },
    {
      name: 'functions that reveal nothing of a secret',
      file: 'main.bicep',
      text: `@secure()\nparam adminPassword string\n\noutput passwordLength int = length(adminPassword)\noutput suffix string = uniqueString(adminPassword)\noutput hasPassword bool = !empty(adminPassword)\n`,
    },
    { name: 'an ARM securestring output', file: 'azuredeploy.json', text: arm(`    "adminPassword": { "type": "securestring" }`, `    "adminPassword": { "type": "securestring", "value": "[parameters('adminPassword')]" }`) },
    { name: 'a secret-named output whose value is unknown, outside strict mode', file: 'main.bicep', text: `param apiKey string\n\noutput apiKey string = apiKey\n` },
    { name: 'identifiers and endpoints', file: 'main.bicep', text: `${STORAGE}\noutput blobEndpoint string = storage.properties.primaryEndpoints.blob\noutput secretUri string = 'https://kv-orders.vault.azure.net/secrets/orders-db'\n` },
  ],
});
