import type { RuleContext } from 'ztlint/lint/ruleApi';
import { lookup, type Lookup } from 'ztlint/model/lookup';
import type { Value } from 'ztlint/model/value';
import { ROLES } from './roles';

const ROLE_DEFINITION_TYPE = 'Microsoft.Authorization/roleDefinitions';

/** What a workload does with a vault: read a secret (a certificate's private key is one too) or use a key. */
const USE_ACTIONS = [
  'Microsoft.KeyVault/vaults/secrets/getSecret/action',
  'Microsoft.KeyVault/vaults/keys/unwrap/action',
  'Microsoft.KeyVault/vaults/keys/decrypt/action',
  'Microsoft.KeyVault/vaults/keys/sign/action',
];

interface Permissions {
  readonly dataActions: readonly string[];
  readonly notDataActions: readonly string[];
}

const grants = (...dataActions: string[]): Permissions => ({ dataActions, notDataActions: [] });

/** The data actions of the built-in roles a vault is commonly granted with; other roles are read from their definitions. */
const BUILT_IN: ReadonlyMap<string, Permissions> = new Map([
  [ROLES.owner.id, grants()],
  [ROLES.contributor.id, grants()],
  ['acdd72a7-3385-48ef-bd42-f606fba81ae7', grants()], // Reader
  ['18d7d88d-d35e-4fb5-a5c3-7773c20a72d9', grants()], // User Access Administrator
  [ROLES.keyVaultAdministrator.id, grants('Microsoft.KeyVault/vaults/*')],
  ['b86a8fe4-44ce-4948-aee5-eccb2c155cd7', grants('Microsoft.KeyVault/vaults/secrets/*')], // Key Vault Secrets Officer
  [ROLES.keyVaultSecretsUser.id, grants('Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action')],
  ['db79e9a7-68ee-4b58-9aeb-b90e7c24fcba', grants('Microsoft.KeyVault/vaults/certificates/read', 'Microsoft.KeyVault/vaults/secrets/getSecret/action', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action', 'Microsoft.KeyVault/vaults/keys/read')], // Key Vault Certificate User
  ['14b46e9e-c2b7-41b4-b07b-48a6ebf60603', grants('Microsoft.KeyVault/vaults/keys/*', 'Microsoft.KeyVault/vaults/keyrotationpolicies/*')], // Key Vault Crypto Officer
  ['12338af0-0e69-4776-bea7-57ae8d297424', grants('Microsoft.KeyVault/vaults/keys/read', 'Microsoft.KeyVault/vaults/keys/encrypt/action', 'Microsoft.KeyVault/vaults/keys/decrypt/action', 'Microsoft.KeyVault/vaults/keys/wrap/action', 'Microsoft.KeyVault/vaults/keys/unwrap/action', 'Microsoft.KeyVault/vaults/keys/sign/action', 'Microsoft.KeyVault/vaults/keys/verify/action')], // Key Vault Crypto User
  ['e147488a-f6f5-4113-8e2d-b22465e65bf6', grants('Microsoft.KeyVault/vaults/keys/read', 'Microsoft.KeyVault/vaults/keys/wrap/action', 'Microsoft.KeyVault/vaults/keys/unwrap/action')], // Key Vault Crypto Service Encryption User
  ['21090545-7ca7-4776-b22c-e363652d74d2', grants('Microsoft.KeyVault/vaults/*/read', 'Microsoft.KeyVault/vaults/secrets/readMetadata/action')], // Key Vault Reader
]);

/**
 * Whether a role lets its holder read the vault's secrets or use its keys: from a role definition declared in the
 * model (a custom role in a template, or any role of a deployed subscription), else from the built-in roles
 * known here. `unknown` for a role defined elsewhere.
 */
export function roleUsesVault(context: RuleContext, roleId: string): 'yes' | 'no' | 'unknown' {
  const permissions = declaredPermissions(context, roleId) ?? BUILT_IN.get(roleId);
  if (permissions === 'unknown' || permissions === undefined) return 'unknown';
  const allowed = USE_ACTIONS.some((action) => permissions.dataActions.some((p) => matches(p, action)) && !permissions.notDataActions.some((p) => matches(p, action)));
  return allowed ? 'yes' : 'no';
}

function declaredPermissions(context: RuleContext, roleId: string): Permissions | 'unknown' | undefined {
  for (const definition of context.resources(ROLE_DEFINITION_TYPE)) {
    const name = context.evaluate(definition.fullName, definition.template);
    if (name.kind !== 'string' || name.value.toLowerCase() !== roleId) continue;
    const permissions = context.get(definition, 'properties.permissions');
    if (permissions.state !== 'known' || permissions.value.kind !== 'array' || permissions.value.incomplete) return 'unknown';
    const dataActions: string[] = [];
    const notDataActions: string[] = [];
    for (const entry of permissions.value.items) {
      const allowed = strings(lookup(entry, 'dataActions'));
      const denied = strings(lookup(entry, 'notDataActions'));
      if (allowed === undefined || denied === undefined) return 'unknown';
      dataActions.push(...allowed);
      notDataActions.push(...denied);
    }
    return { dataActions, notDataActions };
  }
  return undefined;
}

/** The strings of an array-valued lookup; `[]` when absent, `undefined` when any is unknown. */
function strings(found: Lookup): string[] | undefined {
  if (found.state === 'absent') return [];
  if (found.state !== 'known' || found.value.kind !== 'array' || found.value.incomplete) return undefined;
  const items: readonly Value[] = found.value.items;
  return items.every((item) => item.kind === 'string') ? items.map((item) => (item.kind === 'string' ? item.value : '')) : undefined;
}

/**
 * Azure's action patterns: `*` stands for any characters, and case does not matter. Matched by hand, not as a
 * regular expression: a pattern is the template's to choose, and `.*` after `.*` backtracks in polynomial time.
 */
function matches(pattern: string, action: string): boolean {
  const p = pattern.toLowerCase();
  const s = action.toLowerCase();
  let pi = 0;
  let si = 0;
  // The last `*` seen and where in the action it started matching: on a mismatch it takes one character more.
  let star = -1;
  let starAt = 0;
  while (si < s.length) {
    if (pi < p.length && p[pi] === '*') {
      star = pi++;
      starAt = si;
    } else if (pi < p.length && p[pi] === s[si]) {
      pi++;
      si++;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++starAt;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}
