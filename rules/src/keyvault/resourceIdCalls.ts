import type { FactContext } from 'ztlint/lint/ruleApi';
import type { CallExpr, Expr } from 'ztlint/model/expr';
import type { Resource, Template } from 'ztlint/model/template';
import type { Value } from 'ztlint/model/value';
import { allResources } from 'ztlint/model/walk';

const RESOURCE_ID_FUNCTIONS = new Set(['resourceid', 'subscriptionresourceid', 'tenantresourceid', 'extensionresourceid']);

interface LocatedCall {
  readonly call: CallExpr;
  /** the template whose names the call's arguments use */
  readonly template: Template;
}

/** Every call of a template by the start of its range (calls rarely share one). */
type CallIndex = Map<number, LocatedCall[]>;

const callIndexes = new WeakMap<Template, CallIndex>();

/**
 * The evaluated arguments of the `resourceId()` call an unknown value came from: the type and the name segments.
 * When the resource it names is not declared in the template (a built-in role definition, a vault of another
 * file) the evaluator keeps only the call's range, so the call is found again by that range.
 */
export function resourceIdArguments(context: FactContext, value: Value, template: Template): { type: string; names: Value[] } | undefined {
  if (value.kind !== 'unknown' || !RESOURCE_ID_FUNCTIONS.has(value.runtimeFunction?.toLowerCase() ?? '')) return undefined;
  const found = callsOf(template).get(value.range.start)?.find((located) => located.call.range.end === value.range.end);
  if (!found) return undefined;
  const args = found.call.args.map((arg) => context.evaluate(arg, found.template));
  // extensionResourceId's first argument is the scope's id; the type is the first later argument with a slash
  const from = found.call.name.toLowerCase() === 'extensionresourceid' ? 1 : 0;
  const typeAt = args.findIndex((arg, i) => i >= from && arg.kind === 'string' && arg.value.includes('/'));
  const type = args[typeAt];
  return type?.kind === 'string' ? { type: type.value, names: args.slice(typeAt + 1) } : undefined;
}

/** Every call written in the template, in the templates whose names it reads, and in the values supplied to it. */
function callsOf(template: Template): CallIndex {
  let index = callIndexes.get(template);
  if (index) return index;
  const calls: CallIndex = new Map();
  const visit = (expr: Expr, scope: Template): void => {
    if (expr.kind === 'call') addCall(calls, { call: expr, template: scope });
    forEachChild(expr, (child) => visit(child, scope));
  };
  const seen = new Set<Template>();
  for (let scope: Template | undefined = template; scope && !seen.has(scope); scope = scope.expressionScope) {
    seen.add(scope);
    for (const parameter of scope.parameters) if (parameter.defaultValue) visit(parameter.defaultValue, scope);
    for (const variable of scope.variables) visit(variable.value, scope);
    for (const resource of allResources(scope)) {
      forEachDeclared(resource, (expr) => visit(expr, scope));
      if (resource.loop) visit(resource.loop.source, scope);
    }
    for (const supplied of scope.parameterValues.values()) visit(supplied.value, supplied.scope);
  }
  index = calls;
  callIndexes.set(template, index);
  return index;
}

/** Adds a call unless one is already indexed at its range: the first found is the one kept. */
function addCall(calls: CallIndex, located: LocatedCall): void {
  const { start, end } = located.call.range;
  const atStart = calls.get(start);
  if (!atStart) calls.set(start, [located]);
  else if (!atStart.some((other) => other.call.range.end === end)) atStart.push(located);
}

/**
 * Calls `visit` with each entry of a resource's declaration but a deployment's inline template: that is a template
 * of its own, which is never evaluated as part of the deployment (so no value of this template comes from it), and
 * whose calls are found when its own resources ask. Visiting it under every template that encloses it cost the
 * most in a file of nested deployments.
 */
function forEachDeclared(resource: Resource, visit: (expr: Expr) => void): void {
  if (!resource.nestedTemplate) {
    visit(resource.body);
    return;
  }
  for (const entry of resource.body.entries) {
    if (entry.kind !== 'property' || entry.key?.toLowerCase() !== 'properties' || entry.value.kind !== 'object') visit(entry.value);
    else for (const property of entry.value.entries) if (property.kind !== 'property' || property.key?.toLowerCase() !== 'template') visit(property.value);
  }
}

/** Calls `visit` with each sub-expression, in order; without making a list of them, as every expression of a template is visited. */
function forEachChild(expr: Expr, visit: (child: Expr) => void): void {
  switch (expr.kind) {
    case 'object':
      for (const entry of expr.entries) visit(entry.value);
      return;
    case 'array':
      for (const item of expr.items) visit(item.kind === 'spread' ? item.value : item);
      return;
    case 'call':
      for (const arg of expr.args) visit(arg);
      return;
    case 'member':
      visit(expr.object);
      return;
    case 'index':
      visit(expr.object);
      visit(expr.index);
      return;
    case 'conditional':
      visit(expr.test);
      visit(expr.then);
      visit(expr.else);
      return;
    case 'for':
      visit(expr.source);
      visit(expr.body);
      if (expr.condition) visit(expr.condition);
      return;
    case 'lambda':
      visit(expr.body);
      return;
    default:
      return;
  }
}
