import type { DeployedResource, DeployedRoleAssignment, DeployedRoleDefinition, DeployedSnapshot, ScanProblem } from '../snapshot';
import { ArmError, type ArmClient, type ArmRead } from './armClient';
import { mapConcurrent } from './concurrent';
import { AUTHORIZATION_API_VERSION, deployedType, RESOURCES_API_VERSION, type ChildRead } from './deployedTypes';

export interface SnapshotScope {
  readonly subscriptionId: string;
  /** empty: the whole subscription */
  readonly resourceGroups: readonly string[];
}

/** Reads in flight at once: Resource Manager allows a subscription some thousands of reads an hour. */
const PARALLEL_READS = 8;

interface ArmResource {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly location?: string;
  readonly kind?: string;
  readonly sku?: unknown;
  readonly identity?: unknown;
  readonly tags?: Record<string, string>;
  readonly properties?: unknown;
}

interface ArmRoleAssignment {
  readonly id: string;
  readonly properties: { readonly scope: string; readonly principalId: string; readonly principalType?: string; readonly roleDefinitionId: string };
}

interface ArmRoleDefinition {
  readonly id: string;
  readonly properties: {
    readonly roleName: string;
    readonly type?: string;
    readonly permissions?: readonly { readonly actions?: string[]; readonly notActions?: string[]; readonly dataActions?: string[]; readonly notDataActions?: string[] }[];
  };
}

function deployedResource(resource: ArmResource, type: string, apiVersion: string): DeployedResource {
  const { id, name, location, kind, sku, identity, tags, properties } = resource;
  return { id, type, name, apiVersion, location, kind, sku, identity, tags, properties };
}

function roleAssignment({ id, properties }: ArmRoleAssignment): DeployedRoleAssignment {
  return { id, scope: properties.scope, principalId: properties.principalId, principalType: properties.principalType, roleDefinitionId: properties.roleDefinitionId };
}

function roleDefinition({ id, properties }: ArmRoleDefinition): DeployedRoleDefinition {
  return {
    id,
    roleName: properties.roleName,
    roleType: properties.type,
    permissions: (properties.permissions ?? []).map((p) => ({ actions: p.actions ?? [], notActions: p.notActions ?? [], dataActions: p.dataActions ?? [], notDataActions: p.notDataActions ?? [] })),
  };
}

const problemOf = (error: ArmError): ScanProblem => ({ scope: error.scope, message: error.message, ...(error.status !== undefined ? { status: error.status } : {}) });

const uniqueById = <T extends { readonly id: string }>(items: readonly T[]): T[] => [...new Map(items.map((item) => [item.id.toLowerCase(), item])).values()];

/**
 * Reads what the rules need from a subscription or some of its resource groups, with read-only calls: the
 * resources of the types the rules look at (each with its own GET, since a listing has no properties), the role
 * assignments that reach them and the role definitions they name. A resource group, resource or list that fails
 * is a problem of the snapshot and the rest is read; only a scope that cannot be listed at all fails the scan.
 */
export async function readSnapshot(client: ArmClient, { subscriptionId, resourceGroups }: SnapshotScope): Promise<DeployedSnapshot> {
  const subscription = `/subscriptions/${subscriptionId}`;
  const scopes = resourceGroups.length > 0 ? resourceGroups.map((group) => `${subscription}/resourceGroups/${group}`) : [subscription];
  const problems: ScanProblem[] = [];
  // Anything but a Resource Manager refusal (a sign-in failure, a bug) ends the scan.
  const orProblem = async <T>(read: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof ArmError)) throw error;
      problems.push(problemOf(error));
      return fallback;
    }
  };
  const listResources = (scope: string) =>
    client.list<ArmResource>({ path: `${scope}/resources`, apiVersion: RESOURCES_API_VERSION, scope, permission: scope === subscription ? 'Microsoft.Resources/subscriptions/resources/read' : 'Microsoft.Resources/subscriptions/resourceGroups/resources/read' });
  const listed = await mapConcurrent(scopes, PARALLEL_READS, (scope) => orProblem(() => listResources(scope), undefined));
  // Nothing could be listed: there is no partial result to report, only the reason.
  if (listed.every((items) => items === undefined)) throw new ArmError(problems.map((p) => p.message).join('\n'), problems[0].scope, problems[0].status);

  const wanted = listed.flatMap((items) => items ?? []).flatMap((r) => {
    const known = deployedType(r.type);
    return known ? [{ id: r.id, known }] : [];
  });
  const readOne = async ({ id, known }: (typeof wanted)[number]): Promise<DeployedResource[]> => {
    const got = await orProblem(() => client.get<ArmResource>({ path: id, apiVersion: known.apiVersion, scope: id, permission: `${known.type}/read` }), undefined);
    if (!got) return [];
    const children = await Promise.all((known.children ?? []).map((child) => orProblem(() => readChildren(client, id, child), [])));
    return [deployedResource(got, known.type, known.apiVersion), ...children.flat()];
  };
  const resources = (await mapConcurrent(wanted, PARALLEL_READS, readOne)).flat();

  const authorization = (scope: string, kind: 'roleAssignments' | 'roleDefinitions'): ArmRead => ({
    path: `${scope}/providers/Microsoft.Authorization/${kind}`,
    apiVersion: AUTHORIZATION_API_VERSION,
    scope,
    permission: `Microsoft.Authorization/${kind}/read`,
  });
  // A scope that could not be listed is already reported; its role reads would fail the same way.
  const readable = scopes.filter((_, i) => listed[i] !== undefined);
  // At a scope, the list holds the assignments made there, above it (inherited) and below it.
  const assignments = await mapConcurrent(readable, PARALLEL_READS, (scope) => orProblem(() => client.list<ArmRoleAssignment>(authorization(scope, 'roleAssignments')), []));
  const definitions = await mapConcurrent(readable, PARALLEL_READS, (scope) => orProblem(() => client.list<ArmRoleDefinition>(authorization(scope, 'roleDefinitions')), []));

  return {
    subscriptionId,
    resourceGroups: [...resourceGroups],
    resources,
    roleAssignments: uniqueById(assignments.flat()).map(roleAssignment),
    roleDefinitions: uniqueById(definitions.flat()).map(roleDefinition),
    // Reads finish in any order; reports should not.
    problems: problems.sort((a, b) => a.scope.localeCompare(b.scope) || a.message.localeCompare(b.message)),
  };
}

async function readChildren(client: ArmClient, parentId: string, child: ChildRead): Promise<DeployedResource[]> {
  const read: ArmRead = { path: `${parentId}${child.path}`, apiVersion: child.apiVersion, scope: `${parentId}${child.path}`, permission: `${child.type}/read` };
  const found = child.list ? await client.list<ArmResource>(read) : [await client.get<ArmResource>(read)];
  return found.map((resource) => deployedResource(resource, child.type, child.apiVersion));
}
