import type { RuleContext } from 'ztlint/lint/ruleApi';
import type { Resource, Template } from 'ztlint/model/template';
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

/** The role assignments of each lint: two rules ask for them, and a scan's workspace holds hundreds. */
const assignmentsOfLint = new WeakMap<readonly Template[], Assignments>();

export function roleAssignments(context: RuleContext): Assignments {
  let assignments = assignmentsOfLint.get(context.templates);
  if (!assignments) assignmentsOfLint.set(context.templates, (assignments = findRoleAssignments(context)));
  return assignments;
}

function findRoleAssignments(context: RuleContext): Assignments {
  const all: Assignment[] = [];
  const byVaultName = new Map<string, Assignment[]>();
  const unnamed: Assignment[] = [];
  for (const extension of extensions(context, ROLE_ASSIGNMENT_TYPE, true)) {
    const { assignment, vaultName } = extension.file === undefined ? placed(context, extension) : workspaceAssignment(context, extension);
    all.push(assignment);
    if (assignment.target.kind === 'other') continue;
    if (vaultName === undefined) {
      unnamed.push(assignment);
      continue;
    }
    const named = byVaultName.get(vaultName);
    if (named) named.push(assignment);
    else byVaultName.set(vaultName, [assignment]);
  }
  return { all, byVaultName, unnamed };
}

/** A role assignment with what it applies to and, when it is a vault whose name is known, that name lower-cased. */
interface PlacedAssignment {
  readonly assignment: Assignment;
  readonly vaultName?: string;
}

function placed(context: RuleContext, extension: Extension): PlacedAssignment {
  const target = targetOf(context, extension.resource);
  return { assignment: { ...extension, target }, vaultName: vaultName(context, target) };
}

/**
 * Another file's role assignments, placed once: another file is evaluated with its own defaults whichever file
 * is being linted, and a scan asks again for every file with a vault.
 */
const workspaceAssignments = new WeakMap<Resource, PlacedAssignment>();

function workspaceAssignment(context: RuleContext, extension: Extension): PlacedAssignment {
  let found = workspaceAssignments.get(extension.resource);
  if (!found) workspaceAssignments.set(extension.resource, (found = placed(context, extension)));
  return found;
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
