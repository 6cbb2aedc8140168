import { equalsIgnoringCase } from '../text/equalsIgnoringCase';
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
