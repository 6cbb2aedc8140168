import type { Range } from '../text/range';
import type { CallExpr } from '../model/expr';
import type { Resource, Template } from '../model/template';
import type { ArrayValue, ObjectValue, PropertyValue, StringValue, UnknownValue, Value } from '../model/value';
import { property } from '../model/lookup';
import { toJson } from '../model/value';
import type { Evaluator } from './evaluator';
import { MAX_UNROLLED_ITEMS } from './limits';
import { arrayValue, booleanValue, jsonValue, NO_HOPS, nullValue, numberValue, objectValue, PropertyList, sameValue, stringValue, unknownFrom, unknownValue } from './values';
import { equalsIgnoringCase } from '../text/equalsIgnoringCase';
import { nameScope } from './scope';
import { allResources } from '../model/walk';

export interface CallContext {
  readonly template: Template;
  readonly evaluator: Evaluator;
}

/** Evaluates argument i on first use, so `and`/`or`/`if`/`coalesce` can short-circuit. */
type Arg = (i: number) => Value;
type Builtin = (call: CallExpr, arg: Arg, context: CallContext) => Value;

/**
 * ARM (and Bicep) built-in functions that can be evaluated without deploying; names are lower case. A map, as
 * looking a name up among an object's properties costs more: each call's name is a new string.
 */
