import type { Related, Rule, RuleContext } from 'ztlint/lint/ruleApi';
import { roleUsesVault } from './dataActions';
import { grantsManagedIdentity, managedIdentityPrincipals } from './managedIdentities';
import { grantsOn, roleAssignmentFacts, roleAssignments, type Assignment } from './vaultGrants';
import { rbacVaults } from './vaults';

export const keyvaultNoManagedIdentityAccess: Rule = {
  id: 'keyvault-no-managed-identity-access',
  title: 'No managed identity can use a Key Vault on Azure RBAC',
  severity: 'warning',
  area: 'keyvault',
  principle: 'verify-explicitly',
  targets: ['template'],
  fixable: false,
  workspaceFacts: [roleAssignmentFacts],
  check(context) {
    const vaults = rbacVaults(context);
    if (vaults.length === 0) return;
    const assignments = roleAssignments(context);
    // Worked out only for a grant to a principal written as an id: it reads the identity of every resource.
    let principals: Set<string> | undefined;
    const knownPrincipals = () => (principals ??= managedIdentityPrincipals(context));
    for (const vault of vaults) {
      // A vault that grants nothing at all is keyvault-no-role-assignment's finding.
      const grants = grantsOn(context, vault, assignments);
      if (grants.length === 0) continue;
      if (grants.some((grant) => mayLetManagedIdentityUse(context, grant, knownPrincipals))) continue;
      const related: Related[] = grants.map((grant) => ({ message: 'a role assignment that reaches the vault', at: grant.at, ...(grant.file ? { file: grant.file } : {}) }));
      context.report({
        message: `Key Vault ${context.label(vault)} uses Azure RBAC, but none of the role assignments that reach it lets a managed identity read its secrets or use its keys: a workload that needs it must sign in with a secret or a person's account; grant the workload's managed identity a data role such as Key Vault Secrets User, scoped to the vault`,
        at: vault,
        related,
      });
    }
  },
};

/** Unknown roles and principals may: only a vault whose grants surely leave managed identities out is reported. */
function mayLetManagedIdentityUse(context: RuleContext, grant: Assignment, principals: () => ReadonlySet<string>): boolean {
  if (grant.role !== null && roleUsesVault(context, grant.role) === 'no') return false;
  return grantsManagedIdentity(grant.principal, principals) !== 'no';
}
