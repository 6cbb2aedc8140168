import type { Range } from '../text/range';
import type { ArrayExpr, CallExpr, ConditionalExpr, Expr, ForExpr, MemberExpr, IndexExpr, ObjectEntry, ObjectExpr, PropertyEntryExpr, ReferenceExpr } from '../model/expr';
import * as path from 'node:path';
import type { ParameterFile, Resource, SuppliedParameterValue, Template } from '../model/template';
import type { ArrayValue, ObjectValue, Value } from '../model/value';
import { property } from '../model/lookup';
import { callFunction } from './functions';
import { arrayValue, booleanValue, NO_HOPS, nullValue, numberValue, objectValue, PropertyList, sameValue, stringValue, throughHop, throughHops, unknownFrom, unknownValue } from './values';
import { equalsIgnoringCase } from '../text/equalsIgnoringCase';
import { MAX_EVALUATION_DEPTH, MAX_UNROLLED_ITEMS } from './limits';
import { findParameter, findResourceBySymbol, findVariable, nameScope } from './scope';

/** A parameter value from outside the template; its evaluation is cached under this object. */
interface Supplied extends SuppliedParameterValue {
  /** the parameter file it is written in */
  readonly file?: string;
}

/** An expression's value, with the template it was evaluated in. */
interface Evaluated {
  readonly template: Template;
  readonly value: Value;
}

/** Loop variables and lambda parameters bound while evaluating. */
export type Locals = ReadonlyMap<string, Value>;

export interface EvaluatorOptions {
  /** Values for the parameters of `template`, from a parameter file that belongs to it. */
  readonly parameterFile?: ParameterFile;
  /** the template the parameter file belongs to; other templates (of other files) keep their defaults */
  readonly template?: Template;
  /** its path, for messages and for locating its lines */
  readonly parameterFilePath?: string;
  /** called at every step; throws to stop an evaluation that is over the file's time budget */
  readonly check?: () => void;
}


/**
 * Evaluates model expressions statically. Declarations (parameters, variables, resource bodies) are evaluated
 * once and cached; a reference adds a hop to the cached value so a message can say where it came from.
 * Create one per analysis of a template (a parameter file changes the answers).
 */
export class Evaluator {
  private readonly cache = new Map<object, Value>();
  private readonly pending = new Set<object>();
  /** each parameter file entry as a supplied value, made once: it is the key its evaluation is cached under */
  private readonly fromParameterFile = new Map<object, Supplied>();
  /** what `evaluateForRule` has evaluated, with the template it was evaluated in */
  private readonly forRules = new Map<Expr, Evaluated>();
  /** the expressions of the variables and parameter defaults evaluated as declarations */
  private readonly declarations = new Map<Expr, Evaluated>();
  /**
   * No evaluation has met a reference to itself or the depth limit: until one does, a declaration's cached value
   * is what evaluating its expression afresh gives, whatever was being evaluated when it was cached.
   */
  private contextFree = true;
  private depth = 0;

  constructor(private readonly options: EvaluatorOptions = {}) {}

  evaluate(expr: Expr, template: Template, locals?: Locals): Value {
    if (this.depth >= MAX_EVALUATION_DEPTH) {
      this.contextFree = false;
      return unknownValue(expr.range, 'expression nested too deeply to evaluate');
    }
    this.options.check?.();
    this.depth++;
    try {
      return this.evaluateNode(expr, template, locals);
    } finally {
      this.depth--;
    }
  }

  /**
   * `evaluate` for a rule, outside any evaluation. Rules ask again for what they or other rules asked before
   * (names, outputs, variables), and with nothing being evaluated the answer is the same every time: it is
   * cached, and a variable's value or a parameter's default already evaluated as a declaration is reused.
   */
  evaluateForRule(expr: Expr, template: Template): Value {
    // Before the cache: a rule asking for the same value forever must still run out of time.
    this.options.check?.();
    if (this.depth > 0 || this.pending.size > 0) return this.evaluate(expr, template);
    const known = this.forRules.get(expr);
    if (known?.template === template) return known.value;
    const declared = this.contextFree ? this.declarations.get(expr) : undefined;
    const value = declared?.template === template ? declared.value : this.evaluate(expr, template);
    if (!known) this.forRules.set(expr, { template, value });
    return value;
  }

