import { jsonValue } from '../../evaluate/values';
import type { Resource } from '../../model/template';
import type { Hop, PropertyValue, Value } from '../../model/value';

/** The parts of a GET's answer that describe the resource rather than where it is. */
const DEPLOYED_KEYS = ['location', 'kind', 'sku', 'identity', 'tags', 'properties'];

/**
 * The body rules see for an `existing` resource whose deployed state is known: what the declaration says
 * (`name`, `scope`) and what Azure answered for the rest. Each deployed part carries a hop naming the resource id,
 * so a message says "from the deployed resource <id>, looked up live"; it points at the reference's name, the
 * only text in the file it stands for.
 */
export function deployedBody(resource: Resource, declared: Value, id: string, deployed: Readonly<Record<string, unknown>>): Value {
  const at = resource.name.range;
  const hop: Hop = { kind: 'deployed', name: id, referenceRange: at, declarationRange: at };
  const fromAzure: PropertyValue[] = DEPLOYED_KEYS.filter((key) => deployed[key] !== undefined).map((key) => ({
    key,
    keyRange: at,
    value: { ...jsonValue(deployed[key], at), via: [hop] },
    range: at,
  }));
  const written = declared.kind === 'object' ? declared.properties.filter((p) => !DEPLOYED_KEYS.includes(p.key.toLowerCase())) : [];
  return { kind: 'object', properties: [...written, ...fromAzure], range: declared.range, via: [], caseSensitive: false };
}
