import type { Rule } from 'ztlint/lint/ruleApi';
import { AKS_CLUSTER } from './aks';
import { booleanSetting, declaredResources, describeSetting, isWrong, settingsFix, settingsPlace } from './settings';

/** Workload identity needs both: the cluster issues OIDC tokens and runs the webhook that projects them into pods. */
const SETTINGS = ['properties.oidcIssuerProfile.enabled', 'properties.securityProfile.workloadIdentity.enabled'];

export const identityAksWorkloadIdentity: Rule = {
  id: 'identity-aks-workload-identity',
  title: 'AKS cluster does not enable workload identity',
  severity: 'warning',
  area: 'identity',
  principle: 'verify-explicitly',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const cluster of declaredResources(context, AKS_CLUSTER)) {
      const settings = SETTINGS.map((path) => booleanSetting(context, cluster, path, true));
      for (const setting of settings) {
        if (setting.state === 'unknown') context.cannotVerify(setting.lookup, `whether AKS cluster ${context.label(cluster)} enables workload identity`);
      }
      const wrong = settings.filter(isWrong);
      if (wrong.length === 0) continue;
      context.report({
        message: `AKS cluster ${context.label(cluster)} does not enable workload identity, so its pods need secrets to reach Azure: ${wrong.map(describeSetting).join(' and ')}`,
        at: settingsPlace(cluster, wrong),
        // The OIDC issuer cannot be turned off again once on, so a person decides.
        fix: settingsFix('Enable the OIDC issuer and workload identity', false, wrong),
      });
    }
  },
};
