import type { Range } from '../text/range';
import type { Lookup } from '../model/lookup';
import type { Hop, PropertyValue, Value } from '../model/value';
import type { KubernetesObject } from '../model/kubernetes';
import type { Resource } from '../model/template';
import { describeOrigin, type LineOf } from '../model/describe';
import type { RelatedLocation } from './finding';
import type { Place } from './ruleApi';

function isRange(place: Place): place is Range {
  return typeof (place as Range).start === 'number' && typeof (place as Range).end === 'number' && !('kind' in place);
}

function isLookup(place: Place): place is Lookup {
  return 'state' in place;
}

function isResource(place: Place): place is Resource {
  return 'typeRange' in place && 'body' in place;
}

function isKubernetesObject(place: Place): place is KubernetesObject {
  return 'apiVersion' in place && 'documentIndex' in place;
}

function isProperty(place: Place): place is PropertyValue {
  return 'keyRange' in place && 'value' in place && !('kind' in place);
}

/** Where a value is used: the first reference on its way, else where it is written. */
function useSite(value: Value): Range {
  return value.via[0]?.referenceRange ?? value.range;
}

/** Scalars are underlined where they are used; a whole object or array only by its key. */
function propertySite(property: PropertyValue): Range {
  const { value } = property;
  return value.kind === 'object' || value.kind === 'array' ? property.keyRange : useSite(value);
}

/** The range a place points to and, for a value (a lookup's, a property's), that value: its origin is told too. */
function site(place: Place): { range: Range; value?: Value } {
  if (isRange(place)) return { range: place };
  if (isResource(place)) return { range: place.typeRange };
  if (isKubernetesObject(place)) {
    const kind = place.value.properties.find((p) => p.key === 'kind');
    return { range: kind?.range ?? place.range };
  }
  if (isLookup(place)) {
    if (place.state === 'absent') return { range: place.container.range };
    return { range: place.property ? propertySite(place.property) : useSite(place.value), value: place.value };
  }
  if (isProperty(place)) return { range: propertySite(place), value: place.value };
  return { range: useSite(place), value: place };
}

/** The range a finding or related location at `place` underlines, as a plain object (a fact carries it). */
export function rangeOf(place: Place): Range {
  const { start, end } = site(place).range;
  return { start, end };
}

/**
 * The range a finding underlines for a place, and, for a value that came through parameters or variables, a
 * related location where it is written (the text a fix edits).
 */
export function locate(place: Place, lineOf: LineOf): { range: Range; related: RelatedLocation[]; origin?: string } {
  const { range, value } = site(place);
  return value ? withOrigin(range, value, lineOf) : { range, related: [] };
}

function withOrigin(range: Range, value: Value, lineOf: LineOf): { range: Range; related: RelatedLocation[]; origin?: string } {
  if (value.via.length === 0) return { range, related: [] };
  const source: Hop = value.via[value.via.length - 1];
  const where = source.kind === 'deployed' ? `looked up live from the deployed resource ${source.name}` : `the value is written here (${source.kind === 'variable' ? 'variable' : 'parameter'} \`${source.name}\`)`;
  const related: RelatedLocation = { message: where, range: value.range, ...(source.file ? { file: source.file } : {}) };
  return { range, related: [related], origin: describeOrigin(value, lineOf) };
}
