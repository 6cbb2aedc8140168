import type { Rule } from 'ztlint/lint/ruleApi';
import { AKS_CLUSTER } from './aks';
import { booleanSetting, declaredResources, settingsFix } from './settings';

export const identityAksPodIdentity: Rule = {
  id: 'identity-aks-pod-identity',
  title: 'AKS cluster uses the deprecated pod-managed identity',
  severity: 'warning',
  area: 'identity',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const cluster of declaredResources(context, AKS_CLUSTER)) {
      const podIdentity = booleanSetting(context, cluster, 'properties.podIdentityProfile.enabled', false, true);
      if (podIdentity.state === 'unknown') context.cannotVerify(podIdentity.lookup, `whether AKS cluster ${context.label(cluster)} uses pod-managed identity`);
      if (podIdentity.state !== 'opposite') continue;
      context.report({
        message: `AKS cluster ${context.label(cluster)} uses pod-managed identity, which is deprecated and which a pod on the host network can bypass to get tokens for every identity of its node: \`podIdentityProfile.enabled\` is true`,
        at: podIdentity.lookup,
        // Pods still binding identities through it lose their tokens: migrate them to workload identity first.
        fix: settingsFix('Set podIdentityProfile.enabled to false', false, [podIdentity]),
      });
    }
  },
};
