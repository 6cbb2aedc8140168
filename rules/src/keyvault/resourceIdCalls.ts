import type { RuleContext } from 'ztlint/lint/ruleApi';
import type { CallExpr, Expr } from 'ztlint/model/expr';
import type { Template } from 'ztlint/model/template';
import type { Value } from 'ztlint/model/value';
import { allResources } from 'ztlint/model/walk';

const RESOURCE_ID_FUNCTIONS = new Set(['resourceid', 'subscriptionresourceid', 'tenantresourceid', 'extensionresourceid']);

interface LocatedCall {
  readonly call: CallExpr;
  /** the template whose names the call's arguments use */
  readonly template: Template;
}

const callIndexes = new WeakMap<Template, Map<string, LocatedCall>>();

/**
 * The evaluated arguments of the `resourceId()` call an unknown value came from: the type and the name segments.
 * When the resource it names is not declared in the template (a built-in role definition, a vault of another
 * file) the evaluator keeps only the call's range, so the call is found again by that range.
 */
export function resourceIdArguments(context: RuleContext, value: Value, template: Template): { type: string; names: Value[] } | undefined {
  if (value.kind !== 'unknown' || !RESOURCE_ID_FUNCTIONS.has(value.runtimeFunction?.toLowerCase() ?? '')) return undefined;
  const found = callsOf(template).get(rangeKey(value.range));
  if (!found) return undefined;
  const args = found.call.args.map((arg) => context.evaluate(arg, found.template));
  // extensionResourceId's first argument is the scope's id; the type is the first later argument with a slash
  const from = found.call.name.toLowerCase() === 'extensionresourceid' ? 1 : 0;
  const typeAt = args.findIndex((arg, i) => i >= from && arg.kind === 'string' && arg.value.includes('/'));
  const type = args[typeAt];
  return type?.kind === 'string' ? { type: type.value, names: args.slice(typeAt + 1) } : undefined;
}

function rangeKey(range: { readonly start: number; readonly end: number }): string {
  return `${range.start}:${range.end}`;
}

/** Every call written in the template, in the templates whose names it reads, and in the values supplied to it. */
function callsOf(template: Template): Map<string, LocatedCall> {
  let index = callIndexes.get(template);
  if (index) return index;
  const calls = new Map<string, LocatedCall>();
  const visit = (expr: Expr, scope: Template): void => {
    if (expr.kind === 'call' && !calls.has(rangeKey(expr.range))) calls.set(rangeKey(expr.range), { call: expr, template: scope });
    for (const child of children(expr)) visit(child, scope);
  };
  const seen = new Set<Template>();
  for (let scope: Template | undefined = template; scope && !seen.has(scope); scope = scope.expressionScope) {
    seen.add(scope);
    for (const parameter of scope.parameters) if (parameter.defaultValue) visit(parameter.defaultValue, scope);
    for (const variable of scope.variables) visit(variable.value, scope);
    for (const resource of allResources(scope)) {
      visit(resource.body, scope);
      if (resource.loop) visit(resource.loop.source, scope);
    }
    for (const supplied of scope.parameterValues.values()) visit(supplied.value, supplied.scope);
  }
  index = calls;
  callIndexes.set(template, index);
  return index;
}

function children(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'object':
      return expr.entries.map((entry) => entry.value);
    case 'array':
      return expr.items.map((item) => (item.kind === 'spread' ? item.value : item));
    case 'call':
      return expr.args;
    case 'member':
      return [expr.object];
    case 'index':
      return [expr.object, expr.index];
    case 'conditional':
      return [expr.test, expr.then, expr.else];
    case 'for':
      return expr.condition ? [expr.source, expr.body, expr.condition] : [expr.source, expr.body];
    case 'lambda':
      return [expr.body];
    default:
      return [];
  }
}
