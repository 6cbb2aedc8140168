import type { Expr } from '../../model/expr';
import type { Resource, Template } from '../../model/template';
import type { Value } from '../../model/value';
import { deployedType, type DeployedType } from '../client/deployedTypes';
import { snapshotScope } from '../client/scope';

export type Evaluate = (expr: Expr, template: Template) => Value;

/** Where an `existing` reference points when the file does not say: the editor's settings. */
export interface LookupDefaults {
  readonly subscriptionId: string;
  /** for a reference without `scope: resourceGroup('x')` in a template deployed to a resource group */
  readonly resourceGroup?: string;
}

/** A resource ztlint can read, with the API version it reads that type with. */
export interface ExistingTarget {
  readonly id: string;
  readonly type: DeployedType;
}

/** A resource name Azure accepts in a path segment: nothing that could change the path it is put in. */
const RESOURCE_NAME = /^[^/?#\\%]{1,260}$/;

/**
 * The id of the deployed resource an `existing` declaration refers to, when every part of it is known: a type
 * the scan reads, a known name, and a resource group from its `scope` (Bicep `resourceGroup('rg')` or
 * `resourceGroup('sub', 'rg')`, ARM's `resourceGroup` and `subscriptionId`) or else from `defaults`.
 */
export function existingTarget(resource: Resource, evaluate: Evaluate, defaults: LookupDefaults): ExistingTarget | undefined {
  const type = deployedType(resource.type);
  // A child is read with its parent, a loop names many resources: neither is one GET.
  if (!type || resource.parent || resource.loop || resource.type.split('/').length !== 2) return undefined;
  const name = evaluate(resource.fullName, resource.template);
  if (name.kind !== 'string' || !RESOURCE_NAME.test(name.value)) return undefined;
  const place = placeOf(resource, evaluate, defaults);
  if (!place) return undefined;
  const scope = snapshotScope(place.subscriptionId, [place.resourceGroup]);
  if ('error' in scope) return undefined;
  return { id: `/subscriptions/${scope.subscriptionId}/resourceGroups/${place.resourceGroup}/providers/${type.type}/${name.value}`, type };
}

function placeOf(resource: Resource, evaluate: Evaluate, defaults: LookupDefaults): { subscriptionId: string; resourceGroup: string } | undefined {
  const entry = (key: string) => resource.body.entries.find((e) => e.kind === 'property' && e.key?.toLowerCase() === key.toLowerCase())?.value;
  const known = (expr: Expr | undefined) => {
    const value = expr && evaluate(expr, resource.template);
    return value?.kind === 'string' ? value.value : undefined;
  };
  const scope = entry('scope');
  if (scope) {
    if (scope.kind !== 'call' || scope.name !== 'resourceGroup' || scope.args.length === 0 || scope.args.length > 2) return undefined;
    const [subscriptionId, resourceGroup] = scope.args.length === 2 ? scope.args.map(known) : [defaults.subscriptionId, known(scope.args[0])];
    return subscriptionId !== undefined && resourceGroup !== undefined ? { subscriptionId, resourceGroup } : undefined;
  }
  const group = entry('resourceGroup');
  const subscription = entry('subscriptionId');
  const resourceGroup = group ? known(group) : resource.template.targetScope === 'resourceGroup' ? defaults.resourceGroup : undefined;
  const subscriptionId = subscription ? known(subscription) : defaults.subscriptionId;
  return subscriptionId !== undefined && resourceGroup !== undefined ? { subscriptionId, resourceGroup } : undefined;
}