  private evaluateDeclaration(expr: Expr, scope: Template): Value {
    const value = this.evaluate(expr, scope);
    this.declarations.set(expr, { template: scope, value });
    return value;
  }

  /**
   * The resource declaration's object (`name`, `properties`, `identity`...), evaluated; a deployment's inline
   * template is left unevaluated (see `withoutInlineTemplate`).
   */
  resourceBody(resource: Resource): Value {
    return this.memo(resource, resource.body.range, `resource \`${resource.symbolicName ?? resource.type}\``, () =>
      this.evaluate(resource.nestedTemplate ? withoutInlineTemplate(resource) : resource.body, resource.template),
    );
  }

  /** The value a parameter has in `template` (its supplied value, else its default), reached from `at`. */
  parameter(template: Template, name: string, at: Range): Value {
    const scope = nameScope(template);
    const supplied = this.suppliedValue(scope, name);
    if (supplied) {
      const value = this.memo(supplied, supplied.range, `parameter \`${name}\``, () => this.evaluate(supplied.value, supplied.scope));
      return throughHop(value, { kind: 'parameter-value', name, referenceRange: at, declarationRange: supplied.range, source: supplied.source, ...(supplied.file ? { file: supplied.file } : {}) });
    }
    const declared = findParameter(scope, name);
    if (!declared) return unknownValue(at, `parameter \`${name}\` is not declared`);
    if (!declared.defaultValue) return unknownValue(at, `parameter \`${name}\` has no default`);
    const defaultValue = declared.defaultValue;
    const value = this.memo(declared, declared.range, `parameter \`${name}\``, () => this.evaluateDeclaration(defaultValue, scope));
    return throughHop(value, { kind: 'parameter-default', name: declared.name, referenceRange: at, declarationRange: declared.nameRange });
  }

  variable(template: Template, name: string, at: Range): Value {
    const scope = nameScope(template);
    const declared = findVariable(scope, name);
    if (!declared) return unknownValue(at, `variable \`${name}\` is not declared`);
    const value = this.memo(declared, declared.range, `variable \`${name}\``, () => this.evaluateDeclaration(declared.value, scope));
    return throughHop(value, { kind: 'variable', name: declared.name, referenceRange: at, declarationRange: declared.nameRange });
  }

  private suppliedValue(scope: Template, name: string): Supplied | undefined {
    const fromTemplate = scope.parameterValues.get(name);
    if (fromTemplate) return fromTemplate;
    const file = this.options.parameterFile;
    if (!file || scope.parentDeployment || (this.options.template && scope !== this.options.template)) return undefined;
    const entry = file.values.find((v) => (scope.language === 'arm' ? v.name.toLowerCase() === name.toLowerCase() : v.name === name));
    if (!entry) return undefined;
    let supplied = this.fromParameterFile.get(entry);
    if (supplied) return supplied;
    const filePath = this.options.parameterFilePath;
    const source = filePath ? `parameter file ${path.basename(filePath)}` : 'parameter file';
    // A Key Vault reference is resolved at deployment: the value exists but cannot be known here.
    const value: Expr = entry.value ?? { kind: 'invalid', reason: `parameter \`${name}\` is a Key Vault reference in the ${source}`, range: entry.range };
    supplied = { value, scope: file.scope, source, range: entry.range, ...(filePath ? { file: filePath } : {}) };
    this.fromParameterFile.set(entry, supplied);
    return supplied;
  }

  private memo(key: object, range: Range, what: string, compute: () => Value): Value {
    const cached = this.cache.get(key);
    if (cached) return cached;
    if (this.pending.has(key)) {
      this.contextFree = false;
      return unknownValue(range, `${what} refers to itself`);
    }
    this.pending.add(key);
    try {
      const value = compute();
      this.cache.set(key, value);
      return value;
    } finally {
      this.pending.delete(key);
    }
  }

