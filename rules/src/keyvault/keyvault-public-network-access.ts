import type { FixIntent } from 'ztlint/fix/intent';
import type { Rule } from 'ztlint/lint/ruleApi';
import type { Lookup } from 'ztlint/model/lookup';
import { declaredVaults } from './vaults';

/** `publicNetworkAccess` exists from API version 2021-06-01-preview on; earlier versions ignore it. */
const PUBLIC_NETWORK_ACCESS_SINCE = '2021-06-01';
/** the first API version with a firewall (`networkAcls`) */
const NETWORK_ACLS_SINCE = '2018-02-14';
/** Trusted Azure services (backup, disk encryption, template deployment) keep working behind the firewall. */
const CLOSED_ACLS = { bypass: 'AzureServices', defaultAction: 'Deny' };

const is = (lookup: Lookup | undefined, text: string) => lookup?.state === 'known' && lookup.value.kind === 'string' && lookup.value.value.toLowerCase() === text.toLowerCase();

export const keyvaultPublicNetworkAccess: Rule = {
  id: 'keyvault-public-network-access',
  title: 'Key Vault accepts connections from any network',
  severity: 'warning',
  area: 'keyvault',
  principle: 'assume-breach',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const vault of declaredVaults(context)) {
      const label = context.label(vault);
      const what = `whether Key Vault ${label} accepts connections from any network`;
      const publicAccess = context.apiVersionAtLeast(vault, PUBLIC_NETWORK_ACCESS_SINCE) ? context.get(vault, 'properties.publicNetworkAccess') : undefined;
      if (is(publicAccess, 'Disabled')) continue;
      const acls = context.get(vault, 'properties.networkAcls');
      const noAcls = acls.state === 'absent' || (acls.state === 'known' && acls.value.kind === 'null');
      const action = noAcls ? undefined : context.get(vault, 'properties.networkAcls.defaultAction');
      if (is(action, 'Deny')) continue;
      const unknown = [action, publicAccess].find((lookup) => lookup?.state === 'unknown');
      if (unknown) {
        context.cannotVerify(unknown, what);
        continue;
      }

      const actionText = action?.state === 'known' ? `\`networkAcls.defaultAction\` is ${describe(action)}` : '`networkAcls.defaultAction` is not set, so it is Allow';
      const publicText = publicAccess?.state === 'known' ? ` and \`publicNetworkAccess\` is ${describe(publicAccess)}` : '';
      const intent = context.apiVersionAtLeast(vault, NETWORK_ACLS_SINCE) ? denyByDefault(acls, action) : undefined;
      context.report({
        message: `Key Vault ${label} accepts connections from any network: ${actionText}${publicText}; deny by default, then allow the networks that need it or use a private endpoint`,
        at: action?.state === 'known' ? action : publicAccess?.state === 'known' ? publicAccess : vault,
        // Clients outside the allowed networks lose access, so a person has to look.
        ...(intent ? { fix: { title: 'Set networkAcls.defaultAction to Deny', safe: false, intents: [intent] } } : {}),
      });
    }
  },
};

function denyByDefault(acls: Lookup, action: Lookup | undefined): FixIntent | undefined {
  if (acls.state === 'absent') return { kind: 'add-property', container: acls.container, path: acls.missing, value: CLOSED_ACLS };
  if (acls.state === 'known' && acls.value.kind === 'null') return { kind: 'replace-value', value: acls.value, with: CLOSED_ACLS };
  if (action?.state === 'absent') return { kind: 'add-property', container: action.container, path: action.missing, value: 'Deny' };
  return action?.state === 'known' ? { kind: 'replace-value', value: action.value, with: 'Deny' } : undefined;
}

function describe(lookup: Extract<Lookup, { state: 'known' }>): string {
  return lookup.value.kind === 'string' ? `'${lookup.value.value}'` : lookup.value.kind;
}
