/**
 * Where two object graphs first differ as data (keys in order, a Map as its entries, an object met again as the one
 * met first on the same path, so cycles end), as a path like `template.resources[3].range.start`; undefined when
 * they are the same.
 */
export function graphDifference(a: unknown, b: unknown): string | undefined {
  const paired = new Map<object, object>();
  const pending: [unknown, unknown, string][] = [[a, b, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [x, y, at] = next;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') {
      if (!Object.is(x, y)) return `${at}: ${String(x)} / ${String(y)}`;
      continue;
    }
    const pair = paired.get(x);
    if (pair !== undefined) {
      if (pair !== y) return `${at}: met before, paired with another object`;
      continue;
    }
    paired.set(x, y);
    if (x instanceof Map || y instanceof Map) {
      if (!(x instanceof Map && y instanceof Map) || x.size !== y.size) return `${at}: maps differ in size`;
      for (const [key, value] of x) pending.push([value, y.get(key), `${at}.get(${JSON.stringify(key)})`]);
      continue;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return `${at}: an array and an object`;
    const xKeys = Object.keys(x);
    const yKeys = Object.keys(y);
    if (xKeys.join() !== yKeys.join()) return `${at}: keys ${xKeys.join()} / ${yKeys.join()}`;
    for (const key of xKeys) pending.push([(x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key], Array.isArray(x) ? `${at}[${key}]` : `${at}.${key}`]);
  }
  return undefined;
}

/** The objects reached more than once from `root` (through any property or item) that `select` picks. */
export function sharedObjects(root: object, select: (value: object) => boolean): object[] {
  const reached = new Set<object>();
  const shared = new Set<object>();
  const pending: object[] = [root];
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    for (const child of Object.values(value) as unknown[]) {
      if (child === null || typeof child !== 'object') continue;
      if (reached.has(child)) {
        if (select(child)) shared.add(child);
        continue;
      }
      reached.add(child);
      pending.push(child);
    }
  }
  return [...shared];
}