  private evaluateNode(expr: Expr, template: Template, locals: Locals | undefined): Value {
    switch (expr.kind) {
      case 'literal':
        if (expr.value === null) return nullValue(expr.range);
        if (typeof expr.value === 'string') return stringValue(expr.value, expr.range, true);
        if (typeof expr.value === 'number') return numberValue(expr.value, expr.range);
        return booleanValue(expr.value, expr.range);
      case 'object':
        return this.evaluateObject(expr, template, locals);
      case 'array':
        return this.evaluateArray(expr, template, locals);
      case 'ref':
        return this.evaluateReference(expr, template, locals);
      case 'call':
        return this.evaluateCall(expr, template, locals);
      case 'member':
        return this.evaluateMember(expr, template, locals);
      case 'index':
        return this.evaluateIndex(expr, template, locals);
      case 'conditional':
        return this.evaluateConditional(expr, template, locals);
      case 'for':
        return this.evaluateFor(expr, template, locals);
      case 'lambda':
        return unknownValue(expr.range, 'a lambda is evaluated at deployment');
      case 'invalid':
        return unknownValue(expr.range, expr.reason);
    }
  }

  private evaluateObject(expr: ObjectExpr, template: Template, locals: Locals | undefined): ObjectValue {
    const properties = new PropertyList();
    let incomplete: string | undefined;
    for (const entry of expr.entries) {
      if (entry.kind === 'property') {
        if (entry.key === undefined) {
          incomplete ??= 'a property name is computed at deployment';
          continue;
        }
        properties.set({ key: entry.key, keyRange: entry.keyRange, value: this.evaluate(entry.value, template, locals), range: entry.range });
        continue;
      }
      const spread = this.evaluate(entry.value, template, locals);
      if (spread.kind === 'object') {
        for (const p of spread.properties) properties.set({ ...p, value: throughHops(p.value, spread.via) });
        if (spread.incomplete) incomplete ??= spread.incomplete;
      } else {
        incomplete ??= spread.kind === 'unknown' ? `a spread object is unknown: ${spread.reason}` : 'a spread value is not an object';
      }
    }
    return objectValue(properties.entries, expr.range, incomplete);
  }

  private evaluateArray(expr: ArrayExpr, template: Template, locals: Locals | undefined): ArrayValue {
    const items: Value[] = [];
    let incomplete: string | undefined;
    for (const item of expr.items) {
      if (item.kind !== 'spread') {
        items.push(this.evaluate(item, template, locals));
        continue;
      }
      const spread = this.evaluate(item.value, template, locals);
      if (spread.kind === 'array') {
        items.push(...spread.items.map((v) => throughHops(v, spread.via)));
        if (spread.incomplete) incomplete ??= spread.incomplete;
      } else {
        incomplete ??= spread.kind === 'unknown' ? `a spread array is unknown: ${spread.reason}` : 'a spread value is not an array';
      }
    }
    return arrayValue(items, expr.range, incomplete);
  }

  private evaluateReference(expr: ReferenceExpr, template: Template, locals: Locals | undefined): Value {
    const local = locals?.get(expr.name);
    if (local) return local;
    switch (expr.target) {
      case 'parameter':
        return this.parameter(template, expr.name, expr.range);
      case 'variable':
        return this.variable(template, expr.name, expr.range);
      case 'resource': {
        const resource = findResourceBySymbol(nameScope(template), expr.name);
        return resource
          ? { kind: 'resource', resource, aspect: 'reference', range: expr.range, via: NO_HOPS }
          : unknownValue(expr.range, `resource \`${expr.name}\` is not declared`);
      }
      case 'module':
        return unknownValue(expr.range, `module \`${expr.name}\` is known only at deployment`);
      case 'local':
        return unknownValue(expr.range, `\`${expr.name}\` varies per loop iteration or lambda call`);
      case 'import':
      case 'function':
      case 'output':
        return unknownValue(expr.range, `\`${expr.name}\` is not evaluated statically`);
      case 'unresolved':
        return unknownValue(expr.range, `\`${expr.name}\` is not declared`);
    }
  }

