import type { Rule } from 'ztlint/lint/ruleApi';
import { AKS_CLUSTER } from './aks';
import { declaredResources } from './settings';

const RUNS_CODE = 'so whatever it runs needs keys or secrets to call Azure';

/**
 * Compute that runs code, and whether adding a system-assigned identity is safe: it is for apps and VMs (an
 * identity nothing uses yet changes nothing), not for AKS, where it migrates the control plane off a service
 * principal that may hold the permissions the cluster needs.
 */
const COMPUTE: readonly { readonly type: string; readonly what: string; readonly safe: boolean; readonly consequence: string }[] = [
  { type: 'Microsoft.Web/sites', what: 'App', safe: true, consequence: RUNS_CODE },
  { type: 'Microsoft.Web/sites/slots', what: 'App slot', safe: true, consequence: RUNS_CODE },
  { type: 'Microsoft.App/containerApps', what: 'Container app', safe: true, consequence: RUNS_CODE },
  { type: 'Microsoft.App/jobs', what: 'Container Apps job', safe: true, consequence: RUNS_CODE },
  { type: 'Microsoft.Compute/virtualMachines', what: 'Virtual machine', safe: true, consequence: RUNS_CODE },
  { type: 'Microsoft.Compute/virtualMachineScaleSets', what: 'Scale set', safe: true, consequence: RUNS_CODE },
  { type: AKS_CLUSTER, what: 'AKS cluster', safe: false, consequence: 'so it manages its Azure resources with a service principal and its secret' },
];

const MANAGED = /\b(SystemAssigned|UserAssigned)\b/i;

export const identityManagedIdentityMissing: Rule = {
  id: 'identity-managed-identity-missing',
  title: 'Compute resource has no managed identity',
  severity: 'warning',
  area: 'identity',
  principle: 'verify-explicitly',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const { type, what, safe, consequence } of COMPUTE) {
      for (const resource of declaredResources(context, type)) {
        const subject = `${what} ${context.label(resource)} has no managed identity, ${consequence}`;
        const identity = context.get(resource, 'identity');
        const identityType = context.get(resource, 'identity.type');
        if (identity.state === 'known' && identity.value.kind === 'null') {
          context.report({ message: `${subject}: \`identity\` is null`, at: identity });
        } else if (identityType.state === 'unknown') {
          context.cannotVerify(identityType, `whether ${what} ${context.label(resource)} has a managed identity`);
        } else if (identityType.state === 'absent') {
          context.report({
            message: `${subject}: \`${identity.state === 'absent' ? 'identity' : 'identity.type'}\` is not set`,
            at: identity.state === 'absent' ? resource : identity,
            fix: { title: 'Add a system-assigned identity', safe, intents: [{ kind: 'add-property', container: identityType.container, path: identityType.missing, value: 'SystemAssigned' }] },
          });
        } else if (identityType.value.kind === 'string' && !MANAGED.test(identityType.value.value)) {
          context.report({
            message: `${subject}: \`identity.type\` is '${identityType.value.value}'`,
            at: identityType,
            fix: { title: 'Add a system-assigned identity', safe, intents: [{ kind: 'replace-value', value: identityType.value, with: 'SystemAssigned' }] },
          });
        }
      }
    }
  },
};
