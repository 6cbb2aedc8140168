import type { Rule } from 'ztlint/lint/ruleApi';
import { RBAC_BY_DEFAULT_SINCE, declaredVaults } from './vaults';

export const keyvaultRbacDisabled: Rule = {
  id: 'keyvault-rbac-disabled',
  title: 'Key Vault uses access policies instead of Azure RBAC',
  severity: 'warning',
  area: 'keyvault',
  principle: 'least-privilege',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const vault of declaredVaults(context)) {
      const rbac = context.get(vault, 'properties.enableRbacAuthorization');
      const fixTitle = 'Set enableRbacAuthorization to true';
      if (rbac.state === 'unknown') {
        context.cannotVerify(rbac, `whether Key Vault ${context.label(vault)} uses Azure RBAC`);
      } else if (rbac.state === 'absent') {
        if (context.apiVersionAtLeast(vault, RBAC_BY_DEFAULT_SINCE)) continue;
        context.report({
          message: `Key Vault ${context.label(vault)} uses access policies: \`enableRbacAuthorization\` is not set, and before API version ${RBAC_BY_DEFAULT_SINCE} it defaults to false`,
          at: vault,
          fix: { title: fixTitle, safe: true, intents: [{ kind: 'add-property', container: rbac.container, path: rbac.missing, value: true }] },
        });
      } else if (rbac.value.kind === 'boolean' && !rbac.value.value) {
        context.report({
          message: `Key Vault ${context.label(vault)} uses access policies: \`enableRbacAuthorization\` is false`,
          at: rbac,
          fix: { title: fixTitle, safe: true, intents: [{ kind: 'replace-value', value: rbac.value, with: true }] },
        });
      }
    }
  },
};