  private evaluateCall(expr: CallExpr, template: Template, locals: Locals | undefined): Value {
    const args: (Value | undefined)[] = new Array(expr.args.length);
    // A call being typed can lack arguments its function reads (`if(cond)`): those are unknown, not a crash.
    const arg = (i: number): Value =>
      (args[i] ??= i < expr.args.length ? this.evaluate(expr.args[i], template, locals) : unknownValue(expr.range, `\`${expr.name}\` has no argument ${i + 1}`));
    return callFunction(expr, arg, { template, evaluator: this });
  }

  private evaluateMember(expr: MemberExpr, template: Template, locals: Locals | undefined): Value {
    const object = this.evaluate(expr.object, template, locals);
    return this.member(object, expr.property, expr.optional, expr.range);
  }

  /** Reads `name` from a value, as `x.name` does. */
  member(object: Value, name: string, optional: boolean, range: Range): Value {
    switch (object.kind) {
      case 'object': {
        const entry = property(object, name);
        if (entry) return throughHops(entry.value, object.via);
        if (object.incomplete) return unknownValue(range, object.incomplete);
        return optional ? nullValue(range) : unknownValue(range, `property \`${name}\` is not set`);
      }
      case 'resource':
        return this.resourceMember(object.resource, name, range);
      case 'unknown':
        return unknownFrom(range, object);
      case 'null':
        return optional ? nullValue(range) : unknownValue(range, `cannot read \`${name}\` of null`);
      default:
        return unknownValue(range, `cannot read \`${name}\` of a ${object.kind}`);
    }
  }

  private resourceMember(resource: Resource, name: string, range: Range): Value {
    const symbol = resource.symbolicName ?? resource.type;
    switch (name.toLowerCase()) {
      case 'id':
        return { kind: 'resource', resource, aspect: 'id', range, via: NO_HOPS };
      case 'name':
        // Cached like a declaration: names built from other resources' names chain through a whole template.
        return this.memo(resource.name, resource.name.range, `the name of \`${symbol}\``, () => this.evaluate(resource.name, resource.template));
      case 'type':
        return stringValue(resource.type, range);
      case 'apiversion':
        return resource.apiVersion ? stringValue(resource.apiVersion, range) : unknownValue(range, `resource \`${symbol}\` has no API version`);
    }
    if (resource.existing) return unknownValue(range, `\`${symbol}\` is an existing resource: its \`${name}\` is read at deployment`);
    const body = this.resourceBody(resource);
    const declared = body.kind === 'object' ? property(body, name) : undefined;
    // What the template declares is what the resource will have; anything else is filled in by Azure.
    return declared ? throughHops(declared.value, body.via) : unknownValue(range, `\`${symbol}.${name}\` is known only after deployment`);
  }

  private evaluateIndex(expr: IndexExpr, template: Template, locals: Locals | undefined): Value {
    const object = this.evaluate(expr.object, template, locals);
    const index = this.evaluate(expr.index, template, locals);
    if (object.kind === 'unknown') return unknownFrom(expr.range, object);
    if (index.kind === 'unknown') return unknownValue(expr.range, `the index is unknown: ${index.reason}`);
    if (object.kind === 'array' && index.kind === 'number') {
      const item = object.items[index.value];
      if (item && !object.incomplete) return throughHops(item, object.via);
      if (object.incomplete) return unknownValue(expr.range, object.incomplete);
      return expr.optional ? nullValue(expr.range) : unknownValue(expr.range, `index ${index.value} is out of range`);
    }
    if (index.kind === 'string') return this.member(object, index.value, expr.optional, expr.range);
    return unknownValue(expr.range, `cannot index a ${object.kind} with a ${index.kind}`);
  }

  private evaluateConditional(expr: ConditionalExpr, template: Template, locals: Locals | undefined): Value {
    return this.choose(this.evaluate(expr.test, template, locals), () => this.evaluate(expr.then, template, locals), () => this.evaluate(expr.else, template, locals), expr.range);
  }

