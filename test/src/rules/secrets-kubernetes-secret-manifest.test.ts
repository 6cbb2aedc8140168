import { ruleCases } from '../support/ruleTester';

const SECRET = 'Example-Only-Not-A-Secret-1';

const secret = (body: string, type = 'Opaque') => `apiVersion: v1
kind: Secret
metadata:
  name: orders-db
type: ${type}
${body}`;

ruleCases('secrets-kubernetes-secret-manifest', {
  flagged: [
    {
      name: 'stringData, naming the keys and never the values',
      file: 'app.yaml',
      text: secret(`stringData:\n  username: orders\n  password: ${SECRET}\n`),
      message: new RegExp(`^(?![\\s\\S]*${SECRET})Secret \`orders-db\` is committed with its values \\(\`username\`, \`password\`\\): anyone who can read the repository has them`),
      fixed: null,
    },
    { name: 'base64 data', file: 'app.yaml', text: secret(`data:\n  password: ${Buffer.from(SECRET).toString('base64')}\n`), message: /\(`password`\)/ },
    { name: 'a TLS secret (its private key is a secret too)', file: 'app.yaml', text: secret(`data:\n  tls.crt: RkFLRS1DRVJU\n  tls.key: RkFLRS1LRVk=\n`, 'kubernetes.io/tls') },
    {
      name: 'one Secret among other documents',
      file: 'app.yaml',
      text: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orders\ndata:\n  LOG_LEVEL: info\n---\n${secret(`stringData:\n  password: ${SECRET}\n  unused: ""\n`)}`,
      message: /\(`password`\)/,
    },
  ],
  clean: [
    { name: 'a service account token Secret that Kubernetes fills in', file: 'app.yaml', text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-token\n  annotations:\n    kubernetes.io/service-account.name: orders\ntype: kubernetes.io/service-account-token\n` },
    { name: 'a template whose values are empty or placeholders', file: 'app.yaml', text: secret(`stringData:\n  password: ""\n  token: <token>\ndata:\n  key: ""\n`) },
    { name: 'a SealedSecret', file: 'app.yaml', text: `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: orders-db\nspec:\n  encryptedData:\n    password: AgBFAKEENCRYPTED\n` },
    { name: 'a SecretProviderClass', file: 'app.yaml', text: `apiVersion: secrets-store.csi.x-k8s.io/v1\nkind: SecretProviderClass\nmetadata:\n  name: orders-db\nspec:\n  provider: azure\n  parameters:\n    keyvaultName: kv-orders\n` },
  ],
});
