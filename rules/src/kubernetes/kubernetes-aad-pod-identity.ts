import type { Rule } from 'ztlint/lint/ruleApi';
import { describeObject, podLabel } from './workloads';

/** The label aad-pod-identity's NMI matches pods to an `AzureIdentityBinding` by. */
const BINDING_LABEL = 'aadpodidbinding';
const API_GROUP = 'aadpodidentity.k8s.io';
const KINDS = new Set(['AzureIdentity', 'AzureIdentityBinding', 'AzurePodIdentityException']);

const MIGRATE = 'aad-pod-identity is deprecated and a pod on the host network can bypass it to get tokens for every identity of its node; migrate to workload identity';

export const kubernetesAadPodIdentity: Rule = {
  id: 'kubernetes-aad-pod-identity',
  title: 'Manifest uses the deprecated aad-pod-identity',
  severity: 'warning',
  area: 'kubernetes',
  principle: 'assume-breach',
  targets: ['kubernetes'],
  fixable: false,
  check(context) {
    for (const object of context.kubernetesObjects) {
      if (KINDS.has(object.kind) && object.apiVersion.startsWith(`${API_GROUP}/`)) {
        context.report({ message: `${describeObject(object)} configures aad-pod-identity: ${MIGRATE}`, at: object });
        continue;
      }
      if (!object.podTemplate) continue;
      const label = podLabel(object.podTemplate, BINDING_LABEL);
      if (label.state === 'absent') continue;
      context.report({ message: `${describeObject(object)} binds its pods to an identity with the \`${BINDING_LABEL}\` label: ${MIGRATE}`, at: label });
    }
  },
};
