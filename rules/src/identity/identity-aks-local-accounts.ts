import type { Rule } from 'ztlint/lint/ruleApi';
import { AKS_CLUSTER } from './aks';
import { booleanSetting, declaredResources, describeSetting, isWrong, settingsFix, settingsPlace } from './settings';

export const identityAksLocalAccounts: Rule = {
  id: 'identity-aks-local-accounts',
  title: 'AKS cluster allows local accounts or lacks Entra ID with Azure RBAC',
  severity: 'error',
  area: 'identity',
  principle: 'verify-explicitly',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const cluster of declaredResources(context, AKS_CLUSTER)) {
      const label = context.label(cluster);
      const localAccounts = booleanSetting(context, cluster, 'properties.disableLocalAccounts', true);
      const entra = [booleanSetting(context, cluster, 'properties.aadProfile.managed', true), booleanSetting(context, cluster, 'properties.aadProfile.enableAzureRBAC', true)];
      for (const setting of [localAccounts, ...entra]) {
        if (setting.state === 'unknown') context.cannotVerify(setting.lookup, `how AKS cluster ${label} authenticates its users`);
      }
      // Both fixes lock out whoever uses the admin kubeconfig or Kubernetes role bindings alone: a person decides.
      if (isWrong(localAccounts)) {
        context.report({
          message: `AKS cluster ${label} keeps its local accounts, whose static cluster-admin credentials bypass Entra ID: ${describeSetting(localAccounts)}`,
          at: settingsPlace(cluster, [localAccounts]),
          fix: settingsFix('Set disableLocalAccounts to true', false, [localAccounts]),
        });
      }
      const wrongEntra = entra.filter(isWrong);
      if (wrongEntra.length > 0) {
        context.report({
          message: `AKS cluster ${label} does not authorize its users with Entra ID and Azure RBAC: ${wrongEntra.map(describeSetting).join(' and ')}`,
          at: settingsPlace(cluster, wrongEntra),
          fix: settingsFix('Enable managed Entra ID integration with Azure RBAC', false, wrongEntra),
        });
      }
    }
  },
};
