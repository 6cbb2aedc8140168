import type { Expr, ObjectEntry } from '../model/expr';
import type { UserFunction } from '../model/template';
import { asObject, literalString, member, objectItems } from './access';

/** `functions: [{namespace, members: {name: {parameters, output}}}]`; each function is named `namespace.name`. */
export function buildUserFunctions(functions: Expr | undefined): UserFunction[] {
  const result: UserFunction[] = [];
  for (const group of objectItems(functions)) {
    const namespace = literalString(member(group, 'namespace'));
    for (const entry of asObject(member(group, 'members'))?.entries ?? []) {
      const definition = asObject(entry.value);
      if (entry.kind !== 'property' || entry.key === undefined || definition === undefined) continue;
      const parameters = objectItems(member(definition, 'parameters')).flatMap((p) => literalString(member(p, 'name')) ?? []);
      const body = member(asObject(member(definition, 'output')), 'value') ?? {
        kind: 'invalid',
        reason: 'user function without output value',
        range: definition.range,
      };
      result.push({
        name: namespace === undefined ? entry.key : `${namespace}.${entry.key}`,
        parameters,
        body: localizeParameters(body),
        range: entry.range,
      });
    }
  }
  return result;
}

/** Inside a user function `parameters('x')` names the function's own parameter, not the template's. */
function localizeParameters(expr: Expr): Expr {
  switch (expr.kind) {
    case 'ref':
      return expr.target === 'parameter' ? { ...expr, target: 'local' } : expr;
    case 'call':
      return { ...expr, args: expr.args.map(localizeParameters) };
    case 'member':
      return { ...expr, object: localizeParameters(expr.object) };
    case 'index':
      return { ...expr, object: localizeParameters(expr.object), index: localizeParameters(expr.index) };
    case 'conditional':
      return { ...expr, test: localizeParameters(expr.test), then: localizeParameters(expr.then), else: localizeParameters(expr.else) };
    case 'lambda':
      return { ...expr, body: localizeParameters(expr.body) };
    case 'for':
      return { ...expr, source: localizeParameters(expr.source), body: localizeParameters(expr.body) };
    case 'object':
      return { ...expr, entries: expr.entries.map(localizeEntry) };
    case 'array':
      return { ...expr, items: expr.items.map((item) => (item.kind === 'spread' ? localizeEntry(item) : localizeParameters(item))) };
    case 'literal':
    case 'invalid':
      return expr;
  }
}

function localizeEntry<T extends ObjectEntry>(entry: T): T {
  return { ...entry, value: localizeParameters(entry.value) };
}
