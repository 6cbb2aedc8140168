import type { Rule } from 'ztlint/lint/ruleApi';
import { declaredVaults } from './vaults';

export const keyvaultPurgeProtectionDisabled: Rule = {
  id: 'keyvault-purge-protection-disabled',
  title: 'Key Vault purge protection is not enabled',
  severity: 'warning',
  area: 'keyvault',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const vault of declaredVaults(context)) {
      const purgeProtection = context.get(vault, 'properties.enablePurgeProtection');
      const label = context.label(vault);
      // Enabling purge protection cannot be undone, and the vault's name stays taken for the retention period.
      const fixTitle = 'Set enablePurgeProtection to true';
      if (purgeProtection.state === 'unknown') {
        context.cannotVerify(purgeProtection, `whether Key Vault ${label} has purge protection`);
      } else if (purgeProtection.state === 'absent') {
        context.report({
          message: `Key Vault ${label} can be purged: \`enablePurgeProtection\` is not set; enable it so that deleted secrets, keys and certificates cannot be destroyed before their retention period ends`,
          at: vault,
          fix: { title: fixTitle, safe: false, intents: [{ kind: 'add-property', container: purgeProtection.container, path: purgeProtection.missing, value: true }] },
        });
      } else if (purgeProtection.value.kind === 'null' || (purgeProtection.value.kind === 'boolean' && !purgeProtection.value.value)) {
        context.report({
          message: `Key Vault ${label} can be purged: \`enablePurgeProtection\` is ${purgeProtection.value.kind === 'null' ? 'null' : 'false'}; enable it so that deleted secrets, keys and certificates cannot be destroyed before their retention period ends`,
          at: purgeProtection,
          fix: { title: fixTitle, safe: false, intents: [{ kind: 'replace-value', value: purgeProtection.value, with: true }] },
        });
      }
    }
  },
};