  /** `test ? then : else` with a test that may be unknown: when both branches agree the answer is still known. */
  choose(test: Value, then: () => Value, otherwise: () => Value, range: Range): Value {
    if (test.kind === 'boolean') return test.value ? then() : otherwise();
    const a = then();
    const b = otherwise();
    if (sameValue(a, b)) return a;
    const why = test.kind === 'unknown' ? test.reason : `the condition is a ${test.kind}, not a boolean`;
    return unknownValue(range, `depends on a condition that is not known: ${why}`);
  }

  private evaluateFor(expr: ForExpr, template: Template, locals: Locals | undefined): ArrayValue {
    const source = this.evaluate(expr.source, template, locals);
    const collection = source.kind === 'number' && source.value >= 0 ? indices(source.value, source.range) : source;
    if (collection.kind !== 'array' || collection.incomplete || collection.items.length > MAX_UNROLLED_ITEMS) {
      // One representative item, evaluated with unknown loop variables, still shows what every item declares.
      const reason = collection.kind === 'unknown' ? `the loop's collection is unknown: ${collection.reason}` : collection.kind === 'array' && !collection.incomplete ? 'the loop has too many items to unroll' : 'the loop\'s collection is not fully known';
      const bound = this.bind(locals, expr, unknownValue(expr.source.range, reason), unknownValue(expr.source.range, reason));
      return arrayValue([this.evaluate(expr.body, template, bound)], expr.range, reason);
    }
    const items: Value[] = [];
    let incomplete: string | undefined;
    collection.items.forEach((item, i) => {
      const bound = this.bind(locals, expr, throughHops(item, collection.via), numberValue(i, expr.source.range));
      if (expr.condition) {
        const keep = this.evaluate(expr.condition, template, bound);
        if (keep.kind === 'boolean' && !keep.value) return;
        if (keep.kind !== 'boolean') incomplete ??= 'the loop filter is not known';
      }
      items.push(this.evaluate(expr.body, template, bound));
    });
    return arrayValue(items, expr.range, incomplete);
  }

  private bind(locals: Locals | undefined, expr: ForExpr, item: Value, index: Value): Locals {
    const bound = new Map(locals ?? []);
    if (expr.itemName) bound.set(expr.itemName, item);
    if (expr.indexName) bound.set(expr.indexName, index);
    return bound;
  }
}

function indices(count: number, range: Range): ArrayValue {
  const items = Array.from({ length: Math.min(count, MAX_UNROLLED_ITEMS + 1) }, (_, i) => numberValue(i, range));
  return arrayValue(items, range);
}

const bodiesWithoutTemplate = new WeakMap<Resource, ObjectExpr>();

/**
 * A deployment's body with its `properties.template` standing for an unknown value: the inline template is a
 * template of its own in the model, linted as such, and evaluating it again as data under each deployment that
 * encloses it costs more than everything else in a template of nested deployments.
 */
function withoutInlineTemplate(resource: Resource): ObjectExpr {
  let body = bodiesWithoutTemplate.get(resource);
  if (body) return body;
  const isKey = (entry: ObjectEntry, key: string): entry is PropertyEntryExpr => entry.kind === 'property' && entry.key !== undefined && equalsIgnoringCase(entry.key, key);
  const unevaluated = (entry: PropertyEntryExpr): PropertyEntryExpr => ({ ...entry, value: { kind: 'invalid', reason: 'an inline template is evaluated as a template of its own', range: entry.value.range } });
  const withoutTemplate = (properties: ObjectExpr): ObjectExpr => ({ ...properties, entries: properties.entries.map((entry) => (isKey(entry, 'template') ? unevaluated(entry) : entry)) });
  body = { ...resource.body, entries: resource.body.entries.map((entry) => (isKey(entry, 'properties') && entry.value.kind === 'object' ? { ...entry, value: withoutTemplate(entry.value) } : entry)) };
  bodiesWithoutTemplate.set(resource, body);
  return body;
}
