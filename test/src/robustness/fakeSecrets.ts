import { ordersDeployment } from '../support/workloads';

/** Obviously fake secrets, each different so that a leak says which file and rule it came from. */
export const SECRETS = {
  bicepPassword: 'Example-Only-Not-A-Secret-Bicep-Pw1',
  bicepVariable: 'Example-Only-Not-A-Secret-Bicep-Var2',
  bicepAccountKey: 'RXhhbXBsZU9ubHlOb3RBU2VjcmV0QmljZXBLZXk=',
  bicepParamPassword: 'Example-Only-Not-A-Secret-Bicepparam3',
  armPassword: 'Example-Only-Not-A-Secret-Arm-Pw4',
  armAccountKey: 'RXhhbXBsZU9ubHlOb3RBU2VjcmV0QXJtS2V5MDA=',
  armParametersSecret: 'Example-Only-Not-A-Secret-ArmParams5',
  k8sClientSecret: 'Example~Only~Not~A~Secret~K8s~Env6',
  k8sStringData: 'Example-Only-Not-A-Secret-K8s-String7',
  k8sData: 'Example-Only-Not-A-Secret-K8s-Data8',
  k8sConfigMap: 'Example-Only-Not-A-Secret-K8s-Cm9',
};
const base64 = (s: string) => Buffer.from(s).toString('base64');

export const FILES: Record<string, string> = {
  'infra/main.bicep': `param location string = resourceGroup().location

var adminPassword = '${SECRETS.bicepVariable}'

resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-orders'
  location: location
  properties: {
    administratorLogin: 'orders'
    administratorLoginPassword: '${SECRETS.bicepPassword}'
  }
}

resource sql2 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-reports'
  location: location
  properties: {
    administratorLogin: 'reports'
    administratorLoginPassword: adminPassword
  }
}

resource app 'Microsoft.Web/sites@2023-12-01' = {
  name: 'app-orders'
  location: location
  properties: {
    siteConfig: {
      appSettings: [
        {
          name: 'STORAGE'
          value: 'DefaultEndpointsProtocol=https;AccountName=storders;AccountKey=${SECRETS.bicepAccountKey};EndpointSuffix=core.windows.net'
        }
      ]
    }
  }
}

output sqlPassword string = adminPassword
`,
  'infra/main.bicepparam': `using 'main.bicep'

param adminPassword = '${SECRETS.bicepParamPassword}'
`,
  'arm/azuredeploy.json': `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "clientSecret": { "type": "string" }
  },
  "resources": [
    {
      "type": "Microsoft.Sql/servers",
      "apiVersion": "2023-05-01-preview",
      "name": "sql-orders",
      "location": "westeurope",
      "properties": { "administratorLogin": "orders", "administratorLoginPassword": "${SECRETS.armPassword}" }
    },
    {
      "type": "Microsoft.Web/sites",
      "apiVersion": "2023-12-01",
      "name": "app-orders",
      "location": "westeurope",
      "properties": {
        "siteConfig": {
          "connectionStrings": [
            {
              "name": "Storage",
              "connectionString": "DefaultEndpointsProtocol=https;AccountName=storders;AccountKey=${SECRETS.armAccountKey};EndpointSuffix=core.windows.net",
              "type": "Custom"
            }
          ]
        }
      }
    }
  ]
}
`,
  'arm/azuredeploy.parameters.json': `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "clientSecret": { "value": "${SECRETS.armParametersSecret}" }
  }
}
`,
  'k8s/app.yaml': `${ordersDeployment({ container: '          env:\n' })}            - name: AZURE_CLIENT_ID
              value: 00000000-0000-0000-0000-000000000000
            - name: AZURE_CLIENT_SECRET
              value: ${SECRETS.k8sClientSecret}
---
apiVersion: v1
kind: Secret
metadata:
  name: orders
type: Opaque
stringData:
  password: ${SECRETS.k8sStringData}
data:
  apiKey: ${base64(SECRETS.k8sData)}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: orders
data:
  DB_PASSWORD: "${SECRETS.k8sConfigMap}"
`,
};

/** What of a secret must never be printed: the value, and its base64 for the Secret's `data`. */
const FORBIDDEN = Object.entries(SECRETS).flatMap(([name, value]) => [
  [name, value],
  [`${name} (base64)`, base64(value)],
  // a long enough piece to be usable: all but the first 3 characters the masked form may show
  [`${name} (tail)`, value.slice(3)],
]);

export function leaks(where: string, text: string): string[] {
  return FORBIDDEN.filter(([, value]) => text.includes(value)).map(([name]) => `${where} shows ${name}`);
}
