import type { Range } from '../text/range';
import type { Hop, StringValue, UnknownValue, Value } from '../model/value';

/** Constructors for computed values: a computed value's range is the expression that computed it. */
export function stringValue(value: string, range: Range, literal = false): StringValue {
  return { kind: 'string', value, range, via: [], literal };
}

export function numberValue(value: number, range: Range): Value {
  return { kind: 'number', value, range, via: [] };
}

export function booleanValue(value: boolean, range: Range): Value {
  return { kind: 'boolean', value, range, via: [] };
}

export function nullValue(range: Range): Value {
  return { kind: 'null', range, via: [] };
}

export function unknownValue(range: Range, reason: string, extra: Partial<Pick<UnknownValue, 'fragments' | 'runtimeFunction'>> = {}): UnknownValue {
  return { kind: 'unknown', reason, range, via: [], ...extra };
}

/** Plain JSON (a parsed string, a deployed resource) as a value whose every part was produced at `range`. */
export function jsonValue(json: unknown, range: Range): Value {
  if (json === null || json === undefined) return nullValue(range);
  if (typeof json === 'string') return stringValue(json, range);
  if (typeof json === 'number') return numberValue(json, range);
  if (typeof json === 'boolean') return booleanValue(json, range);
  if (Array.isArray(json)) return { kind: 'array', items: json.map((item) => jsonValue(item, range)), range, via: [] };
  const properties = Object.entries(json as Record<string, unknown>).map(([key, item]) => ({ key, keyRange: range, value: jsonValue(item, range), range }));
  return { kind: 'object', properties, range, via: [], caseSensitive: false };
}

/** The same value, reached through one more parameter or variable. */
export function throughHop(value: Value, hop: Hop): Value {
  return { ...value, via: [hop, ...value.via] };
}

/** The same value, reached through the hops that led to the object or array it was read from. */
export function throughHops(value: Value, hops: readonly Hop[]): Value {
  return hops.length === 0 ? value : { ...value, via: [...hops, ...value.via] };
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
        const match = other.properties.find((p) => p.key.toLowerCase() === entry.key.toLowerCase());
        if (!match) return false;
        const same = sameValue(entry.value, match.value);
        if (same === false) return false;
        if (same === undefined) all = undefined;
      }
      return all;
    }
  }
}
