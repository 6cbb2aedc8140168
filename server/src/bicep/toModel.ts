import { newTemplate } from '../model/newTemplate';
import type { CallExpr, Expr, ObjectExpr } from '../model/expr';
import type {
  Decorator,
  Loop,
  Module,
  Output,
  Parameter,
  ParameterFile,
  ParameterFileValue,
  Resource,
  Template,
  UserFunction,
  Variable,
} from '../model/template';
import type { Range } from '../text/range';
import { lowerExpression, lowerObject, Scope } from './lowerExpression';
import type {
  Declaration,
  DecoratorSyntax,
  DeployableValueSyntax,
  ExpressionSyntax,
  ModuleDeclaration,
  ParameterDeclaration,
  ProgramSyntax,
  ResourceDeclaration,
  ErrorSyntax,
  StringSyntax,
} from './syntax';

/** Built-in namespaces, callable as `az.resourceGroup()` and `sys.concat()`. */
const BUILT_IN_NAMESPACES = ['az', 'sys'];

/** The model's readonly types, writable while the lowering assembles them. */
type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Assembling<T> = {
  -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] extends ReadonlyMap<infer Key, infer V> ? Map<Key, V> : T[K];
};

type ResourceUnderConstruction = Mutable<Resource> & {
  children: ResourceUnderConstruction[];
  /** the `parent:` property of a top-level resource, resolved once every resource is known */
  parentReference?: Expr;
};

/** A `.bicep` file as a template; `check` is called before each declaration, and what it throws ends the lowering. */
export function toTemplate(program: ProgramSyntax, text: string, check?: () => void): Template {
  return new TemplateLowering(text, program, false, check).template;
}

/** A `.bicepparam` file: its `param` assignments, evaluated in a scope holding its variables and imports. */
export function toParameterFile(program: ProgramSyntax, text: string): ParameterFile {
  const lowering = new TemplateLowering(text, program, true);
  const values: ParameterFileValue[] = [];
  let using: string | undefined;
  for (const declaration of program.declarations) {
    if (declaration.kind === 'param') {
      const value = lowering.value(declaration.value, declaration.name.range);
      values.push({ name: declaration.name.name, nameRange: declaration.name.range, value, keyVaultReference: false, range: declaration.range });
      // `param b = a` in a parameter file reads the file's own value of `a`.
      lowering.template.parameterValues.set(declaration.name.name, { value, scope: lowering.template as Template, source: 'parameter file', range: declaration.range });
    } else if (declaration.kind === 'using' && declaration.path !== undefined) {
      using = plainString(declaration.path);
    }
  }
  return { language: 'bicep', using, values, scope: lowering.template, range: program.range };
}

function plainString(syntax: StringSyntax | ErrorSyntax): string | undefined {
  return syntax.kind === 'string' && syntax.holes.length === 0 ? syntax.segments[0].value : undefined;
}

/** `Microsoft.KeyVault/vaults@2023-07-01` → type and API version; the default `az:` namespace prefix is dropped. */
function splitResourceType(written: string): { type: string; apiVersion?: string } {
  const unprefixed = written.startsWith('az:') ? written.slice(3) : written;
  const at = unprefixed.lastIndexOf('@');
  return at < 0 ? { type: unprefixed } : { type: unprefixed.slice(0, at), apiVersion: unprefixed.slice(at + 1) };
}

function emptyObject(range: Range): ObjectExpr {
  return { kind: 'object', entries: [], range };
}

function propertyValue(body: ObjectExpr, key: string): Expr | undefined {
  for (const entry of body.entries) if (entry.kind === 'property' && entry.key === key) return entry.value;
  return undefined;
}

/** The resource a `parent:` value names: `kv`, `kv::child`, `vaults[0]`, `kv!`. */
function referencedResource(value: Expr): string | undefined {
  if (value.kind === 'ref') return value.target === 'resource' ? value.name : undefined;
  if (value.kind === 'index') return referencedResource(value.object);
  return undefined;
}

class TemplateLowering {
  readonly template: Assembling<Template>;
  private readonly root = new Scope();
  private readonly resourcesByName = new Map<string, ResourceUnderConstruction>();

  constructor(
    private readonly text: string,
    program: ProgramSyntax,
    parameterFile: boolean,
    check?: () => void,
  ) {
    this.template = newTemplate('bicep', program.range);
    this.bindDeclarations(program.declarations);
    for (const declaration of program.declarations) {
      check?.();
      this.declaration(declaration, parameterFile);
    }
    this.linkParents();
  }

