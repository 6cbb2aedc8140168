/**
 * What a resource id says: the resource's full type and name (`Microsoft.Web/sites/config`, `app/web`) and, for
 * an extension resource (a diagnostic setting, a role assignment), the id of the resource it extends.
 */
export interface ParsedResourceId {
  readonly type: string;
  /** the names of the resource and its parents, joined with `/` as ARM templates write a child's name */
  readonly fullName: string;
  /** the resource (or subscription, resource group) an extension resource applies to */
  readonly scope?: string;
}

const PROVIDERS = '/providers/';

/** `undefined` for ids that name no resource type (a subscription, a resource group). */
export function parseResourceId(id: string): ParsedResourceId | undefined {
  const at = id.toLowerCase().lastIndexOf(PROVIDERS);
  if (at < 0) return undefined;
  const segments = id.slice(at + PROVIDERS.length).split('/').filter((s) => s !== '');
  if (segments.length < 3 || segments.length % 2 === 0) return undefined;
  const [namespace, ...rest] = segments;
  const types = rest.filter((_, i) => i % 2 === 0);
  const names = rest.filter((_, i) => i % 2 === 1);
  const prefix = id.slice(0, at);
  // Only a resource can be extended this way; a plain resource's prefix is its resource group or subscription.
  const extended = prefix.toLowerCase().includes(PROVIDERS);
  return { type: [namespace, ...types].join('/'), fullName: names.join('/'), ...(extended ? { scope: prefix } : {}) };
}

/** The last segment of an id: a role assignment's or role definition's GUID. */
export function lastSegment(id: string): string {
  const parts = id.split('/').filter((s) => s !== '');
  return parts[parts.length - 1] ?? id;
}
