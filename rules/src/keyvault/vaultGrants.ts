import { otherFiles, type FactContext, type RuleContext, type WorkspaceFacts } from 'ztlint/lint/ruleApi';
import type { Resource, Template } from 'ztlint/model/template';
import type { Range } from 'ztlint/text/range';
import { roleUsesVault } from './dataActions';
import { principalOf, type Principal } from './managedIdentities';
import { KEY_VAULT_DATA_ROLES, ROLE_ASSIGNMENT_TYPE, roleOf } from './roles';
import { containerHolds, declaredExtensions, extensions, mayApplyTo, targetFact, targetOf, targetVaultName, type Target, type TargetFact } from './scope';

/** A role assignment of another file that may reach a vault, as the rules of a vault need it. */
export type AssignmentFact = {
  readonly at: Range;
  readonly target: TargetFact;
  /** the role definition's id, lower-cased, when it is known */
  readonly role: string | null;
  readonly principal: Principal;
};

/** A role assignment of this file or another, with what it applies to. */
export interface Assignment {
  readonly target: Target | TargetFact;
  /** where a related location points: the resource in this file, or its range in `file` */
  readonly at: Resource | Range;
  readonly file?: string;
  readonly role: string | null;
  readonly principal: Principal;
}

function roleIdOf(context: FactContext, assignment: Resource): string | null {
  const role = roleOf(context, assignment);
  return role.state === 'known' ? role.id : null;
}

export const roleAssignmentFacts: WorkspaceFacts<AssignmentFact> = {
  name: 'keyvault/role-assignments',
  collect: (context) =>
    declaredExtensions(context, ROLE_ASSIGNMENT_TYPE).flatMap((resource) => {
      const target = targetFact(context, targetOf(context, resource));
      return target ? [{ at: context.rangeOf(resource), target, role: roleIdOf(context, resource), principal: principalOf(context, resource) }] : [];
    }),
};

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
  const here = extensions(context, ROLE_ASSIGNMENT_TYPE).map((resource): Assignment => ({ target: targetOf(context, resource), at: resource, role: roleIdOf(context, resource), principal: principalOf(context, resource) }));
  const elsewhere = otherFiles(context, roleAssignmentFacts).map(({ file, fact }): Assignment => ({ ...fact, file }));
  for (const assignment of [...here, ...elsewhere]) {
    all.push(assignment);
    if (assignment.target.kind === 'other') continue;
    const vaultName = targetVaultName(context, assignment.target)?.toLowerCase();
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

/**
 * The role assignments that may give access to the vault: made on it (or on something in it), made on a
 * resource group or subscription that holds it with a role that reaches vault data, or made on a scope that
 * cannot be known (which may be the vault).
 */
export function grantsOn(context: RuleContext, vault: Resource, assignments: Assignments): Assignment[] {
  const name = context.evaluate(vault.fullName, vault.template);
  const candidates = name.kind === 'string' ? [...(assignments.byVaultName.get(name.value.toLowerCase()) ?? []), ...assignments.unnamed] : assignments.all;
  return candidates.filter(({ target, role }) => {
    if (target.kind === 'unknown') return true;
    if (target.kind === 'container') {
      if (!containerHolds(context, target, vault)) return false;
      return role === null || KEY_VAULT_DATA_ROLES.has(role) || roleUsesVault(context, role) === 'yes';
    }
    return mayApplyTo(context, target, vault);
  });
}
