import type { RuleContext } from 'ztlint/lint/ruleApi';
import type { Resource } from 'ztlint/model/template';
import { roleUsesVault } from './dataActions';
import { KEY_VAULT_DATA_ROLES, ROLE_ASSIGNMENT_TYPE, roleOf } from './roles';
import { containerHolds, extensions, mayApplyTo, targetOf, type Extension, type Target } from './scope';

export interface Assignment extends Extension {
  readonly target: Target;
}

/**
 * The role assignments of this file and the workspace, each with what it applies to, indexed by the name of the
 * vault they name: a subscription's worth of vaults and assignments is not matched pair by pair.
 */
export interface Assignments {
  readonly all: readonly Assignment[];
  /** by the lower-cased name of the vault they are made on, when it is known */
  readonly byVaultName: ReadonlyMap<string, readonly Assignment[]>;
  /** made on a resource group, a subscription, a scope that cannot be known, or a vault whose name cannot be */
  readonly unnamed: readonly Assignment[];
}

export function roleAssignments(context: RuleContext): Assignments {
  const all = extensions(context, ROLE_ASSIGNMENT_TYPE, true).map((extension) => ({ ...extension, target: targetOf(context, extension.resource) }));
  const byVaultName = new Map<string, Assignment[]>();
  const unnamed: Assignment[] = [];
  for (const assignment of all) {
    if (assignment.target.kind === 'other') continue;
    const name = vaultName(context, assignment.target);
    if (name === undefined) unnamed.push(assignment);
    else byVaultName.set(name, [...(byVaultName.get(name) ?? []), assignment]);
  }
  return { all, byVaultName, unnamed };
}

function vaultName(context: RuleContext, target: Target): string | undefined {
  const name = target.kind === 'vault' ? context.evaluate(target.vault.fullName, target.vault.template) : target.kind === 'vault-name' ? target.name : undefined;
  return name?.kind === 'string' ? name.value.toLowerCase() : undefined;
}

/**
 * The role assignments that may give access to the vault: made on it (or on something in it), made on a
 * resource group or subscription that holds it with a role that reaches vault data, or made on a scope that
 * cannot be known (which may be the vault).
 */
export function grantsOn(context: RuleContext, vault: Resource, assignments: Assignments): Assignment[] {
  const name = context.evaluate(vault.fullName, vault.template);
  const candidates = name.kind === 'string' ? [...(assignments.byVaultName.get(name.value.toLowerCase()) ?? []), ...assignments.unnamed] : assignments.all;
  return candidates.filter(({ resource, target }) => {
    if (target.kind === 'unknown') return true;
    if (target.kind === 'container') {
      if (!containerHolds(context, target, vault)) return false;
      const role = roleOf(context, resource);
      return role.state === 'unknown' || KEY_VAULT_DATA_ROLES.has(role.id) || roleUsesVault(context, role.id) === 'yes';
    }
    return mayApplyTo(context, target, vault);
  });
}
