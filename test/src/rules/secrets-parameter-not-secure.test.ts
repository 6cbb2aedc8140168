import { ruleCases } from '../support/ruleTester';

const arm = (parameters: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
${parameters}
  },
  "resources": []
}
`;

ruleCases('secrets-parameter-not-secure', {
  flagged: [
    {
      name: 'a Bicep password parameter',
      file: 'main.bicep',
      text: `param adminPassword string\n`,
      message: /^Parameter `adminPassword` is named like a password but is not secure: its value is kept in plain text in the deployment history and can show in logs; add `@secure\(\)`$/,
      fixed: `@secure()\nparam adminPassword string\n`,
    },
    {
      name: 'names in every case style and kind of secret',
      file: 'main.bicep',
      text: ['sql_admin_pwd', 'CLIENT_SECRET', 'storageAccountKey', 'githubToken', 'sqlConnectionString', 'artifactsSasToken', 'appGwLogsSasUri', 'adminpassword', 'registryCredential', 'vpnSharedKey', 'apiKeyValue']
        .map((name) => `param ${name} string\n`)
        .join(''),
      count: 11,
    },
    { name: 'an object of credentials', file: 'main.bicep', text: `param registryCredentials object\n`, message: /named like a credential/ },
    { name: 'a nullable string', file: 'main.bicep', text: `param hostPoolToken string?\n`, message: /named like a token/ },
    {
      name: 'an ARM string and object, with the secure type to use',
      file: 'azuredeploy.json',
      text: arm(`    "storageConnectionString": { "type": "string" },\n    "clientSecrets": { "type": "object" }`),
      count: 2,
      message: /declare it `(securestring|secureObject)`$/,
      fixed: arm(`    "storageConnectionString": { "type": "securestring" },\n    "clientSecrets": { "type": "secureObject" }`),
    },
    {
      name: 'a decorated Bicep parameter, made secure above its keyword',
      file: 'main.bicep',
      text: `@description('Key of the queue')\nparam queueKey string\n`,
      fixed: `@description('Key of the queue')\n@secure()\nparam queueKey string\n`,
    },
  ],
  clean: [
    { name: 'secure parameters', file: 'main.bicep', text: `@secure()\nparam adminPassword string\n\n@secure()\nparam settings object\n` },
    { name: 'an ARM securestring', file: 'azuredeploy.json', text: arm(`    "adminPassword": { "type": "securestring" }`) },
    {
      name: 'names that are not secrets (the false positives of other linters)',
      file: 'main.bicep',
      text: [
        'secretName', 'secretUri', 'keyVaultSecretUsers', 'sshPublicKey', 'publicKey', 'keyVaultName', 'keyName', 'keySource',
        'keyVaultKeyUrl', 'secretVersion', 'tokenAudience', 'sasTokenExpiry', 'passwordPolicy', 'adminUsername', 'keyType',
        'partitionKey', 'key', 'encryptionKey', 'instrumentationKey', 'appInsightsConnectionString', 'maxTokens', 'keyVaultSecret',
        'federatedCredential', 'clientPubKey', 'featureFlagKey', 'solutionUniqueToken', 'creationToken', 'secretExpiryDays',
      ]
        .map((name) => `param ${name} string\n`)
        .join(''),
    },
    {
      name: 'parameters of types that hold no secret',
      file: 'main.bicep',
      text: `param passwordAuthenticationDisabled bool = true\nparam secretsProviderEnabled bool\nparam passwordLength int = 16\nparam tokenRefreshEnabled bool\nparam keys array\nparam apiKeys object\n`,
    },
    { name: 'a choice among allowed values', file: 'main.bicep', text: `@allowed([\n  'RSA'\n  'EC'\n])\nparam signingKey string = 'RSA'\n` },
  ],
});
