import type { Rule } from 'ztlint/lint/ruleApi';
import { declaredVaults } from './vaults';

export const keyvaultSoftDeleteDisabled: Rule = {
  id: 'keyvault-soft-delete-disabled',
  title: 'Key Vault soft delete is disabled',
  severity: 'warning',
  area: 'keyvault',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const vault of declaredVaults(context)) {
      // Not set means enabled: soft delete is the default, and Azure no longer lets new vaults turn it off.
      const softDelete = context.get(vault, 'properties.enableSoftDelete');
      if (softDelete.state === 'unknown') {
        context.cannotVerify(softDelete, `whether Key Vault ${context.label(vault)} has soft delete`);
      } else if (softDelete.state === 'known' && softDelete.value.kind === 'boolean' && !softDelete.value.value) {
        context.report({
          message: `Key Vault ${context.label(vault)} has soft delete turned off: \`enableSoftDelete\` is false, so a deleted secret, key or certificate is gone at once; set it to true`,
          at: softDelete,
          fix: { title: 'Set enableSoftDelete to true', safe: true, intents: [{ kind: 'replace-value', value: softDelete.value, with: true }] },
        });
      }
    }
  },
};
