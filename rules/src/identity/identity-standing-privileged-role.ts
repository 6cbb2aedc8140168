import type { Rule, RuleContext } from 'ztlint/lint/ruleApi';
import type { Lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import type { Value } from 'ztlint/model/value';
import { resourceIdArguments } from '../keyvault/resourceIdCalls';
import { isApplicationPrincipal, ROLE_ASSIGNMENT_TYPE, roleOf } from '../keyvault/roles';
import { DELEGATING_ROLES, PRIVILEGED_ROLES } from './privilegedRoles';
import { declaredResources } from './settings';

type Breadth = 'tenant' | 'managementGroup' | 'subscription';

const BREADTH_NAME: Record<Breadth, string> = { tenant: 'tenant root', managementGroup: 'management group', subscription: 'subscription' };

export const identityStandingPrivilegedRole: Rule = {
  id: 'identity-standing-privileged-role',
  title: 'Privileged role assigned permanently at subscription or management-group scope',
  severity: 'error',
  area: 'identity',
  principle: 'least-privilege',
  targets: ['template'],
  fixable: false,
  check(context) {
    for (const assignment of declaredResources(context, ROLE_ASSIGNMENT_TYPE)) {
      const label = context.label(assignment);
      const scope = scopeOf(context, assignment);
      if (scope.state === 'unknown') {
        context.cannotVerify(scope.lookup, `at which scope role assignment ${label} grants its role`);
        continue;
      }
      if (scope.state === 'narrow') continue;
      const role = roleOf(context, assignment);
      if (role.state === 'unknown') {
        context.cannotVerify(role.lookup, `which role role assignment ${label} grants`);
        continue;
      }
      const roleName = PRIVILEGED_ROLES.get(role.id);
      if (roleName === undefined || (DELEGATING_ROLES.has(role.id) && hasCondition(context, assignment))) continue;
      const scopeName = BREADTH_NAME[scope.breadth];
      const at = context.get(assignment, 'properties.roleDefinitionId');
      if (isApplicationPrincipal(context, assignment)) {
        // PIM eligibility is for people; an application's standing role is often what it runs on (policy remediation).
        context.report({
          message: `Role assignment ${label} gives an application identity a privileged role on the whole ${scopeName}; grant it only the actions it needs, on the narrowest scope: the role is ${roleName}`,
          at,
          severity: 'warning',
        });
        continue;
      }
      context.report({
        message: `Role assignment ${label} grants a privileged role permanently on the whole ${scopeName}; make it eligible through Privileged Identity Management (just in time) or narrow the role or scope: the role is ${roleName}`,
        at,
      });
    }
  },
};

type Scope = { state: 'broad'; breadth: Breadth } | { state: 'narrow' } | { state: 'unknown'; lookup: Lookup };

/** Where the assignment applies: its `scope`, else the scope the template is deployed at. */
function scopeOf(context: RuleContext, assignment: Resource): Scope {
  const lookup = context.get(assignment, 'scope');
  if (lookup.state === 'absent') {
    const target = assignment.template.targetScope;
    return target === 'tenant' || target === 'managementGroup' || target === 'subscription' ? { state: 'broad', breadth: target } : { state: 'narrow' };
  }
  const breadth = breadthOf(context, lookup.value, assignment);
  if (breadth) return breadth === 'narrow' ? { state: 'narrow' } : { state: 'broad', breadth };
  return { state: 'unknown', lookup };
}

const BROAD_IDS: readonly [RegExp, Breadth][] = [
  [/^\/?$/, 'tenant'],
  [/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+\/?$/i, 'managementGroup'],
  [/^\/subscriptions\/[^/]+\/?$/i, 'subscription'],
];

/** A resource group, or a resource type path other than a management group's. */
const NARROW_ID = /\/resourceGroups\/|(^|\/)Microsoft\.(?!Management\/managementGroups\/)[^/]+\/[^/]+/i;

const SCOPE_FUNCTIONS: Record<string, Breadth | 'narrow'> = { tenant: 'tenant', managementgroup: 'managementGroup', subscription: 'subscription', resourcegroup: 'narrow' };

const MANAGEMENT_GROUP_TYPE = 'microsoft.management/managementgroups';

/**
 * A `scope` value's breadth: a resource (`scope: vault`, `resourceId(...)`) is narrow, unless it is a management
 * group; an id is read with its unknown parts as `*`; `subscription()`, `managementGroup()`, `tenant()` and
 * `resourceGroup()` (or their `.id`) are that scope. `undefined` when unknown.
 */
function breadthOf(context: RuleContext, value: Value, assignment: Resource): Breadth | 'narrow' | undefined {
  switch (value.kind) {
    case 'resource':
      return value.resource.type.toLowerCase() === MANAGEMENT_GROUP_TYPE ? 'managementGroup' : 'narrow';
    case 'string':
      return breadthOfId(value.value);
    case 'unknown': {
      if (value.fragments) return breadthOfId(value.fragments.map((f) => (f.kind === 'string' ? f.value : '*')).join(''));
      const fn = value.runtimeFunction?.toLowerCase() ?? '';
      if (!fn.endsWith('resourceid')) return SCOPE_FUNCTIONS[fn];
      return resourceIdArguments(context, value, assignment.template)?.type.toLowerCase() === MANAGEMENT_GROUP_TYPE ? 'managementGroup' : 'narrow';
    }
    default:
      return undefined;
  }
}

function breadthOfId(id: string): Breadth | 'narrow' | undefined {
  const broad = BROAD_IDS.find(([pattern]) => pattern.test(id));
  if (broad) return broad[1];
  return NARROW_ID.test(id) ? 'narrow' : undefined;
}

function hasCondition(context: RuleContext, assignment: Resource): boolean {
  const condition = context.get(assignment, 'properties.condition');
  return condition.state !== 'absent' && !(condition.value.kind === 'string' && condition.value.value.trim() === '') && condition.value.kind !== 'null';
}
