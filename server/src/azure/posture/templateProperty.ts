import type { Range } from '../../text/range';
import type { Value } from '../../model/value';

/**
 * The path (`properties.networkAcls.defaultAction`) of the property whose value a finding underlines in a
 * resource's evaluated body: where it is used, which for a value from a parameter is the reference, not the
 * default. `undefined` when the finding is on no property value (the resource itself, a key, a missing property).
 */
export function propertyAt(body: Value, range: Range): string[] | undefined {
  if (body.kind !== 'object') return undefined;
  for (const entry of body.properties) {
    const { value } = entry;
    const site = value.via[0]?.referenceRange ?? value.range;
    if (site.start === range.start && site.end === range.end && value.kind !== 'object' && value.kind !== 'array') return [entry.key];
    if (range.start < entry.range.start || range.end > entry.range.end) continue;
    const inner = propertyAt(value, range);
    if (inner) return [entry.key, ...inner];
  }
  return undefined;
}
