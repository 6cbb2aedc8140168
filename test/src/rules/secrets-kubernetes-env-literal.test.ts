import { ruleCases } from '../support/ruleTester';

const SECRET = 'Example-Only-Not-A-Secret-1';
/** Every message matches `pattern`, and none shows the secret. */
const masked = (pattern: RegExp) => new RegExp(`^(?![\\s\\S]*${SECRET})[\\s\\S]*${pattern.source}`);

const deployment = (env: string, list = 'containers') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
spec:
  selector:
    matchLabels: { app: orders }
  template:
    metadata:
      labels: { app: orders }
    spec:
      ${list}:
        - name: orders
          image: contoso.azurecr.io/orders:1.0.0
          env:
${env}`;

const variable = (name: string, value: string) => `            - name: ${name}\n              value: ${value}\n`;

ruleCases('secrets-kubernetes-env-literal', {
  flagged: [
    {
      name: 'a database password',
      file: 'app.yaml',
      text: deployment(variable('DB_PASSWORD', SECRET)),
      message: masked(/^Environment variable `DB_PASSWORD` holds a password written in the manifest \('Exa…' \(27 characters\)\): anyone who can read the repository or the pod spec can use it; use Microsoft Entra Workload ID instead, or keep it in Key Vault and mount it with the Secrets Store CSI driver \(at least `valueFrom\.secretKeyRef`\)$/),
      fixed: null,
    },
    {
      name: 'names in other styles, in an init container',
      file: 'app.yaml',
      text: deployment(variable('api-key', SECRET) + variable('AzureClientSecret', SECRET) + variable('GITHUB_TOKEN', SECRET), 'initContainers'),
      count: 3,
      message: masked(/holds a (key|secret|token) written in the manifest/),
    },
    {
      name: 'a value shaped like a credential, whatever it is called',
      file: 'app.yaml',
      text: deployment(variable('SETTINGS', '"-----BEGIN PRIVATE KEY-----FAKE-----END PRIVATE KEY-----"')),
      message: /^Environment variable `SETTINGS` holds a private key written in the manifest/,
    },
    {
      name: 'a CronJob',
      file: 'app.yaml',
      text: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cleanup\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: cleanup\n              image: contoso.azurecr.io/cleanup:1.0.0\n              env:\n                - name: CLIENT_SECRET\n                  value: "${SECRET}"\n`,
      message: masked(/`CLIENT_SECRET` holds a secret/),
    },
  ],
  clean: [
    { name: 'secretKeyRef', file: 'app.yaml', text: deployment(`            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: { name: orders-db, key: password }\n`) },
    {
      name: 'names that are not secrets, flags, paths and references',
      file: 'app.yaml',
      text: deployment(
        variable('KEY_VAULT_NAME', 'kv-orders') + variable('SECRET_NAME', 'orders-db') + variable('PASSWORD_FILE', '/mnt/secrets-store/db-password') +
          variable('ALLOW_EMPTY_PASSWORD', '"yes"') + variable('DB_PASSWORD', '$(DB_PASSWORD_FROM_SECRET)') + variable('MAX_TOKENS', '"4096"') +
          variable('AZURE_CLIENT_ID', '00000000-0000-0000-0000-000000000000') + variable('TOKEN_URL', 'https://login.microsoftonline.com/common/oauth2/v2.0/token') +
          variable('API_KEY', '""') + variable('SSL_KEY', 'server.key'),
      ),
    },
    { name: 'a connection string (secrets-connection-string reports it)', file: 'app.yaml', text: deployment(variable('DB_PASSWORD', `"Server=sql;Password=${SECRET}"`)) },
  ],
});