  /** Top-level names are visible everywhere in the file, before and after their declaration. */
  private bindDeclarations(declarations: readonly Declaration[]): void {
    const root = this.root;
    for (const declaration of declarations) {
      switch (declaration.kind) {
        case 'param':
          root.bind(declaration.name.name, 'parameter');
          break;
        case 'var':
          root.bind(declaration.name.name, 'variable');
          break;
        case 'func':
          root.bind(declaration.name.name, 'function');
          break;
        case 'resource':
          root.bind(declaration.name.name, 'resource');
          break;
        case 'module':
          root.bind(declaration.name.name, 'module');
          break;
        case 'import':
          for (const symbol of declaration.symbols) {
            const name = symbol.alias?.name ?? (symbol.name.kind === 'identifier' ? symbol.name.name : undefined);
            if (name !== undefined) root.bind(name, 'import');
          }
          if (declaration.wildcardAlias !== undefined) root.bind(declaration.wildcardAlias.name, 'import');
          break;
        case 'extension': {
          const specification = declaration.specification;
          const name = declaration.alias?.name ?? (specification.kind === 'identifier' ? specification.name : undefined);
          if (name !== undefined) root.bind(name, 'import');
          break;
        }
      }
    }
    // declarations may reuse these names, and then win
    for (const namespace of BUILT_IN_NAMESPACES) root.bind(namespace, 'import');
  }

  private declaration(declaration: Declaration, parameterFile: boolean): void {
    const template = this.template;
    switch (declaration.kind) {
      case 'targetScope': {
        const value = lowerExpression(declaration.value, this.root);
        if (value.kind === 'literal' && typeof value.value === 'string') template.targetScope = value.value;
        break;
      }
      case 'param':
        if (!parameterFile) template.parameters.push(this.parameter(declaration));
        break;
      case 'var': {
        const variable: Variable = {
          name: declaration.name.name,
          nameRange: declaration.name.range,
          value: lowerExpression(declaration.value, this.root),
          range: declaration.range,
        };
        template.variables.push(variable);
        break;
      }
      case 'func': {
        const parameters = declaration.parameters.map((p) => p.name.name);
        const fn: UserFunction = {
          name: declaration.name.name,
          parameters,
          body: lowerExpression(declaration.body, this.root.withLocals(parameters)),
          range: declaration.range,
        };
        template.functions.push(fn);
        break;
      }
      case 'output': {
        const decorators = this.decorators(declaration.decorators);
        const output: Output = {
          name: declaration.name.name,
          nameRange: declaration.name.range,
          type: this.sourceText(declaration.type.range),
          typeRange: declaration.type.range,
          secure: decorators.some((d) => d.name === 'secure'),
          value: lowerExpression(declaration.value, this.root),
          decorators,
          range: declaration.range,
        };
        template.outputs.push(output);
        break;
      }
      case 'resource':
        template.resources.push(this.resource(declaration, undefined, this.root));
        break;
      case 'module':
        template.modules.push(this.module(declaration));
        break;
      case 'import': {
        const target = plainString(declaration.from);
        if (target !== undefined) template.imports.push({ kind: 'import', target, range: declaration.range });
        break;
      }
      case 'extension': {
        const specification = declaration.specification;
        const target = specification.kind === 'identifier' ? specification.name : plainString(specification);
        if (target !== undefined) template.imports.push({ kind: 'extension', target, range: declaration.range });
        break;
      }
      case 'using': {
        const target = declaration.path === undefined ? undefined : plainString(declaration.path);
        if (target !== undefined) template.imports.push({ kind: 'using', target, range: declaration.range });
        break;
      }
      case 'extends': {
        const target = plainString(declaration.path);
        if (target !== undefined) template.imports.push({ kind: 'extends', target, range: declaration.range });
        break;
      }
      // metadata, type, test, assert and extensionConfig declarations have no place in the model
    }
  }

  /** A value that may be missing from a broken declaration. */
  value(syntax: ExpressionSyntax | undefined, at: Range): Expr {
    if (syntax === undefined) return { kind: 'invalid', reason: 'no value is assigned', range: at };
    return lowerExpression(syntax, this.root);
  }

  private sourceText(range: Range): string {
    return this.text.slice(range.start, range.end);
  }

  private decorators(syntax: readonly DecoratorSyntax[]): Decorator[] {
    const decorators: Decorator[] = [];
    for (const decorator of syntax) {
      const expression = decorator.expression;
      if (expression.kind !== 'call') continue;
      const lowered = lowerExpression(expression, this.root) as CallExpr;
      // `@sys.description(...)` is `@description(...)`; the namespace is not an argument
      decorators.push({ name: expression.name, args: lowered.args, range: decorator.range });
    }
    return decorators;
  }

  private parameter(declaration: ParameterDeclaration): Parameter {
    const decorators = this.decorators(declaration.decorators);
    const type = declaration.type;
    let description: string | undefined;
    let allowedValues: Expr | undefined;
    for (const decorator of decorators) {
      const first = decorator.args[0];
      if (decorator.name === 'description' && first?.kind === 'literal' && typeof first.value === 'string') {
        description = first.value;
      } else if (decorator.name === 'allowed' && first !== undefined) {
        allowedValues = first;
      }
    }
    const resourceType = type?.kind === 'resourceType' && type.type !== undefined ? plainString(type.type) : undefined;
    return {
      name: declaration.name.name,
      nameRange: declaration.name.range,
      type: type === undefined ? '' : this.sourceText(type.range),
      typeRange: type?.range ?? declaration.name.range,
      secure: decorators.some((d) => d.name === 'secure'),
      defaultValue: declaration.value === undefined ? undefined : lowerExpression(declaration.value, this.root),
      allowedValues,
      description,
      decorators,
      resourceType,
      range: declaration.range,
    };
  }

