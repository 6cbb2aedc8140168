import { findNodeAtOffset, getNodePath, parseTree, type Node } from 'jsonc-parser';
import type { RenderedResource, RenderedSnapshot } from './render';

export interface DeployedPlace {
  readonly resourceId: string;
  /** dotted, below the resource (`properties.networkAcls.defaultAction`); absent for the resource as a whole */
  readonly property?: string;
}

/** Where the resource's own header is: a finding there is about the resource, not one of its properties. */
const HEADER_KEYS = new Set(['type', 'apiversion', 'name', 'id']);

/** Finds, for an offset in the rendered snapshot, the deployed resource and the property it falls in. */
export function deployedPlaces(rendered: RenderedSnapshot): (offset: number) => DeployedPlace | undefined {
  // Each element is parsed on its own, when a finding first falls in it: the whole array would be searched linearly.
  const trees = new Map<RenderedResource, Node | undefined>();
  return (offset) => {
    const resource = containing(rendered, offset);
    if (!resource) return undefined;
    if (!trees.has(resource)) trees.set(resource, parseTree(rendered.text.slice(resource.start, resource.end)));
    const root = trees.get(resource);
    const node = root && findNodeAtOffset(root, offset - resource.start);
    // A key's own node is not a value: its property's value is what the path names.
    const value = node?.parent?.type === 'property' && node.parent.children?.[0] === node ? node.parent.children[1] : node;
    const path = value ? getNodePath(value) : [];
    if (path.length === 0 || (path.length === 1 && typeof path[0] === 'string' && HEADER_KEYS.has(path[0].toLowerCase()))) return { resourceId: resource.resourceId };
    return { resourceId: resource.resourceId, property: dotted(path) };
  };
}

function containing(rendered: RenderedSnapshot, offset: number) {
  const { resources } = rendered;
  let low = 0;
  let high = resources.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const r = resources[mid];
    if (offset < r.start) high = mid - 1;
    else if (offset >= r.end) low = mid + 1;
    else return r;
  }
  return undefined;
}

function dotted(path: readonly (string | number)[]): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}
