import { ruleCases } from '../support/ruleTester';
import { ordersDeployment } from '../support/workloads';

const serviceAccount = (annotations = '', name = 'orders') => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: ${name}
${annotations}`;

const CLIENT_ID = '  annotations:\n    azure.workload.identity/client-id: 6a1c2f5e-3b4d-4e8f-9a0b-1c2d3e4f5a6b\n';
const PLACEHOLDER = '  annotations:\n    azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000\n';

const cronJob = (labels = '            azure.workload.identity/use: "true"\n', podSpec = '          serviceAccountName: orders\n', container = '') => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: orders-export
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels:
${labels}        spec:
${podSpec}          restartPolicy: OnFailure
          containers:
            - name: export
              image: contoso.azurecr.io/orders-export:1.0.0
${container}`;

const deployment = (labels = '        azure.workload.identity/use: "true"\n', serviceAccountName = 'orders') =>
  ordersDeployment({ podLabels: labels, podSpec: `      serviceAccountName: ${serviceAccountName}\n` });

ruleCases('kubernetes-workload-identity-annotation-missing', {
  flagged: [
    {
      name: 'a CronJob whose ServiceAccount in the same file names no client id, fixed with a placeholder',
      file: 'cronjob.yaml',
      text: `${serviceAccount()}---\n${cronJob()}`,
      message: /^CronJob `orders-export` asks for workload identity \(`azure\.workload\.identity\/use`\) but its ServiceAccount `orders` has no `azure\.workload\.identity\/client-id` annotation: the pods get no client id$/,
      fixed: `${serviceAccount(PLACEHOLDER)}---\n${cronJob()}`,
    },
    {
      name: 'a ServiceAccount with other annotations only',
      file: 'app.yaml',
      text: `${deployment()}---\n${serviceAccount('  annotations:\n    owner: team-orders\n')}`,
      fixed: `${deployment()}---\n${serviceAccount('  annotations:\n    owner: team-orders\n    azure.workload.identity/client-id: 00000000-0000-0000-0000-000000000000\n')}`,
    },
    {
      name: 'a ServiceAccount in another file: reported there is no fix here',
      file: 'app.yaml',
      text: deployment(),
      workspace: [{ file: 'serviceaccount.yaml', text: serviceAccount() }],
      fixed: null,
    },
    {
      name: "the namespace's default ServiceAccount, declared nowhere",
      file: 'app.yaml',
      text: deployment(undefined, 'default'),
      message: /^Deployment `orders` asks for workload identity \(`azure\.workload\.identity\/use`\) but runs as the namespace's `default` ServiceAccount, which has no `azure\.workload\.identity\/client-id` annotation: the pods get no client id; run them as a ServiceAccount of their own$/,
      fixed: null,
    },
    {
      name: 'the label as an unquoted boolean still asks for workload identity',
      file: 'app.yaml',
      text: `${serviceAccount()}---\n${deployment('        azure.workload.identity/use: true\n')}`,
      fixed: `${serviceAccount(PLACEHOLDER)}---\n${deployment('        azure.workload.identity/use: true\n')}`,
    },
    {
      name: 'a ServiceAccount declared nowhere, in strict mode, as information',
      file: 'app.yaml',
      text: deployment(),
      strict: true,
      message: /^cannot verify that Deployment `orders` gets a client id for workload identity: ServiceAccount `orders` is not declared in this file or the workspace$/,
    },
    {
      name: 'envFrom that may set the client id, in strict mode, as information',
      file: 'cronjob.yaml',
      text: `${serviceAccount()}---\n${cronJob(undefined, undefined, '              envFrom:\n                - configMapRef:\n                    name: orders-export\n')}`,
      strict: true,
      message: /^cannot verify that CronJob `orders-export` gets a client id for workload identity: `envFrom` may set `AZURE_CLIENT_ID`$/,
    },
  ],
  clean: [
    { name: 'a ServiceAccount with the client id in the same file', file: 'app.yaml', text: `${serviceAccount(CLIENT_ID)}---\n${deployment()}` },
    { name: 'a ServiceAccount with the client id in another file', file: 'app.yaml', text: deployment(), workspace: [{ file: 'sa.yaml', text: serviceAccount(CLIENT_ID) }] },
    {
      name: 'a container that sets AZURE_CLIENT_ID itself',
      file: 'cronjob.yaml',
      text: `${serviceAccount()}---\n${cronJob(undefined, undefined, '              env:\n                - name: AZURE_CLIENT_ID\n                  value: 6a1c2f5e-3b4d-4e8f-9a0b-1c2d3e4f5a6b\n')}`,
    },
    { name: 'pods without the label', file: 'app.yaml', text: `${serviceAccount()}---\n${deployment('')}` },
    { name: 'the label set to "false"', file: 'app.yaml', text: `${serviceAccount()}---\n${deployment('        azure.workload.identity/use: "false"\n')}` },
    { name: 'a ServiceAccount declared nowhere, outside strict mode', file: 'app.yaml', text: deployment() },
    { name: 'envFrom outside strict mode', file: 'cronjob.yaml', text: `${serviceAccount()}---\n${cronJob(undefined, undefined, '              envFrom:\n                - configMapRef:\n                    name: orders-export\n')}` },
  ],
});
