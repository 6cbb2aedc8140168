import type { Expr, InvalidExpr, ObjectExpr } from '../model/expr';
import type { Loop, Output, Parameter, Resource, SuppliedParameterValue, Template, Variable } from '../model/template';
import type { Range } from '../text/range';
import { equalsIgnoringCase } from '../text/equalsIgnoringCase';
import { asObject, literalString, member, objectItems } from './access';
import { buildUserFunctions } from './userFunctions';

/** How a nested inline template sits in the template that declares its deployment. */
interface Nesting {
  readonly deployment: Resource;
  readonly outer: Template;
  /** `expressionEvaluationOptions.scope` is `inner`: the nested template's expressions use its own names */
  readonly innerScope: boolean;
}

const DEPLOYMENTS_TYPE = 'microsoft.resources/deployments';

/**
 * Builds the template model from a deployment template's root object, whose values are already lowered.
 * Nested inline deployments become templates of their own, on their deployment's `nestedTemplate`.
 */
export function buildTemplate(root: ObjectExpr, text: string): Template {
  return build(root, text, undefined);
}

/** `resourceGroup` unless the `$schema` names a subscription, management group or tenant deployment template. */
function targetScopeOf(schema: string | undefined): string {
  const lower = schema?.toLowerCase() ?? '';
  if (lower.includes('subscriptiondeploymenttemplate')) return 'subscription';
  if (lower.includes('managementgroupdeploymenttemplate')) return 'managementGroup';
  if (lower.includes('tenantdeploymenttemplate')) return 'tenant';
  return 'resourceGroup';
}

function build(root: ObjectExpr, text: string, nesting: Nesting | undefined): Template {
  const resources: Resource[] = [];
  const parameterValues = new Map<string, SuppliedParameterValue>();
  const template: Template = {
    language: 'arm',
    targetScope: targetScopeOf(literalString(member(root, '$schema'))),
    parameters: buildParameters(member(root, 'parameters')),
    variables: buildVariables(member(root, 'variables')),
    functions: buildUserFunctions(member(root, 'functions')),
    resources,
    modules: [],
    outputs: buildOutputs(member(root, 'outputs')),
    imports: [],
    range: root.range,
    ...(nesting && { parentDeployment: nesting.deployment }),
    ...(nesting && !nesting.innerScope && { expressionScope: evaluationScope(nesting.outer) }),
    parameterValues,
  };
  if (nesting) addSuppliedValues(parameterValues, nesting, text);
  const declared = member(root, 'resources');
  if (declared?.kind === 'object') {
    // languageVersion 2.0: resources keyed by symbolic name
    for (const entry of declared.entries) {
      const body = asObject(entry.value);
      if (entry.kind === 'property' && body) resources.push(buildResource(body, entry.range, template, text, entry.key));
    }
  } else {
    for (const body of objectItems(declared)) resources.push(buildResource(body, body.range, template, text));
  }
  return template;
}

/** Where the expressions of `template` are evaluated: itself, or for `outer` scope the template enclosing it. */
function evaluationScope(template: Template): Template {
  return template.expressionScope ?? template;
}

function buildParameters(declared: Expr | undefined): Parameter[] {
  const result: Parameter[] = [];
  for (const entry of asObject(declared)?.entries ?? []) {
    const definition = asObject(entry.value);
    if (entry.kind !== 'property' || entry.key === undefined || definition === undefined) continue;
    const typeExpr = member(definition, 'type');
    const type = literalString(typeExpr) ?? literalString(member(definition, '$ref')) ?? '';
    const defaultValue = member(definition, 'defaultValue');
    const allowedValues = member(definition, 'allowedValues');
    const description = literalString(member(asObject(member(definition, 'metadata')), 'description'));
    result.push({
      name: entry.key,
      nameRange: entry.keyRange,
      type,
      typeRange: typeExpr?.range ?? entry.keyRange,
      secure: isSecureType(type),
      ...(defaultValue && { defaultValue }),
      ...(allowedValues && { allowedValues }),
      ...(description !== undefined && { description }),
      decorators: [],
      range: entry.range,
    });
  }
  return result;
}

/** Variables, including those a top-level `copy` array declares (already expanded by the lowering). */
function buildVariables(declared: Expr | undefined): Variable[] {
  const result: Variable[] = [];
  for (const entry of asObject(declared)?.entries ?? []) {
    if (entry.kind === 'property' && entry.key !== undefined) {
      result.push({ name: entry.key, nameRange: entry.keyRange, value: entry.value, range: entry.range });
    }
  }
  return result;
}

