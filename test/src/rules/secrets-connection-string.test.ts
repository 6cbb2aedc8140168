import { ruleCases } from '../support/ruleTester';

const SECRET = 'Example-Only-Not-A-Secret-1';
const KEY = 'ZmFrZS1rZXktZm9yLXRlc3RzLW9ubHk=';
/** Every message matches `pattern`, and none shows the secrets of these cases. */
const masked = (pattern: RegExp) => new RegExp(`^(?![\\s\\S]*(?:${SECRET}|${KEY}))[\\s\\S]*${pattern.source}`);

const STORAGE = `resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: 'storders'
  location: location
  sku: { name: 'Standard_LRS' }
  kind: 'StorageV2'
}
`;

const functionApp = (settings: string) => `param location string = resourceGroup().location

${STORAGE}
resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'func-orders'
  location: location
  kind: 'functionapp'
  properties: {
    siteConfig: {
      appSettings: [
${settings}      ]
    }
  }
}
`;

const setting = (name: string, value: string) => `        {\n          name: '${name}'\n          value: ${value}\n        }\n`;

const armSite = (connectionString: string, parameters = '') => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "location": {
      "type": "string",
      "defaultValue": "[resourceGroup().location]"
    }${parameters}
  },
  "resources": [
    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2023-12-01",
      "name": "app-orders",
      "location": "[parameters('location')]",
      "properties": {
        "siteConfig": {
          "connectionStrings": [
            {
              "name": "Orders",
              "connectionString": ${connectionString},
              "type": "SQLAzure"
            }
          ]
        }
      }
    }
  ]
}
`;

const armParameters = (value: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "reportsUrl": { "value": ${value} }
  }
}
`;

