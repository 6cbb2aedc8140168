import { ROLES } from '../keyvault/roles';

const USER_ACCESS_ADMINISTRATOR = '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9';
const RBAC_ADMINISTRATOR = 'f58310d9-a9f6-439a-9e8d-f62e7b41a168';

/** Built-in roles that control a whole scope: everything in it (Owner, Contributor) or who may access it. */
export const PRIVILEGED_ROLES: ReadonlyMap<string, string> = new Map([
  [ROLES.owner.id, ROLES.owner.name],
  [ROLES.contributor.id, ROLES.contributor.name],
  [USER_ACCESS_ADMINISTRATOR, 'User Access Administrator'],
  [RBAC_ADMINISTRATOR, 'Role Based Access Control Administrator'],
]);

/** Roles whose power is granting roles: a condition on the assignment can limit which ones (delegation with conditions). */
export const DELEGATING_ROLES: ReadonlySet<string> = new Set([USER_ACCESS_ADMINISTRATOR, RBAC_ADMINISTRATOR]);
