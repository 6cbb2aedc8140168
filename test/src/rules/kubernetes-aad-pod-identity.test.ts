import { ruleCases } from '../support/ruleTester';
import { ordersDeployment } from '../support/workloads';

const AZURE_IDENTITY = `apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentity
metadata:
  name: orders-identity
spec:
  type: 0
  resourceID: /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-orders/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-orders
  clientID: 6a1c2f5e-3b4d-4e8f-9a0b-1c2d3e4f5a6b
`;

const BINDING = `apiVersion: aadpodidentity.k8s.io/v1
kind: AzureIdentityBinding
metadata:
  name: orders-binding
spec:
  azureIdentity: orders-identity
  selector: orders
`;

const deployment = (metadata: string, podLabels: string) => ordersDeployment({ metadata, podLabels });

ruleCases('kubernetes-aad-pod-identity', {
  flagged: [
    {
      name: 'an AzureIdentity and its binding',
      file: 'identity.yaml',
      text: `${AZURE_IDENTITY}---\n${BINDING}`,
      count: 2,
      message: /^Azure(Identity|IdentityBinding) `orders-(identity|binding)` configures aad-pod-identity: aad-pod-identity is deprecated and a pod on the host network can bypass it to get tokens for every identity of its node; migrate to workload identity$/,
    },
    {
      name: 'pods selected by a binding label',
      file: 'app.yaml',
      text: deployment('', '        aadpodidbinding: orders\n'),
      message: /^Deployment `orders` binds its pods to an identity with the `aadpodidbinding` label: /,
    },
    {
      name: 'an exception for a CronJob, and the CronJob itself',
      file: 'cronjob.yaml',
      text: 'apiVersion: aadpodidentity.k8s.io/v1\nkind: AzurePodIdentityException\nmetadata:\n  name: export-exception\nspec:\n  podLabels:\n    app: export\n---\napiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: export\nspec:\n  schedule: "@hourly"\n  jobTemplate:\n    spec:\n      template:\n        metadata:\n          labels:\n            aadpodidbinding: export\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: export\n              image: busybox\n',
      count: 2,
    },
  ],
  clean: [
    { name: 'a workload identity Deployment', file: 'app.yaml', text: deployment('', '        azure.workload.identity/use: "true"\n') },
    { name: 'the label on the Deployment itself, which no pod carries', file: 'app.yaml', text: deployment('  labels:\n    aadpodidbinding: orders\n', '') },
    { name: 'a custom resource of the same kind in another API group', file: 'crd.yaml', text: AZURE_IDENTITY.replace('aadpodidentity.k8s.io/v1', 'identity.contoso.com/v1') },
  ],
});
