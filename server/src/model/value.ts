import type { Range } from '../text/range';
import type { Resource } from './template';

/**
 * The statically evaluated value of an expression. Three states matter to a rule: a known value (with where it
 * came from), an unknown one (with the reason), and an absent property (a lookup that finds nothing; see
 * `lookup.ts`). Known scalars and containers keep the range of the text that produced them, so a fix can edit
 * that text, and `via` records the parameters and variables the value travelled through.
 */
export type Value =
  | StringValue
  | NumberValue
  | BooleanValue
  | NullValue
  | ObjectValue
  | ArrayValue
  | ResourceValue
  | UnknownValue;

export type KnownValue = Exclude<Value, UnknownValue>;

/** One step on the way from where a value is used to where it is written. */
export interface Hop {
  /** `deployed`: an `existing` resource's body, looked up live in Azure; `name` is its resource id */
  readonly kind: 'parameter-default' | 'parameter-value' | 'variable' | 'deployed';
  readonly name: string;
  /** where the parameter or variable is referenced */
  readonly referenceRange: Range;
  /** the declared name (for a supplied parameter value: the supplying entry), for "line N" in messages */
  readonly declarationRange: Range;
  /** for `parameter-value`: what supplied it (`parameter file main.bicepparam`) */
  readonly source?: string;
  /** the file `declarationRange` is in, when it is not the template's own (a parameter file) */
  readonly file?: string;
}

interface ValueBase {
  /** the text that produced this value: a literal, an object, or the expression computing it */
  readonly range: Range;
  /** hops from the use site to `range`, outermost first; empty when the value is written where it is used */
  readonly via: readonly Hop[];
}

export interface StringValue extends ValueBase {
  readonly kind: 'string';
  readonly value: string;
  /** true when `range` is a plain literal whose text is exactly this string (safe to replace in place) */
  readonly literal: boolean;
}

export interface NumberValue extends ValueBase {
  readonly kind: 'number';
  readonly value: number;
}

export interface BooleanValue extends ValueBase {
  readonly kind: 'boolean';
  readonly value: boolean;
}

export interface NullValue extends ValueBase {
  readonly kind: 'null';
}

export interface PropertyValue {
  readonly key: string;
  readonly keyRange: Range;
  readonly value: Value;
  /** the whole entry: key, separator and value */
  readonly range: Range;
}

export interface ObjectValue extends ValueBase {
  readonly kind: 'object';
  readonly properties: readonly PropertyValue[];
  /**
   * Set when some entries could not be known (a spread of an unknown object, an interpolated key): a missing
   * property may then be present at deployment, so a lookup of it is unknown rather than absent.
   */
  readonly incomplete?: string;
  /** ARM and Bicep property names are case-insensitive; Kubernetes ones are not */
  readonly caseSensitive: boolean;
}

export interface ArrayValue extends ValueBase {
  readonly kind: 'array';
  readonly items: readonly Value[];
  /** set when some items could not be known (a loop over an unknown collection, a spread) */
  readonly incomplete?: string;
}

/** A reference to a resource declared in the template: a Bicep symbolic name, `kv.id`, a matching `resourceId()`. */
export interface ResourceValue extends ValueBase {
  readonly kind: 'resource';
  readonly resource: Resource;
  /** `reference`: the resource itself (`scope: kv`); `id`: its resource id (`kv.id`, `resourceId(...)`) */
  readonly aspect: 'reference' | 'id';
}

export interface UnknownValue extends ValueBase {
  readonly kind: 'unknown';
  /** why it cannot be known statically: "parameter `enableRbac` has no default" */
  readonly reason: string;
  /**
   * For a string built by concatenation with some unknown parts: the parts in order, so that a rule can still
   * see `AccountKey=` followed by a `listKeys()` result.
   */
  readonly fragments?: readonly (StringValue | UnknownValue)[];
  /** the deployment-time function whose result this is (`listKeys`, `reference`, `uniqueString`...) */
  readonly runtimeFunction?: string;
}

export function isKnown(value: Value): value is KnownValue {
  return value.kind !== 'unknown';
}

/** The value as plain JSON when all of it is known, else `undefined`. */
export function toJson(value: Value): unknown {
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'array': {
      if (value.incomplete) return undefined;
      const items: unknown[] = [];
      for (const item of value.items) {
        const json = toJson(item);
        if (json === undefined) return undefined;
        items.push(json);
      }
      return items;
    }
    case 'object': {
      if (value.incomplete) return undefined;
      const result: Record<string, unknown> = {};
      for (const property of value.properties) {
        const json = toJson(property.value);
        if (json === undefined) return undefined;
        result[property.key] = json;
      }
      return result;
    }
    default:
      return undefined;
  }
}
