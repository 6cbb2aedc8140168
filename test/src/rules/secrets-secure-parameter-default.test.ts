import { ruleCases } from '../support/ruleTester';

const SECRET = 'Example-Only-Not-A-Secret-1';
/** Every message matches `pattern`, and none shows the secret. */
const masked = (pattern: RegExp) => new RegExp(`^(?![\\s\\S]*${SECRET})[\\s\\S]*${pattern.source}`);

const arm = (parameters: string) => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
${parameters}
  },
  "resources": []
}
`;

ruleCases('secrets-secure-parameter-default', {
  flagged: [
    {
      name: 'a Bicep secure parameter with a literal default',
      file: 'main.bicep',
      text: `@secure()\nparam adminPassword string = '${SECRET}'\n`,
      message: masked(/^Secure parameter `adminPassword` has a default written in the template \('Exa…' \(27 characters\)\): anyone who can read the repository knows it/),
      fixed: null,
    },
    { name: 'a default computed from literals', file: 'main.bicep', text: `@secure()\nparam apiToken string = '\${'Example-Only'}-Not-A-Secret-1'\n`, message: masked(/\('Exa…' \(27 characters\)\)/) },
    {
      name: 'a default through a variable and a secure object with literal values',
      file: 'main.bicep',
      text: `var fallback = '${SECRET}'\n\n@secure()\nparam adminPassword string = fallback\n\n@secure()\nparam settings object = {\n  apiKey: '${SECRET}'\n  region: ''\n}\n`,
      count: 2,
      message: masked(/^Secure parameter `(adminPassword|settings)` has a default/),
    },
    {
      name: 'an ARM securestring with a literal default',
      file: 'azuredeploy.json',
      text: arm(`    "adminPassword": { "type": "securestring", "defaultValue": "${SECRET}" }`),
      message: masked(/^Secure parameter `adminPassword` has a default/),
    },
  ],
  clean: [
    { name: 'a secure parameter without a default', file: 'main.bicep', text: `@secure()\nparam adminPassword string\n` },
    { name: 'an empty default and a placeholder', file: 'main.bicep', text: `@secure()\nparam optionalToken string = ''\n\n@secure()\nparam adminPassword string = '<password>'\n` },
    { name: 'defaults computed at deployment', file: 'main.bicep', text: `@secure()\nparam sessionKey string = newGuid()\n\n@secure()\nparam adminPassword string = '\${uniqueString(resourceGroup().id)}Aa1!'\n` },
    { name: 'a default taken from another parameter', file: 'main.bicep', text: `@secure()\nparam primary string\n\n@secure()\nparam secondary string = primary\n` },
    { name: 'a parameter that is not secure (secrets-literal-password reports its literal)', file: 'main.bicep', text: `param adminPassword string = '${SECRET}'\n` },
    { name: 'an ARM securestring with an empty default', file: 'azuredeploy.json', text: arm(`    "adminPassword": { "type": "securestring", "defaultValue": "" }`) },
  ],
});