const builtins = new Map<string, Builtin>(Object.entries({
  concat: (call, arg) => concat(call, args(call, arg)),
  format: (call, arg) => format(call, args(call, arg)),
  string: (call, arg) => unary(call, arg, (v) => (isScalar(v) ? stringValue(scalarText(v), call.range) : jsonText(v, call.range))),
  int: (call, arg) => unary(call, arg, (v) => (v.kind === 'number' ? numberValue(Math.trunc(v.value), call.range) : v.kind === 'string' && /^-?\d+$/.test(v.value.trim()) ? numberValue(Number(v.value), call.range) : undefined)),
  bool: (call, arg) => unary(call, arg, (v) => (v.kind === 'boolean' ? v : v.kind === 'string' && /^(true|false)$/i.test(v.value) ? booleanValue(v.value.toLowerCase() === 'true', call.range) : v.kind === 'number' ? booleanValue(v.value !== 0, call.range) : undefined)),
  tolower: (call, arg) => unary(call, arg, (v) => (v.kind === 'string' ? stringValue(v.value.toLowerCase(), call.range) : undefined)),
  toupper: (call, arg) => unary(call, arg, (v) => (v.kind === 'string' ? stringValue(v.value.toUpperCase(), call.range) : undefined)),
  trim: (call, arg) => unary(call, arg, (v) => (v.kind === 'string' ? stringValue(v.value.trim(), call.range) : undefined)),
  empty: (call, arg) => unary(call, arg, (v) => sizeOf(v) === undefined ? (v.kind === 'null' ? booleanValue(true, call.range) : undefined) : booleanValue(sizeOf(v) === 0, call.range)),
  length: (call, arg) => unary(call, arg, (v) => { const n = sizeOf(v); return n === undefined ? undefined : numberValue(n, call.range); }),
  contains: (call, arg) => binary(call, arg, (container, item) => contains(container, item, call.range)),
  startswith: (call, arg) => binary(call, arg, (a, b) => (a.kind === 'string' && b.kind === 'string' ? booleanValue(a.value.toLowerCase().startsWith(b.value.toLowerCase()), call.range) : undefined)),
  endswith: (call, arg) => binary(call, arg, (a, b) => (a.kind === 'string' && b.kind === 'string' ? booleanValue(a.value.toLowerCase().endsWith(b.value.toLowerCase()), call.range) : undefined)),
  replace: (call, arg) => known(call, args(call, arg), ([s, from, to]) => (s?.kind === 'string' && from?.kind === 'string' && to?.kind === 'string' ? stringValue(s.value.split(from.value).join(to.value), call.range) : undefined)),
  split: (call, arg) => binary(call, arg, (s, sep) => (s.kind === 'string' && sep.kind === 'string' ? arrayValue(s.value.split(sep.value).map((part) => stringValue(part, call.range)), call.range) : undefined)),
  join: (call, arg) => binary(call, arg, (items, sep) => (items.kind === 'array' && !items.incomplete && sep.kind === 'string' && items.items.every(isScalar) ? stringValue(items.items.map((v) => scalarText(v as ScalarValue)).join(sep.value), call.range) : undefined)),
  first: (call, arg) => unary(call, arg, (v) => (v.kind === 'array' && !v.incomplete ? v.items[0] ?? nullValue(call.range) : v.kind === 'string' ? stringValue(v.value.slice(0, 1), call.range) : undefined)),
  last: (call, arg) => unary(call, arg, (v) => (v.kind === 'array' && !v.incomplete ? v.items[v.items.length - 1] ?? nullValue(call.range) : v.kind === 'string' ? stringValue(v.value.slice(-1), call.range) : undefined)),
  union: (call, arg) => union(call, args(call, arg)),
  createobject: (call, arg) => createObject(call, args(call, arg)),
  createarray: (call, arg) => arrayValue(args(call, arg), call.range),
  array: (call, arg) => unary(call, arg, (v) => (v.kind === 'array' ? v : arrayValue([v], call.range))),
  json: (call, arg) => unary(call, arg, (v) => (v.kind === 'string' ? parseJson(v.value, call.range) : undefined)),
  range: (call, arg) => binary(call, arg, (start, count) => (start.kind === 'number' && count.kind === 'number' && count.value >= 0 && count.value <= MAX_UNROLLED_ITEMS ? arrayValue(Array.from({ length: count.value }, (_, i) => numberValue(start.value + i, call.range)), call.range) : undefined)),
  equals: (call, arg) => binary(call, arg, (a, b) => { const same = sameValue(a, b); return same === undefined ? undefined : booleanValue(same, call.range); }),
  equalsignorecase: (call, arg) => binary(call, arg, (a, b) => (a.kind === 'string' && b.kind === 'string' ? booleanValue(a.value.toLowerCase() === b.value.toLowerCase(), call.range) : undefined)),
  not: (call, arg) => unary(call, arg, (v) => (v.kind === 'boolean' ? booleanValue(!v.value, call.range) : undefined)),
  and: (call, arg) => logical(call, arg, false),
  or: (call, arg) => logical(call, arg, true),
  if: (call, arg, { evaluator }) => evaluator.choose(arg(0), () => arg(1), () => arg(2), call.range),
  coalesce: (call, arg) => coalesce(call, arg),
  less: (call, arg) => compare(call, arg, (c) => c < 0),
  lessorequals: (call, arg) => compare(call, arg, (c) => c <= 0),
  greater: (call, arg) => compare(call, arg, (c) => c > 0),
  greaterorequals: (call, arg) => compare(call, arg, (c) => c >= 0),
  add: (call, arg) => arithmetic(call, arg, (a, b) => a + b),
  sub: (call, arg) => arithmetic(call, arg, (a, b) => a - b),
  mul: (call, arg) => arithmetic(call, arg, (a, b) => a * b),
  div: (call, arg) => arithmetic(call, arg, (a, b) => (b === 0 ? undefined : Math.trunc(a / b))),
  mod: (call, arg) => arithmetic(call, arg, (a, b) => (b === 0 ? undefined : a % b)),
  negate: (call, arg) => unary(call, arg, (v) => (v.kind === 'number' ? numberValue(-v.value, call.range) : undefined)),
  resourceid: (call, arg, context) => resourceId(call, args(call, arg), context),
  subscriptionresourceid: (call, arg, context) => resourceId(call, args(call, arg), context),
  tenantresourceid: (call, arg, context) => resourceId(call, args(call, arg), context),
  extensionresourceid: (call, arg, context) => resourceId(call, args(call, arg).slice(1), context),
} satisfies Record<string, Builtin>));

/** Functions whose result exists only at deployment; secrets among them are what rules look for. */
const runtimeFunctions = new Set([
  'reference', 'resourcegroup', 'subscription', 'tenant', 'managementgroup', 'deployment', 'deployer', 'environment',
  'utcnow', 'newguid', 'uniquestring', 'guid', 'copyindex', 'pickzones', 'providers', 'getsecret', 'readenvironmentvariable',
  'externalinput', 'base64', 'base64tostring', 'datauri', 'loadtextcontent', 'loadfilecontent', 'loadjsoncontent', 'loadyamlcontent',
]);

