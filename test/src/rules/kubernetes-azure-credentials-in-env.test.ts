import { ruleCases } from '../support/ruleTester';
import { ordersDeployment } from '../support/workloads';

const deployment = (env: string, list = 'containers') => ordersDeployment({ containersKey: list, container: `          env:\n${env}` });

const FROM_SECRET = `            - name: AZURE_CLIENT_SECRET
              valueFrom:
                secretKeyRef:
                  name: orders-sp
                  key: secret
`;

ruleCases('kubernetes-azure-credentials-in-env', {
  flagged: [
    {
      name: 'a client secret from a Secret',
      file: 'app.yaml',
      text: deployment(`            - name: AZURE_CLIENT_ID\n              value: 6a1c2f5e-3b4d-4e8f-9a0b-1c2d3e4f5a6b\n${FROM_SECRET}`),
      message: /^Deployment `orders`: container `api` authenticates to Azure with a client secret in `AZURE_CLIENT_SECRET` \(from Secret `orders-sp`\); use workload identity instead$/,
    },
    {
      name: 'a client secret written in a Pod',
      file: 'pod.yaml',
      text: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: debug\nspec:\n  containers:\n    - name: shell\n      image: mcr.microsoft.com/azure-cli:2.61.0\n      env:\n        - name: AZURE_CLIENT_SECRET\n          value: "Zq8~examplesecretvalue"\n`,
      message: /^Pod `debug`: container `shell` authenticates to Azure with a client secret in `AZURE_CLIENT_SECRET` \(written in the manifest\)/,
    },
    {
      name: "Terraform's client secret from a ConfigMap in a CronJob's init container",
      file: 'cronjob.yaml',
      text: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: drift\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          initContainers:\n            - name: plan\n              image: hashicorp/terraform:1.9\n              env:\n                - name: ARM_CLIENT_SECRET\n                  valueFrom:\n                    configMapKeyRef:\n                      name: terraform\n                      key: secret\n          containers:\n            - name: report\n              image: busybox\n`,
      message: /^CronJob `drift`: container `plan` authenticates to Azure with a client secret in `ARM_CLIENT_SECRET` \(from ConfigMap `terraform`\)/,
    },
    {
      name: "a user's password and a certificate's password, each reported",
      file: 'app.yaml',
      text: deployment('            - name: AZURE_USERNAME\n              value: ops@contoso.com\n            - name: AZURE_PASSWORD\n              valueFrom:\n                secretKeyRef: { name: ops, key: password }\n            - name: AZURE_CLIENT_CERTIFICATE_PASSWORD\n              valueFrom:\n                secretKeyRef: { name: cert, key: password }\n'),
      count: 2,
    },
    {
      name: 'a secret in an ephemeral container',
      file: 'app.yaml',
      text: deployment(FROM_SECRET, 'ephemeralContainers'),
    },
  ],
  clean: [
    { name: 'workload identity variables only', file: 'app.yaml', text: deployment('            - name: AZURE_CLIENT_ID\n              value: 6a1c2f5e-3b4d-4e8f-9a0b-1c2d3e4f5a6b\n            - name: AZURE_TENANT_ID\n              value: 72f988bf-86f1-41af-91ab-2d7cd011db47\n') },
    { name: 'the variable set empty', file: 'app.yaml', text: deployment('            - name: AZURE_CLIENT_SECRET\n              value: ""\n') },
    { name: 'a variable whose name only contains a credential variable', file: 'app.yaml', text: deployment('            - name: AZURE_CLIENT_SECRET_FILE\n              value: /mnt/secrets/client-secret\n') },
    { name: 'a Secret that holds the key, outside any container', file: 'secret.yaml', text: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-sp\nstringData:\n  AZURE_CLIENT_SECRET: placeholder\n' },
    { name: 'a ConfigMap with the name as a key', file: 'cm.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orders\ndata:\n  AZURE_CLIENT_SECRET: ""\n' },
  ],
});
