import { equalsIgnoringCase, otherFiles, type FactContext, type FileFact, type RuleContext, type WorkspaceFacts } from 'ztlint/lint/ruleApi';
import { lookup, type Lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import type { Value } from 'ztlint/model/value';

const PRIVATE_ENDPOINT = 'microsoft.network/privateendpoints';
const CONNECTIONS = ['properties.privateLinkServiceConnections', 'properties.manualPrivateLinkServiceConnections'];

/** One connection of a private endpoint: what it points at. Connections that can point at nothing are left out. */
type Connection =
  /** a resource declared in a template: its type, and its name when it is known */
  | { readonly kind: 'resource'; readonly type: string; readonly name: string | null }
  /** a resource named by a literal id */
  | { readonly kind: 'id'; readonly type: string; readonly name: string }
  /** a target that cannot be known, with the sub-resources it connects to (`blob`, `sqlServer`: lower-cased) when they are */
  | { readonly kind: 'unknown'; readonly groupIds: readonly string[] | null };

/** A private endpoint of another file (an `existing` one too: it tells that the file declares one). */
type EndpointFact = { readonly connections: readonly Connection[] };

export const privateEndpointFacts: WorkspaceFacts<EndpointFact> = {
  name: 'data/private-endpoints',
  // A target that cannot be known counts only in its own file (see `connects`).
  collect: (context) => context.resources(PRIVATE_ENDPOINT).map((endpoint) => ({ connections: connectionsOf(context, endpoint).filter((c) => c.kind !== 'unknown') })),
};

/**
 * The connections of all the endpoints the workspace lists, by that list: it is the same list for every file that
 * declares no private endpoint itself.
 */
const connectionsOfList = new WeakMap<readonly FileFact<EndpointFact>[], Connection[]>();

/**
 * Finds out whether a private endpoint connects to a resource: in the file, in the other files of the
 * workspace, or in a module the file hands the resource's id to.
 */
export class PrivateEndpoints {
  private readonly connections: Connection[];
  private readonly elsewhere: readonly FileFact<EndpointFact>[];

  constructor(private readonly context: RuleContext) {
    this.elsewhere = otherFiles(context, privateEndpointFacts);
    let others = connectionsOfList.get(this.elsewhere);
    if (!others) connectionsOfList.set(this.elsewhere, (others = this.elsewhere.flatMap(({ fact }) => fact.connections)));
    this.connections = [...context.resources(PRIVATE_ENDPOINT).flatMap((endpoint) => connectionsOf(context, endpoint)), ...others];
  }

  /**
   * Whether a private endpoint may connect to `resource`. A connection whose target cannot be known counts
   * when it is in the same file and its sub-resources fit the service (`groupIds`): a linter that guessed
   * otherwise would flag every template that names its resources with `uniqueString()`.
   */
  connects(resource: Resource, groupIds: readonly string[]): boolean {
    return this.connections.some((c) => this.matches(c, resource, groupIds)) || this.viaModule(resource);
  }

  private matches(connection: Connection, resource: Resource, groupIds: readonly string[]): boolean {
    switch (connection.kind) {
      // The same type and, where both names are known, the same name (an `existing` declaration elsewhere).
      case 'resource': {
        if (!equalsIgnoringCase(connection.type, resource.type)) return false;
        const name = this.name(resource);
        return connection.name === null || name === undefined || equalsIgnoringCase(connection.name, name);
      }
      case 'id': {
        if (!equalsIgnoringCase(connection.type, resource.type)) return false;
        const name = this.name(resource);
        return name !== undefined && equalsIgnoringCase(connection.name, name);
      }
      case 'unknown':
        return connection.groupIds === null || connection.groupIds.some((g) => groupIds.includes(g));
    }
  }

  private name(resource: Resource): string | undefined {
    const name = this.context.evaluate(resource.fullName, resource.template);
    return name.kind === 'string' ? name.value : undefined;
  }

  /** A module that receives the resource's id and declares a private endpoint (by its name or its file). */
  private viaModule(resource: Resource): boolean {
    for (const template of this.context.templates) {
      for (const module of template.modules) {
        const params = lookup(this.context.evaluate(module.body, template), 'params');
        if (params.state !== 'known' || !holdsIdOf(params.value, resource)) continue;
        if (/private[-_]?endpoint/i.test(module.source) || this.workspaceFileDeclaresEndpoint(module.source)) return true;
      }
    }
    return false;
  }

  private workspaceFileDeclaresEndpoint(source: string): boolean {
    const relative = source.replace(/\\/g, '/').replace(/^(\.\.?\/)+/, '');
    return this.elsewhere.some((w) => w.file.replace(/\\/g, '/').endsWith(`/${relative}`));
  }
}

/** The connections of a private endpoint (an `existing` one declares none). */
function connectionsOf(context: FactContext, endpoint: Resource): Connection[] {
  const result: Connection[] = [];
  if (endpoint.existing) return result;
  for (const path of CONNECTIONS) {
    const list = context.get(endpoint, path);
    if (list.state !== 'known' || list.value.kind !== 'array') continue;
    for (const item of list.value.items) {
      const target = lookup(item, 'properties.privateLinkServiceId');
      if (target.state === 'absent') continue;
      const connection = connectionTo(context, target.value, lookup(item, 'properties.groupIds'));
      if (connection) result.push(connection);
    }
  }
  return result;
}

function connectionTo(context: FactContext, target: Value, groups: Lookup): Connection | undefined {
  switch (target.kind) {
    case 'resource': {
      const name = context.evaluate(target.resource.fullName, target.resource.template);
      return { kind: 'resource', type: target.resource.type, name: name.kind === 'string' ? name.value : null };
    }
    case 'string': {
      const id = idParts(target.value);
      return id ? { kind: 'id', ...id } : undefined;
    }
    case 'unknown': {
      const known = groups.state === 'known' && groups.value.kind === 'array' && !groups.value.incomplete && groups.value.items.every((g) => g.kind === 'string');
      return { kind: 'unknown', groupIds: known ? groups.value.items.map((g) => (g.kind === 'string' ? g.value.toLowerCase() : '')) : null };
    }
    default:
      return undefined;
  }
}

/** The type and name in a literal id: `/subscriptions/.../providers/Microsoft.Storage/storageAccounts/name`. */
function idParts(id: string): { type: string; name: string } | undefined {
  const match = /\/providers\/([^/]+\/[^/]+)\/([^/]+)$/i.exec(id);
  return match ? { type: match[1], name: match[2] } : undefined;
}

function holdsIdOf(value: Value, resource: Resource): boolean {
  switch (value.kind) {
    case 'resource':
      return value.resource === resource;
    case 'object':
      return value.properties.some((p) => holdsIdOf(p.value, resource));
    case 'array':
      return value.items.some((item) => holdsIdOf(item, resource));
    default:
      return false;
  }
}