export function callFunction(call: CallExpr, arg: Arg, context: CallContext): Value {
  const name = call.name.toLowerCase();
  const builtin = builtins.get(name);
  if (builtin) return builtin(call, arg, context);
  if (name.startsWith('list') || runtimeFunctions.has(name)) {
    const reason = name.startsWith('list') ? `\`${call.name}()\` returns its result at deployment` : `\`${call.name}()\` is evaluated at deployment`;
    return unknownValue(call.range, reason, { runtimeFunction: call.name });
  }
  return unknownValue(call.range, `\`${call.name}()\` is not evaluated statically`);
}

type ScalarValue = Extract<Value, { kind: 'string' | 'number' | 'boolean' | 'null' }>;

function isScalar(value: Value): value is ScalarValue {
  return value.kind === 'string' || value.kind === 'number' || value.kind === 'boolean' || value.kind === 'null';
}

function scalarText(value: ScalarValue): string {
  return value.kind === 'null' ? '' : String(value.kind === 'boolean' ? value.value : value.value);
}

function args(call: CallExpr, arg: Arg): Value[] {
  return call.args.map((_, i) => arg(i));
}

function firstUnknown(values: readonly Value[]): UnknownValue | undefined {
  return values.find((v): v is UnknownValue => v.kind === 'unknown');
}

/** Applies `compute` to fully known arguments; an unknown argument makes the result unknown with its reason. */
function known(call: CallExpr, values: Value[], compute: (values: Value[]) => Value | undefined): Value {
  const unknown = firstUnknown(values);
  if (unknown) return unknownFrom(call.range, unknown);
  return compute(values) ?? unknownValue(call.range, `\`${call.name}()\` cannot be evaluated with these arguments`);
}

function unary(call: CallExpr, arg: Arg, compute: (a: Value) => Value | undefined): Value {
  if (call.args.length < 1) return unknownValue(call.range, `\`${call.name}()\` needs an argument`);
  return known(call, [arg(0)], ([a]) => compute(a));
}

function binary(call: CallExpr, arg: Arg, compute: (a: Value, b: Value) => Value | undefined): Value {
  if (call.args.length < 2) return unknownValue(call.range, `\`${call.name}()\` needs two arguments`);
  return known(call, [arg(0), arg(1)], ([a, b]) => compute(a, b));
}

function sizeOf(value: Value): number | undefined {
  if (value.kind === 'string') return value.value.length;
  if (value.kind === 'array') return value.incomplete ? undefined : value.items.length;
  if (value.kind === 'object') return value.incomplete ? undefined : value.properties.length;
  return undefined;
}

/** Concatenation of strings keeps its known pieces even when some are unknown (`AccountKey=` + `listKeys()`). */
function concat(call: CallExpr, values: Value[]): Value {
  if (values.length > 0 && values.every((v) => v.kind === 'array')) {
    const arrays = values as ArrayValue[];
    const incomplete = arrays.find((a) => a.incomplete)?.incomplete;
    return arrayValue(arrays.flatMap((a) => a.items), call.range, incomplete);
  }
  return joinFragments(call.range, values.flatMap((v) => fragmentsOf(v)));
}

function fragmentsOf(value: Value): (StringValue | UnknownValue)[] {
  if (value.kind === 'unknown') return value.fragments ? [...value.fragments] : [value];
  if (value.kind === 'string') return [value];
  if (isScalar(value)) return [stringValue(scalarText(value), value.range)];
  return [unknownValue(value.range, `a ${value.kind} inside a string`)];
}

function joinFragments(range: Range, fragments: (StringValue | UnknownValue)[]): Value {
  const unknown = firstUnknown(fragments);
  if (!unknown) {
    if (fragments.length === 1) return { ...(fragments[0] as StringValue), range, literal: false, via: fragments[0].via };
    return stringValue(fragments.map((f) => (f as StringValue).value).join(''), range);
  }
  return unknownValue(range, unknown.reason, { fragments, ...(unknown.runtimeFunction ? { runtimeFunction: unknown.runtimeFunction } : {}) });
}

