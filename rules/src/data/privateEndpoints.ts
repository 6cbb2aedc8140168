import { equalsIgnoringCase, type RuleContext } from 'ztlint/lint/ruleApi';
import { lookup } from 'ztlint/model/lookup';
import type { Resource } from 'ztlint/model/template';
import type { Value } from 'ztlint/model/value';

const PRIVATE_ENDPOINT = 'microsoft.network/privateendpoints';
const CONNECTIONS = ['properties.privateLinkServiceConnections', 'properties.manualPrivateLinkServiceConnections'];

/** One connection of a private endpoint: what it points at and which sub-resources (`blob`, `sqlServer`). */
interface Connection {
  readonly target: Value;
  /** the type and name in a target written as a resource id, read once: every resource is matched against it */
  readonly id?: { readonly type: string; readonly name: string };
  /** lower-cased; undefined when not known */
  readonly groupIds?: readonly string[];
  /** declared in the file being linted, where an unknown target may well be one of its resources */
  readonly local: boolean;
}

/**
 * The connections of another file's private endpoint. It is evaluated with its own defaults whichever file is
 * being linted, so they are worked out once: a scan asks for them again for every file (quadratic otherwise).
 */
const workspaceConnections = new WeakMap<Resource, Connection[]>();

/**
 * The connections of all the endpoints the workspace lists, by that list: it is the same list for every file that
 * declares no private endpoint itself.
 */
const connectionsOfList = new WeakMap<readonly { readonly resource: Resource }[], Connection[]>();

/**
 * Finds out whether a private endpoint connects to a resource: in the file, in the other files of the
 * workspace, or in a module the file hands the resource's id to.
 */
export class PrivateEndpoints {
  private readonly connections: Connection[];

  constructor(private readonly context: RuleContext) {
    this.connections = [...context.resources(PRIVATE_ENDPOINT).flatMap((endpoint) => this.connectionsOf(endpoint, true)), ...this.workspaceConnections()];
  }

  private workspaceConnections(): Connection[] {
    const endpoints = this.context.workspace.resources(PRIVATE_ENDPOINT);
    let connections = connectionsOfList.get(endpoints);
    if (!connections) {
      connections = endpoints.flatMap((w) => this.workspaceConnectionsOf(w.resource));
      connectionsOfList.set(endpoints, connections);
    }
    return connections;
  }

  private workspaceConnectionsOf(endpoint: Resource): Connection[] {
    let connections = workspaceConnections.get(endpoint);
    if (!connections) {
      connections = this.connectionsOf(endpoint, false);
      workspaceConnections.set(endpoint, connections);
    }
    return connections;
  }

  /**
   * Whether a private endpoint may connect to `resource`. A connection whose target cannot be known counts
   * when it is in the same file and its sub-resources fit the service (`groupIds`): a linter that guessed
   * otherwise would flag every template that names its resources with `uniqueString()`.
   */
  connects(resource: Resource, groupIds: readonly string[]): boolean {
    return this.connections.some((c) => this.matches(c, resource, groupIds)) || this.viaModule(resource);
  }

  /** The connections of a private endpoint (an `existing` one declares none). */
  private connectionsOf(endpoint: Resource, local: boolean): Connection[] {
    const result: Connection[] = [];
    if (endpoint.existing) return result;
    for (const path of CONNECTIONS) {
      const list = this.context.get(endpoint, path);
      if (list.state !== 'known' || list.value.kind !== 'array') continue;
      for (const item of list.value.items) {
        const target = lookup(item, 'properties.privateLinkServiceId');
        if (target.state === 'absent') continue;
        const groups = lookup(item, 'properties.groupIds');
        const groupIds = groups.state === 'known' && groups.value.kind === 'array' && !groups.value.incomplete && groups.value.items.every((g) => g.kind === 'string')
          ? groups.value.items.map((g) => (g.kind === 'string' ? g.value.toLowerCase() : ''))
          : undefined;
        const id = target.value.kind === 'string' ? idParts(target.value.value) : undefined;
        result.push({ target: target.value, local, ...(id ? { id } : {}), ...(groupIds ? { groupIds } : {}) });
      }
    }
    return result;
  }

  private matches(connection: Connection, resource: Resource, groupIds: readonly string[]): boolean {
    const { target } = connection;
    if (target.kind === 'resource') {
      if (target.resource === resource) return true;
      return this.sameResource(target.resource, resource);
    }
    if (target.kind === 'string') {
      const { id } = connection;
      if (id === undefined || !equalsIgnoringCase(id.type, resource.type)) return false;
      const name = this.name(resource);
      return name !== undefined && equalsIgnoringCase(id.name, name);
    }
    if (target.kind !== 'unknown' || !connection.local) return false;
    return connection.groupIds === undefined || connection.groupIds.some((g) => groupIds.includes(g));
  }

  /** The same type and, where both names are known, the same name (an `existing` declaration elsewhere). */
  private sameResource(other: Resource, resource: Resource): boolean {
    if (!equalsIgnoringCase(other.type, resource.type)) return false;
    const a = this.name(other);
    const b = this.name(resource);
    return a === undefined || b === undefined || equalsIgnoringCase(a, b);
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
    return this.context.workspace.resources(PRIVATE_ENDPOINT).some((w) => w.file.replace(/\\/g, '/').endsWith(`/${relative}`));
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
