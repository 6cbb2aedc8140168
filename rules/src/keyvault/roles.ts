import type { FactContext } from 'ztlint/lint/ruleApi';
import type { Lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import type { StringValue, Value } from 'ztlint/model/value';
import { resourceIdArguments } from './resourceIdCalls';

export const ROLE_ASSIGNMENT_TYPE = 'Microsoft.Authorization/roleAssignments';

/** Built-in role definition ids (the same in every tenant). */
export const ROLES = {
  owner: { id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', name: 'Owner' },
  contributor: { id: 'b24988ac-6180-42a0-ab88-20f7382dd24c', name: 'Contributor' },
  keyVaultAdministrator: { id: '00482a5a-887f-4fb3-b363-3b7fe8e74483', name: 'Key Vault Administrator' },
  keyVaultSecretsUser: { id: '4633458b-17de-408a-b874-0445c86b69e6', name: 'Key Vault Secrets User' },
} as const;

/** The Key Vault data-plane roles: granted on a resource group, they reach every vault in it. */
export const KEY_VAULT_DATA_ROLES = new Set([
  ROLES.keyVaultAdministrator.id,
  ROLES.keyVaultSecretsUser.id,
  'a4417e6f-fecd-4de8-b567-7b0420556985', // Key Vault Certificates Officer
  'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba', // Key Vault Certificate User
  '14b46e9e-c2b7-41b4-b07b-48a6ebf60603', // Key Vault Crypto Officer
  'e147488a-f6f5-4113-8e2d-b22465e65bf6', // Key Vault Crypto Service Encryption User
  '12338af0-0e69-4776-bea7-57ae8d297424', // Key Vault Crypto User
  '21090545-7ca7-4776-b22c-e363652d74d2', // Key Vault Reader
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7', // Key Vault Secrets Officer
]);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The GUID a role definition id ends with; its last 36 characters tested, as a search for `…$` retries at every hex digit. */
const guidAtEnd = (text: string) => (GUID.test(text.slice(-36)) ? text.slice(-36) : undefined);

export type Role = { readonly lookup: Lookup } & (
  /** `written`: the literal holding the id, when it is written in the role assignment itself (a fix can edit it) */
  { readonly state: 'known'; readonly id: string; readonly written?: StringValue } | { readonly state: 'unknown' }
);

/**
 * The role definition a role assignment grants, from `roleDefinitionId` in any of its usual forms: a full id,
 * `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '<guid>')`, an interpolated id, or the id
 * of an `existing` role definition.
 */
export function roleOf(context: FactContext, assignment: Resource): Role {
  const lookup = context.get(assignment, 'properties.roleDefinitionId');
  if (lookup.state !== 'known' && lookup.state !== 'unknown') return { state: 'unknown', lookup };
  const { value } = lookup;
  const inPlace = (written: Value | undefined) => (written?.kind === 'string' && written.literal && value.via.length === 0 && written.via.length === 0 ? written : undefined);
  const known = (text: Value | undefined, written?: Value): Role => {
    const id = text?.kind === 'string' ? guidAtEnd(text.value) : undefined;
    if (id === undefined) return { state: 'unknown', lookup };
    const literal = inPlace(written);
    return { state: 'known', id: id.toLowerCase(), lookup, ...(literal ? { written: literal } : {}) };
  };
  switch (value.kind) {
    case 'string':
      return known(value, value);
    case 'resource':
      return known(context.evaluate(value.resource.name, value.resource.template));
    case 'unknown': {
      if (value.fragments) {
        const last = value.fragments[value.fragments.length - 1];
        return known(last, last);
      }
      const call = resourceIdArguments(context, value, assignment.template);
      const id = call?.names[call.names.length - 1];
      return known(id, id);
    }
    default:
      return { state: 'unknown', lookup };
  }
}

/**
 * Whether the principal is an application identity (a service principal or managed identity): said by
 * `principalType`, or, when that is not set, by a `principalId` read from a resource's identity
 * (`app.identity.principalId`, `reference(...).principalId`). `undefined` when the template does not tell.
 */
export function isApplicationPrincipal(context: FactContext, assignment: Resource): boolean | undefined {
  const type = context.get(assignment, 'properties.principalType');
  if (type.state === 'known') return type.value.kind === 'string' ? type.value.value.toLowerCase() === 'serviceprincipal' : undefined;
  if (type.state === 'unknown') return undefined;
  return readsManagedIdentity(assignment) ? true : undefined;
}

/** Whether the assignment's `principalId` reads a resource's identity (`app.identity.principalId`, `reference(...).principalId`). */
export function readsManagedIdentity(assignment: Resource): boolean {
  const properties = entry(assignment.body, 'properties');
  const principalId = properties?.kind === 'object' ? entry(properties, 'principalId') : undefined;
  if (principalId?.kind !== 'member' || principalId.property.toLowerCase() !== 'principalid') return false;
  let root = principalId.object;
  while (root.kind === 'member' || root.kind === 'index') root = root.object;
  return (root.kind === 'ref' && root.target === 'resource') || (root.kind === 'call' && root.name.toLowerCase() === 'reference');
}

function entry(object: Resource['body'], key: string) {
  const found = object.entries.find((e) => e.kind === 'property' && e.key?.toLowerCase() === key.toLowerCase());
  return found?.value;
}
