import type { SnapshotScope } from './readSnapshot';

const SUBSCRIPTION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Azure's rule for resource group names: letters, digits, `._()-`, up to 90, not ending in a period. */
const RESOURCE_GROUP = /^[\p{L}\p{N}._()-]{0,89}[\p{L}\p{N}_()-]$/u;

/** The scope to read, checked before any call so that a name cannot change the path it is put in. */
export function snapshotScope(subscriptionId: string, resourceGroups: readonly string[]): SnapshotScope | { readonly error: string } {
  if (!SUBSCRIPTION_ID.test(subscriptionId)) return { error: `'${subscriptionId}' is not a subscription id (a GUID like 00000000-0000-0000-0000-000000000000)` };
  const invalid = resourceGroups.find((group) => !RESOURCE_GROUP.test(group));
  if (invalid !== undefined) return { error: `'${invalid}' is not a resource group name` };
  return { subscriptionId: subscriptionId.toLowerCase(), resourceGroups: [...new Set(resourceGroups)] };
}
