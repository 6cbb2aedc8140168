import type { Rule } from 'ztlint/lint/ruleApi';
import { kubernetesAadPodIdentity } from './kubernetes-aad-pod-identity';
import { kubernetesAzureCredentialsInEnv } from './kubernetes-azure-credentials-in-env';
import { kubernetesWorkloadIdentityAnnotationMissing } from './kubernetes-workload-identity-annotation-missing';
import { kubernetesWorkloadIdentityLabelMissing } from './kubernetes-workload-identity-label-missing';

export const kubernetesRules: readonly Rule[] = [
  kubernetesWorkloadIdentityLabelMissing,
  kubernetesWorkloadIdentityAnnotationMissing,
  kubernetesAzureCredentialsInEnv,
  kubernetesAadPodIdentity,
];
