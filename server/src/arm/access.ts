import type { Expr, ObjectExpr, PropertyEntryExpr } from '../model/expr';

/**
 * The entry for `key` in a JSON object. ARM reads template keys case-insensitively and lets a repeated key
 * replace the earlier one, so the last match wins.
 */
export function findEntry(object: ObjectExpr | undefined, key: string): PropertyEntryExpr | undefined {
  if (object === undefined) return undefined;
  let found: PropertyEntryExpr | undefined;
  for (const entry of object.entries) {
    if (entry.kind !== 'property' || entry.key === undefined || entry.key.length !== key.length) continue;
    if (equalsIgnoringCase(entry.key, key)) found = entry;
  }
  return found;
}

/**
 * `a.toLowerCase() === b.toLowerCase()`, without building the lowered strings when both are ASCII: template keys
 * are compared tens of thousands of times per read.
 */
export function equalsIgnoringCase(a: string, b: string): boolean {
  if (a === b) return true;
  const length = a.length;
  if (length !== b.length) return isAscii(a) && isAscii(b) ? false : a.toLowerCase() === b.toLowerCase();
  let equal = true;
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x >= 0x80 || y >= 0x80) return a.toLowerCase() === b.toLowerCase();
    if (x !== y && ((x | 0x20) !== (y | 0x20) || !isLowerAsciiLetter(x | 0x20))) equal = false;
  }
  return equal;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

function isLowerAsciiLetter(ch: number): boolean {
  return ch >= 0x61 && ch <= 0x7a;
}

export function member(object: ObjectExpr | undefined, key: string): Expr | undefined {
  return findEntry(object, key)?.value;
}

export function asObject(expr: Expr | undefined): ObjectExpr | undefined {
  return expr?.kind === 'object' ? expr : undefined;
}

export function literalString(expr: Expr | undefined): string | undefined {
  return expr?.kind === 'literal' && typeof expr.value === 'string' ? expr.value : undefined;
}

/** The entries of a JSON object, or the items of a JSON array, that are objects themselves. */
export function objectItems(expr: Expr | undefined): ObjectExpr[] {
  if (expr?.kind !== 'array') return [];
  return expr.items.filter((item): item is ObjectExpr => item.kind === 'object');
}