/** ARM `format('{0}-{1:D2}', a, b)`: placeholders are numbered; format specifiers are ignored. */
function format(call: CallExpr, values: Value[]): Value {
  const [pattern, ...rest] = values;
  if (!pattern || pattern.kind !== 'string') {
    return pattern?.kind === 'unknown' ? unknownValue(call.range, pattern.reason) : unknownValue(call.range, '`format()` needs a format string');
  }
  const fragments: (StringValue | UnknownValue)[] = [];
  // A specifier (`{1:D2}`) runs to the next `}`. Past the last `}` a `{n:` cannot close, which is known without
  // searching: searching from each `{n:` of `{0:{0:{0:...` would be quadratic.
  const placeholder = /\{(\d+)([:}])|\{\{|\}\}/g;
  const lastClose = pattern.value.lastIndexOf('}');
  let last = 0;
  for (let m = placeholder.exec(pattern.value); m; m = placeholder.exec(pattern.value)) {
    if (m[2] === ':') {
      if (placeholder.lastIndex > lastClose) {
        placeholder.lastIndex = m.index + 1;
        continue;
      }
      placeholder.lastIndex = pattern.value.indexOf('}', placeholder.lastIndex) + 1;
    }
    fragments.push(stringValue(pattern.value.slice(last, m.index), pattern.range));
    if (m[0] === '{{' || m[0] === '}}') fragments.push(stringValue(m[0][0], pattern.range));
    else {
      const value = rest[Number(m[1])];
      fragments.push(...(value ? fragmentsOf(value) : [unknownValue(call.range, `\`format()\` has no argument ${m[1]}`)]));
    }
    last = placeholder.lastIndex;
  }
  fragments.push(stringValue(pattern.value.slice(last), pattern.range));
  return joinFragments(call.range, fragments.filter((f) => f.kind === 'unknown' || f.value !== ''));
}

function jsonText(value: Value, range: Range): Value | undefined {
  const json = toJson(value);
  return json === undefined ? undefined : stringValue(JSON.stringify(json), range);
}

function contains(container: Value, item: Value, range: Range): Value | undefined {
  if (container.kind === 'string' && isScalar(item)) return booleanValue(container.value.includes(scalarText(item)), range);
  if (container.kind === 'object' && item.kind === 'string') {
    if (property(container, item.value)) return booleanValue(true, range);
    return container.incomplete ? undefined : booleanValue(false, range);
  }
  if (container.kind === 'array') {
    let unsure = Boolean(container.incomplete);
    for (const candidate of container.items) {
      const same = sameValue(candidate, item);
      if (same) return booleanValue(true, range);
      if (same === undefined) unsure = true;
    }
    return unsure ? undefined : booleanValue(false, range);
  }
  return undefined;
}

/** Objects merge (later wins, nested objects merge too); arrays join without duplicates. */
function union(call: CallExpr, values: Value[]): Value {
  return known(call, values, (all) => {
    if (all.every((v) => v.kind === 'object')) return (all as ObjectValue[]).reduce((a, b) => mergeObjects(a, b, call.range));
    if (all.every((v) => v.kind === 'array')) {
      const items: Value[] = [];
      for (const array of all as ArrayValue[]) for (const item of array.items) if (!items.some((seen) => sameValue(seen, item))) items.push(item);
      const incomplete = (all as ArrayValue[]).find((a) => a.incomplete)?.incomplete;
      return arrayValue(items, call.range, incomplete);
    }
    return undefined;
  });
}

function mergeObjects(a: ObjectValue, b: ObjectValue, range: Range): ObjectValue {
  const properties = new PropertyList(a.properties);
  for (const entry of b.properties) {
    const old = properties.get(entry.key)?.value;
    properties.set(old?.kind === 'object' && entry.value.kind === 'object' ? { ...entry, value: mergeObjects(old, entry.value, entry.value.range) } : entry);
  }
  return objectValue(properties.entries, range, a.incomplete ?? b.incomplete);
}

