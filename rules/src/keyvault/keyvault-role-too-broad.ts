import type { Rule } from 'ztlint/lint/ruleApi';
import { ROLES, ROLE_ASSIGNMENT_TYPE, isApplicationPrincipal, roleOf } from './roles';
import { describeTarget, extensions, targetOf } from './scope';

/** Roles that let an identity manage the vault, its access, or every secret, key and certificate in it. */
const BROAD_ROLES = new Map<string, string>([ROLES.owner, ROLES.contributor, ROLES.keyVaultAdministrator].map((role) => [role.id, role.name]));

export const keyvaultRoleTooBroad: Rule = {
  id: 'keyvault-role-too-broad',
  title: 'Application identity holds an administrative role on a Key Vault',
  severity: 'warning',
  area: 'keyvault',
  principle: 'least-privilege',
  targets: ['template'],
  fixable: true,
  check(context) {
    for (const assignment of extensions(context, ROLE_ASSIGNMENT_TYPE)) {
      if (assignment.existing) continue;
      const target = targetOf(context, assignment);
      if (target.kind !== 'vault' && target.kind !== 'vault-name') continue;
      const label = context.label(assignment);
      const vault = describeTarget(context, target);
      const role = roleOf(context, assignment);
      if (role.state === 'unknown') {
        context.cannotVerify(role.lookup, `which role ${label} grants on ${vault}`);
        continue;
      }
      const roleName = BROAD_ROLES.get(role.id);
      if (roleName === undefined) continue;
      if (isApplicationPrincipal(context, assignment) !== true) {
        // A person holding an administrative role is a matter of just-in-time access, not of the template.
        const principalType = context.get(assignment, 'properties.principalType');
        const unknown = principalType.state === 'absent' ? context.get(assignment, 'properties.principalId') : principalType;
        context.cannotVerify(unknown, `whether ${label} grants ${roleName} on ${vault} to an application identity`);
        continue;
      }
      const { written } = role;
      context.report({
        message: `Role assignment ${label} grants ${roleName} on ${vault} to an application identity: grant the data role it needs instead, such as Key Vault Secrets User to read secrets`,
        at: role.lookup,
        ...(written
          ? {
              fix: {
                title: `Grant Key Vault Secrets User instead of ${roleName}`,
                safe: false,
                intents: [{ kind: 'replace-value', value: written, with: written.value.replace(new RegExp(role.id, 'i'), ROLES.keyVaultSecretsUser.id) }],
              },
            }
          : {}),
      });
    }
  },
};
