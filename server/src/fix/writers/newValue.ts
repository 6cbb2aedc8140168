import { TemplateReference, type NewObject, type NewValue, type ReferenceSpec } from '../intent';
import type { Resource } from '../../model/template';
import { FixNotWritable } from '../textEdit';

/** A new value by shape, so that each renderer switches on one tag instead of repeating the type tests. */
export type Shape =
  | { readonly kind: 'scalar'; readonly value: string | number | boolean | null }
  | { readonly kind: 'array'; readonly items: readonly NewValue[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, NewValue])[] }
  | { readonly kind: 'reference'; readonly spec: ReferenceSpec };

export function shapeOf(value: NewValue): Shape {
  if (value instanceof TemplateReference) return { kind: 'reference', spec: value.spec };
  if (Array.isArray(value)) return { kind: 'array', items: value };
  if (value !== null && typeof value === 'object') return { kind: 'object', entries: Object.entries(value as NewObject) };
  if (typeof value === 'number' && !Number.isFinite(value)) throw new FixNotWritable(`${value} cannot be written as a number`);
  return { kind: 'scalar', value: value as string | number | boolean | null };
}

/** `value` under `keys`: add-property's missing objects on the way, `['a', 'b'], 1` → `{ a: { b: 1 } }`. */
export function nest(keys: readonly string[], value: NewValue): NewValue {
  return keys.reduceRight<NewValue>((inner, key) => ({ [key]: inner }), value);
}

/** The resources a new value refers to, in order of first mention (what a new ARM resource depends on). */
export function referencedResources(value: NewValue, found: Resource[] = []): Resource[] {
  const shape = shapeOf(value);
  switch (shape.kind) {
    case 'reference':
      if ('resource' in shape.spec && !found.includes(shape.spec.resource)) found.push(shape.spec.resource);
      break;
    case 'array':
      shape.items.forEach((item) => referencedResources(item, found));
      break;
    case 'object':
      shape.entries.forEach(([, item]) => referencedResources(item, found));
      break;
  }
  return found;
}

/** References to one instance of a resource declared in a loop would need an index the fix cannot know. */
export function singleInstance(resource: Resource): Resource {
  if (resource.loop) throw new FixNotWritable(`resource \`${resource.symbolicName ?? resource.type}\` is declared in a loop`);
  return resource;
}