function buildOutputs(declared: Expr | undefined): Output[] {
  const result: Output[] = [];
  for (const entry of asObject(declared)?.entries ?? []) {
    const definition = asObject(entry.value);
    if (entry.kind !== 'property' || entry.key === undefined || definition === undefined) continue;
    const typeExpr = member(definition, 'type');
    const type = literalString(typeExpr) ?? '';
    const copy = asObject(member(definition, 'copy'));
    const value =
      member(definition, 'value') ??
      (copy
        ? { kind: 'for' as const, source: loopCount(copy), body: member(copy, 'input') ?? missing('copy input', copy.range), range: copy.range }
        : missing('output value', definition.range));
    const typeRange = typeExpr?.range ?? entry.keyRange;
    result.push({ name: entry.key, nameRange: entry.keyRange, type, typeRange, secure: isSecureType(type), value, decorators: [], range: entry.range });
  }
  return result;
}

function buildResource(body: ObjectExpr, range: Range, template: Template, text: string, symbolicName?: string, parent?: Resource): Resource {
  const typeExpr = member(body, 'type');
  const written = literalString(typeExpr) ?? '';
  // A child may be written with its full type and name instead of relative to its parent.
  const relative = parent !== undefined && !written.includes('/');
  const type = relative ? `${parent.type}/${written}` : written;
  const name = member(body, 'name') ?? missing('resource name', body.range);
  const condition = member(body, 'condition');
  const copy = asObject(member(body, 'copy'));
  const apiVersion = literalString(member(body, 'apiVersion'));
  const existing = member(body, 'existing');
  const children: Resource[] = [];
  // Mutable while it is built: the nested template points back at its deployment.
  const resource: { -readonly [K in keyof Resource]: Resource[K] } = {
    type,
    typeRange: typeExpr?.range ?? body.range,
    ...(apiVersion !== undefined && { apiVersion }),
    ...(symbolicName !== undefined && { symbolicName }),
    name,
    fullName: relative ? joinNames(parent.fullName, name) : name,
    ...(parent && { parent }),
    existing: existing?.kind === 'literal' && existing.value === true,
    ...(condition && { condition }),
    ...(copy && { loop: buildLoop(copy) }),
    body,
    children,
    template,
    range,
    decorators: [],
  };
  for (const child of objectItems(member(body, 'resources'))) {
    children.push(buildResource(child, child.range, template, text, undefined, resource));
  }
  if (equalsIgnoringCase(type, DEPLOYMENTS_TYPE)) {
    const properties = asObject(member(body, 'properties'));
    const inline = asObject(member(properties, 'template'));
    if (inline) {
      const scope = literalString(member(asObject(member(properties, 'expressionEvaluationOptions')), 'scope'));
      const innerScope = scope?.toLowerCase() === 'inner';
      resource.nestedTemplate = build(inline, text, { deployment: resource, outer: template, innerScope });
    }
  }
  return resource;
}

/** A deployment's `properties.parameters` values, written in (and evaluated where) the outer template is. */
function addSuppliedValues(values: Map<string, SuppliedParameterValue>, nesting: Nesting, text: string): void {
  const { deployment, outer } = nesting;
  const supplied = asObject(member(asObject(member(deployment.body, 'properties')), 'parameters'));
  const source = `deployment ${deploymentLabel(deployment, text)}`;
  const scope = evaluationScope(outer);
  for (const entry of supplied?.entries ?? []) {
    const definition = asObject(entry.value);
    if (entry.kind !== 'property' || entry.key === undefined || definition === undefined) continue;
    const keyVaultReference = member(definition, 'value') === undefined && member(definition, 'reference') !== undefined;
    const value: Expr | undefined = keyVaultReference
      ? { kind: 'invalid', reason: 'a Key Vault reference, resolved at deployment', range: definition.range }
      : member(definition, 'value');
    if (value) values.set(entry.key, { value, scope, source, range: entry.range, ...(keyVaultReference && { keyVaultReference }) });
  }
}

function deploymentLabel(deployment: Resource, text: string): string {
  if (deployment.symbolicName !== undefined) return `'${deployment.symbolicName}'`;
  const name = literalString(deployment.name);
  return name !== undefined ? `'${name}'` : text.slice(deployment.name.range.start, deployment.name.range.end);
}

function buildLoop(copy: ObjectExpr): Loop {
  const name = literalString(member(copy, 'name'));
  return { source: loopCount(copy), ...(name !== undefined && { name }), range: copy.range };
}

function loopCount(copy: ObjectExpr): Expr {
  return member(copy, 'count') ?? missing('copy count', copy.range);
}

/** A child's full name: `concat(parentFullName, '/', name)`, ranged at the child's name. */
function joinNames(parentName: Expr, name: Expr): Expr {
  const separator: Expr = { kind: 'literal', value: '/', range: name.range };
  return { kind: 'call', name: 'concat', args: [parentName, separator, name], range: name.range, nameRange: name.range };
}

function isSecureType(type: string): boolean {
  return equalsIgnoringCase(type, 'securestring') || equalsIgnoringCase(type, 'secureobject');
}

function missing(what: string, range: Range): InvalidExpr {
  return { kind: 'invalid', reason: `missing ${what}`, range };
}
