import type { Expr, ObjectExpr, PropertyEntryExpr } from '../model/expr';
import type { Range } from '../text/range';
import type { SyntaxDiagnostic } from '../text/syntaxDiagnostic';
import { equalsIgnoringCase } from '../text/equalsIgnoringCase';
import { literalString, member } from './access';
import { ArmExpressionParser } from './expression';
import type { JsonLowering } from './jsonDocument';

/** JSON values as written: ARM parameter files hold plain values, never template expressions. */
export const plainJson: JsonLowering = {
  string: (value, start, end) => ({ kind: 'literal', value, range: { start, end } }),
  object: (entries, range) => ({ kind: 'object', entries, range }),
};

/**
 * ARM's reading of JSON values: `[...]` strings are template expressions (`[[...]` escapes a literal `[`), and
 * a `copy` array inside an object (property and variable iteration) produces the properties it names.
 */
export class ArmLowering implements JsonLowering {
  readonly diagnostics: SyntaxDiagnostic[] = [];
  private readonly expressions = new ArmExpressionParser();

  constructor(private readonly text: string) {}

  string(value: string, start: number, end: number): Expr {
    if (!isBracketed(value)) return { kind: 'literal', value, range: { start, end } };
    if (value.charCodeAt(1) === 0x5b) return { kind: 'literal', value: value.slice(1), range: { start, end } };
    const parsed = this.expressions.parse(this.text, value, start, end);
    if (parsed.diagnostic) this.diagnostics.push(parsed.diagnostic);
    return parsed.expr;
  }

  object(entries: PropertyEntryExpr[], range: Range): ObjectExpr {
    for (const entry of entries) {
      if (entry.value.kind === 'array' && isCopyKey(entry.key)) return { kind: 'object', entries: entries.flatMap(expandCopy), range };
    }
    return { kind: 'object', entries, range };
  }
}

/** A string ARM reads as a template expression (or, with `[[`, as a literal that starts with `[`). */
export function isBracketed(value: string): boolean {
  return value.length >= 2 && value.charCodeAt(0) === 0x5b && value.charCodeAt(value.length - 1) === 0x5d;
}

/** The key of a `copy` loop, which the lowering of its object turns into other properties. */
export function isCopyKey(key: string | undefined): boolean {
  return key?.length === 4 && equalsIgnoringCase(key, 'copy');
}

/**
 * `"copy": [{"name": "disks", "count": n, "input": {...}}]` becomes `"disks": for(count, input)`. A copy array
 * that does not have that shape is left as written.
 */
function expandCopy(entry: PropertyEntryExpr): PropertyEntryExpr[] {
  if (entry.value.kind !== 'array' || !isCopyKey(entry.key)) return [entry];
  const expanded: PropertyEntryExpr[] = [];
  for (const item of entry.value.items) {
    if (item.kind !== 'object') return [entry];
    const nameExpr = member(item, 'name');
    const name = literalString(nameExpr);
    const body = member(item, 'input');
    if (nameExpr === undefined || name === undefined || body === undefined) return [entry];
    // Ranges of their own: an edited template's tree is moved in place, one range at a time (model/moveRanges).
    const source = member(item, 'count') ?? { kind: 'invalid', reason: 'copy loop without count', range: { ...item.range } };
    expanded.push({
      kind: 'property',
      key: name,
      keyRange: { ...nameExpr.range },
      value: { kind: 'for', source, body, range: { ...item.range } },
      range: item.range,
    });
  }
  return expanded;
}
