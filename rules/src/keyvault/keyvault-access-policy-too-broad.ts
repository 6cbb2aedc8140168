import type { Fix, Related, Rule, RuleContext } from 'ztlint/lint/ruleApi';
import { lookup, type Lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import type { ArrayValue } from 'ztlint/model/value';
import { VAULT_TYPE, authorization, declaredVaults } from './vaults';

const ACCESS_POLICIES_TYPE = `${VAULT_TYPE}/accessPolicies`;
/** permission list → what its entries are permissions on, for messages */
const PERMISSION_LISTS: Record<string, string> = { keys: 'key', secrets: 'secret', certificates: 'certificate', storage: 'storage account' };
const BROAD = new Set(['all', 'purge']);
/** what `all` becomes: reading, the most an application usually needs */
const READ = ['get', 'list'];

export const keyvaultAccessPolicyTooBroad: Rule = {
  id: 'keyvault-access-policy-too-broad',
  title: 'Key Vault access policy grants all permissions or purge',
  severity: 'warning',
  area: 'keyvault',
  principle: 'least-privilege',
  targets: ['template'],
  fixable: true,
  check(context) {
    // A vault on Azure RBAC ignores its access policies.
    for (const vault of declaredVaults(context)) {
      if (authorization(context, vault) !== 'rbac') checkPolicies(context, context.get(vault, 'properties.accessPolicies'), `Key Vault ${context.label(vault)}`);
    }
    for (const policies of context.resources(ACCESS_POLICIES_TYPE)) {
      if (policies.existing || operationOf(context, policies) === 'remove') continue;
      const vault = vaultOf(context, policies);
      const authorizedBy = vault && authorization(context, vault);
      if (authorizedBy === 'rbac') continue;
      const where = vault ? `Key Vault ${context.label(vault)}` : `access policies ${context.label(policies)}`;
      // An `existing` vault's settings are not in this file: say what showed that it uses its access policies.
      const why: Related[] = vault?.existing && authorizedBy === 'access-policies' ? [{ message: `${where} uses access policies`, at: context.get(vault, 'properties.enableRbacAuthorization') }] : [];
      checkPolicies(context, context.get(policies, 'properties.accessPolicies'), where, why);
    }
  },
};

function checkPolicies(context: RuleContext, policies: Lookup, where: string, related: readonly Related[] = []): void {
  if (policies.state !== 'known' || policies.value.kind !== 'array') return;
  for (const policy of policies.value.items) {
    for (const [list, noun] of Object.entries(PERMISSION_LISTS)) {
      const permissions = lookup(policy, ['permissions', list]);
      if (permissions.state !== 'known' || permissions.value.kind !== 'array') continue;
      const broad = new Set(permissions.value.items.flatMap((p) => (p.kind === 'string' && BROAD.has(p.value.toLowerCase()) ? [p.value.toLowerCase()] : [])));
      if (broad.size === 0) continue;
      const granted = [...broad].map((p) => `\`${p}\``).join(' and ');
      const advice = broad.has('all')
        ? 'grant only the operations the principal needs, such as `get` and `list`'
        : 'purging deletes irrecoverably, so leave it to a break-glass administrator';
      const fix = narrow(permissions.value);
      context.report({
        message: `An access policy of ${where} grants ${granted} ${noun} permissions: ${advice}`,
        at: permissions,
        ...(related.length > 0 ? { related } : {}),
        ...(fix ? { fix } : {}),
      });
    }
  }
}

/** The list with `all` replaced by the read permissions and `purge` removed, when every entry is known. */
function narrow(permissions: ArrayValue): Fix | undefined {
  if (permissions.incomplete) return undefined;
  const narrowed: string[] = [];
  for (const item of permissions.items) {
    if (item.kind !== 'string') return undefined;
    const permission = item.value.toLowerCase();
    if (permission === 'all') narrowed.push(...READ);
    else if (permission !== 'purge') narrowed.push(item.value);
  }
  const unique = narrowed.filter((p, i) => narrowed.findIndex((q) => q.toLowerCase() === p.toLowerCase()) === i);
  const had = new Set(permissions.items.map((p) => (p.kind === 'string' ? p.value.toLowerCase() : '')));
  const steps = [...(had.has('all') ? ['replace `all` with `get` and `list`'] : []), ...(had.has('purge') ? ['remove `purge`'] : [])];
  const title = steps.join(', ');
  return { title: title[0].toUpperCase() + title.slice(1), safe: false, intents: [{ kind: 'replace-value', value: permissions, with: unique }] };
}

/** `add`, `replace` or `remove`: the last segment of the resource's name. */
function operationOf(context: RuleContext, policies: Resource): string | undefined {
  const name = context.evaluate(policies.fullName, policies.template);
  return name.kind === 'string' ? name.value.slice(name.value.lastIndexOf('/') + 1).toLowerCase() : undefined;
}

function vaultOf(context: RuleContext, policies: Resource): Resource | undefined {
  if (policies.parent) return policies.parent;
  const name = context.evaluate(policies.fullName, policies.template);
  if (name.kind !== 'string') return undefined;
  const vaultName = name.value.split('/')[0].toLowerCase();
  return context.resources(VAULT_TYPE).find((vault) => {
    const candidate = context.evaluate(vault.fullName, vault.template);
    return candidate.kind === 'string' && candidate.value.toLowerCase() === vaultName;
  });
}