const configMap = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: orders-config
data:
${data}`;

ruleCases('secrets-connection-string', {
  flagged: [
    {
      name: 'a Bicep app setting built with listKeys(), suggesting the identity-based setting',
      file: 'main.bicep',
      text: functionApp(setting('AzureWebJobsStorage', `'DefaultEndpointsProtocol=https;AccountName=\${storage.name};AccountKey=\${storage.listKeys().keys[0].value}'`)),
      message: /^A connection string embeds an account key \(`AccountKey=`\) from `listKeys\(\)`: use the identity-based setting `AzureWebJobsStorage__accountName` or a Key Vault reference \(`@Microsoft\.KeyVault\(SecretUri=\.\.\.\)`\)$/,
      fixed: null,
    },
    {
      name: 'a Service Bus connection string written in a Bicep app setting, moved into a secure parameter',
      file: 'main.bicep',
      text: functionApp(setting('OrdersQueue', `'Endpoint=sb://sb-orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${KEY}'`)),
      message: masked(/^A connection string embeds a shared access key \(`SharedAccessKey=`\) written out as 'ZmF…' \(32 characters\): use the identity-based setting `OrdersQueue__fullyQualifiedNamespace`/),
      fixed: functionApp(setting('OrdersQueue', 'ordersQueue')).replace(
        'param location string = resourceGroup().location\n',
        'param location string = resourceGroup().location\n\n@secure()\nparam ordersQueue string\n',
      ),
    },
    {
      name: 'a connection string in a variable, reported once where it is used and fixed in the variable',
      file: 'main.bicep',
      text: `param location string = resourceGroup().location\n\nvar ordersDb = 'Server=tcp:sql-orders.database.windows.net;Database=orders;User ID=app;Password=${SECRET}'\n\nresource app 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'app-orders'\n  location: location\n  properties: {\n    siteConfig: {\n      connectionStrings: [\n        { name: 'Orders', connectionString: ordersDb, type: 'SQLAzure' }\n      ]\n    }\n  }\n}\n`,
      message: masked(/^A connection string embeds a password \(`Password=`\) written out as 'Exa…' \(27 characters\): use Microsoft Entra authentication with a managed identity or a Key Vault reference .* \(from variable `ordersDb` \(line 3\)\)$/),
      fixed: `param location string = resourceGroup().location\n\n@secure()\nparam orders string\n\nvar ordersDb = orders\n\nresource app 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'app-orders'\n  location: location\n  properties: {\n    siteConfig: {\n      connectionStrings: [\n        { name: 'Orders', connectionString: ordersDb, type: 'SQLAzure' }\n      ]\n    }\n  }\n}\n`,
    },
    {
      name: 'a password from a secure parameter inside a connection string',
      file: 'main.bicep',
      text: `@secure()\nparam sqlPassword string\n\nresource cache 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'app-orders'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'Db', value: 'Server=sql-orders;Pwd=\${sqlPassword}' }\n      ]\n    }\n  }\n}\n`,
      message: /^A connection string embeds a password \(`Pwd=`\) computed at deployment \(parameter `sqlPassword` has no default\): use Microsoft Entra authentication/,
    },
    {
      name: 'a literal connection string in a parameter default, without a fix (the default is where it is supplied)',
      file: 'main.bicep',
      text: `param storageConnection string = 'DefaultEndpointsProtocol=https;AccountName=storders;AccountKey=${KEY}'\n\nresource job 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'app-jobs'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'Jobs', value: storageConnection }\n      ]\n    }\n  }\n}\n`,
      message: masked(/use the identity-based setting `Jobs__accountName` .* \(from the default of parameter `storageConnection` \(line 1\)\)$/),
      fixed: null,
    },
    {
      name: 'an ARM connection string written out, moved into a secure parameter',
      file: 'azuredeploy.json',
      text: armSite(`"Server=tcp:sql-orders.database.windows.net;Database=orders;User ID=app;Password=${SECRET}"`),
      message: masked(/^A connection string embeds a password \(`Password=`\) written out as 'Exa…' \(27 characters\)/),
      fixed: armSite(`"[parameters('orders')]"`, `,\n    "orders": {\n      "type": "securestring"\n    }`),
    },
    {
      name: 'an ARM connection string built with concat() and listKeys()',
      file: 'azuredeploy.json',
      text: armSite(`"[concat('AccountEndpoint=https://cosmos-orders.documents.azure.com:443/;AccountKey=', listKeys(resourceId('Microsoft.DocumentDB/databaseAccounts', 'cosmos-orders'), '2024-05-15').primaryMasterKey)]"`),
      message: /^A connection string embeds an account key \(`AccountKey=`\) from `listKeys\(\)`: use the identity-based setting `Orders__accountEndpoint`/,
    },
    {
      name: 'a whole connection string from listKeys() in an app setting named for a connection',
      file: 'main.bicep',
      text: `resource rule 'Microsoft.ServiceBus/namespaces/authorizationRules@2022-10-01-preview' existing = {\n  name: 'sb-orders/send'\n}\n\nresource app 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'func-orders'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'ServiceBusConnection', value: rule.listKeys().primaryConnectionString }\n      ]\n    }\n  }\n}\n`,
      message: /^A connection string embeds a secret from `listKeys\(\)`: use a managed identity with an Azure RBAC role or a Key Vault reference/,
    },
    {
      name: 'a connection string that cannot be known, in strict mode, as information',
      file: 'main.bicep',
      text: `param storageConnectionString string\n\nresource app 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'func-orders'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'AzureWebJobsStorage', value: storageConnectionString }\n      ]\n    }\n  }\n}\n`,
      strict: true,
      message: /^cannot verify whether connection string `AzureWebJobsStorage` embeds a secret: parameter `storageConnectionString` has no default$/,
    },
    {
      name: 'a module parameter with a SAS URL',
      file: 'main.bicep',
      text: `module reports './reports.bicep' = {\n  name: 'reports'\n  params: {\n    reportsUrl: 'https://streports.blob.core.windows.net/reports?sv=2022-11-02&sp=r&sig=${KEY}'\n  }\n}\n`,
      message: masked(/^A connection string embeds a SAS signature \(`sig=`\) written out as 'ZmF…' \(32 characters\): use a managed identity with an Azure RBAC role instead/),
    },
    {
      name: 'a listKeys() connection string returned by an output',
      file: 'main.bicep',
      text: `param location string = resourceGroup().location\n\n${STORAGE}\noutput connection string = 'AccountName=\${storage.name};AccountKey=\${storage.listKeys().keys[0].value}'\n`,
    },
    {
      name: 'a connection string in a .bicepparam file',
      file: 'main.bicepparam',
      text: `using './main.bicep'\n\nparam ordersQueueConnection = 'Endpoint=sb://sb-orders.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=${KEY}'\n`,
      message: masked(/^A connection string embeds a shared access key \(`SharedAccessKey=`\) written out as 'ZmF…' \(32 characters\): use a managed identity with an Azure RBAC role instead; where a secret is unavoidable, reference it from Key Vault/),
    },
    {
      name: 'a SAS URL in an ARM parameter file',
      file: 'azuredeploy.parameters.json',
      text: armParameters(`"https://streports.blob.core.windows.net/reports?sv=2022-11-02&sp=r&sig=${KEY}"`),
      message: masked(/a SAS signature \(`sig=`\)/),
    },
    {
      name: 'credentials in a URL in a ConfigMap',
      file: 'app.yaml',
      text: configMap(`  DATABASE_URL: postgres://orders:${SECRET}@pg-orders.postgres.database.azure.com:5432/orders\n`),
      message: masked(/^A connection string embeds a password in the URL \(`user:password@`\) written out as 'Exa…' \(27 characters\): use Microsoft Entra Workload ID instead/),
    },
    {
      name: 'credentials in a JDBC URL and in a URL whose scheme has a `+`',
      file: 'app.yaml',
      text: configMap(`  JDBC_URL: jdbc:postgresql://orders:${SECRET}@pg-orders:5432/orders\n  MONGO_URL: mongodb+srv://orders:${SECRET}@cluster0.example.net\n`),
      count: 2,
      message: masked(/^A connection string embeds a password in the URL \(`user:password@`\) written out as 'Exa…' \(27 characters\)/),
    },
    {
      name: 'a connection string in a container environment variable and one in an annotation',
      file: 'app.yaml',
      text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: orders\n  annotations:\n    orders/storage: "DefaultEndpointsProtocol=https;AccountName=storders;AccountKey=${KEY}"\nspec:\n  containers:\n    - name: orders\n      image: contoso.azurecr.io/orders:1.0.0\n      env:\n        - name: ConnectionStrings__Orders\n          value: "Server=sql-orders;Password=${SECRET}"\n`,
      count: 2,
      message: masked(/written out as/),
    },
  ],
  clean: [
    { name: 'identity-based app settings', file: 'main.bicep', text: functionApp(setting('AzureWebJobsStorage__accountName', 'storage.name')) },
    { name: 'a Key Vault reference in an app setting', file: 'main.bicep', text: functionApp(setting('OrdersQueue', `'@Microsoft.KeyVault(SecretUri=https://kv-orders.vault.azure.net/secrets/orders-queue/)'`)) },
    { name: 'a SQL connection string with Entra authentication', file: 'azuredeploy.json', text: armSite('"Server=tcp:sql-orders.database.windows.net;Database=orders;Authentication=Active Directory Managed Identity"') },
    { name: 'a placeholder in a documentation-style connection string', file: 'azuredeploy.json', text: armSite('"Server=tcp:sql-orders.database.windows.net;Database=orders;User ID=app;Password={your_password}"') },
    { name: 'an empty password', file: 'azuredeploy.json', text: armSite('"Server=sql-orders;Password=;"') },
    { name: 'an unknown connection string outside strict mode', file: 'main.bicep', text: `param ordersDb string\n\nresource app 'Microsoft.Web/sites@2023-12-01' = {\n  name: 'app-orders'\n  properties: {\n    siteConfig: {\n      appSettings: [\n        { name: 'Db', value: ordersDb }\n      ]\n    }\n  }\n}\n` },
    {
      name: 'a listKeys() connection string kept in a Key Vault secret, where it belongs',
      file: 'main.bicep',
      text: `param location string = resourceGroup().location\n\n${STORAGE}\nresource secret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {\n  name: 'kv-orders/storage-connection'\n  properties: {\n    value: 'AccountName=\${storage.name};AccountKey=\${storage.listKeys().keys[0].value}'\n  }\n}\n`,
    },
    { name: 'a SAS URL without a signature in a parameter file', file: 'azuredeploy.parameters.json', text: armParameters('"https://streports.blob.core.windows.net/reports"') },
    { name: 'a URL with a user but no password', file: 'app.yaml', text: configMap('  REPO: https://git@github.com/contoso/orders.git\n  DATABASE_URL: postgres://orders@pg-orders:5432/orders\n') },
    { name: 'a pipeline token in a password', file: 'app.yaml', text: configMap('  DB: "Server=sql-orders;Password=#{DbPassword}#"\n') },
    { name: 'a Secret manifest (secrets-kubernetes-secret-manifest reports it)', file: 'app.yaml', text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders\nstringData:\n  db: "Server=sql-orders;Password=${SECRET}"\n` },
  ],
});