  /**
   * The body, condition and loop of a resource or module: `{...}`, `if (c) {...}`, `[for x in xs: {...}]` or
   * `[for x in xs: if (c) {...}]`. Returns the scope the body's expressions use (with the loop's variables).
   */
  private deployable(value: DeployableValueSyntax, scope: Scope) {
    let condition: Expr | undefined;
    let loop: Loop | undefined;
    let bodyScope = scope;
    let body: DeployableValueSyntax | ExpressionSyntax = value;
    if (body.kind === 'for') {
      bodyScope = scope.withLocals([body.item?.name, body.index?.name]);
      loop = {
        itemName: body.item?.name,
        indexName: body.index?.name,
        source: lowerExpression(body.source, scope),
        range: body.range,
      };
      body = body.body;
    }
    if (body.kind === 'if') {
      condition = lowerExpression(body.condition, bodyScope);
      body = body.body;
    }
    const objectSyntax = body.kind === 'object' ? body : undefined;
    return { objectSyntax, fallbackRange: body.range, condition, loop, bodyScope };
  }

  private resource(
    declaration: ResourceDeclaration,
    parent: ResourceUnderConstruction | undefined,
    scope: Scope,
  ): ResourceUnderConstruction {
    const symbolicName = parent === undefined ? declaration.name.name : `${parent.symbolicName}::${declaration.name.name}`;
    const written = splitResourceType(plainString(declaration.type) ?? '');
    let type = written.type;
    let apiVersion = written.apiVersion;
    if (parent !== undefined) {
      // a nested resource may name only its own segment ('secrets') and leave out the API version
      if (!type.includes('/')) type = `${parent.type}/${type}`;
      apiVersion ??= parent.apiVersion;
    }
    const { objectSyntax, fallbackRange, condition, loop, bodyScope } = this.deployable(declaration.value, scope);
    // nested resources are visible by their own name inside the parent's body
    const childScope = new Scope(bodyScope);
    const nested: ResourceDeclaration[] = [];
    for (const member of objectSyntax?.members ?? []) {
      if (member.kind === 'resource') {
        nested.push(member);
        childScope.bind(member.name.name, 'resource', `${symbolicName}::${member.name.name}`);
      }
    }
    const body = objectSyntax === undefined ? emptyObject(fallbackRange) : lowerObject(objectSyntax, childScope);
    const name = propertyValue(body, 'name') ?? {
      kind: 'invalid',
      reason: `resource '${symbolicName}' has no name property`,
      range: body.range,
    };
    const resource: ResourceUnderConstruction = {
      type,
      typeRange: declaration.type.range,
      apiVersion,
      symbolicName,
      name,
      fullName: name,
      parent,
      existing: declaration.existing,
      condition,
      loop,
      body,
      children: [],
      template: this.template as Template,
      range: declaration.range,
      decorators: this.decorators(declaration.decorators),
    };
    if (parent === undefined) resource.parentReference = propertyValue(body, 'parent');
    this.resourcesByName.set(symbolicName, resource);
    for (const child of nested) resource.children.push(this.resource(child, resource, childScope));
    return resource;
  }

  private module(declaration: ModuleDeclaration): Module {
    const { objectSyntax, fallbackRange, condition, loop, bodyScope } = this.deployable(declaration.value, this.root);
    return {
      symbolicName: declaration.name.name,
      source: plainString(declaration.path) ?? '',
      sourceRange: declaration.path.range,
      body: objectSyntax === undefined ? emptyObject(fallbackRange) : lowerObject(objectSyntax, bodyScope),
      condition,
      loop,
      template: this.template as Template,
      range: declaration.range,
      decorators: this.decorators(declaration.decorators),
    };
  }

  /**
   * Links top-level resources to the resource named by their `parent:` property, then composes every full
   * name from its parent's (`vault/secret`), parents first.
   */
  private linkParents(): void {
    for (const resource of this.resourcesByName.values()) {
      if (resource.parentReference === undefined) continue;
      const parentName = referencedResource(resource.parentReference);
      const parent = parentName === undefined ? undefined : this.resourcesByName.get(parentName);
      if (parent !== undefined && parent !== resource) resource.parent = parent;
      delete resource.parentReference;
    }
    const composed = new Set<ResourceUnderConstruction>();
    const compose = (resource: ResourceUnderConstruction, visiting: Set<ResourceUnderConstruction>): void => {
      if (composed.has(resource)) return;
      const parent = resource.parent as ResourceUnderConstruction | undefined;
      if (parent !== undefined && !visiting.has(parent)) {
        visiting.add(resource);
        compose(parent, visiting);
        resource.fullName = this.childFullName(parent.fullName, resource.name);
      }
      composed.add(resource);
    };
    for (const resource of this.resourcesByName.values()) compose(resource, new Set());
  }

  private childFullName(parentFullName: Expr, name: Expr): Expr {
    const at = name.range.start;
    const separator: Expr = { kind: 'literal', value: '/', range: { start: at, end: at } };
    return { kind: 'call', name: 'concat', args: [parentFullName, separator, name], range: name.range, nameRange: name.range };
  }
}
