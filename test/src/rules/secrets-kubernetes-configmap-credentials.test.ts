import { ruleCases } from '../support/ruleTester';

const SECRET = 'Example-Only-Not-A-Secret-1';
/** Every message matches `pattern`, and none shows the secret. */
const masked = (pattern: RegExp) => new RegExp(`^(?![\\s\\S]*${SECRET})[\\s\\S]*${pattern.source}`);

const configMap = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: orders-config
data:
${data}`;

ruleCases('secrets-kubernetes-configmap-credentials', {
  flagged: [
    {
      name: 'an entry named like a password',
      file: 'app.yaml',
      text: configMap(`  LOG_LEVEL: info\n  DB_PASSWORD: ${SECRET}\n`),
      message: masked(/^ConfigMap entry `DB_PASSWORD` holds a password \('Exa…' \(27 characters\)\): ConfigMaps are readable by anyone who can read the namespace/),
      fixed: null,
    },
    {
      name: 'a setting in a properties file',
      file: 'app.yaml',
      text: configMap(`  application.properties: |\n    spring.datasource.url=jdbc:postgresql://pg-orders:5432/orders\n    spring.datasource.password=${SECRET}\n`),
      message: masked(/^ConfigMap entry `application\.properties` sets `spring\.datasource\.password` to a password \('Exa…' \(27 characters\)\)/),
    },
    {
      name: 'a setting in a JSON file and one in a shell script',
      file: 'app.yaml',
      text: configMap(`  appsettings.json: |\n    {\n      "AzureAd": {\n        "ClientSecret": "${SECRET}"\n      }\n    }\n  env.sh: |\n    export API_TOKEN=${SECRET}\n`),
      count: 2,
      message: masked(/sets `(ClientSecret|API_TOKEN)` to a (secret|token)/),
    },
    {
      name: 'an unquoted setting ending in spaces and a comma, which are not part of it',
      file: 'app.yaml',
      text: configMap(`  app.properties: |\n    spring.datasource.password = ${SECRET} ,  \n`),
      message: masked(/sets `spring\.datasource\.password` to a password \('Exa…' \(27 characters\)\)/),
    },
    {
      name: 'a quoted setting with a space before its closing quote, which is part of it',
      file: 'app.yaml',
      text: configMap(`  app.json: |\n    "password": "${SECRET} ",\n`),
      message: masked(/sets `password` to a password \('Exa…' \(28 characters\)\)/),
    },
    {
      name: 'a setting ending in two commas, the first part of it',
      file: 'app.yaml',
      text: configMap(`  app.properties: |\n    spring.datasource.password=${SECRET},,\n`),
      message: masked(/sets `spring\.datasource\.password` to a password \('Exa…' \(28 characters\)\)/),
    },
    { name: 'a value shaped like a credential', file: 'app.yaml', text: configMap(`  bootstrap: ghp_FAKEfakeFAKEfakeFAKEfakeFAKEfakeFAKE\n`), message: /holds a GitHub token/ },
  ],
  clean: [
    { name: 'configuration without secrets', file: 'app.yaml', text: configMap(`  LOG_LEVEL: info\n  KEY_VAULT_NAME: kv-orders\n  SECRET_NAME: orders-db\n  PASSWORD_FILE: /mnt/secrets/db\n  port: "5432"\n`) },
    { name: 'a properties file with placeholders and flags', file: 'app.yaml', text: configMap(`  application.properties: |\n    spring.datasource.password=\${DB_PASSWORD}\n    spring.datasource.azure.passwordless-enabled=true\n    client.secret.name=orders\n`) },
    { name: 'a connection string (secrets-connection-string reports it)', file: 'app.yaml', text: configMap(`  DB_PASSWORD: "Server=sql;Password=${SECRET}"\n`) },
    { name: 'a Secret, which is not a ConfigMap', file: 'app.yaml', text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders\nstringData:\n  DB_PASSWORD: ${SECRET}\n` },
  ],
});
