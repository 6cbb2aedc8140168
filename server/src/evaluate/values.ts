import { equalsIgnoringCase } from '../text/equalsIgnoringCase';
import type { Range } from '../text/range';
import type { ArrayValue, Hop, ObjectValue, PropertyValue, StringValue, UnknownValue, Value } from '../model/value';

/**
 * The hops of a value written where it is used: one array for all of them, as most values are, and a value's
 * hops are never changed (a value reached through more hops is a new value).
 */
export const NO_HOPS: readonly Hop[] = [];

/** Constructors for computed values: a computed value's range is the expression that computed it. */
export function stringValue(value: string, range: Range, literal = false): StringValue {
  return { kind: 'string', value, range, via: NO_HOPS, literal };
}

export function numberValue(value: number, range: Range): Value {
  return { kind: 'number', value, range, via: NO_HOPS };
}

export function booleanValue(value: boolean, range: Range): Value {
  return { kind: 'boolean', value, range, via: NO_HOPS };
}

export function nullValue(range: Range): Value {
  return { kind: 'null', range, via: NO_HOPS };
}

export function unknownValue(range: Range, reason: string, extra?: Partial<Pick<UnknownValue, 'fragments' | 'runtimeFunction'>>): UnknownValue {
  // Written out rather than spread: spreading `extra` into each unknown value showed in the evaluation time.
  return { kind: 'unknown', reason, range, via: NO_HOPS, fragments: extra?.fragments, runtimeFunction: extra?.runtimeFunction };
}

/** An array whose items were evaluated; `incomplete` says why some could not be. */
export function arrayValue(items: readonly Value[], range: Range, incomplete?: string): ArrayValue {
  const value: ArrayValue = { kind: 'array', items, range, via: NO_HOPS };
  return incomplete ? { ...value, incomplete } : value;
}

/** An object whose entries were evaluated; `incomplete` says why some could not be. */
export function objectValue(properties: readonly PropertyValue[], range: Range, incomplete?: string): ObjectValue {
  const value: ObjectValue = { kind: 'object', properties, range, via: NO_HOPS, caseSensitive: false };
  return incomplete ? { ...value, incomplete } : value;
}

/** Plain JSON (a parsed string, a deployed resource) as a value whose every part was produced at `range`. */
export function jsonValue(json: unknown, range: Range): Value {
  if (json === null || json === undefined) return nullValue(range);
  if (typeof json === 'string') return stringValue(json, range);
  if (typeof json === 'number') return numberValue(json, range);
  if (typeof json === 'boolean') return booleanValue(json, range);
  if (Array.isArray(json)) return arrayValue(json.map((item) => jsonValue(item, range)), range);
  const properties = Object.entries(json as Record<string, unknown>).map(([key, item]) => ({ key, keyRange: range, value: jsonValue(item, range), range }));
  return objectValue(properties, range);
}

/** The same value, reached through one more parameter or variable. */
export function throughHop(value: Value, hop: Hop): Value {
  return { ...value, via: [hop, ...value.via] };
}

/** The same value, reached through the hops that led to the object or array it was read from. */
export function throughHops(value: Value, hops: readonly Hop[]): Value {
  return hops.length === 0 ? value : { ...value, via: [...hops, ...value.via] };
}

/** An unknown value computed from `cause`: its reason, and the deployment-time function it comes from. */
export function unknownFrom(range: Range, cause: UnknownValue): UnknownValue {
  return unknownValue(range, cause.reason, cause.runtimeFunction ? { runtimeFunction: cause.runtimeFunction } : undefined);
}

/** Past this many entries an object's keys are looked up lower-cased in a map rather than compared one by one. */
const COMPARED_AT_MOST = 12;

/**
 * The entries of an object being built, in order, where a key set again (ignoring case, as ARM and Bicep do)
 * replaces the entry where it was.
 */
export class PropertyList {
  readonly entries: PropertyValue[];
  /** each lower-cased key's first position, once there are too many entries to compare them one by one */
  private positions?: Map<string, number>;

  /** starting with `entries` as they are, even two with one key (`json()` can make such an object) */
  constructor(entries?: readonly PropertyValue[]) {
    this.entries = entries ? [...entries] : [];
    if (this.entries.length > COMPARED_AT_MOST) this.indexKeys();
  }

  set(entry: PropertyValue): void {
    const at = this.indexOf(entry.key);
    if (at >= 0) {
      this.entries[at] = entry;
      return;
    }
    this.entries.push(entry);
    if (this.positions) this.positions.set(entry.key.toLowerCase(), this.entries.length - 1);
    else if (this.entries.length > COMPARED_AT_MOST) this.indexKeys();
  }

  /** The first entry with this key, ignoring case. */
  get(key: string): PropertyValue | undefined {
    const at = this.indexOf(key);
    return at < 0 ? undefined : this.entries[at];
  }

  /** The position of the first entry with this key, ignoring case; -1 when there is none. */
  indexOf(key: string): number {
    if (this.positions) return this.positions.get(key.toLowerCase()) ?? -1;
    for (let i = 0; i < this.entries.length; i++) if (equalsIgnoringCase(this.entries[i].key, key)) return i;
    return -1;
  }

  private indexKeys(): void {
    const positions = new Map<string, number>();
    this.entries.forEach((entry, i) => {
      const key = entry.key.toLowerCase();
      if (!positions.has(key)) positions.set(key, i);
    });
    this.positions = positions;
  }
}

/** Structural equality of known values as ARM `equals()` sees it; `undefined` when either side is not fully known. */
export function sameValue(a: Value, b: Value): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind === 'resource' || b.kind === 'resource') {
    return a.kind === 'resource' && b.kind === 'resource' ? a.resource === b.resource && a.aspect === b.aspect : undefined;
  }
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'null':
      return true;
    case 'string':
    case 'number':
    case 'boolean':
      return a.value === (b as typeof a).value;
    case 'array': {
      const other = b as typeof a;
      if (a.incomplete || other.incomplete) return undefined;
      if (a.items.length !== other.items.length) return false;
      let all: boolean | undefined = true;
      for (let i = 0; i < a.items.length; i++) {
        const same = sameValue(a.items[i], other.items[i]);
        if (same === false) return false;
        if (same === undefined) all = undefined;
      }
      return all;
    }
    case 'object': {
      const other = b as typeof a;
      if (a.incomplete || other.incomplete) return undefined;
      if (a.properties.length !== other.properties.length) return false;
      let all: boolean | undefined = true;
      for (const entry of a.properties) {
        const match = other.properties.find((p) => equalsIgnoringCase(p.key, entry.key));
        if (!match) return false;
        const same = sameValue(entry.value, match.value);
        if (same === false) return false;
        if (same === undefined) all = undefined;
      }
      return all;
    }
  }
}
