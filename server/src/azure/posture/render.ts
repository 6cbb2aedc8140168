import type { DeployedResource, DeployedRoleAssignment, DeployedRoleDefinition, DeployedSnapshot } from '../snapshot';
import { lastSegment, parseResourceId } from './resourceId';

const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
const AUTHORIZATION_API_VERSION = '2022-04-01';

/** One element of the rendered template's `resources` array and the deployed object it stands for. */
export interface RenderedResource {
  readonly resourceId: string;
  /** where the element is in the rendered text */
  readonly start: number;
  readonly end: number;
}

export interface RenderedSnapshot {
  readonly text: string;
  /** in the order of the `resources` array */
  readonly resources: readonly RenderedResource[];
}

/**
 * The snapshot as one ARM template, so that the ARM loader reads it into the same model as a template and the
 * same rules judge it. Each resource is declared with its full name, its id and, for an extension resource, the
 * `scope` it extends; role assignments are declared at their literal scope ids, and the role definitions they
 * name are declared too, so that rules can read a custom role's permissions.
 */
export function renderSnapshot(snapshot: DeployedSnapshot): RenderedSnapshot {
  const elements: { resourceId: string; json: unknown }[] = [
    ...snapshot.resources.map((r) => ({ resourceId: r.id, json: resourceElement(r) })),
    ...snapshot.roleAssignments.map((a) => ({ resourceId: a.id, json: roleAssignmentElement(a) })),
    ...referencedDefinitions(snapshot).map((d) => ({ resourceId: d.id, json: roleDefinitionElement(d) })),
  ];
  let text = `{"$schema":${JSON.stringify(SCHEMA)},"contentVersion":"1.0.0.0","resources":[\n`;
  const resources: RenderedResource[] = [];
  elements.forEach(({ resourceId, json }, i) => {
    const element = JSON.stringify(escapeExpressions(json));
    resources.push({ resourceId, start: text.length, end: text.length + element.length });
    text += element + (i < elements.length - 1 ? ',\n' : '\n');
  });
  text += ']}\n';
  return { text, resources };
}

function resourceElement(resource: DeployedResource): unknown {
  const parsed = parseResourceId(resource.id);
  return {
    type: resource.type,
    apiVersion: resource.apiVersion,
    name: parsed?.fullName ?? resource.name,
    id: resource.id,
    ...(parsed?.scope ? { scope: parsed.scope } : {}),
    ...defined({ location: resource.location, kind: resource.kind, sku: resource.sku, identity: resource.identity, tags: resource.tags, properties: resource.properties }),
  };
}

function roleAssignmentElement(assignment: DeployedRoleAssignment): unknown {
  return authorizationElement('roleAssignments', assignment.id, {
    scope: assignment.scope,
    properties: { roleDefinitionId: assignment.roleDefinitionId, principalId: assignment.principalId, ...defined({ principalType: assignment.principalType }) },
  });
}

function roleDefinitionElement(definition: DeployedRoleDefinition): unknown {
  return authorizationElement('roleDefinitions', definition.id, { properties: { roleName: definition.roleName, ...defined({ type: definition.roleType }), permissions: definition.permissions } });
}

/** Role assignments and definitions are named by the GUID their id ends with. */
function authorizationElement(kind: 'roleAssignments' | 'roleDefinitions', id: string, rest: Record<string, unknown>): unknown {
  return { type: `Microsoft.Authorization/${kind}`, apiVersion: AUTHORIZATION_API_VERSION, name: lastSegment(id), id, ...rest };
}

/** Only the definitions the assignments name: a subscription lists hundreds of built-in ones. */
function referencedDefinitions(snapshot: DeployedSnapshot): DeployedRoleDefinition[] {
  const named = new Set(snapshot.roleAssignments.map((a) => lastSegment(a.roleDefinitionId).toLowerCase()));
  return snapshot.roleDefinitions.filter((d) => named.has(lastSegment(d.id).toLowerCase()));
}

function defined(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));
}

/** A deployed string that looks like an ARM expression (`[...]`) is data: ARM's `[[` keeps it a literal. */
function escapeExpressions(value: unknown): unknown {
  if (typeof value === 'string') return value.startsWith('[') && value.endsWith(']') && value.length >= 2 ? `[${value}` : value;
  if (Array.isArray(value)) return value.map(escapeExpressions);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeExpressions(v)]));
  return value;
}
