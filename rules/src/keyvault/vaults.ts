import { equalsIgnoringCase, type RuleContext } from 'ztlint/lint/ruleApi';
import type { Resource, Template } from 'ztlint/model/template';

export const VAULT_TYPE = 'Microsoft.KeyVault/vaults';

/** From this API version new vaults use Azure RBAC unless told otherwise. */
export const RBAC_BY_DEFAULT_SINCE = '2026-02-01';

/** The vaults this file configures: an `existing` vault is configured where it is declared. */
export function declaredVaults(context: RuleContext): Resource[] {
  return context.resources(VAULT_TYPE).filter((vault) => !vault.existing);
}

/** The vaults this file configures that use Azure RBAC: only a role assignment gives access to their data. */
export function rbacVaults(context: RuleContext): Resource[] {
  return declaredVaults(context).filter((vault) => authorization(context, vault) === 'rbac');
}

export function isVault(resource: Resource): boolean {
  return equalsIgnoringCase(resource.type, VAULT_TYPE);
}

/** How the vault authorizes data-plane access, as far as the template says. */
export function authorization(context: RuleContext, vault: Resource): 'rbac' | 'access-policies' | 'unknown' {
  const rbac = context.get(vault, 'properties.enableRbacAuthorization');
  if (rbac.state === 'unknown') return 'unknown';
  // An `existing` vault is configured where it is declared: a setting its body here lacks is not known to be the default.
  if (rbac.state === 'absent') return vault.existing ? 'unknown' : context.apiVersionAtLeast(vault, RBAC_BY_DEFAULT_SINCE) ? 'rbac' : 'access-policies';
  if (rbac.value.kind !== 'boolean') return 'unknown';
  return rbac.value.value ? 'rbac' : 'access-policies';
}

/** A symbolic name for a resource a fix adds beside the vault, not taken by a name the template declares. */
export function freeSymbol(vault: Resource, base: string): string {
  const taken = takenNames(vault.template);
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  return name;
}

/** The names a template declares, found once: a template with many vaults asks for each of them. */
const takenByTemplate = new WeakMap<Template, ReadonlySet<string>>();

function takenNames(template: Template): ReadonlySet<string> {
  let taken = takenByTemplate.get(template);
  if (!taken) {
    taken = new Set([
      ...template.parameters.map((p) => p.name),
      ...template.variables.map((v) => v.name),
      ...template.resources.flatMap((r) => (r.symbolicName ? [r.symbolicName] : [])),
      ...template.modules.map((m) => m.symbolicName),
    ]);
    takenByTemplate.set(template, taken);
  }
  return taken;
}
