import { ruleCases } from '../support/ruleTester';
import { ordersDeployment } from '../support/workloads';

const CLIENT_ID = '6a1c2f5e-3b4d-4e8f-9a0b-1c2d3e4f5a6b';

const serviceAccount = (name = 'orders', namespace = '') => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
${namespace}  annotations:
    azure.workload.identity/client-id: ${CLIENT_ID}
`;

const deployment = (podLabels: string, podSpec = '      serviceAccountName: orders\n', namespace = '') =>
  ordersDeployment({ metadata: namespace, podLabels, podSpec });

const USE = '        azure.workload.identity/use: "true"\n';

/** `after` follows the pod template's `spec`, where a fix adds the `metadata` it lacks */
const cronJob = (after = '') => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: orders-export
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: orders
          restartPolicy: OnFailure
          containers:
            - name: export
              image: contoso.azurecr.io/orders-export:1.0.0
${after}`;

const POD = (labels: string) => `apiVersion: v1
kind: Pod
metadata:
  name: orders-debug
  labels:
    app: orders
${labels}spec:
  serviceAccountName: orders
  containers:
    - name: shell
      image: mcr.microsoft.com/azure-cli:2.61.0
`;

ruleCases('kubernetes-workload-identity-label-missing', {
  flagged: [
    {
      name: 'a Deployment whose ServiceAccount in the same file names a client id',
      file: 'app.yaml',
      text: `${serviceAccount()}---\n${deployment('')}`,
      message: /^Deployment `orders` runs as ServiceAccount `orders`, which is set up for workload identity, but its pods lack the label `azure\.workload\.identity\/use: "true"`: the webhook leaves them without a token$/,
      fixed: `${serviceAccount()}---\n${deployment(USE)}`,
    },
    {
      name: 'a CronJob whose ServiceAccount is in another file of the workspace, the labels created',
      file: 'cronjob.yaml',
      text: cronJob(),
      workspace: [{ file: 'serviceaccount.yaml', text: serviceAccount() }],
      message: /^CronJob `orders-export` runs as ServiceAccount `orders`/,
      fixed: cronJob('        metadata:\n          labels:\n            azure.workload.identity/use: "true"\n'),
    },
    {
      name: 'a Pod with labels of its own',
      file: 'pod.yaml',
      text: `${POD('')}---\n${serviceAccount()}`,
      fixed: `${POD('    azure.workload.identity/use: "true"\n')}---\n${serviceAccount()}`,
    },
    {
      name: 'the label written as an unquoted true, which YAML reads as a boolean',
      file: 'app.yaml',
      text: deployment('        azure.workload.identity/use: true\n'),
      message: /^Deployment `orders` sets the label `azure\.workload\.identity\/use` to the boolean true, which the API server rejects: label values are strings, write "true"$/,
      fixed: deployment(USE),
    },
    {
      name: 'the deprecated serviceAccount field',
      file: 'app.yaml',
      text: `${serviceAccount()}---\n${deployment('', '      serviceAccount: orders\n')}`,
      fixed: `${serviceAccount()}---\n${deployment(USE, '      serviceAccount: orders\n')}`,
    },
    {
      name: "the namespace's default ServiceAccount, annotated",
      file: 'app.yaml',
      text: `${serviceAccount('default')}---\n${deployment('', '')}`,
      message: /runs as ServiceAccount `default`/,
      fixed: `${serviceAccount('default')}---\n${deployment(USE, '')}`,
    },
    {
      name: 'a ServiceAccount without a namespace, applied where the Deployment is',
      file: 'app.yaml',
      text: deployment('', undefined, '  namespace: shop\n'),
      workspace: [{ file: 'base/serviceaccount.yaml', text: serviceAccount() }],
      fixed: deployment(USE, undefined, '  namespace: shop\n'),
    },
  ],
  clean: [
    { name: 'a Deployment with the label', file: 'app.yaml', text: `${serviceAccount()}---\n${deployment(USE)}` },
    { name: 'a ServiceAccount without the client-id annotation', file: 'app.yaml', text: `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: orders\n---\n${deployment('')}` },
    { name: 'a ServiceAccount of another name', file: 'app.yaml', text: `${serviceAccount('payments')}---\n${deployment('')}` },
    { name: 'a ServiceAccount in another namespace', file: 'app.yaml', text: `${serviceAccount('orders', '  namespace: billing\n')}---\n${deployment('', undefined, '  namespace: shop\n')}` },
    { name: 'the label set to "false", a deliberate opt-out', file: 'app.yaml', text: `${serviceAccount()}---\n${deployment('        azure.workload.identity/use: "false"\n')}` },
    { name: 'no ServiceAccount declared anywhere', file: 'app.yaml', text: deployment('') },
    {
      name: 'another kind of object named like the ServiceAccount, with the annotation',
      file: 'app.yaml',
      text: `${serviceAccount().replace('kind: ServiceAccount', 'kind: ConfigMap')}---\n${deployment('')}`,
    },
  ],
});