function createObject(call: CallExpr, values: Value[]): Value {
  const properties: PropertyValue[] = [];
  for (let i = 0; i + 1 < values.length; i += 2) {
    const key = values[i];
    if (key.kind !== 'string') return unknownValue(call.range, key.kind === 'unknown' ? key.reason : '`createObject()` keys must be strings');
    properties.push({ key: key.value, keyRange: key.range, value: values[i + 1], range: { start: key.range.start, end: values[i + 1].range.end } });
  }
  return objectValue(properties, call.range);
}

function parseJson(text: string, range: Range): Value | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return jsonValue(parsed, range);
}

function logical(call: CallExpr, arg: Arg, shortCircuitOn: boolean): Value {
  let unknown: UnknownValue | undefined;
  for (let i = 0; i < call.args.length; i++) {
    const v = arg(i);
    if (v.kind === 'boolean' && v.value === shortCircuitOn) return booleanValue(shortCircuitOn, call.range);
    if (v.kind !== 'boolean') unknown ??= v.kind === 'unknown' ? v : unknownValue(v.range, `a ${v.kind} is not a boolean`);
  }
  return unknown ? unknownValue(call.range, unknown.reason) : booleanValue(!shortCircuitOn, call.range);
}

function coalesce(call: CallExpr, arg: Arg): Value {
  for (let i = 0; i < call.args.length; i++) {
    const v = arg(i);
    if (v.kind === 'unknown') return unknownFrom(call.range, v);
    if (v.kind !== 'null') return v;
  }
  return nullValue(call.range);
}

function compare(call: CallExpr, arg: Arg, test: (order: number) => boolean): Value {
  return binary(call, arg, (a, b) => {
    if (a.kind === 'number' && b.kind === 'number') return booleanValue(test(a.value - b.value), call.range);
    if (a.kind === 'string' && b.kind === 'string') return booleanValue(test(a.value < b.value ? -1 : a.value > b.value ? 1 : 0), call.range);
    return undefined;
  });
}

function arithmetic(call: CallExpr, arg: Arg, op: (a: number, b: number) => number | undefined): Value {
  return binary(call, arg, (a, b) => {
    if (a.kind !== 'number' || b.kind !== 'number') return undefined;
    const result = op(a.value, b.value);
    return result === undefined ? undefined : numberValue(result, call.range);
  });
}

/** `resourceId('Microsoft.KeyVault/vaults', name)` naming a resource declared in the template refers to it. */
function resourceId(call: CallExpr, values: Value[], { template, evaluator }: CallContext): Value {
  const typeAt = values.findIndex((v) => v.kind === 'string' && v.value.includes('/'));
  const type = values[typeAt];
  const segments = values.slice(typeAt + 1);
  const notDeclared = unknownValue(call.range, 'a resource id is known only at deployment', { runtimeFunction: call.name });
  if (typeAt < 0 || type.kind !== 'string' || segments.length === 0 || segments.some((s) => s.kind !== 'string')) return notDeclared;
  const name = segments.map((s) => (s as StringValue).value).join('/');
  const found = resourcesOfType(nameScope(template), type.value).find((resource) => {
    const declared = evaluator.evaluate(resource.fullName, resource.template);
    return declared.kind === 'string' && equalsIgnoringCase(declared.value, name);
  });
  return found ? { kind: 'resource', resource: found, aspect: 'id', range: call.range, via: NO_HOPS } : notDeclared;
}

/** Each template's resources by lower-cased type, in declaration order: a template's `resourceId()` calls each look for one. */
const resourcesByType = new WeakMap<Template, ReadonlyMap<string, readonly Resource[]>>();

function resourcesOfType(template: Template, type: string): readonly Resource[] {
  let byType = resourcesByType.get(template);
  if (!byType) {
    const index = new Map<string, Resource[]>();
    for (const resource of allResources(template)) {
      const key = resource.type.toLowerCase();
      const list = index.get(key);
      if (list) list.push(resource);
      else index.set(key, [resource]);
    }
    resourcesByType.set(template, (byType = index));
  }
  return byType.get(type.toLowerCase()) ?? [];
}
