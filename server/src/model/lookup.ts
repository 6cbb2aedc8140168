import type { KnownValue, ObjectValue, PropertyValue, UnknownValue, Value } from './value';

/** The outcome of looking a property path up in a value: found, not knowable, or not set. */
export type Lookup =
  | { readonly state: 'known'; readonly value: KnownValue; readonly property?: PropertyValue }
  | { readonly state: 'unknown'; readonly value: UnknownValue; readonly property?: PropertyValue }
  | {
      readonly state: 'absent';
      /** the deepest object on the path that exists: where a fix would insert the missing part */
      readonly container: ObjectValue;
      /** the keys below `container` that are missing, outermost first */
      readonly missing: readonly string[];
    };

/** The entry for `key`, matching case-insensitively where the format's names are (ARM and Bicep properties). */
export function property(object: ObjectValue, key: string): PropertyValue | undefined {
  let loose: PropertyValue | undefined;
  for (const entry of object.properties) {
    if (entry.key === key) return entry;
    if (!object.caseSensitive && loose === undefined && entry.key.toLowerCase() === key.toLowerCase()) loose = entry;
  }
  return loose;
}

/** Follows `path` (`'properties.networkAcls.defaultAction'` or its segments) from `root`. */
export function lookup(root: Value, path: string | readonly string[]): Lookup {
  const keys = typeof path === 'string' ? path.split('.') : path;
  let current: Value = root;
  let entry: PropertyValue | undefined;
  for (let i = 0; i < keys.length; i++) {
    if (current.kind === 'unknown') return { state: 'unknown', value: current, property: entry };
    if (current.kind !== 'object') {
      const reason = `\`${keys.slice(0, i).join('.')}\` is ${current.kind === 'array' ? 'an array' : `a ${current.kind}`}, not an object`;
      return { state: 'unknown', value: { kind: 'unknown', reason, range: current.range, via: current.via }, property: entry };
    }
    const next = property(current, keys[i]);
    if (next === undefined) {
      if (current.incomplete) {
        const unknown: UnknownValue = { kind: 'unknown', reason: current.incomplete, range: current.range, via: current.via };
        return { state: 'unknown', value: unknown, property: entry };
      }
      return { state: 'absent', container: current, missing: keys.slice(i) };
    }
    entry = next;
    // A value read out of an object keeps the parameters and variables the object came through.
    current = current.via.length === 0 ? next.value : { ...next.value, via: [...current.via, ...next.value.via] };
  }
  return current.kind === 'unknown'
    ? { state: 'unknown', value: current, property: entry }
    : { state: 'known', value: current, property: entry };
}
