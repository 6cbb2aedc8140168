import { equalsIgnoringCase, type FactContext } from 'ztlint/lint/ruleApi';
import { lookup, type Lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import { allResources } from 'ztlint/model/walk';
import { readsManagedIdentity } from './roles';

const USER_ASSIGNED_IDENTITY_TYPE = 'microsoft.managedidentity/userassignedidentities';

/**
 * The principal ids of the managed identities the model shows: a resource's system-assigned identity and the
 * user-assigned identities attached to it, and user-assigned identity resources. Templates never write these
 * (Azure assigns them); deployed resources carry them.
 */
export function managedIdentityPrincipals(context: FactContext): Set<string> {
  const principals = new Set<string>();
  const add = (found: Lookup) => {
    if (found.state === 'known' && found.value.kind === 'string') principals.add(found.value.value.toLowerCase());
  };
  for (const template of context.templates) {
    for (const resource of allResources(template)) {
      // `identity` is looked up once for its two entries: this runs over every resource of the file.
      const identity = context.get(resource, 'identity');
      if (identity.state === 'known' && identity.value.kind === 'object') {
        add(lookup(identity.value, 'principalId'));
        const attached = lookup(identity.value, 'userAssignedIdentities');
        if (attached.state === 'known' && attached.value.kind === 'object') for (const entry of attached.value.properties) add(lookup(entry.value, 'principalId'));
      }
      if (equalsIgnoringCase(resource.type, USER_ASSIGNED_IDENTITY_TYPE)) add(context.get(resource, 'properties.principalId'));
    }
  }
  return principals;
}

/** Who a role assignment grants its role to, as far as the template tells. */
export type Principal = {
  /** its `principalId` reads a resource's identity (`app.identity.principalId`, `reference(...).principalId`) */
  readonly readsIdentity: boolean;
  /** `principalId`, lower-cased, when it is a known string */
  readonly id: string | null;
  /** `principalType`, lower-cased, when it is a known string */
  readonly type: string | null;
};

export function principalOf(context: FactContext, assignment: Resource): Principal {
  const knownString = (found: Lookup) => (found.state === 'known' && found.value.kind === 'string' ? found.value.value.toLowerCase() : null);
  return { readsIdentity: readsManagedIdentity(assignment), id: knownString(context.get(assignment, 'properties.principalId')), type: knownString(context.get(assignment, 'properties.principalType')) };
}

/**
 * Whether a role assignment's principal is a managed identity: its `principalId` reads a resource's identity or
 * is one of `principals` (asked for only then). A person, a group, or a service principal named by an id that
 * is no managed identity here is not; a principal the template leaves open (a parameter) may be.
 */
export function grantsManagedIdentity(principal: Principal, principals: () => ReadonlySet<string>): 'yes' | 'no' | 'unknown' {
  if (principal.readsIdentity) return 'yes';
  if (principal.id !== null && principals().has(principal.id)) return 'yes';
  if (principal.type === null) return 'unknown';
  if (principal.type !== 'serviceprincipal') return 'no';
  return principal.id === null ? 'unknown' : 'no';
}
