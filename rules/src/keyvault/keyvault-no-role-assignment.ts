import type { FixIntent } from 'ztlint/fix/intent';
import type { Fix, Rule, RuleContext } from 'ztlint/lint/ruleApi';
import type { Expr } from 'ztlint/model/expr';
import type { Resource } from 'ztlint/model/template';
import { ROLES, ROLE_ASSIGNMENT_TYPE } from './roles';
import { grantsOn, roleAssignmentFacts, roleAssignments } from './vaultGrants';
import { VAULT_TYPE, freeSymbol, rbacVaults } from './vaults';

const PRINCIPAL_PARAMETER = 'keyVaultSecretsUserPrincipalId';

export const keyvaultNoRoleAssignment: Rule = {
  id: 'keyvault-no-role-assignment',
  title: 'Key Vault on Azure RBAC grants no role',
  severity: 'info',
  area: 'keyvault',
  principle: 'least-privilege',
  targets: ['template'],
  fixable: true,
  workspaceFacts: [roleAssignmentFacts],
  check(context) {
    const vaults = rbacVaults(context);
    if (vaults.length === 0) return;
    const assignments = roleAssignments(context);
    for (const vault of vaults) {
      // Unknown scopes and roles count: the rule only reports a vault that surely grants nothing.
      if (grantsOn(context, vault, assignments).length > 0) continue;
      const fix = grantSecretsUser(context, vault);
      context.report({
        message: `Key Vault ${context.label(vault)} uses Azure RBAC but no role assignment grants access to it: grant the identities that use it a data role such as Key Vault Secrets User, scoped to the vault`,
        at: vault,
        ...(fix ? { fix } : {}),
      });
    }
  },
};

/**
 * Grants Key Vault Secrets User on the vault to a principal id given as a new parameter. The role assignment's
 * name derives from the vault, the principal and the role, so it is stable across deployments.
 */
function grantSecretsUser(context: RuleContext, vault: Resource): Fix | undefined {
  const { template } = vault;
  // A vault in a loop or a nested deployment has no single reference, nor a parameter its caller could supply.
  if (vault.loop || template.parentDeployment) return undefined;
  const vaultId = template.language === 'bicep' ? `${vault.symbolicName}.id` : armResourceId(vault);
  if (vaultId === undefined) return undefined;
  const role = ROLES.keyVaultSecretsUser.id;
  const principal = context.values.parameter(PRINCIPAL_PARAMETER);
  const intents: FixIntent[] = [];
  if (!template.parameters.some((p) => p.name.toLowerCase() === PRINCIPAL_PARAMETER.toLowerCase())) {
    intents.push({
      kind: 'add-parameter',
      template,
      name: PRINCIPAL_PARAMETER,
      type: 'string',
      secure: false,
      description: 'Principal id of the managed identity that reads the Key Vault secrets',
    });
  }
  intents.push({
    kind: 'add-resource',
    template,
    symbolicName: freeSymbol(vault, `${vault.symbolicName ?? 'vault'}SecretsUser`),
    type: ROLE_ASSIGNMENT_TYPE,
    apiVersion: '2022-04-01',
    body: {
      name: context.values.expression(`guid(${vaultId}, ${PRINCIPAL_PARAMETER}, '${role}')`, `[guid(${vaultId}, parameters('${PRINCIPAL_PARAMETER}'), '${role}')]`),
      scope: context.values.resource(vault),
      // Bicep infers the order from the reference; ARM has to be told.
      ...(template.language === 'arm' ? { dependsOn: [context.values.resource(vault)] } : {}),
      properties: {
        roleDefinitionId: context.values.expression(
          `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')`,
          `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')]`,
        ),
        principalId: principal,
        principalType: 'ServicePrincipal',
      },
    },
  });
  return { title: `Grant Key Vault Secrets User on ${context.label(vault)} to a managed identity`, safe: false, intents };
}

/** `resourceId('Microsoft.KeyVault/vaults', <the vault's name as written>)`, inside an ARM expression. */
function armResourceId(vault: Resource): string | undefined {
  const name = armText(vault.name);
  return name === undefined ? undefined : `resourceId('${VAULT_TYPE}', ${name})`;
}

/** ARM expression text for an expression lowered from ARM; `undefined` for what cannot be written back. */
function armText(expr: Expr): string | undefined {
  const all = (items: readonly Expr[]) => {
    const texts = items.map(armText);
    return texts.every((t) => t !== undefined) ? texts.join(', ') : undefined;
  };
  switch (expr.kind) {
    case 'literal':
      if (typeof expr.value === 'string') return `'${expr.value.replace(/'/g, "''")}'`;
      return typeof expr.value === 'number' ? String(expr.value) : `${String(expr.value)}()`;
    case 'ref':
      if (expr.target === 'parameter') return `parameters('${expr.name}')`;
      return expr.target === 'variable' ? `variables('${expr.name}')` : undefined;
    case 'call': {
      const args = all(expr.args);
      return args === undefined ? undefined : `${expr.namespace ? `${expr.namespace}.` : ''}${expr.name}(${args})`;
    }
    case 'member': {
      const object = armText(expr.object);
      return object === undefined ? undefined : `${object}.${expr.property}`;
    }
    case 'index': {
      const object = armText(expr.object);
      const index = armText(expr.index);
      return object === undefined || index === undefined ? undefined : `${object}[${index}]`;
    }
    case 'conditional': {
      const args = all([expr.test, expr.then, expr.else]);
      return args === undefined ? undefined : `if(${args})`;
    }
    default:
      return undefined;
  }
}
