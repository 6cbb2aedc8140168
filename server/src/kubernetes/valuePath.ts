import type { ObjectValue, Value } from '../model/value';

/** The value at `path` under `root`, following object properties only; `undefined` when any step is missing. */
export function valueAt(root: ObjectValue, path: readonly string[]): Value | undefined {
  let current: Value = root;
  for (const key of path) {
    if (current.kind !== 'object') return undefined;
    const property: { value: Value } | undefined = current.properties.find((p) => p.key === key);
    if (!property) return undefined;
    current = property.value;
  }
  return current;
}

export function stringAt(root: ObjectValue, path: readonly string[]): string | undefined {
  const value = valueAt(root, path);
  return value?.kind === 'string' ? value.value : undefined;
}
