/**
 * A Bicep file that is slow to lint without being broken: many Key Vaults and storage accounts whose properties
 * come through variables, so every rule evaluates every body: over 500 findings at the default size.
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

const MB = 1024 * 1024;

/** Repeats `part(i)` until the text holds `megabytes`. */
function repeatTo(megabytes: number, part: (i: number) => string): string[] {
  const parts: string[] = [];
  for (let i = 0, length = 0; length < megabytes * MB; i++) {
    parts.push(part(i));
    length += parts[i].length;
  }
  return parts;
}

/** One YAML document of `megabytes`: a ConfigMap with that much data. The parser yields it only at its end. */
export function singleHugeManifest(megabytes: number): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n${repeatTo(megabytes, (i) => `  key-${i}: "value number ${i}, with some text"\n`).join('')}`;
}

/** A Bicep file of `megabytes` of plain storage accounts: fast per byte, slow by its size alone. */
export function hugeBicep(megabytes: number): string {
  return repeatTo(
    megabytes,
    (i) => `resource stg${i} 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: 'stg${i}'
  location: 'westeurope'
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    tags: [
      'a'
      'b${i}'
    ]
  }
}
`,
  ).join('');
}

/** An ARM template of `megabytes` of storage accounts, each with a template expression to lower. */
export function hugeArmTemplate(megabytes: number): string {
  const resources = repeatTo(
    megabytes,
    (i) => `{"type":"Microsoft.Storage/storageAccounts","apiVersion":"2023-01-01","name":"[concat('stg', '${i}')]","location":"westeurope","kind":"StorageV2","sku":{"name":"Standard_LRS"},"properties":{"minimumTlsVersion":"TLS1_2","tags":["a","b${i}"]}}`,
  );
  return `{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#","contentVersion":"1.0.0.0","resources":[\n${resources.join(',\n')}\n]}`;
}
